// The Sweep view: sweep a producer's rate over a few values with three seeds each and see the
// curves with error bars and the table; open a sweep from a share link; find the highest rate a
// small pipeline sustains and check it against the command line.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { linkHash, SweepPage } from './pages/SweepPage';

test.use({ viewport: { width: 1440, height: 1000 } });

test('sweeps a producer rate over 3 values with 3 seeds: curves with error bars and a table', async ({ page }) => {
  const sweep = new SweepPage(page);
  await sweep.goto();
  await sweep.openExample('broker-failure');
  await sweep.open();
  await sweep.field('sweep-setting-0').selectOption('producers[checkout].rate.recordsPerSec');
  await sweep.field('sweep-values-mode-0').selectOption('list');
  await sweep.fill('sweep-list-0', '5000, 10000, 20000');
  await sweep.fill('sweep-seeds', '3');
  await sweep.fill('sweep-warmup', '2');
  await sweep.fill('sweep-duration', '8');
  await expect(sweep.problem).toHaveCount(0);
  await sweep.run.click();
  expect(await sweep.finished()).toBe('done');
  await expect(sweep.progress).toContainText('9 of 9 runs');
  const rows = await sweep.rows();
  expect(rows.map((r) => r[0])).toEqual(['5,000', '10,000', '20,000']);
  expect(rows.map((r) => r[1])).toEqual(['3', '3', '3']);
  // One chart per chosen metric, each with an error bar at each of the three points.
  await expect(sweep.charts).toHaveCount(3);
  for (const chart of await sweep.charts.all()) {
    await expect(chart.locator('.sweep-point')).toHaveCount(3);
    await expect(sweep.errorBars(chart)).toHaveCount(3);
  }
  await sweep.panel.screenshot({ path: 'test-results/sweep-rate.png' });
});
