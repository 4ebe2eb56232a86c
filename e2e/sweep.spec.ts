// The Sweep view: sweep a producer's rate over a few values with three seeds each and see the
// curves with error bars and the table; open a sweep from a share link; find the highest rate a
// small pipeline sustains and check it against the command line.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { RunPage } from './pages/RunPage';
import { RunsPage } from './pages/RunsPage';
import { linkHash, SweepPage } from './pages/SweepPage';

test.use({ viewport: { width: 1440, height: 1000 } });

test('sweeps a producer rate over 3 values with 3 seeds: curves with error bars and a table', async ({
  page,
}) => {
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
  // Each row's Open button is in sight inside the table's box (it stays at the right edge).
  const [wrapBox, openBox] = await Promise.all([
    page.getByTestId('sweep-table-wrap').boundingBox(),
    sweep.table.getByRole('button', { name: 'Open' }).first().boundingBox(),
  ]);
  expect(openBox!.x + openBox!.width).toBeLessThanOrEqual(wrapBox!.x + wrapBox!.width);
  const rows = await sweep.rows();
  expect(rows.map((r) => r[0])).toEqual(['5,000', '10,000', '20,000']);
  expect(rows.map((r) => r[1])).toEqual(['3', '3', '3']);
  // One chart per chosen metric (the four defaults: acknowledged and processed throughput, p99,
  // max lag), each with an error bar at each of the three points.
  await expect(sweep.charts).toHaveCount(4);
  for (const chart of await sweep.charts.all()) {
    await expect(chart.locator('.sweep-point')).toHaveCount(3);
    await expect(sweep.errorBars(chart)).toHaveCount(3);
  }
  await sweep.panel.screenshot({ path: 'test-results/sweep-rate.png' });
});

/** A producer into a topic read by one consumer that takes 1 ms a record: capacity 1,000 records/s. */
const SLOW_CONSUMER = {
  version: 1,
  name: 'One slow consumer',
  cluster: { brokers: [{ id: 'b1', hardware: { preset: 'cloud-2024' } }] },
  topics: [{ id: 'orders', partitions: 2 }],
  producers: [{ id: 'orders-in', rate: { kind: 'poisson', recordsPerSec: 500 } }],
  consumerGroups: [{ id: 'billing', members: 1, processing: { distribution: 'fixed', meanMs: 1 } }],
  sinks: [],
  edges: [
    { from: 'orders-in', to: 'orders' },
    { from: 'orders', to: 'billing' },
  ],
  run: { seed: 3, durationSec: 20 },
};
const RATE = 'producers[orders-in].rate.recordsPerSec';

