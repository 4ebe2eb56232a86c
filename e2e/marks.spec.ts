// Bottleneck marks on the canvas name what really limits, with its figure: the Spark stage of an
// overloaded job, a hot partition and the member it overloads, an outage. Runs at max speed and
// pauses once enough simulated time has passed; no wall-clock assertions.
import { mkdirSync, readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { MarksPage } from './pages/MarksPage';
import { RunPage } from './pages/RunPage';
import { SparkUiPage } from './pages/SparkUiPage';

const SCREENSHOTS = process.env.SPARK_UI_SHOTS ?? 'test-results/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });

type Doc = Record<string, unknown> & {
  run: Record<string, unknown>;
  sparkJobs: { config: Record<string, unknown> }[];
};

function example(name: string): Doc {
  const doc = JSON.parse(readFileSync(`examples/${name}.json`, 'utf8')) as Doc;
  doc.run = { ...doc.run, durationSec: 600 };
  return doc;
}

/**
 * Plays `doc` until `seconds` of simulated time, then pauses (at max speed the pause may come many
 * simulated seconds later; at 10x, a few).
 */
async function runPaused(
  page: Page,
  doc: unknown,
  seconds: number,
  speed: '10' | 'max' = 'max',
): Promise<RunPage> {
  const run = new RunPage(page);
  await run.prepare(doc);
  await run.goto();
  await run.setSpeed(speed);
  await run.play.click();
  await expect.poll(() => run.simMs(), { timeout: 30_000, intervals: [100] }).toBeGreaterThan(seconds * 1000);
  await run.pause.click();
  await expect(run.status).toHaveText('Paused');
  return run;
}

test('an overloaded Spark job marks the stage that limits it, with its busy share', async ({ page }) => {
  // The clickstream example with half its executors: batches outgrow the 1 s interval.
  const doc = example('clickstream-personalisation');
  doc.sparkJobs[0]!.config['spark.executor.instances'] = 1;
  const run = await runPaused(page, doc, 20);
  const marks = new MarksPage(page);
  await expect(marks.limitingStages()).toHaveCount(1);
  await expect(marks.limitingStages().locator('[id^="node-desc-"]')).toContainText(
    /Limits this job \(batches take \d+% of the 1\.0 s batch interval\): its tasks keep the 2 task slots busy \d+% of the batch interval/,
  );
  await expect(marks.marked('personaliser')).toHaveCount(1);
  await expect(marks.reason('personaliser')).toContainText('Each batch takes about');
  // The Spark UI's operator table marks the same operator.
  const spark = new SparkUiPage(page);
  await spark.card('personaliser').scrollIntoViewIfNeeded();
  const row = spark.stages('personaliser').locator('tr.is-limiting');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('limits the job');
  const limitingNode = await marks
    .limitingStages()
    .evaluate((el) => el.closest('[data-testid^="node-"]')?.getAttribute('data-testid'));
  expect((await row.getAttribute('data-testid'))?.replace('spark-stage-row-', 'node-')).toBe(limitingNode);
  await run.screenshot(`${SCREENSHOTS}/marks-limiting-stage.png`);
  expect(run.pageErrors).toEqual([]);
});

test('a hot partition is flagged on its topic and on the member it overloads', async ({ page }) => {
  const run = await runPaused(page, example('iot-sensor-monitoring'), 20);
  const marks = new MarksPage(page);
  await expect(marks.marked('sensor-readings')).toHaveCount(1);
  await expect(marks.reason('sensor-readings')).toContainText(/Partition \d+ is hot: \d+% of the records/);
  await expect(marks.reason('alerting')).toContainText(/Member \d of 6 cannot keep up/);
  // The Spark job reading the same topic is far from its limit.
  await expect(marks.marked('anomaly-detector')).toHaveCount(0);
  await expect(marks.limitingStages()).toHaveCount(0);
  await run.screenshot(`${SCREENSHOTS}/marks-hot-partition.png`);
  expect(run.pageErrors).toEqual([]);
});

test('a broker outage is named as such, not as advice to add members', async ({ page }) => {
  // broker-1 is down from 30 s to 70 s; from 35 s to past 60 s the producer or the group suffers.
  const run = await runPaused(page, example('broker-failure'), 36, '10');
  const reasons = page.locator('[id^="node-desc-"]');
  await expect(reasons.filter({ hasText: /^Outage: broker-1 is down/ })).not.toHaveCount(0);
  await expect(reasons.filter({ hasText: /^Bottleneck: Outage/ })).toHaveCount(0);
  // The badge on the marked node says what it is.
  await expect(page.locator('.sl-node-badge.is-outage').first()).toHaveText('Outage');
  await expect(reasons.filter({ hasText: 'more members (up to' })).toHaveCount(0);
  // Selecting the marked node (a tap, where nothing can hover) shows its reason in words.
  await expect(page.getByTestId('mark-reason')).toHaveCount(0);
  await page
    .locator('.react-flow__node', { has: page.locator('.sl-node-badge.is-outage') })
    .first()
    .click();
  await expect(page.getByTestId('mark-reason')).toContainText('Outage: broker-1 is down');
  // It is text over the canvas: clicks pass through it to any node it covers.
  await expect(page.getByTestId('mark-reason')).toHaveCSS('pointer-events', 'none');
  await run.screenshot(`${SCREENSHOTS}/marks-outage.png`);
  expect(run.pageErrors).toEqual([]);
});
