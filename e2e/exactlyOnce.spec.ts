// Exactly-once from the canvas: open the payments example, read its transaction settings in the
// inspector, run it (the driver fails at 25.5 s) and find no output written twice; the ledger's lag
// table shows the last stable offset. Then switch the job's Kafka sink to atLeastOnce and run
// again: the replayed batches are written twice. Finally acks=1 on the transactional producer is
// refused with the rule.
import { expect, test } from '@playwright/test';
import { CanvasPage } from './pages/CanvasPage';
import { FaultsPage } from './pages/FaultsPage';
import { PersistPage } from './pages/PersistPage';
import { RunPage } from './pages/RunPage';
import { RunsPage } from './pages/RunsPage';

test.use({ viewport: { width: 1440, height: 1000 } });

/** Selects a Spark job by its title bar (its stages cover the middle of the node). */
async function selectJob(canvas: CanvasPage, id: string): Promise<void> {
  await canvas.node(id).click({ position: { x: 24, y: 10 } });
  await expect(canvas.inspector.getByTestId(`inspector-${id}`)).toBeVisible();
}

test('payments with exactly-once end to end, and at-least-once for contrast', async ({ page }) => {
  const canvas = new CanvasPage(page);
  const persist = new PersistPage(page);
  const run = new RunPage(page);
  await canvas.goto();
  await persist.openExample('payments-exactly-once');
  await expect(canvas.node('settle')).toBeVisible();

  // The producer's transaction settings, with their explanations.
  await canvas.select('payment-gateway');
  await expect(canvas.field('transactional.id')).toHaveValue('payment-gateway-1');
  await expect(canvas.field('transactionCommitIntervalMs')).toHaveValue('100');
  await expect(canvas.field('transaction.timeout.ms')).toHaveValue('60000');
  await canvas.field('transactionCommitIntervalMs').scrollIntoViewIfNeeded();
  await canvas.screenshot('eos-producer-inspector');

  await selectJob(canvas, 'settle');
  await expect(canvas.field('isolation.level')).toHaveValue('read_committed');
  await expect(canvas.field('kafkaSinkDelivery')).toHaveValue('transactional');

  // Run it: the driver fails at 25.5 s, the replayed batches' output is not written again.
  await run.setSpeed('max');
  await run.play.click();
  await expect(run.status).toHaveText('Finished', { timeout: 120_000 });
  await expect(run.total('consumed-ledger')).toBeVisible();
  expect(await run.totalValue('consumed-ledger')).toBeGreaterThan(100_000);
  await expect(page.getByTestId('total-aborted')).toBeVisible();
  await expect(page.getByTestId('total-written-twice')).toHaveCount(0);
  await canvas.select('ledger');
  await expect(page.getByTestId('lso-ledger-0')).toBeVisible();
  await page.getByTestId('lag-table-ledger').scrollIntoViewIfNeeded();
  await canvas.screenshot('eos-ledger-lag');
  const exactlyOnce = await run.totalValue('consumed-ledger');
  // The Cluster tab's partition tables add the last stable offset once a topic has transactions.
  await page.getByTestId('results-tab-cluster').click();
  await expect(page.getByTestId('lso-payments-0')).toBeVisible();
  await expect(page.getByTestId('lso-settlements-0')).toBeVisible();
  await page.getByTestId('partition-table-settlements').scrollIntoViewIfNeeded();
  await canvas.screenshot('eos-cluster-lso');
  await page.getByTestId('results-tab-charts').click();
  // The Spark UI tells the replay by the sink's delivery: replayed, yet nothing written twice.
  const sparkUi = page.getByTestId('spark-ui-settle');
  await sparkUi.scrollIntoViewIfNeeded();
  await expect(sparkUi.getByTestId('spark-total-output-replayed')).toBeVisible();
  await expect(sparkUi.getByTestId('spark-total-written-twice')).toHaveCount(0);
  await expect(sparkUi.getByTestId('spark-replay-kafka')).toContainText('settlements (transactional)');
  await expect(sparkUi.getByTestId('spark-replay-kafka')).toContainText('nothing written twice');
  await canvas.screenshot('eos-spark-ui-transactional');

  // At-least-once: the batches since the last checkpoint (5 of about 2,000) are written twice.
  await selectJob(canvas, 'settle');
  await canvas.field('kafkaSinkDelivery').selectOption('atLeastOnce');
  await run.play.click();
  await expect(run.status).toHaveText('Finished', { timeout: 120_000 });
  const twice = page.getByTestId('total-written-twice');
  await expect(twice).toBeVisible();
  const written = Number(await twice.getAttribute('data-value'));
  expect(written).toBeGreaterThan(5 * 2000 * 0.9);
  expect(written).toBeLessThan(5 * 2000 * 1.1);
  expect(await run.totalValue('consumed-ledger')).toBe(exactlyOnce + written);
  await twice.hover();
  await canvas.screenshot('eos-at-least-once-totals');
  await sparkUi.scrollIntoViewIfNeeded();
  await expect(sparkUi.getByTestId('spark-total-written-twice')).toHaveAttribute(
    'data-value',
    String(written),
  );
  await expect(sparkUi.getByTestId('spark-replay-kafka')).toContainText('settlements (atLeastOnce)');

  // Runs → Compare: the two runs differ in what was written twice; processed never exceeds
  // acknowledged (the replay is not counted as processed again).
  const runs = new RunsPage(page);
  await runs.open();
  for (const seq of [1, 2]) {
    expect(await runs.figure(seq, 'processed')).toBeLessThanOrEqual((await runs.figure(seq, 'throughput'))!);
    await runs.choose(seq);
  }
  await runs.compareButton.click();
  await expect(runs.compareView).toBeVisible();
  const c = await runs.compared('writtenTwice');
  expect(c).toEqual({ left: 0, right: written, delta: written, verdict: 'worse' });
  await runs.compareView.screenshot({ path: 'test-results/screenshots/eos-runs-compare.png' });
  await runs.chartsTab.click();

  // Long transactions hold read_committed readers back: commits every 5 s, a 12 s run. At its end
  // the open transaction (from 10 s) is in the log but above the last stable offset, so the job's
  // unbatched records (to the high watermark) exceed its lag to the LSO.
  await canvas.select('payment-gateway');
  await canvas.field('transactionCommitIntervalMs').fill('5000');
  await canvas.pane.click({ position: { x: 80, y: 300 } });
  await canvas.field('run.durationSec').fill('12');
  await run.play.click();
  await expect(run.status).toHaveText('Finished', { timeout: 120_000 });
  await selectJob(canvas, 'settle');
  const row = page.getByTestId('lag-row-settle-0');
  await page.getByTestId('lag-table-settle').evaluate((el) => el.scrollIntoView());
  const cells = row.locator('td');
  const unbatched = Number(await cells.nth(3).textContent());
  const toStable = Number(await page.getByTestId('lso-settle-0').textContent());
  // About 2 s of one partition's share of 2,000 payments a second are above the LSO.
  expect(unbatched).toBeGreaterThan(300);
  expect(toStable).toBeLessThan(unbatched / 4);
  await canvas.screenshot('eos-long-transactions-lag');

  // acks=1 with a transactional.id: refused, naming the field and the rule.
  await canvas.select('payment-gateway');
  await canvas.field('acks').selectOption('1');
  await expect(page.getByText('transactional.id needs acks=all', { exact: false }).first()).toBeVisible();
  await canvas.screenshot('eos-acks-refused');
  expect(canvas.pageErrors).toEqual([]);
});

