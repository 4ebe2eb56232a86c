// Runs the Playwright suite against whichever Chromium findChromium() picks.
// Extra arguments are passed through, e.g. `npm run test:e2e -- --headed`.
import { spawn } from 'node:child_process';
import { findChromium, NOT_FOUND_MESSAGE } from './find-chromium.mjs';

const chromiumPath = await findChromium();
if (!chromiumPath) {
  console.error(NOT_FOUND_MESSAGE);
  process.exit(1);
}

const child = spawn('npx', ['playwright', 'test', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, CHROMIUM_PATH: chromiumPath },
});
child.on('error', (err) => {
  console.error(`Could not start Playwright: ${err.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
