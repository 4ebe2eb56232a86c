// Scale-out under load, from the canvas: the scale-out-reassignment example adds broker-4 at 30 s
// and reassigns the topic over four brokers at 40 s, throttled at 30 MB/s. Before 30 s broker-4's
// card says when it joins; paused during the move the Cluster tab shows each moving partition's
// bytes left and time to finish, and the log has the broker joining and the moves starting; at the
// end the moves are done and broker-4 leads a partition.
import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { ClusterPage } from './pages/ClusterPage';

mkdirSync('test-results/screenshots', { recursive: true });
test.use({ viewport: { width: 1280, height: 720 } });

const TOPIC = 'events';
const PARTITIONS = 6;
const ADDED = 'broker-4';

test('a broker joins, a throttled reassignment moves replicas to it, the Cluster tab shows the bytes left', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const cluster = new ClusterPage(page);
  await cluster.goto();
  await cluster.openExample('scale-out-reassignment');
  // The strip under the canvas lists broker-4 before it joins, with the time it will.
  await expect(page.getByTestId(`broker-joins-${ADDED}`)).toHaveText('joins at 30 s');
  await cluster.open();
  await expect(cluster.row(TOPIC, 0)).toHaveAttribute('data-isr', /broker/);
  for (const p of await cluster.rows(TOPIC, PARTITIONS)) expect(p.replicas).not.toContain(ADDED);

  // Into the move: the copies take about 80 s from 40 s.
  const pausedAt = await cluster.runUntil(60_000, '100');
  expect(pausedAt).toBeGreaterThan(40_000);
  expect(pausedAt, 'paused after the move was over').toBeLessThan(110_000);
  await expect(page.getByTestId(`broker-joins-${ADDED}`)).toHaveText('added');
  await expect(cluster.eventRows('brokerAdded')).toHaveCount(1);
  await expect(cluster.eventRows('brokerAdded')).toHaveAttribute('data-at-ms', '30000');
  await expect(cluster.eventRows('reassignmentStarted')).toHaveCount(5);
  const moving = page.locator(`[data-testid^="reassign-${TOPIC}-"][data-bytes-left]`);
  await expect(moving).toHaveCount(4);
  for (let k = 0; k < 4; k++) {
    const cell = moving.nth(k);
    expect(Number(await cell.getAttribute('data-bytes-left'))).toBeGreaterThan(0);
    const seconds = Number(await cell.getAttribute('data-seconds-left'));
    // About 2.2 GB / (30 - 3.5) MB/s from 40 s: some 60 s left at 60 s (give or take the pause).
    expect(seconds).toBeGreaterThan(10);
    expect(seconds).toBeLessThan(120);
    // The four copies share broker-4's 30 MB/s: the cell says how much and how long, its title why.
    await expect(cell).toContainText(/MB · (\d+ min )?\d+ s/);
    await expect(cell.locator('span')).toHaveAttribute(
      'title',
      /MB left, (\d+ min )?\d+ s at its 7\.5 MB\/s share of the throttle/,
    );
  }
  await page.screenshot({ path: 'test-results/screenshots/scale-out-moving.png' });
  // At 1280 px beside the open inspector the whole table is in view, the Moving column the example
  // asks you to watch and the lag included; at 1440 px too.
  await expect(page.getByTestId('inspector')).toBeVisible();
  for (const size of [
    { width: 1280, height: 720 },
    { width: 1440, height: 900 },
  ]) {
    await page.setViewportSize(size);
    await expect
      .poll(async () => (await cluster.tableFit(TOPIC)).overflowPx, { message: `at ${size.width} px` })
      .toBe(0);
    const { headers } = await cluster.tableFit(TOPIC);
    expect(headers, `at ${size.width} px`).toMatchObject({ Moving: true, 'Committed lag': true, LEO: true });
    expect(Object.values(headers).every(Boolean), `at ${size.width} px: ${JSON.stringify(headers)}`).toBe(
      true,
    );
  }
  await page.screenshot({ path: 'test-results/screenshots/scale-out-moving-1440.png' });
  await page.setViewportSize({ width: 1280, height: 720 });
  // The results take most of the height: the table with its Moving column, and the log.
  await page.getByTestId('results-enlarge').click();
  await cluster.screenshotPanel('test-results/screenshots/scale-out-moving-panel.png');

  // To the end: every move done, the old replicas dropped, broker-4 leads a partition.
  await page.getByTestId('run-speed').selectOption('max');
  await page.getByTestId('run-play').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'finished', {
    timeout: 120_000,
  });
  await expect(cluster.eventRows('reassignmentFinished')).toHaveCount(5);
  await expect(page.locator(`[data-testid^="reassign-${TOPIC}-"]`)).toHaveCount(0);
  const after = await cluster.rows(TOPIC, PARTITIONS);
  expect(after.filter((p) => p.replicas.includes(ADDED))).toHaveLength(4);
  for (const p of after) expect(p.isr).toEqual(p.replicas);
  expect(Number(await page.getByTestId(`broker-leads-${ADDED}`).textContent())).toBeGreaterThan(0);
  await page.screenshot({ path: 'test-results/screenshots/scale-out-done.png' });
  expect(cluster.pageErrors).toEqual([]);
});

test('+ Broker during a run adds one there and then: the run catches up with it, the new broker leads nothing', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const cluster = new ClusterPage(page);
  await cluster.goto();
  await cluster.openExample('broker-failure');
  await cluster.open();
  const pausedAt = await cluster.runUntil(8_000, '10');
  await page.getByTestId('cluster-add-broker').click();
  // The broker joins at the paused moment; the run is rebuilt with it and brought back there.
  await expect(page.getByTestId('notice-text')).toContainText(/broker-4 joins the cluster at [\d.]+ s/);
  await expect(page.getByTestId('notice-text')).toContainText('replayed up to');
  await expect(page.getByTestId('broker-joins-broker-4')).toHaveText('added');
  await expect(page.getByTestId('broker-state-broker-4')).toHaveText('up', { timeout: 20_000 });
  expect(await cluster.simMs()).toBeGreaterThanOrEqual(pausedAt - 1000);
  await expect(page.getByTestId('broker-leads-broker-4')).toHaveText('0');
  const added = cluster.eventRows('brokerAdded');
  await expect(added).toHaveCount(1);
  await page.screenshot({ path: 'test-results/screenshots/scale-out-live-add.png' });
  expect(cluster.pageErrors).toEqual([]);
});