test('a transactional producer that dies mid-transaction: its records are aborted when it is back', async ({
  page,
}) => {
  const faults = new FaultsPage(page);
  const run = new RunPage(page);
  await faults.goto();
  await faults.openExample('payments-exactly-once');
  await faults.showPanel();
  // Plan the gateway's crash at 12.05 s (half way through a 100 ms transaction), back 3 s later.
  await faults.add.click();
  await faults.kind.selectOption('producerCrash');
  await expect(faults.field('Producer')).toHaveValue('payment-gateway');
  await faults.field('Starts at (s)').fill('12.05');
  await faults.field('Back after (s)').fill('3');
  await expect(faults.panel.getByText('open transaction is left behind', { exact: false })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/eos-producer-crash-form.png' });
  await faults.save.click();
  await expect(
    faults.rows.filter({ hasText: 'payment-gateway dies at 12.05 s, back after 3 s' }),
  ).toHaveCount(1);

  await run.setSpeed('max');
  await run.play.click();
  await expect(run.status).toHaveText('Finished', { timeout: 120_000 });
  const aborted = page.getByTestId('total-aborted');
  // About 50 ms of 2,000 payments a second were in the open transaction.
  const n = Number(await aborted.getAttribute('data-value'));
  expect(n).toBeGreaterThan(20);
  expect(n).toBeLessThan(200);
  await aborted.focus();
  await expect(aborted).toContainText('new instance with the same transactional.id');
  await page.screenshot({ path: 'test-results/screenshots/eos-producer-crash-totals.png' });
  expect(faults.pageErrors).toEqual([]);
});
