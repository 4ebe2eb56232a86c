// Replay from the app: plan an offset reset of a consumer group in the Faults panel, run, and find
// the re-read records under Replayed in the totals, apart from Reprocessed.
import { mkdirSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { FaultsPage } from './pages/FaultsPage';

mkdirSync('test-results/screenshots', { recursive: true });
test.use({ viewport: { width: 1440, height: 1000 } });

test('an offset reset re-reads records, shown as Replayed, not Reprocessed', async ({ page }) => {
  const faults = new FaultsPage(page);
  const doc = JSON.parse(readFileSync('examples/broker-failure.json', 'utf8')) as Record<string, unknown>;
  doc.faults = [];
  doc.run = { seed: 3, durationSec: 40 };
  const group = (doc.consumerGroups as { id: string }[])[0]!.id;
  await faults.startWith(doc);
  await faults.goto();

  await faults.add.click();
  await faults.kind.selectOption('offsetReset');
  await expect(faults.field('Consumer group')).toHaveValue(group);
  await expect(faults.field('Reset to')).toHaveValue('earliest');
  // The value field follows the reset target.
  await expect(faults.field('Records from (s)')).toHaveCount(0);
  await faults.field('Reset to').selectOption('time');
  await faults.field('Starts at (s)').fill('20');
  await faults.field('Records from (s)').fill('5');
  await expect(faults.panel.getByText('retention has deleted are gone', { exact: false })).toBeVisible();
  await faults.page.screenshot({ path: 'test-results/screenshots/replay-form.png' });
  await faults.save.click();
  await expect(faults.row(0)).toContainText(`${group} offsets reset to records from 5 s at 20 s`);

  await faults.speed.selectOption('max');
  await faults.play.click();
  await expect(page.getByTestId('run-status')).toHaveText('Finished', { timeout: 60_000 });
  const replayed = page.getByTestId('total-replayed');
  await expect(replayed).toBeVisible();
  // About 15 s of the producers' traffic was read a second time.
  expect(Number(await replayed.getAttribute('data-value'))).toBeGreaterThan(1000);
  await expect(page.getByTestId('total-duplicates')).toHaveCount(0);
  await faults.page.screenshot({ path: 'test-results/screenshots/replay-totals.png' });
  expect(faults.pageErrors).toEqual([]);
});
