// Export ▾ → Stack (zip): the document menu downloads a zip of the stack (compose.yaml, scripts, PySpark jobs,
// README), with the predictions of the last finished run of the same pipeline when there is one.
import { mkdirSync, readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { expect, test, type Page } from '@playwright/test';
import { parse as parseYaml } from 'yaml';
import { PersistPage } from './pages/PersistPage';
import { RunPage } from './pages/RunPage';

mkdirSync('test-results/screenshots', { recursive: true });

async function exportZip(page: Page): Promise<{ name: string; files: Record<string, string> }> {
  const downloading = page.waitForEvent('download');
  await page.getByTestId('menu-export').click();
  await page.getByTestId('menu-export-stack').click();
  const download = await downloading;
  const zipped = unzipSync(new Uint8Array(readFileSync((await download.path()) ?? '')));
  const files = Object.fromEntries(Object.entries(zipped).map(([path, bytes]) => [path, strFromU8(bytes)]));
  return { name: download.suggestedFilename(), files };
}

test('Export stack downloads a zip with compose.yaml and the job scripts', async ({ page }) => {
  const app = new PersistPage(page);
  await app.goto();
  await app.openExample('two-stage-jobs');
  const { name, files } = await exportZip(page);
  expect(name).toBe('two-jobs-chained-through-a-topic-stack.zip');
  const dir = 'two-jobs-chained-through-a-topic-stack/';
  expect(Object.keys(files).sort()).toEqual(
    [
      'README.md',
      'compose.yaml',
      'create-topics.sh',
      'jobs/cleaner.py',
      'jobs/page-counts.py',
      'jobs/submit.sh',
      'load.sh',
      'load/web-tier.py',
    ].map((f) => dir + f),
  );
  // The producer has keys and Poisson gaps: its records come from the script, into the console producer.
  expect(files[`${dir}load/web-tier.py`]).toContain('KEYS = ("uniform", 100000, 0.0)');
  expect(files[`${dir}load.sh`]).toContain('python3 load/web-tier.py | docker compose exec');
  const compose = parseYaml(files[`${dir}compose.yaml`]!) as { services: Record<string, { image: string }> };
  const images = new Set(Object.values(compose.services).map((s) => s.image));
  expect([...images].sort()).toEqual(['apache/kafka:4.1.0', 'apache/spark:3.5.6-java17-python3']);
  expect(files[`${dir}jobs/cleaner.py`]).toContain('spark.readStream.format("kafka")');
  expect(files[`${dir}README.md`]).toContain('No predictions in this export');
  await expect(app.noticeText).toContainText('No predictions in it');
  expect(app.pageErrors).toEqual([]);
});

test('the Export menu works from the keyboard and the top bar still fits at 1280 px', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const app = new PersistPage(page);
  await app.goto();
  const button = page.getByTestId('menu-export');
  await button.focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('menu-export-png')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('menu-export-stack')).toBeFocused();
  await page.screenshot({ path: 'test-results/screenshots/export-menu.png' });
  await page.keyboard.press('Escape');
  await expect(button).toBeFocused();
  await expect(page.getByRole('menu', { name: 'Export' })).toHaveCount(0);
  // The stack item downloads at once (no dialog follows), so its name has no ellipsis; afterwards
  // focus is back on the Export button, not dropped to the page while the export ran.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await expect(page.getByTestId('menu-export-stack')).toBeFocused();
  await expect(page.getByTestId('menu-export-stack').locator('.example-name')).toHaveText('Stack (zip)');
  const downloading = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  await downloading;
  await expect(app.noticeText).toContainText('No predictions in it');
  await expect(button).toBeFocused();
  await expect(button).not.toHaveAttribute('aria-disabled', 'true');
  await page.screenshot({ path: 'test-results/screenshots/export-after-stack.png' });
  // And from the mouse.
  const again = page.waitForEvent('download');
  await button.click();
  await page.getByTestId('menu-export-stack').click();
  await again;
  await expect(button).toBeFocused();
  // Every top-bar control is inside the bar (the document name may shrink to nothing, as before).
  const overflow = await page.locator('header.topbar').evaluate((bar) => {
    const right = bar.getBoundingClientRect().right;
    return [...bar.querySelectorAll('button, select')]
      .filter((el) => el.getBoundingClientRect().right > right + 0.5)
      .map((el) => el.textContent);
  });
  expect(overflow).toEqual([]);
});

test('after a finished run, the README carries its predictions', async ({ page }) => {
  test.setTimeout(180_000);
  const app = new PersistPage(page);
  const run = new RunPage(page);
  await app.goto();
  await app.openExample('clickstream-personalisation');
  await run.setSpeed('max');
  await run.play.click();
  await expect(run.status).toHaveText('Finished', { timeout: 120_000 });
  const { files } = await exportZip(page);
  const readme = files['clickstream-personalisation-stack/README.md']!;
  expect(readme).toContain(`From the app's run "Clickstream personalisation #1"`);
  expect(readme).toMatch(/\| Acknowledged throughput \| [\d,.]+ records\/s \|/);
  expect(readme).toMatch(/\| personaliser \| \d+ \|/);
  await expect(app.noticeText).toContainText('with the predictions of Clickstream personalisation #1');
  expect(app.pageErrors).toEqual([]);
});
