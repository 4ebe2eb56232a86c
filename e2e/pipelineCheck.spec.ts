// The pipeline check before a run, and the canvas's level of detail, in a real browser: build a
// half-connected pipeline by drag and drop, press Play, read the gaps, fix them (by mouse and by
// keyboard), run anyway; a stage dropped near a job joins it; node text of every example is at least
// 11 px on screen at fit view with the canvas pane at laptop sizes (set by CSS here, so the test does
// not depend on the page layout around the canvas).
import { readdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { CanvasPage, SCREENSHOT_DIR } from './pages/CanvasPage';
import { CheckPage } from './pages/CheckPage';
import { LessonsPage } from './pages/LessonsPage';
import { PersistPage } from './pages/PersistPage';

const EXAMPLES = readdirSync('examples')
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''))
  .sort();

test.describe('pipeline check', () => {
  test.use({ viewport: { width: 1440, height: 900 } });
  let canvas: CanvasPage;
  let check: CheckPage;

  test.beforeEach(async ({ page }) => {
    canvas = new CanvasPage(page);
    check = new CheckPage(page);
    await canvas.goto();
  });

  test.afterEach(() => {
    expect(canvas.pageErrors, 'uncaught errors in the page').toEqual([]);
  });

  test('Play on a half-connected pipeline lists its gaps; fixes close them; then Play runs', async ({
    page,
  }) => {
    await canvas.dragFromPalette('producer', { x: 110, y: 70 });
    await canvas.dragFromPalette('topic', { x: 330, y: 70 });
    await canvas.dragFromPalette('kafkaSource', { x: 565, y: 70 });
    await canvas.dragFromPalette('sink-database', { x: 840, y: 70 });
    await canvas.dragOntoNode('map', 'spark-job-1');
    await canvas.connect('producer-1', 'topic-1');
    await expect(canvas.edge('producer-1', 'topic-1')).toHaveCount(1);

    await check.play.click();
    await expect(check.panel).toBeVisible();
    // The run did not start: the check comes first.
    await expect(check.status).toHaveAttribute('data-status', 'idle');
    expect(await check.gapKeys()).toEqual([
      'reader-unconnected:spark-job-1',
      'sink-unfed:sink-1',
      'rf-one:topic-1',
    ]);
    await expect(check.gap('reader-unconnected:spark-job-1')).toContainText(
      'Spark job "spark-job-1" reads no topic',
    );
    await expect(check.gap('rf-one:topic-1')).toContainText("Kafka's default");
    // Keyboard: the panel takes the focus when it opens.
    await expect(page.locator('#run-check-heading')).toBeFocused();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/check-panel.png` });
    const axe = await new AxeBuilder({ page }).include('[data-testid="run-check"]').analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);

    // A fix by mouse: the job reads the only topic, and its entry leaves the list.
    await expect(check.fix('reader-unconnected:spark-job-1')).toHaveText('Read topic topic-1');
    await check.fix('reader-unconnected:spark-job-1').click();
    await expect(canvas.edge('topic-1', 'spark-job-1')).toHaveCount(1);
    await expect(check.gap('reader-unconnected:spark-job-1')).toHaveCount(0);
    // A fix by keyboard: the focus moved to the next entry's fix.
    await expect(check.fix('sink-unfed:sink-1')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(canvas.edge('spark-job-1', 'sink-1')).toHaveCount(1);
    expect(await check.gapKeys()).toEqual(['rf-one:topic-1']);
    // Fixes are ordinary edits: undo brings the gap back, redo removes it again.
    await page.keyboard.press('Control+z');
    await expect(check.gap('sink-unfed:sink-1')).toBeVisible();
    await page.keyboard.press('Control+Shift+z');
    await expect(check.gap('sink-unfed:sink-1')).toHaveCount(0);

    // Select finds the node: the inspector shows the topic, with what RF 1 means.
    await check.select('rf-one:topic-1').click();
    await expect(canvas.inspector.getByTestId('inspector-topic-1')).toBeVisible();
    await expect(canvas.inspector.getByTestId('inspector-problems')).toContainText('replication factor 1');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/check-fixed.png` });

    // Escape closes the panel and gives the keyboard back to Play.
    await check.panel.locator('button').first().focus();
    await page.keyboard.press('Escape');
    await check.expectNoPanel();
    await expect(check.play).toBeFocused();
    // Only a risk is left (RF 1), which does not hold Play: Enter runs.
    await page.keyboard.press('Enter');
    await check.expectNoPanel();
    await expect(check.status).toHaveAttribute('data-status', /running|finished/);
  });

  test('Run anyway runs a pipeline with gaps, and a resumed run is not asked again', async ({ page }) => {
    await canvas.dragFromPalette('producer', { x: 110, y: 70 });
    await canvas.dragFromPalette('topic', { x: 330, y: 70 });
    await canvas.dragFromPalette('consumerGroup', { x: 565, y: 70 });
    await canvas.connect('producer-1', 'topic-1');
    await check.play.click();
    expect(await check.gapKeys()).toEqual(['reader-unconnected:group-1', 'rf-one:topic-1']);
    await check.runAnyway.click();
    await check.expectNoPanel();
    await expect(check.status).toHaveAttribute('data-status', 'running');
    await expect
      .poll(async () => Number(await page.getByTestId('run-clock').getAttribute('data-sim-ms')))
      .toBeGreaterThan(0);
    await page.getByTestId('run-pause').click();
    await expect(check.status).toHaveAttribute('data-status', 'paused');
    await check.play.click();
    await check.expectNoPanel();
    await expect(check.status).toHaveAttribute('data-status', 'running');
  });

  test('a refused setting: listed in Check and by Play with its fix; the Cluster tab still shows the topics', async ({
    page,
  }) => {
    const persist = new PersistPage(page);
    await persist.openExample('payments-exactly-once');
    await expect(page.getByTestId('doc-name')).toContainText('exactly-once');
    await canvas.select('payment-gateway');
    await canvas.field('acks').selectOption('1');
    await expect(check.status).toHaveText('Cannot run');

    // The Check tab lists the refusal, badged as such, on the producer.
    const checkTab = page.getByTestId('results-tab-check');
    await expect(checkTab).toContainText('1');
    await checkTab.click();
    const entry = page.getByTestId('pipeline-check').getByTestId('gap-refused:payment-gateway:0');
    await expect(entry).toContainText('transactional.id needs acks=all, not acks=1');
    await expect(entry.locator('.sl-gap-badge')).toHaveText('Cannot run');

    // The Cluster tab shows the document's topics with their partition counts, run or no run.
    await page.getByTestId('results-tab-cluster').click();
    await expect(page.getByTestId('cluster-panel')).toContainText('12 partitions on 3 brokers');
    await expect(page.getByTestId('partition-table-payments').locator('caption')).toContainText(
      '6 partitions · RF 3',
    );
    await expect(page.getByTestId('partition-table-payments')).toContainText('the Check tab says why');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/check-refused-cluster.png` });

    // Play lists it with a one-click fix, however often it is pressed.
    await check.play.click();
    await expect(check.panel).toBeVisible();
    expect(await check.gapKeys()).toEqual(['refused:payment-gateway:0']);
    await expect(check.fix('refused:payment-gateway:0')).toHaveText('Set acks to all');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/check-refused-play.png` });
    // No running it anyway: the simulator would refuse it again.
    await expect(check.runAnyway).toHaveCount(0);
    await check.close.click();
    await expect(check.status).toHaveText('Cannot run');
    await check.play.click();
    await expect(check.panel).toBeVisible();
    await check.fix('refused:payment-gateway:0').click();
    await expect(canvas.field('acks')).toHaveValue('all');
    await expect(check.gaps()).toHaveCount(0);
    await expect(check.status).not.toHaveText('Cannot run');
    await check.runAnyway.click();
    await expect(check.status).toHaveAttribute('data-status', /running|finished/);
  });

  test('a stage dropped just outside a job joins that job', async ({ page }) => {
    await canvas.dragFromPalette('kafkaSource', { x: 300, y: 120 });
    const pane = await canvas.pane.boundingBox();
    const job = await canvas.node('spark-job-1').boundingBox();
    if (!pane || !job) throw new Error('not on screen');
    // 25 px below the job's bottom edge, on empty canvas.
    await canvas.dragFromPalette('filter', {
      x: job.x - pane.x + job.width / 2,
      y: job.y - pane.y + job.height + 25,
    });
    await expect(canvas.node('filter-1')).toBeVisible();
    await expect(canvas.node('spark-job-2')).toHaveCount(0);
    const stage = await canvas.node('filter-1').boundingBox();
    const grown = await canvas.node('spark-job-1').boundingBox();
    expect(stage!.y).toBeGreaterThan(grown!.y);
    expect(stage!.y + stage!.height).toBeLessThan(grown!.y + grown!.height);
    // Far away (300 px right of it), a stage starts a job of its own.
    await canvas.dragFromPalette('map', { x: job.x - pane.x + job.width + 300, y: job.y - pane.y + 20 });
    await expect(canvas.node('spark-job-2')).toBeVisible();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/check-stage-near-job.png` });
  });
});

// The workspace's own default layout at these window sizes: palette and inspector open, canvas pane
// over the results pane, the notice of the opened example showing.
const SIZES = [{ viewport: { width: 1280, height: 720 } }, { viewport: { width: 1440, height: 900 } }];

for (const { viewport } of SIZES) {
  test.describe(`node text at fit view, window ${viewport.width}x${viewport.height}`, () => {
    test.use({ viewport });

    test('every example: text at least 11 px, nothing overlaps, minimap covers nothing', async ({ page }) => {
      const persist = new PersistPage(page);
      const canvas = new CanvasPage(page);
      const check = new CheckPage(page);
      await canvas.goto();
      const report: string[] = [];
      for (const id of EXAMPLES) {
        await persist.openExample(id);
        await expect(page.getByTestId('doc-name')).not.toHaveText('Untitled pipeline');
        // What opening it shows, as it is fitted on load.
        await check.settle();
        const size = await check.nodeTextSize();
        const flow = await check.flowSize();
        report.push(
          `${id}: flow ${flow.width}x${flow.height}, zoom ${size.zoom.toFixed(3)}, smallest text ${size.minPx.toFixed(1)} px ("${size.text}" in ${size.node}, ${size.count} texts)`,
        );
        console.log(report.at(-1));
        await page.screenshot({
          path: `${SCREENSHOT_DIR}/lod-${viewport.width}x${viewport.height}-${id}.png`,
        });
        expect.soft(size.count, id).toBeGreaterThan(3);
        expect.soft(size.minPx, `${id}: "${size.text}" in ${size.node}`).toBeGreaterThanOrEqual(11);
        expect.soft(await check.overlaps(), id).toEqual([]);
        // Compact under zoom 1, full detail from 1 up (a small pipeline fits at more than 1).
        await expect
          .soft(page.locator('.sl-flow'))
          .toHaveAttribute('data-detail', size.zoom < 1 ? 'compact' : 'full');
      }
      expect(canvas.pageErrors).toEqual([]);
    });
  });
}

test.describe('fit view with a lesson open, window 1280x720', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('the narrower canvas: no node under the zoom buttons, no name cut inside a word', async ({ page }) => {
    const lessons = new LessonsPage(page);
    const check = new CheckPage(page);
    await lessons.goto();
    // Their left-most node sat under the zoom buttons; "warehouses" wrapped as "warehouse / s".
    for (const id of ['partitions', 'keys', 'capstone-sizing']) {
      await lessons.openLesson(id);
      await check.settle();
      expect.soft(await check.overlaps(), id).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/lesson-fit-1280x720-${id}.png` });
      await lessons.panel.getByRole('button', { name: 'Leave lesson' }).click();
      await expect(lessons.panel).toBeHidden();
    }
  });
});

