// Honest readings on the IoT example with its alerts database held to 5,000 writes/s: it takes no more from
// the alerting group, whose lag then grows (shown both ways, with its age, and "not draining");
// consumption is shown per reader, never summed; the 2 s Spark job's rate is a mean over 2 s.
import { mkdirSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { ReadingsPage } from './pages/ReadingsPage';
import { RunPage } from './pages/RunPage';

const SCREENSHOTS = process.env.READINGS_SHOTS ?? 'test-results/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });
test.use({ viewport: { width: 1600, height: 1000 } });

function iot(durationSec: number): Record<string, unknown> {
  const doc = JSON.parse(readFileSync('examples/iot-sensor-monitoring.json', 'utf8')) as Record<
    string,
    unknown
  >;
  doc.run = { ...(doc.run as object), durationSec };
  // A slow alerts database: every record the alerting group processes is written to it.
  doc.sinks = (doc.sinks as { id: string }[]).map((s) =>
    s.id === 'alerts-db' ? { ...s, maxRecordsPerSec: 5000 } : s,
  );
  return doc;
}

test('a slow sink holds its writer back, lag shows it, readers are counted apart', async ({ page }) => {
  const run = new RunPage(page);
  const readings = new ReadingsPage(page);
  await run.prepare(iot(30));
  await run.goto();
  await run.setSpeed('max');
  await run.play.click();
  await expect(run.status).toHaveText('Finished', { timeout: 60_000 });

  // One consumption total per reader, each at most what was produced; no summed "Consumed".
  await expect(readings.consumedTotals).toHaveCount(2);
  const produced = await run.totalValue('produced');
  const alerting = await run.totalValue('consumed-alerting');
  const detector = await run.totalValue('consumed-anomaly-detector');
  expect(detector).toBeLessThanOrEqual(produced);
  // The alerts database takes 5,000 writes/s: the alerting group consumed about 30 x 5,000.
  expect(alerting).toBeLessThanOrEqual(30 * 5000);
  expect(alerting).toBeGreaterThan(25 * 5000);
  await expect(readings.consumedBy('alerting')).toContainText('Consumed by alerting');

  // The sink shows the limit it is held to, and how busy that limit is.
  expect(await readings.rateValue('alerts-db')).toBeLessThanOrEqual(5000 * 1.05);
  await expect(page.getByTestId('live-alerts-db')).toContainText(/limit \d+% busy/);
  // The group's lag: from the position with its age and that it is not draining, then committed.
  await expect(readings.lagLine('alerting')).toContainText(/unread .* old · not draining · committed lag \d/);

  // The 2 s Spark job's rate is a mean over 2 s, so it is never the 0 between two batches.
  await expect(readings.rate('anomaly-detector')).toContainText('(2 s mean)');
  expect(await readings.rateValue('anomaly-detector')).toBeGreaterThan(30_000);

  // Per partition, as kafka-consumer-groups prints it.
  await readings.select('alerting');
  await expect(readings.lagRows('alerting')).toHaveCount(24);
  await page.screenshot({ path: `${SCREENSHOTS}/readings-iot.png` });
  await readings.lagTable('alerting').screenshot({ path: `${SCREENSHOTS}/readings-lag-table.png` });
  await page.getByTestId('node-alerting').screenshot({ path: `${SCREENSHOTS}/readings-group-node.png` });

  await run.chart('spark-anomaly-detector').scrollIntoViewIfNeeded();
  await expect(run.chart('spark-anomaly-detector')).toContainText('Input rate (mean over the last 2 s)');
  await run.chart('lag').scrollIntoViewIfNeeded();
  await expect(run.chart('lag')).toContainText('alerting · position');
  await run.chart('lag').screenshot({ path: `${SCREENSHOTS}/readings-lag-chart.png` });
  expect(run.pageErrors).toEqual([]);
});
