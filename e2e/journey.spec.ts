// The whole journey from the issue, across the canvas, the run and the share link: someone builds
// producer -> topic -> Spark job -> sink from an empty canvas, edits a setting, runs it, sees the
// charts and totals move, and sends the link to a colleague whose run gives exactly the same numbers.
import { mkdirSync } from 'node:fs';
import { expect, test, type Browser } from '@playwright/test';
import { CanvasPage } from './pages/CanvasPage';
import { PersistPage } from './pages/PersistPage';
import { RunPage, type TotalName } from './pages/RunPage';

const SCREENSHOTS = 'test-results/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });
test.use({ viewport: { width: 1440, height: 1000 } });

const TOTALS: TotalName[] = [
  'produced',
  'acknowledged',
  'consumed-spark-job-1',
  'in-flight',
  'refused',
  'dropped',
];

async function totals(run: RunPage): Promise<Record<TotalName, number>> {
  const out = {} as Record<TotalName, number>;
  for (const name of TOTALS) out[name] = await run.totalValue(name);
  return out;
}

async function newPage(browser: Browser) {
  const context = await browser.newContext({
    permissions: ['clipboard-read', 'clipboard-write'],
    viewport: { width: 1440, height: 1000 },
  });
  return context.newPage();
}

test('build from empty, run, share: the colleague sees the same pipeline and the same numbers', async ({
  browser,
}) => {
  const page = await newPage(browser);
  const canvas = new CanvasPage(page);
  const run = new RunPage(page);
  const persist = new PersistPage(page);
  await canvas.goto();
  await expect(page.getByTestId('canvas-empty')).toBeVisible();

  // Build it by drag and drop, then wire it by dragging handles.
  await canvas.buildPipeline();
  await expect(canvas.edge('spark-job-1', 'sink-1')).toHaveCount(1);

  // Edit settings: a faster producer and a topic with more partitions.
  await canvas.select('producer-1');
  await canvas.field('rate.recordsPerSec').fill('5000');
  await canvas.select('topic-1');
  await canvas.field('partitions').fill('6');
  await expect(page.getByTestId('partitions-topic-1').locator('span')).toHaveCount(6);
  await page.screenshot({ path: `${SCREENSHOTS}/journey-built.png` });

  // Run it: the clock moves, totals rise, the charts draw.
  await run.setSpeed('max');
  await run.play.click();
  await expect(run.status).toHaveText('Finished', { timeout: 60_000 });
  const mine = await totals(run);
  // 5,000 records/s for the default 60 s run, Poisson: well within 2% of 300,000.
  expect(mine.produced).toBeGreaterThan(294_000);
  expect(mine.produced).toBeLessThan(306_000);
  expect(mine['consumed-spark-job-1']).toBeGreaterThan(0.95 * mine.produced);
  await expect(run.linePaths('throughput').first()).toBeAttached();
  await expect(canvas.node('producer-1')).toContainText('rec/s');
  await page.screenshot({ path: `${SCREENSHOTS}/journey-ran.png` });

  // Share: the link opens in a fresh browser (no autosave there) with the same pipeline.
  const link = await persist.copyLink();
  expect(link).toMatch(/#v1\./);
  const theirs = await newPage(browser);
  const theirCanvas = new CanvasPage(theirs);
  const theirRun = new RunPage(theirs);
  await theirs.goto(link);
  for (const id of ['producer-1', 'topic-1', 'spark-job-1', 'map-1', 'sink-1'])
    await expect(theirCanvas.node(id)).toBeVisible();
  await expect(theirs.getByTestId('partitions-topic-1').locator('span')).toHaveCount(6);

  // Same run, same numbers: at a different speed, so slicing differs too.
  await theirRun.setSpeed('100');
  await theirRun.play.click();
  await theirRun.setSpeed('max');
  await expect(theirRun.status).toHaveText('Finished', { timeout: 60_000 });
  expect(await totals(theirRun)).toEqual(mine);
  await theirs.screenshot({ path: `${SCREENSHOTS}/journey-shared.png` });

  expect(canvas.pageErrors).toEqual([]);
  expect(theirCanvas.pageErrors).toEqual([]);
});
