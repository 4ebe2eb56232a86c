// Tiered storage from the inspector: turn remote.storage.enable on for a topic that holds a backlog,
// set its local retention, let the check turn tiered storage on in the brokers, run, and read the
// Tiered storage chart: bytes on the brokers' disks and in the store, its monthly cost, the reads of
// a group replaying from offset 0.
import { mkdirSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { CanvasPage } from './pages/CanvasPage';
import { CheckPage } from './pages/CheckPage';
import { PersistPage } from './pages/PersistPage';
import { RunPage } from './pages/RunPage';

mkdirSync('test-results/screenshots', { recursive: true });
test.use({ viewport: { width: 1440, height: 1000 } });

interface ExampleDoc {
  cluster: { config?: Record<string, unknown> };
  topics: { prefillRecords?: number; config: Record<string, unknown> }[];
  run: { seed: number; durationSec: number };
}

test('remote storage set in the inspector moves a backlog off the brokers’ disks', async ({ page }) => {
  const doc = JSON.parse(readFileSync('examples/tiered-storage-replay.json', 'utf8')) as ExampleDoc;
  // The example with tiered storage off everywhere: the test turns it on from the app.
  doc.cluster.config = { 'log.retention.check.interval.ms': 30000 };
  const topic = doc.topics[0]!;
  delete topic.config['remote.storage.enable'];
  delete topic.config['local.retention.bytes'];
  topic.prefillRecords = 3_000_000;
  doc.run = { seed: 7, durationSec: 40 };

  const run = new RunPage(page);
  const canvas = new CanvasPage(page);
  const check = new CheckPage(page);
  await page.addInitScript(() => window.localStorage.setItem('streamlab.guide.v1', 'skipped'));
  await run.prepare(doc);
  await run.goto();

  await canvas.select('orders');
  await canvas.field('remote.storage.enable').check();
  // The brokers have tiered storage off: the inspector says what Kafka would refuse, and why.
  await expect(canvas.inspector.getByTestId('inspector-problems')).toContainText(
    'remote.log.storage.system.enable',
  );
  await canvas.field('local.retention.bytes').fill('100000000');
  await expect(canvas.fieldError('local.retention.bytes')).toHaveCount(0);
  // A local limit above the whole log's is refused with Kafka's rule.
  await canvas.field('retention.bytes').fill('50000000');
  await expect(canvas.fieldError('retention.bytes')).toContainText('local.retention.bytes');
  await canvas.field('retention.bytes').fill('-1');
  await expect(canvas.fieldError('retention.bytes')).toHaveCount(0);
  await canvas.field('local.retention.bytes').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/tiered-inspector.png' });

  // The store's price on the broker that prices the cluster's store (its preset's figure until set).
  await page.getByTestId('broker-broker-1').click();
  await expect(canvas.inspector.getByTestId('inspector-broker-1')).toBeVisible();
  await expect(canvas.field('hardware.objectStorage.pricePerGBMonth')).toHaveValue('');
  await canvas.field('hardware.objectStorage.pricePerGBMonth').fill('0.03');
  await expect(canvas.fieldError('hardware.objectStorage.pricePerGBMonth')).toHaveCount(0);
  await canvas.field('hardware.objectStorage.pricePerGBMonth').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/tiered-broker.png' });

  // Play shows the refusal with its fix: turn tiered storage on in the brokers.
  await run.setSpeed('max');
  await check.play.click();
  await expect(check.gap('tiered-storage-off:orders')).toBeVisible();
  await expect(check.fix('tiered-storage-off:orders')).toHaveText('Turn on remote.log.storage.system.enable');
  await check.fix('tiered-storage-off:orders').click();
  await expect(check.gap('tiered-storage-off:orders')).toHaveCount(0);
  await check.runAnyway.click();
  await expect(run.status).toHaveText('Finished', { timeout: 120_000 });

  await page.getByTestId('results-tab-charts').click();
  const card = page.getByTestId('chart-tiered');
  await card.scrollIntoViewIfNeeded();
  await expect(card).toBeVisible();
  await expect(card).toContainText('orders in the store');
  const cost = page.getByTestId('tiered-cost');
  // About 3 GB in the store; on the brokers about 100 MB per partition and replica (under 3 GB).
  await expect(cost).toContainText('in object storage');
  const text = (await cost.textContent()) ?? '';
  const [, local, remote] =
    /Now: ([\d.]+) GB on the brokers’ disks, ([\d.]+) GB in object storage/.exec(text) ?? [];
  expect(Number(remote)).toBeGreaterThan(2.5);
  expect(Number(local)).toBeLessThan(3);
  // About 3.2 GB at the $0.03 set on broker-1.
  expect(text).toMatch(/costing \$0\.(0[89]|1[0-2]) a month at \$0\.03\/GB-month/);
  await page.getByTestId('results-enlarge').click();
  await cost.scrollIntoViewIfNeeded();
  await card.screenshot({ path: 'test-results/screenshots/tiered-chart.png' });
  await page.screenshot({ path: 'test-results/screenshots/tiered-results.png' });
  expect(run.pageErrors).toEqual([]);
});

test('the tiered-storage-replay example: the week replays from the store, its cost shows', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const persist = new PersistPage(page);
  const run = new RunPage(page);
  await page.addInitScript(() => window.localStorage.setItem('streamlab.guide.v1', 'skipped'));
  await persist.goto();
  await persist.openExample('tiered-storage-replay');
  await expect(persist.docName).toContainText('Replaying a week');
  await run.setSpeed('max');
  await run.play.click();
  await expect(run.status).toHaveText('Finished', { timeout: 150_000 });
  // The whole week was read again by audit-replay: 12 million records and what was written since.
  expect(await run.totalValue('consumed-audit-replay')).toBeGreaterThan(12_000_000);

  await page.getByTestId('results-tab-charts').click();
  await page.getByTestId('results-enlarge').click();
  // A card draws once it is on screen.
  await page.getByTestId('chart-tiered').scrollIntoViewIfNeeded();
  const cost = page.getByTestId('tiered-cost');
  await cost.scrollIntoViewIfNeeded();
  const text = (await cost.textContent()) ?? '';
  const [, local, remote] =
    /Now: ([\d.]+) GB on the brokers’ disks, ([\d.]+) GB in object storage/.exec(text) ?? [];
  // About 100 MB per partition and replica on the brokers, about 12 GB in the store, some $0.28 a month.
  expect(Number(local)).toBeLessThan(2.6);
  expect(Number(remote)).toBeGreaterThan(11.5);
  expect(text).toMatch(/costing \$0\.(2[6-9]|30) a month/);
  await page.getByTestId('chart-tiered').screenshot({ path: 'test-results/screenshots/tiered-example.png' });
  // The latency card shows one reader at a time when asked: live-dashboard's own is milliseconds,
  // while audit-replay's new records waited behind the week.
  const latency = page.getByTestId('chart-latency');
  await latency.scrollIntoViewIfNeeded();
  const reader = page.getByTestId('latency-reader');
  await expect(reader.locator('option')).toHaveText([
    'all readers',
    'each reader',
    'live-dashboard',
    'audit-replay',
  ]);
  await reader.selectOption('live-dashboard');
  await expect(latency).toContainText('processed by live-dashboard');
  await latency.screenshot({ path: 'test-results/screenshots/tiered-latency-live.png' });
  expect(run.pageErrors).toEqual([]);
});
