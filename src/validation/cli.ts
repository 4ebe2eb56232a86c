// npm run validate: runs the validation suite, writes docs/accuracy.md and the JSON the app shows,
// and prints each case as it finishes with the wall time. Exits 1 when a figure misses its bound
// for no known reason or a case cannot run (the files are written anyway, to see why).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { renderMarkdown } from './markdown';
import { JSON_PATH, MARKDOWN_PATH, REPO_ROOT } from './paths';
import { INTRO, SECTIONS } from './registry';
import { runSuite } from './suite';

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  process.stdout.write(`wrote ${relative(REPO_ROOT, path)}\n`);
}

const started = performance.now();
let last = started;
const report = runSuite(INTRO, SECTIONS, (c) => {
  const now = performance.now();
  const passed = c.checks.filter((r) => r.pass).length;
  const state =
    c.failure !== undefined ? `could not run: ${c.failure}` : `${passed}/${c.checks.length} within bound`;
  process.stdout.write(`${c.id.padEnd(20)} ${state.padEnd(22)} ${((now - last) / 1000).toFixed(1)} s\n`);
  last = now;
});
write(MARKDOWN_PATH, renderMarkdown(report));
write(JSON_PATH, `${JSON.stringify(report, null, 2)}\n`);

const s = report.summary;
const unexpected = s.checks - s.passed - s.knownIssues;
process.stdout.write(
  `${s.passed} of ${s.checks} figures within bound, ${s.knownIssues} known issues, ${unexpected} unexpected misses, ` +
    `${s.brokenCases} cases that could not run; wall time ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
);
if (unexpected > 0 || s.brokenCases > 0) process.exitCode = 1;
