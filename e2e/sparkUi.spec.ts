// The Spark UI of a running job: recent batches with their times, each operator of the last batch,
// and on the canvas each stage's busy share (a job far from its limit has no limiting stage: see
// marks.spec.ts for one that has).
import { mkdirSync, readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { RunPage } from './pages/RunPage';
import { SparkUiPage } from './pages/SparkUiPage';

const SCREENSHOTS = process.env.SPARK_UI_SHOTS ?? 'test-results/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });

interface ExampleDoc {
  run: Record<string, unknown>;
  sparkJobs: { id: string; batchIntervalMs: number; stages: { id: string }[] }[];
}

function example(name: string, durationSec: number): ExampleDoc {
  const doc = JSON.parse(readFileSync(`examples/${name}.json`, 'utf8')) as ExampleDoc;
  doc.run = { ...doc.run, durationSec };
  return doc;
}

/** Opens the app on `doc` and plays it at `speed`. */
async function play(page: Page, doc: unknown, speed: '10' | 'max') {
  const run = new RunPage(page);
  const spark = new SparkUiPage(page);
  await run.prepare(doc);
  await run.goto();
  await run.setSpeed(speed);
  await run.play.click();
  return { run, spark };
}

test('a running Spark job shows its batches, its operators and each stage busy share', async ({ page }) => {
  const doc = example('payments-fraud-detection', 900);
  const job = doc.sparkJobs[0]!;
  const { run, spark } = await play(page, doc, 'max');
  await expect.poll(() => run.simMs(), { timeout: 20_000 }).toBeGreaterThan(20_000);

  // On the canvas, every stage of the running job says how busy it keeps the task slots.
  for (const s of job.stages) await expect(spark.stageBusy(s.id)).toHaveText(/^(\d+|<1)% busy$/);
  // A few per cent of the slots: nothing limits this job.
  await expect(page.locator('.sl-stage.is-limiting')).toHaveCount(0);

  // The tables keep up with the run: new batches keep arriving while it goes on. (How long the
  // main thread is busy meanwhile is a figure of `npm run bench:ui`, not a check here.)
  await spark.card(job.id).scrollIntoViewIfNeeded();
  await expect(spark.batchRows(job.id).first()).toBeVisible();
  const from = await run.simMs();
  const newestBefore = Number(await spark.batchRows(job.id).first().locator('th').getAttribute('data-value'));
  await expect.poll(() => run.simMs(), { timeout: 20_000 }).toBeGreaterThan(from + 60_000);
  await expect
    .poll(async () => Number(await spark.batchRows(job.id).first().locator('th').getAttribute('data-value')))
    .toBeGreaterThan(newestBefore);
  await run.screenshot(`${SCREENSHOTS}/spark-ui-running.png`);
  await page.getByTestId(`node-${job.id}`).screenshot({ path: `${SCREENSHOTS}/spark-job-node.png` });

  // The page answers a click in the middle of a max-speed run (in a generous time: a busy shared
  // machine is slow, not broken).
  await run.pause.click();
  await expect(run.status).toHaveText('Paused', { timeout: 15_000 });
  const rows = spark.batchRows(job.id);
  await expect(rows).toHaveCount(20);
  // Newest first: batch times count down by the batch interval.
  const times = await rows.locator('th').evaluateAll((ths) => ths.map((th) => Number(th.dataset.value)));
  expect(times[0]).toBeGreaterThan(from);
  for (let i = 1; i < times.length; i++) expect(times[i - 1]! - times[i]!).toBe(job.batchIntervalMs);
  for (let i = 0; i < 5; i++) {
    const b = await spark.batchValues(rows.nth(i));
    // About 3,000 payments a second (with spikes) in 2 s batches, capped by backpressure.
    expect(b.records).toBeGreaterThan(1000);
    expect(b.records).toBeLessThan(200_000);
    expect(b.processing).toBeGreaterThan(0);
    expect(b.scheduling).toBeGreaterThanOrEqual(0);
    expect(b.total).toBeCloseTo(b.scheduling + b.processing, 0);
  }
  await expect(rows.first().locator('td').last()).toContainText(/done|recomputed|failed/);

  // The operator table lists the job's operators in order; none limits this job.
  const stageRows = spark.stages(job.id).locator('tbody tr');
  await expect(stageRows).toHaveCount(job.stages.length);
  for (let i = 0; i < job.stages.length; i++) {
    await expect(stageRows.nth(i).locator('th')).toContainText(`${i + 1}.`);
    await expect(stageRows.nth(i)).toHaveAttribute('data-testid', `spark-stage-row-${job.stages[i]!.id}`);
  }
  await expect(spark.stages(job.id).locator('tr.is-limiting')).toHaveCount(0);

  // A tall window, so the whole card is on screen for the picture.
  await page.setViewportSize({ width: 1440, height: 1600 });
  await spark.card(job.id).scrollIntoViewIfNeeded();
  await run.screenshot(`${SCREENSHOTS}/spark-ui-paused.png`);
  await spark.card(job.id).screenshot({ path: `${SCREENSHOTS}/spark-ui-card.png` });
  await run.chart(`spark-${job.id}`).screenshot({ path: `${SCREENSHOTS}/spark-chart.png` });

  const axe = await new AxeBuilder({ page }).include(`[data-testid="spark-ui-${job.id}"]`).analyze();
  const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  expect(run.pageErrors).toEqual([]);
});

test('a driver failure on the timeline shows the restart, then the replayed records and output', async ({
  page,
}) => {
  const doc = example('two-stage-jobs', 120) as ExampleDoc & { faults?: unknown[] };
  doc.faults = [{ kind: 'driverFailure', atSec: 15, job: 'cleaner', durationSec: 20 }];
  const { run, spark } = await play(page, doc, '10');
  const card = spark.card('cleaner');
  await card.scrollIntoViewIfNeeded();
  // From 15 s to 35 s of simulated time (2 s of wall time at 10x) the driver is away.
  const banner = card.getByTestId('spark-ui-state');
  await expect(banner).toContainText('Driver restarting', { timeout: 20_000 });
  expect(await run.simMs()).toBeGreaterThanOrEqual(15_000);
  await banner.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await run.screenshot(`${SCREENSHOTS}/spark-ui-driver-restarting.png`);
  // Back from the checkpoint at 10 s: the batches after it are read and written again.
  await expect(banner).toHaveCount(0, { timeout: 20_000 });
  expect(await run.simMs()).toBeGreaterThanOrEqual(35_000);
  const totals = card.getByRole('list', { name: 'Totals over the run' });
  await expect(totals).toContainText('records replayed');
  await expect(totals).toContainText('output replayed');
  // The job writes to clean-views at least once: the replayed output is written twice, and said so.
  await expect(totals).toContainText('written twice');
  await expect(card.getByTestId('spark-replay-kafka')).toContainText('clean-views (atLeastOnce)');
  await expect(card.getByTestId('spark-replay-kafka')).toContainText('written twice');
  expect(run.pageErrors).toEqual([]);
});

test('a hot key shows as a skewed reduce task, and the shuffle as disk and network time', async ({
  page,
}) => {
  const doc = example('hot-key-skew', 120);
  const { run, spark } = await play(page, doc, 'max');
  await expect.poll(() => run.simMs(), { timeout: 20_000 }).toBeGreaterThan(10_000);
  await run.pause.click();
  await expect(run.status).toHaveText('Paused');
  const card = spark.card('order-enricher');
  await card.scrollIntoViewIfNeeded();
  const join = spark.stageRow('order-enricher', 'join-profiles');
  // The biggest customer's orders all go to one of the 8 reduce tasks: several times the median.
  const skew = await join.locator('td').last().textContent();
  const ratio = Number(/\(([\d.]+)× skew\)/.exec(skew ?? '')?.[1]);
  expect(ratio, skew ?? '').toBeGreaterThanOrEqual(2);
  await expect(join).toContainText(/MB\s*write \d+ ms · fetch \d+ ms/);
  // On the canvas the skew is marked on the first operator of each Spark stage: the map (its Kafka
  // partitions are uneven too) and the join; the output runs in the join's tasks, so no mark.
  await expect(page.getByTestId('skew-join-profiles')).toHaveText(/^[\d.]+× skew$/);
  await expect(page.getByTestId('skew-parse')).toHaveText(/^[\d.]+× skew$/);
  await expect(page.getByTestId('skew-write-orders')).toHaveCount(0);
  await expect(page.locator('#node-desc-join-profiles')).toContainText('Skewed: in the last batch');
  // The map before the shuffle writes nothing to it.
  await expect(spark.stageRow('order-enricher', 'parse').locator('td').nth(4)).toHaveText('–');
  await join.scrollIntoViewIfNeeded();
  await run.screenshot(`${SCREENSHOTS}/spark-ui-skew.png`);
  expect(run.pageErrors).toEqual([]);
});
