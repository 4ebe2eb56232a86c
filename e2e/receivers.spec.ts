// Receiver sources from the canvas: a receiver source dragged from the palette and wired to a Spark
// job, its settings edited in the inspector, the check before Play saying receivers would hold every
// core (and fixing it), then the Spark UI's receivers: blocks (tasks) per batch = batch interval ÷
// block interval × receivers. And the iot-receivers example: the driver failure loses blocks without
// the write-ahead log and none with it, turned on in the inspector.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { CanvasPage, SCREENSHOT_DIR } from './pages/CanvasPage';
import { CheckPage } from './pages/CheckPage';
import { RunPage } from './pages/RunPage';

test.use({ viewport: { width: 1440, height: 1000 } });

test('a receiver source built on the canvas: the check, then blocks per batch in the Spark UI', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const canvas = new CanvasPage(page);
  const check = new CheckPage(page);
  const run = new RunPage(page);
  await canvas.goto();
  await canvas.dragFromPalette('receiverSource', { x: 110, y: 70 });
  await canvas.dragFromPalette('kafkaSource', { x: 380, y: 70 });
  await canvas.dragFromPalette('sink-dashboard', { x: 760, y: 70 });
  await canvas.dragOntoNode('map', 'spark-job-1');
  await canvas.connect('receiver-source-1', 'spark-job-1');
  await canvas.connect('spark-job-1', 'sink-1');
  await expect(canvas.edge('receiver-source-1', 'spark-job-1')).toHaveCount(1);

  await canvas.select('receiver-source-1');
  await canvas.field('kind').selectOption('kinesis');
  await canvas.field('receivers').fill('2');
  await canvas.field('rate.recordsPerSec').fill('4000');
  await expect(canvas.node('receiver-source-1')).toContainText('2 receivers');
  await expect(canvas.node('receiver-source-1')).toContainText('Kinesis-style');
  await canvas.screenshot('receiver-source-inspector');

  await canvas.select('spark-job-1');
  await canvas.field('spark.streaming.blockInterval').fill('100');
  await expect(canvas.field('spark.streaming.blockInterval')).toHaveValue('100');

  // 2 receivers on the new job's 2 executors x 1 core: none left for tasks. Play says so first.
  await run.setSpeed('max');
  await check.play.click();
  await expect(check.gap('receivers-hold-every-core:spark-job-1')).toContainText(
    'Spark would never run a batch',
  );
  await page.screenshot({ path: `${SCREENSHOT_DIR}/receivers-check.png` });
  await check.fix('receivers-hold-every-core:spark-job-1').click();
  await expect(check.gap('receivers-hold-every-core:spark-job-1')).toHaveCount(0);
  await check.close.click();
  await canvas.select('spark-job-1');
  await expect(canvas.field('spark.executor.instances')).toHaveValue('3');

  await check.play.click();
  await expect(run.status).toHaveText('Finished', { timeout: 120_000 });
  const ui = page.getByTestId('spark-ui-spark-job-1');
  await ui.scrollIntoViewIfNeeded();
  const receivers = page.getByTestId('spark-receivers-spark-job-1');
  await receivers.scrollIntoViewIfNeeded();
  // 1000 ms ÷ 100 ms × 2 receivers.
  await expect(page.getByTestId('spark-receivers-blocks')).toContainText('= 20 blocks (tasks) per batch');
  await expect(page.getByTestId('spark-receivers-running')).toHaveText('2');
  await expect(ui.getByTestId('spark-batch-blocks').first()).toHaveText('20 blocks = tasks');
  await expect(page.getByTestId('spark-receivers-lost')).toContainText('lost 0');
  await page.screenshot({ path: `${SCREENSHOT_DIR}/receivers-spark-ui.png` });
  expect(canvas.pageErrors).toEqual([]);
});

test('the IoT example: the driver failure loses blocks without the write-ahead log, none with it', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const run = new RunPage(page);
  const canvas = new CanvasPage(page);
  await run.prepare(JSON.parse(readFileSync('examples/iot-receivers.json', 'utf8')));
  await run.goto();
  await run.setSpeed('max');
  await run.play.click();
  await expect(run.status).toHaveText('Finished', { timeout: 120_000 });
  const receivers = page.getByTestId('spark-receivers-building-monitor');
  await page.getByTestId('spark-ui-building-monitor').scrollIntoViewIfNeeded();
  await receivers.scrollIntoViewIfNeeded();
  await expect(page.getByTestId('spark-receivers-lost-reasons')).toContainText(
    'driver failed: received blocks not processed and not in a write-ahead log',
  );
  await expect(page.getByTestId('spark-receivers-blocks')).toContainText('= 20 blocks (tasks) per batch');
  await page.screenshot({ path: `${SCREENSHOT_DIR}/receivers-iot-lost.png` });

  await canvas.select('building-monitor');
  await canvas.field('spark.streaming.receiver.writeAheadLog.enable').check();
  await run.reset.click();
  await expect(run.status).not.toHaveText('Finished');
  await run.play.click();
  await expect(run.status).toHaveText('Finished', { timeout: 120_000 });
  await page.getByTestId('spark-ui-building-monitor').scrollIntoViewIfNeeded();
  await receivers.scrollIntoViewIfNeeded();
  await expect(page.getByTestId('spark-receivers-lost')).toContainText('lost 0');
  await expect(receivers).toContainText('write-ahead log before they count as stored');
  await page.screenshot({ path: `${SCREENSHOT_DIR}/receivers-iot-wal.png` });
  expect(run.pageErrors).toEqual([]);
});
