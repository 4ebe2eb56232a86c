// Smoke test: the built app loads, renders its title, stays quiet in the console
// and does not talk to anything beyond localhost. The two checks are soft so one run reports both.
import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { HomePage } from './pages/HomePage';

const SCREENSHOT_DIR = 'test-results/screenshots';

test('home page renders cleanly and offline', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();

  await expect(page).toHaveTitle('Streamlab');
  await expect(home.title).toHaveText('Streamlab');

  expect.soft(home.consoleErrors, 'console errors').toEqual([]);
  expect.soft(home.externalRequests, 'requests to non-local hosts').toEqual([]);

  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await home.screenshot(`${SCREENSHOT_DIR}/home.png`);
});
