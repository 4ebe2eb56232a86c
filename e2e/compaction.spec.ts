// Compacted topics from the canvas: the event-sourced-state example's topic says cleanup.policy
// compact in the inspector and refuses a negative delete.retention.ms with its rule; played to the
// end, the Compacted topics chart draws the log size, the cleaner's I/O and the restore time, and the
// consumer group's inspector says what a restore from offset 0 reads and how long it takes; the group
// that starts at 300 s shows the restore the run simulated. Set to
// delete, the topic has nothing to show there.
import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { CanvasPage } from './pages/CanvasPage';

const SHOTS = 'test-results/screenshots';
mkdirSync(SHOTS, { recursive: true });
test.use({ viewport: { width: 1440, height: 900 } });

const TOPIC = 'account-state';
const GROUP = 'balance-view';

test('a compacted topic: its settings, its log size and cleaner I/O, and the restore time of a reader', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const canvas = new CanvasPage(page);
  await canvas.goto();
  await page.getByTestId('menu-examples').click();
  await page.getByTestId('example-event-sourced-state').click();
  await expect(canvas.node(TOPIC)).toBeVisible();

  // Nothing selected: the pipeline's settings hold the brokers' log cleaner.
  await canvas.pane.click({ position: { x: 20, y: 20 } });
  await expect(page.getByTestId('inspector-pipeline')).toBeVisible();
  await expect(canvas.field('log.cleaner.threads')).toHaveValue('1');
  await expect(canvas.field('log.cleaner.backoff.ms')).toHaveValue('15000');
  await canvas.field('log.cleaner.dedupe.buffer.size').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/compaction-cleaner-settings.png` });

  // The topic's compaction settings, under Kafka's names.
  await canvas.select(TOPIC);
  await expect(canvas.field('cleanup.policy')).toHaveValue('compact');
  await expect(canvas.field('min.cleanable.dirty.ratio')).toHaveValue('0.5');
  await expect(canvas.field('delete.retention.ms')).toHaveValue('60000');
  await canvas.field('delete.retention.ms').fill('-1');
  await expect(canvas.fieldError('delete.retention.ms')).toContainText('at least 0');
  await expect(canvas.fieldError('delete.retention.ms')).toContainText('tombstone');
  await canvas.fieldError('delete.retention.ms').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/compaction-inspector.png` });
  await canvas.field('delete.retention.ms').fill('60000');
  await expect(canvas.fieldError('delete.retention.ms')).toHaveCount(0);

  // Played to the end (600 simulated seconds).
  await page.getByTestId('run-speed').selectOption('max');
  await page.getByTestId('run-play').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'finished', {
    timeout: 120_000,
  });
  const chart = page.getByTestId('chart-compaction');
  await page.getByTestId('results-enlarge').click();
  await chart.scrollIntoViewIfNeeded();
  await expect(chart).toContainText('Compacted topics');
  await expect(chart.getByTestId('chart-plot')).toHaveCount(3);
  // The restore balance-restore ran is marked beside the lines of what a restore would take.
  await expect(chart.getByTestId('legend-measured')).toContainText(
    /^balance-restore ran one from 300 s: \d(\.\d)? s, [\d,]+ records$/,
  );
  await chart.screenshot({ path: `${SHOTS}/compaction-chart.png` });
  // The restore chart's legend names each reader once and says what the lines are in one line
  // after the unit, so its plot starts at most three legend lines (about 20 px each) below the log
  // size chart's; with the long names on every line it started five or six lines below.
  const tops = await chart
    .getByTestId('chart-plot')
    .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().top));
  expect(tops[2]! - tops[0]!, `plot tops ${tops.join(', ')}`).toBeLessThan(3 * 22);
  await expect(chart.getByText('a restore from offset 0 would take')).toHaveCount(1);

  await page.getByTestId('results-enlarge').click();
  // The reader's restore: one record per account (20,000) plus what is not yet cleaned, far fewer
  // than the 1.2 million written, at 0.05 ms a record: a few seconds.
  await canvas.select(GROUP);
  const restore = page.getByTestId(`restore-${GROUP}`);
  await expect(restore).toContainText(`${TOPIC} is compacted`);
  const records = await page.getByTestId(`restore-records-${GROUP}`).textContent();
  const k = Number(/([\d.]+)k records/.exec(records ?? '')?.[1]);
  expect(k).toBeGreaterThan(20);
  expect(k).toBeLessThan(100);
  await expect(page.getByTestId(`restore-seconds-${GROUP}`)).toHaveText(/^\d(\.\d)? s$/);
  await restore.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/compaction-restore.png` });
  // balance-view read from the start, so it ran no restore; balance-restore started at 300 s from
  // offset 0 and the run simulated its restore: the cleaned log (some 30k records, not the 600k
  // offsets written by then), read in a second or two.
  await expect(page.getByTestId(`restore-measured-${GROUP}`)).toHaveCount(0);
  await canvas.select('balance-restore');
  const measured = page.getByTestId('restore-measured-balance-restore');
  await expect(measured).toContainText('started below the end at 300 s');
  const read = Number(/read ([\d.]+)k records/.exec((await measured.textContent()) ?? '')?.[1]);
  expect(read).toBeGreaterThan(20);
  expect(read).toBeLessThan(60);
  await expect(measured).toContainText(/in \d(\.\d)? s/);
  await measured.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/compaction-restore-measured.png` });

  // cleanup.policy delete: nothing to restore, and the next run has no compacted topic to chart.
  await canvas.select(TOPIC);
  await canvas.field('cleanup.policy').selectOption('delete');
  await canvas.select(GROUP);
  await expect(restore).toHaveCount(0);
  await page.getByTestId('run-play').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'finished', {
    timeout: 120_000,
  });
  await expect(chart).toHaveCount(0);
  expect(canvas.pageErrors).toEqual([]);
});