test.describe('level of detail', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('zooming in brings the full detail back, still readable', async ({ page }) => {
    const persist = new PersistPage(page);
    const canvas = new CanvasPage(page);
    const check = new CheckPage(page);
    await canvas.goto();
    await check.sizeCanvas(1150, 420);
    await persist.openExample('clickstream-personalisation');
    await canvas.fitView();
    await expect(page.locator('.sl-flow')).toHaveAttribute('data-detail', 'compact');
    await expect(canvas.node('clicks').locator('.sl-node-figure')).toHaveText('12 partitionsRF 3');
    await expect(canvas.node('clicks').locator('.sl-partitions')).toBeHidden();
    // During a run the compact figure is the live rate, as large; edge labels stay out of the way.
    await check.play.click();
    await check.expectNoPanel();
    await expect(canvas.node('web-frontend').getByTestId('live-rate-web-frontend')).toBeVisible();
    await expect(canvas.node('web-frontend').locator('.sl-node-figure')).toBeHidden();
    await expect(page.locator('.sl-edge-label').first()).toBeHidden();
    const live = await check.nodeTextSize();
    expect(live.minPx, `"${live.text}" in ${live.node}`).toBeGreaterThanOrEqual(11);
    expect(await check.overlaps()).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/lod-running.png` });
    await page.getByTestId('run-pause').click();
    const zoomIn = page.locator('.react-flow__controls-zoomin');
    for (let i = 0; i < 4; i++) await zoomIn.click();
    await expect(page.locator('.sl-flow')).toHaveAttribute('data-detail', 'full');
    await expect(canvas.node('clicks').locator('.sl-partitions')).toBeVisible();
    await expect(canvas.node('clicks').locator('.sl-node-figure')).toBeHidden();
    // Wait for the zoom animation to end before measuring.
    await page.waitForTimeout(400);
    const size = await check.nodeTextSize();
    expect(size.zoom).toBeGreaterThanOrEqual(1);
    expect(size.minPx, `"${size.text}" in ${size.node}`).toBeGreaterThanOrEqual(11);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/lod-zoomed-in.png` });
  });
});