test('a link carrying a search opens it ready to run; the limit found matches the command line', async ({
  page,
}) => {
  const sweep = new SweepPage(page);
  const spec = {
    kind: 'search',
    setting: RATE,
    low: 200,
    high: 2000,
    seeds: 2,
    warmupSec: 4,
    durationSec: 20,
    tolerance: 0.05,
    criteria: { maxLagGrowth: 0.01, noLoss: true },
  };
  await sweep.goto(linkHash(SLOW_CONSUMER, spec));
  await expect(sweep.linkNote).toContainText('ready to run');
  await expect(page.getByTestId('search-setting')).toHaveValue(RATE);
  await expect(page.getByTestId('search-low')).toHaveValue('200');
  await expect(page.getByTestId('search-seeds')).toHaveValue('2');
  // Its cloud broker's network bursts for 600 s: a 20 s probe sees only the burst, and the form says so.
  await expect(page.getByTestId('search-run-length-note')).toContainText('holds for bursts');
  // Nothing runs until asked.
  await expect(sweep.progress).toHaveCount(0);
  await sweep.run.click();
  expect(await sweep.finished()).toBe('done');
  await expect(sweep.limit).toHaveAttribute('data-outcome', 'found');
  const app = {
    value: Number(await sweep.limit.getAttribute('data-value')),
    low: Number(await sweep.limit.getAttribute('data-low')),
    high: Number(await sweep.limit.getAttribute('data-high')),
  };
  await expect(sweep.limit).toContainText('Highest rate of orders-in');
  await expect(page.getByTestId('search-table').locator('tbody tr').first()).toContainText('yes');
  await sweep.panel.screenshot({ path: 'test-results/sweep-search.png' });

  // The same search on the command line, on the same engine and seeds.
  const dir = mkdtempSync(join(tmpdir(), 'sweep-e2e-'));
  const file = join(dir, 'slow.json');
  writeFileSync(file, JSON.stringify(SLOW_CONSUMER));
  const out = execFileSync(
    'npx',
    [
      'tsx',
      'src/cli/sweep.ts',
      file,
      '--search',
      `${RATE}=200..2000`,
      '--seeds',
      '2',
      '--warmup',
      '4',
      '--duration',
      '20',
      '--tolerance',
      '0.05',
      '--criteria',
      'lag<=0.01,noloss',
      '--json',
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const cli = JSON.parse(out) as { value: number; interval: { low: number; high: number } };
  expect(app).toEqual({ value: cli.value, low: cli.interval.low, high: cli.interval.high });
  // The consumer's capacity, 1,000 records/s, lies within the interval found.
  expect(app.low).toBeLessThanOrEqual(1000);
  expect(app.high).toBeGreaterThanOrEqual(1000);
});

test('a link with a hostile spec opens the document, says why, and runs nothing', async ({ page }) => {
  const sweep = new SweepPage(page);
  const hostile = {
    kind: 'sweep',
    seeds: 1000,
    axes: [{ setting: 'producers[x].rate', values: { kind: 'list', values: [1] } }],
  };
  await sweep.goto(linkHash(SLOW_CONSUMER, hostile));
  await expect(sweep.linkNote).toContainText('The sweep in the link was not opened');
  await expect(page.getByText('One slow consumer').first()).toBeVisible();
  await expect(sweep.progress).toHaveCount(0);
  await expect(sweep.charts).toHaveCount(0);
});

test('a sweep of two settings draws one curve per value of the second; a point opens its run, which joins the Runs tab', async ({
  page,
}) => {
  const sweep = new SweepPage(page);
  const spec = {
    kind: 'sweep',
    axes: [
      { setting: RATE, values: { kind: 'list', values: [400, 800] } },
      { setting: 'consumerGroups[billing].members', values: { kind: 'list', values: [1, 2] } },
    ],
    seeds: 2,
    warmupSec: 2,
    durationSec: 6,
    metrics: ['p99'],
  };
  await sweep.goto(linkHash(SLOW_CONSUMER, spec));
  await expect(sweep.linkNote).toContainText('ready to run');
  await sweep.run.click();
  expect(await sweep.finished()).toBe('done');
  await expect(sweep.charts).toHaveCount(1);
  await expect(sweep.charts.locator('.sweep-legend-item')).toHaveText([
    'billing: members = 1',
    'billing: members = 2',
  ]);
  await expect(sweep.charts.locator('.sweep-point')).toHaveCount(4);
  const axe = await new AxeBuilder({ page }).include('[data-testid="sweep-panel"]').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);

  // Open the point rate 800, 2 members: the editor gets that document with the first seed.
  await sweep.table.locator('tbody tr').nth(3).getByRole('button', { name: 'Open' }).click();
  await expect(page.getByTestId('notice')).toContainText('members = 2, seed 3');
  // The canvas shows the opened run's document: 800 records/s.
  await expect(page.locator('.react-flow__node', { hasText: 'orders-in' })).toContainText('800');
  // ... and the run itself, finished, on the charts and totals, without running it again.
  const run = new RunPage(page);
  await expect(run.status).toHaveText('Finished');
  expect(await run.simMs()).toBe(6000);
  expect(await run.totalValue('produced')).toBeGreaterThan(0);
  await page.getByTestId('results-tab-charts').click();
  await expect(run.linePaths('throughput').first()).toBeAttached();

  // The run joined the run list, named after its point and seed; opening the point again (a click
  // on it in a chart) opens the same entry instead of keeping it twice.
  const name = 'sweep · orders-in: rate (records/s) = 800, billing: members = 2 · seed 3';
  const runs = new RunsPage(page);
  await runs.open();
  await expect(runs.table.locator('tbody tr')).toHaveCount(1);
  expect(await runs.runName(1)).toBe(name);
  await sweep.open();
  await sweep.charts.locator('.sweep-point[data-key="p3"]').click();
  await expect(page.getByTestId('notice')).toContainText(`kept in Runs as ${name}`);
  await runs.open();
  await expect(runs.table.locator('tbody tr')).toHaveCount(1);
  // Its figures are there to compare, and it can be the baseline.
  expect(await runs.figure(1, 'throughput')).toBeGreaterThan(0);
  await runs.pin(1);
  await expect(runs.row(1)).toHaveClass(/is-baseline/);

  // Another point, then Open in the Runs tab brings the first one back with its charts.
  await sweep.open();
  await sweep.table.locator('tbody tr').nth(0).getByRole('button', { name: 'Open' }).click();
  await expect(page.locator('.react-flow__node', { hasText: 'orders-in' })).toContainText('400');
  await runs.open();
  await expect(runs.table.locator('tbody tr')).toHaveCount(2);
  await runs.row(1).getByTestId('run-open').click();
  await expect(run.noticeText).toContainText(`Opened run ${name}`);
  await expect(page.locator('.react-flow__node', { hasText: 'orders-in' })).toContainText('800');
  await expect(run.status).toHaveText('Finished');
  expect(sweep.pageErrors).toEqual([]);
});

test('Cancel stops a sweep: the runs stop, the form can run again', async ({ page }) => {
  const sweep = new SweepPage(page);
  const spec = {
    kind: 'sweep',
    axes: [{ setting: RATE, values: { kind: 'range', from: 200, to: 1200, steps: 10 } }],
    seeds: 5,
    warmupSec: 5,
    durationSec: 600,
    metrics: ['p99'],
  };
  await sweep.goto(linkHash(SLOW_CONSUMER, spec));
  await expect(sweep.linkNote).toContainText('ready to run');
  await sweep.run.click();
  await expect(sweep.progress).toHaveAttribute('data-status', 'running');
  await expect(sweep.cancel).toBeEnabled();
  await sweep.cancel.focus();
  await page.keyboard.press('Enter');
  expect(await sweep.finished()).toBe('cancelled');
  await expect(sweep.progress).toContainText('cancelled');
  await expect(sweep.run).toBeEnabled();
  await expect(sweep.cancel).toBeDisabled();
  expect(sweep.pageErrors).toEqual([]);
});
