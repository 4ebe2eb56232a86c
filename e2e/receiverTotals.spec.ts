// A pipeline of Spark receivers alone (iot-receivers: a Kinesis-style source, no Kafka) in the
// results: the totals add up (produced = consumed + in flight + lost, acknowledged = processed) and
// use receiver words (Arrived, Processed, Not yet processed, with where those are),
// the Throughput chart draws what the receivers took instead of a flat Acknowledged line, the CSV
// has the source's produced column, the broker chart and the cluster strip are gone, the run list
// counts the source in its figures, and the sweep offers no broker count.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { SCREENSHOT_DIR } from './pages/CanvasPage';
import { ChartsPage } from './pages/ChartsPage';
import { RunPage } from './pages/RunPage';
import { RunsPage } from './pages/RunsPage';
import { SweepPage } from './pages/SweepPage';

test.use({ viewport: { width: 1440, height: 1000 } });

// 120 s of 4,000 readings/s (Poisson: 4 standard deviations of 480,000 is about 2,800).
const EXPECTED_PRODUCED = 120 * 4000;

test('iot-receivers: totals that add up, the source in the charts, the CSV and the figures', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const run = new RunPage(page);
  await run.prepare(JSON.parse(readFileSync('examples/iot-receivers.json', 'utf8')));
  await run.goto();
  await expect(page.getByTestId('cluster')).toHaveCount(0);
  await run.setSpeed('max');
  await run.play.click();
  await expect(run.status).toHaveText('Finished', { timeout: 120_000 });

  const produced = await run.totalValue('produced');
  const acknowledged = await run.totalValue('acknowledged');
  const inFlight = await run.totalValue('in-flight');
  const consumed = await run.totalValue('consumed-building-monitor');
  const lost = Number(await page.getByTestId('total-lost').getAttribute('data-value'));
  const refused = await run.totalValue('refused');
  const dropped = await run.totalValue('dropped');
  expect(Math.abs(produced - EXPECTED_PRODUCED)).toBeLessThan(2800);
  expect(produced).toBe(consumed + inFlight + refused + dropped + lost);
  expect(acknowledged).toBe(consumed);
  // The batch of 120 s is running: 2 s of readings, about 8,000, are in flight.
  expect(inFlight).toBeGreaterThan(7000);
  // The driver failure's lost blocks: about 0.6 s of readings.
  expect(lost).toBeGreaterThan(2000);
  // No broker here: the totals say what happened to the readings that arrived at the source.
  await expect(page.getByTestId('total-produced').locator('dt')).toHaveText('Arrived');
  await expect(page.getByTestId('total-acknowledged').locator('dt')).toHaveText('Processed');
  await expect(page.getByTestId('total-in-flight').locator('dt')).toHaveText('Not yet processed');
  // Where those are, in the Spark UI's words: the parts add up to the figure.
  const parts = (await page.getByTestId('total-in-flight-parts').textContent()) ?? '';
  expect(parts).toMatch(/^\([\d,]+ in batches · [\d,]+ in blocks/);
  const inParts = [...parts.matchAll(/([\d,]+) (in|at) /g)].map((m) => Number(m[1]!.replace(/,/g, '')));
  expect(inParts.reduce((a, b) => a + b, 0)).toBe(inFlight);

  const throughput = page.getByTestId('chart-throughput');
  await expect(throughput.getByTestId('legend-received')).toHaveText(/Received by receivers/);
  await expect(throughput.getByTestId('legend-acknowledged')).toHaveCount(0);
  await expect(throughput).toContainText('no broker acknowledges those');
  await expect(page.getByTestId('chart-brokers')).toHaveCount(0);
  await expect(page.getByTestId('cluster')).toHaveCount(0);
  // Half-way (60 s, the pipeline steady): about 4,000 produced and received a second.
  const charts = new ChartsPage(page);
  await throughput.scrollIntoViewIfNeeded();
  await charts.hover('throughput', 0.5);
  const readout = throughput.getByTestId('chart-readout');
  await expect(readout).toContainText(/Produced: [34],\d{3} records\/s/);
  await expect(readout).toContainText(/Received by receivers: [34],\d{3} records\/s/);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/receiver-totals.png` });

  // The CSV's produced column of the source sums to the Produced total, but for the block cut at
  // the run's last instant, after its last row was taken: at most 200 ms of 4,000 readings/s.
  const downloading = page.waitForEvent('download');
  await run.downloadCsv.click();
  const csv = readFileSync((await (await downloading).path()) ?? '', 'utf8')
    .trim()
    .split('\n');
  const header = csv[0]!.split(',');
  const column = header.indexOf('sensor-stream.produced');
  expect(column).toBeGreaterThan(0);
  const sum = csv.slice(1).reduce((a, line) => a + Number(line.split(',')[column]), 0);
  expect(produced - sum).toBeGreaterThanOrEqual(0);
  expect(produced - sum).toBeLessThan(1000);

  // The kept run's figures count the source: about 4,000 records/s taken and processed, and the
  // readings that waited while the driver was down (15 s x 4,000 = 60,000 and more).
  const runs = new RunsPage(page);
  await runs.open();
  await expect(runs.row(1)).toBeVisible();
  expect(await runs.figure(1, 'throughput')).toBeGreaterThan(3900);
  expect(await runs.figure(1, 'processed')).toBeGreaterThan(3800);
  expect(await runs.figure(1, 'maxLagRecords')).toBeGreaterThan(58_000);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/receiver-totals-runs.png` });

  // No broker count to sweep: nothing goes through the brokers.
  const sweep = new SweepPage(page);
  await sweep.open();
  const options = await sweep.field('sweep-setting-0').locator('option').allTextContents();
  expect(options.join('\n')).not.toContain('cluster: brokers');
  expect(options.join('\n')).toContain('sensor-stream');
  expect(run.pageErrors).toEqual([]);
});

test('a sweep of the receiver source rate: the figures follow the rate', async ({ page }) => {
  test.setTimeout(180_000);
  const sweep = new SweepPage(page);
  await sweep.goto();
  await sweep.openExample('iot-receivers');
  await sweep.open();
  await sweep.field('sweep-setting-0').selectOption('sparkSources[sensor-stream].rate.recordsPerSec');
  await sweep.field('sweep-values-mode-0').selectOption('list');
  await sweep.fill('sweep-list-0', '2000, 4000');
  await sweep.fill('sweep-seeds', '1');
  await sweep.fill('sweep-warmup', '4');
  // 30 s: before the example's executor loss (40.1 s).
  await sweep.fill('sweep-duration', '30');
  await sweep.run.click();
  expect(await sweep.finished()).toBe('done');
  const rows = await sweep.rows();
  const number = (cell: string | undefined) => Number((cell ?? '').replace(/,/g, '').match(/[\d.]+/)?.[0]);
  // Columns: value, seeds, acknowledged, processed, p99, max lag (the default metrics).
  for (const [i, rate] of [2000, 4000].entries()) {
    const row = rows[i]!;
    // Taken by the receivers and processed: the rate (Poisson, 26 s: within 3 %).
    expect(Math.abs(number(row[2]) - rate)).toBeLessThan(rate * 0.03);
    expect(Math.abs(number(row[3]) - rate)).toBeLessThan(rate * 0.03);
    // Lag: at least one 2 s batch of readings waits at each batch's start.
    expect(number(row[5])).toBeGreaterThan(2 * rate * 0.9);
  }
  await sweep.panel.screenshot({ path: `${SCREENSHOT_DIR}/receiver-totals-sweep.png` });
  expect(sweep.pageErrors).toEqual([]);
});
