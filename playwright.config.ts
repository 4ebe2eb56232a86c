// End-to-end tests run against the production build served by `vite preview`.
// The browser is a locally installed Chromium (see scripts/find-chromium.mjs); no download needed.
import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

const CI = !!process.env.CI;
// E2E_PORT lets several checkouts (or helpers) run their own preview server side by side.
const PORT = Number(process.env.E2E_PORT) || 4173;
const BASE_URL = `http://localhost:${PORT}`;
// A port of its own gets a build folder of its own, so parallel runs never serve each other's build.
const OUT_DIR = PORT === 4173 ? 'dist' : `dist-e2e-${PORT}`;
// The key the app keeps in localStorage once its first-visit guide is finished or skipped
// (src/app/guide/guideStorage.ts).
const GUIDE_SEEN_KEY = 'streamlab.guide.v1';

// scripts/run-e2e.mjs sets CHROMIUM_PATH; when Playwright is run directly, try the Debian binary,
// and otherwise let Playwright use its own browser.
const executablePath =
  process.env.CHROMIUM_PATH || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig({
  testDir: 'e2e',
  // e2e/figures measures speed for the notes (npm run bench:ui); npm test leaves it out.
  testIgnore: process.env.E2E_FIGURES ? [] : ['figures/**'],
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  workers: CI ? 1 : undefined,
  reporter: 'list',
  use: {
    baseURL: BASE_URL,
    // Every browser context starts with the first-visit guide marked as skipped, so its card never
    // covers what a test clicks. This reaches contexts made with browser.newContext() too; a spec
    // that wants a first visit passes empty storage (e2e/guide.spec.ts, e2e/README.md).
    storageState: {
      cookies: [],
      origins: [{ origin: BASE_URL, localStorage: [{ name: GUIDE_SEEN_KEY, value: 'skipped' }] }],
    },
    headless: true,
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: `npx vite build --outDir ${OUT_DIR} && npx vite preview --outDir ${OUT_DIR} --port ${PORT} --strictPort`,
    url: BASE_URL,
    // Always a fresh build: a leftover server could be serving yesterday's code.
    reuseExistingServer: false,
    timeout: 120_000,
  },
});
