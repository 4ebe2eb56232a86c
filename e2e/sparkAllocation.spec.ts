// The Spark UI's Executors section on the spark-autoscaling example: dynamic allocation's decisions
// in the log with the figures they rested on, the count over the run, and the note that executors
// beyond the Kafka partitions get no read task.
import { mkdirSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { RunPage } from './pages/RunPage';

const SCREENSHOTS = process.env.SPARK_UI_SHOTS ?? 'test-results/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });

test('dynamic allocation shows its decisions, the executor count and the idle read-stage executors', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const doc = JSON.parse(readFileSync('examples/spark-autoscaling.json', 'utf8')) as {
    run: Record<string, unknown>;
  };
  // Long enough for the jump at 90 s and three decisions after it (6 -> 8 executors at 150 s).
  doc.run = { ...doc.run, durationSec: 165 };
  const run = new RunPage(page);
  await run.prepare(doc);
  await run.goto();
  await run.setSpeed('max');
  await run.play.click();
  await expect(run.status).toHaveText('Finished', { timeout: 120_000 });

  // The Spark UI card draws only while on screen.
  await page.getByTestId('spark-ui-fraud-scoring').scrollIntoViewIfNeeded();
  const section = page.getByTestId('spark-executors-fraud-scoring');
  await section.scrollIntoViewIfNeeded();
  // At 30 s one executor took 1.5 s per 1 s batch: round(1.5) = 2 more.
  const log = page.getByTestId('spark-executor-log-fraud-scoring');
  await expect(log).toContainText(/\+2 executors \(1 → 3\): processing 1\.5\d? s per 1 s batch/);
  await expect(log).toContainText('kept 3');
  // After the jump: 3 -> 6 at 120 s, 6 -> 8 at 150 s; 8 executors for 6 partitions.
  await expect(page.getByTestId('spark-executors-running')).toHaveText('8');
  await expect(page.getByTestId('spark-executors-idle')).toContainText('2 of 8 executors get no read task');
  await expect(
    section.getByRole('img', { name: /Executors over the run: 8 now; the read stage can use 6/ }),
  ).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/spark-allocation.png` });
  expect(run.pageErrors).toEqual([]);
});
