// "How accurate is this?": the top-bar entry opens a real dialog with the validation report's
// table, closes with its button and with Escape, and gives focus back to the entry.
import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { AccuracyPage } from './pages/AccuracyPage';
import { HomePage } from './pages/HomePage';

const SCREENSHOT_DIR = 'test-results/screenshots';

test.use({ viewport: { width: 1280, height: 720 } });

test('the accuracy dialog shows the M/M/1 case with its theory, simulation, bound and result', async ({
  page,
}) => {
  const home = new HomePage(page);
  await home.goto();
  const accuracy = new AccuracyPage(page);
  // The top bar was full at 1280 px before the entry came: everything must still fit side by side.
  expect(await accuracy.overlappingTopBarControls()).toEqual([]);
  await accuracy.open();

  const row = accuracy.row('mm1-half.mean');
  await expect(row).toBeVisible();
  // Theory: W = 1 / (mu - lambda) with lambda 250/s, mu 500/s.
  await expect(row.getByRole('cell').first()).toHaveText('4 ms');
  await expect(row).toContainText('±5%');
  await expect(row).toContainText('pass');
  await expect(accuracy.caseBlock('mm1-half')).toContainText('What the model leaves out');
  // The calibration section: each row of the published benchmark against the model.
  await expect(accuracy.dialog.getByRole('heading', { name: 'Calibration (Kreps 2014)' })).toBeVisible();
  // The first calibration row: one producer without replication, measured at 821,557 records/s.
  const kreps = accuracy.row('kreps-1p-rf1.throughput');
  await expect(kreps.getByRole('cell').first()).toHaveText('821,557 records/s');
  await expect(kreps).toContainText('±25%');
  // A known miss is shown as one, with its reason.
  await expect(accuracy.row('kreps-1p-rf3-acksall.throughput')).toContainText('miss (known issue)');

  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}/accuracy-light.png` });
  await accuracy.caseBlock('mm1-half').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/accuracy-light-case.png` });

  const axe = await new AxeBuilder({ page }).include('[data-testid="accuracy-dialog"]').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  await accuracy.close.click();
  await expect(accuracy.dialog).toBeHidden();
  await expect(accuracy.entry).toBeFocused();
  expect(home.consoleErrors).toEqual([]);
});

test('a wide window names the entry in words', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 900 });
  await new HomePage(page).goto();
  const accuracy = new AccuracyPage(page);
  await expect(accuracy.entry).toHaveText(/How accurate is this\?/);
  await expect(accuracy.entry.getByText('How accurate is this?')).toBeVisible();
  expect(await accuracy.overlappingTopBarControls()).toEqual([]);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({
    path: `${SCREENSHOT_DIR}/accuracy-entry-wide.png`,
    clip: { x: 0, y: 0, width: 1600, height: 60 },
  });
});

test('Escape closes the accuracy dialog; it reads in the dark theme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await new HomePage(page).goto();
  const accuracy = new AccuracyPage(page);
  await accuracy.open();
  await expect(accuracy.close).toBeFocused();
  // End on the focused close button: the dialog itself has nothing to scroll (the body does), so
  // its header stays on screen instead of scrolling away to a blank area.
  await page.keyboard.press('End');
  expect(await accuracy.dialog.evaluate((d) => [d.scrollTop, d.scrollHeight - d.clientHeight])).toEqual([
    0, 0,
  ]);
  await expect(accuracy.close).toBeInViewport();
  await accuracy.caseBlock('little').scrollIntoViewIfNeeded();
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}/accuracy-dark.png` });

  const axe = await new AxeBuilder({ page }).include('[data-testid="accuracy-dialog"]').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  await page.keyboard.press('Escape');
  await expect(accuracy.dialog).toBeHidden();
  await expect(accuracy.entry).toBeFocused();
});
