// The designer's canvas in a real browser: build producer -> topic -> Spark job (with a map stage)
// -> sink by drag and drop, connect handles, edit settings (and have a bad value refused), refuse a
// meaningless connection, delete and undo, duplicate, move, auto-layout, keyboard use and axe.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator } from '@playwright/test';
import { CanvasPage } from './pages/CanvasPage';

test.use({ viewport: { width: 1440, height: 1000 } });

async function boxOf(locator: Locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error('element is not on screen');
  return box;
}

test.describe('canvas', () => {
  let canvas: CanvasPage;

  test.beforeEach(async ({ page }) => {
    canvas = new CanvasPage(page);
    await canvas.goto();
  });

  test.afterEach(() => {
    expect(canvas.pageErrors, 'uncaught errors in the page').toEqual([]);
  });

  test('builds producer -> topic -> Spark job (map) -> sink by drag and drop and connecting handles', async () => {
    await expect(canvas.page.getByTestId('canvas-empty')).toBeVisible();
    await canvas.screenshot('empty');
    await canvas.buildPipeline();

    for (const id of ['producer-1', 'topic-1', 'spark-job-1', 'map-1', 'sink-1'])
      await expect(canvas.node(id)).toBeVisible();
    await expect(canvas.page.getByTestId('canvas-empty')).toHaveCount(0);
    // The map stage sits inside its job's box.
    const job = await boxOf(canvas.node('spark-job-1'));
    const stage = await boxOf(canvas.node('map-1'));
    expect(stage.x).toBeGreaterThan(job.x);
    expect(stage.x + stage.width).toBeLessThan(job.x + job.width);
    expect(stage.y + stage.height).toBeLessThanOrEqual(job.y + job.height);

    await expect(canvas.edge('producer-1', 'topic-1')).toHaveCount(1);
    await expect(canvas.edge('topic-1', 'spark-job-1')).toHaveCount(1);
    await expect(canvas.edge('spark-job-1', 'sink-1')).toHaveCount(1);
    await expect(canvas.noticeText).toHaveCount(0);
    // One partition cell by default (Kafka's num.partitions is 1), led by the first broker.
    await expect(canvas.page.getByTestId('partitions-topic-1').locator('span')).toHaveCount(1);
    await canvas.screenshot('built');
  });

  test('edits a setting in the inspector and refuses an invalid value with its reason', async () => {
    await canvas.buildPipeline();
    await canvas.select('producer-1');
    await expect(canvas.field('linger.ms')).toHaveValue('5');

    await canvas.field('linger.ms').fill('20');
    await expect(canvas.node('producer-1')).toContainText('linger 20 ms');

    await canvas.field('linger.ms').fill('-5');
    await expect(canvas.fieldError('linger.ms')).toContainText('must be at least 0');
    await expect(canvas.field('linger.ms')).toHaveAttribute('aria-invalid', 'true');
    // The node shows it is invalid, with the reason as its tooltip; the document keeps 20.
    await expect(canvas.node('producer-1').locator('.sl-node')).toHaveClass(/is-invalid/);
    await expect(canvas.node('producer-1').locator('.sl-node')).toHaveAttribute('title', /linger\.ms/);
    await expect(canvas.node('producer-1')).toContainText('linger 20 ms');
    await canvas.fieldError('linger.ms').scrollIntoViewIfNeeded();
    await canvas.screenshot('invalid-field');

    await canvas.field('linger.ms').fill('abc');
    await expect(canvas.fieldError('linger.ms')).toContainText('must be a number');

    await canvas.field('linger.ms').fill('50');
    await expect(canvas.fieldError('linger.ms')).toHaveCount(0);
    await expect(canvas.node('producer-1').locator('.sl-node')).not.toHaveClass(/is-invalid/);
    await expect(canvas.node('producer-1')).toContainText('linger 50 ms');

    // An enum and a number of another kind: partitions of the topic become cells.
    await canvas.field('acks').selectOption('1');
    await expect(canvas.node('producer-1')).toContainText('acks=1');
    await canvas.select('topic-1');
    await canvas.field('partitions').fill('6');
    await expect(canvas.page.getByTestId('partitions-topic-1').locator('span')).toHaveCount(6);
    await expect(canvas.page.getByTestId('partitions-topic-1').locator('span').nth(4)).toHaveAttribute(
      'title',
      /leader broker-2/,
    );
    await canvas.field('replicationFactor').fill('4');
    await expect(canvas.fieldError('replicationFactor')).toHaveCount(0);
    // Schema-valid but more copies than brokers: the document check says so at the node.
    await expect(canvas.inspector.getByTestId('inspector-problems')).toContainText('more than the 3 broker');
    await canvas.field('replicationFactor').fill('3');
    await expect(canvas.inspector.getByTestId('inspector-problems')).toHaveCount(0);
  });

  test('the inspector starts at its top for another node or document, not after an edit; an unnamed node shows its id', async ({
    page,
  }) => {
    const pane = page.locator('.inspector-area');
    const scrollTop = () => pane.evaluate((el) => el.scrollTop);
    await canvas.buildPipeline();
    await canvas.select('producer-1');
    await expect(canvas.field('name')).toHaveValue('');
    await expect(canvas.field('name')).toHaveAttribute('placeholder', 'producer-1 (its id)');

    // Scrolled down to a setting and edited there: the pane stays where it is.
    await canvas.field('max.request.size').scrollIntoViewIfNeeded();
    const before = await scrollTop();
    expect(before).toBeGreaterThan(100);
    await canvas.field('max.request.size').fill('2000000');
    await expect(canvas.field('max.request.size')).toHaveValue('2000000');
    await canvas.field('max.request.size').fill('3000000');
    await expect(canvas.field('max.request.size')).toHaveValue('3000000');
    expect(await scrollTop()).toBe(before);

    // Another node: its name and first settings, from the top.
    await canvas.select('topic-1');
    expect(await scrollTop()).toBe(0);
    await expect(canvas.field('name')).toHaveAttribute('placeholder', 'topic-1 (its id)');
    await expect(canvas.field('name')).toBeInViewport();
    await canvas.field('remote.storage.enable').scrollIntoViewIfNeeded();
    expect(await scrollTop()).toBeGreaterThan(100);
    // Back to the pipeline's settings (nothing selected): from the top too.
    await canvas.pane.click({ position: { x: 500, y: 300 } });
    await expect(canvas.field('description')).toBeVisible();
    expect(await scrollTop()).toBe(0);

    // An example opened while the pipeline's settings are scrolled down: its description shows.
    await canvas.field('leader.replication.throttled.rate').scrollIntoViewIfNeeded();
    expect(await scrollTop()).toBeGreaterThan(100);
    await page.getByRole('button', { name: /Examples/ }).click();
    await page.getByTestId('example-broker-failure').click();
    await expect(page.getByTestId('doc-name')).not.toHaveText('Untitled pipeline');
    await expect(canvas.field('description')).toBeInViewport();
    expect(await scrollTop()).toBe(0);
  });

  test('a refused connection says why and creates no edge', async () => {
    await canvas.buildPipeline();
    await canvas.connect('producer-1', 'sink-1');
    await expect(canvas.noticeText).toContainText('A producer writes to a topic, not to a sink');
    await expect(canvas.edge('producer-1', 'sink-1')).toHaveCount(0);
    await canvas.screenshot('refused');

    // A second source for a reader is refused too.
    await canvas.dragFromPalette('topic', { x: 330, y: 230 });
    await canvas.connect('topic-2', 'spark-job-1');
    await expect(canvas.noticeText).toContainText('reads one topic');
    await expect(canvas.edge('topic-2', 'spark-job-1')).toHaveCount(0);

    // The inspector connects by keyboard too, offering only what the rules allow.
    await canvas.select('topic-2');
    const menu = canvas.inspector.getByTestId('connect-select');
    await expect(menu.locator('option', { hasText: 'from producer-1' })).toHaveCount(0);
    await expect(menu.locator('option', { hasText: 'to spark-job-1' })).toHaveCount(0);
    await canvas.select('producer-1');
    await canvas.inspector.getByRole('button', { name: 'Remove the connection to topic-1' }).click();
    await expect(canvas.edge('producer-1', 'topic-1')).toHaveCount(0);
    await canvas.inspector.getByTestId('connect-select').selectOption({ label: 'to topic-2' });
    await expect(canvas.edge('producer-1', 'topic-2')).toHaveCount(1);
  });

  test('Delete removes a node and its edges; Ctrl+Z restores both, Ctrl+Shift+Z removes again', async ({
    page,
  }) => {
    await canvas.buildPipeline();
    await canvas.select('topic-1');
    await page.keyboard.press('Delete');
    await expect(canvas.node('topic-1')).toHaveCount(0);
    await expect(canvas.edge('producer-1', 'topic-1')).toHaveCount(0);
    await expect(canvas.edge('topic-1', 'spark-job-1')).toHaveCount(0);

    await page.keyboard.press('Control+z');
    await expect(canvas.node('topic-1')).toBeVisible();
    await expect(canvas.edge('producer-1', 'topic-1')).toHaveCount(1);
    await expect(canvas.edge('topic-1', 'spark-job-1')).toHaveCount(1);

    await page.keyboard.press('Control+Shift+z');
    await expect(canvas.node('topic-1')).toHaveCount(0);
    await canvas.button('undo').click();
    await expect(canvas.node('topic-1')).toBeVisible();

    // The toolbar button deletes a stage from its job.
    await canvas.select('map-1');
    await canvas.button('delete').click();
    await expect(canvas.node('map-1')).toHaveCount(0);
    await expect(canvas.node('spark-job-1')).toContainText('Drop stages here');
  });

  test('duplicate, move as one undo step, multi-select and auto-layout', async ({ page }) => {
    await canvas.buildPipeline();
    await canvas.select('producer-1');
    await page.keyboard.press('Control+d');
    await expect(canvas.node('producer-2')).toBeVisible();
    // The copy writes to the same topic, as the original did.
    await expect(canvas.edge('producer-2', 'topic-1')).toHaveCount(1);

    // Positions in flow coordinates: dragging near the pane's edge auto-pans the view.
    const before = await canvas.flowPosition('sink-1');
    await canvas.dragNode('sink-1', { x: -40, y: 60 });
    const after = await canvas.flowPosition('sink-1');
    expect(after.y - before.y).toBeGreaterThan(40);
    await page.keyboard.press('Control+z');
    await expect.poll(() => canvas.flowPosition('sink-1')).toEqual(before);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => canvas.flowPosition('sink-1')).toEqual(after);

    // Shift-click adds to the selection; the inspector says how many.
    // (The copy overlaps the original's lower right, so click the original's top left.)
    await canvas.node('producer-1').click({ position: { x: 20, y: 10 } });
    await canvas.node('topic-1').click({ modifiers: ['Shift'] });
    await expect(page.getByTestId('inspector-multi')).toContainText('2 nodes selected');

    // Make a mess, then tidy it: no two nodes overlap afterwards.
    await canvas.dragNode('sink-1', { x: -700, y: -100 });
    await canvas.dragNode('topic-1', { x: 400, y: 100 });
    await canvas.button('autolayout').click();
    await canvas.fitView();
    const ids = ['producer-1', 'producer-2', 'topic-1', 'spark-job-1', 'sink-1'];
    const boxes = await Promise.all(ids.map((id) => boxOf(canvas.node(id))));
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        const apart =
          a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect(apart, `${ids[i]} and ${ids[j]} overlap after auto-layout`).toBe(true);
      }
    // Left to right in the direction records flow.
    expect(boxes[0]!.x).toBeLessThan(boxes[2]!.x);
    expect(boxes[2]!.x).toBeLessThan(boxes[3]!.x);
    expect(boxes[3]!.x).toBeLessThan(boxes[4]!.x);
    await canvas.screenshot('auto-layout');
  });

  test('keyboard: Enter on a palette item adds it; the cluster is editable', async ({ page }) => {
    await canvas.paletteItem('producer').focus();
    await page.keyboard.press('Enter');
    await expect(canvas.node('producer-1')).toBeVisible();
    await expect(canvas.inspector.getByTestId('inspector-producer-1')).toBeVisible();

    // Stages added by keyboard go into the selected job.
    await canvas.paletteItem('kafkaSource').focus();
    await page.keyboard.press('Enter');
    await canvas.paletteItem('filter').focus();
    await page.keyboard.press('Enter');
    await canvas.paletteItem('stage-sink').focus();
    await page.keyboard.press('Enter');
    await canvas.paletteItem('map').focus();
    await page.keyboard.press('Enter');
    // The map lands before the sink stage, which stays last.
    await expect(canvas.node('spark-job-1')).toBeVisible();
    const order = await Promise.all(
      ['filter-1', 'map-1', 'output-1'].map(async (id) => (await boxOf(canvas.node(id))).x),
    );
    expect(order[0]!).toBeLessThan(order[1]!);
    expect(order[1]!).toBeLessThan(order[2]!);
    await canvas.select('map-1');
    await canvas.inspector.getByTestId('stage-move-up').click();
    await expect(canvas.node('map-1')).toContainText('1. Map');

    await page.getByTestId('cluster-add-broker').click();
    await expect(page.getByTestId('broker-broker-4')).toBeVisible();
    await expect(canvas.inspector.getByTestId('inspector-broker-4')).toBeVisible();
    await canvas.field('hardware.preset').selectOption('laptop');
    await expect(canvas.field('hardware.cores')).toHaveValue('4');
    await canvas.field('hardware.cores').fill('0');
    await expect(canvas.fieldError('hardware.cores')).toContainText('must be at least 1');
    await canvas.screenshot('broker');
  });

  test('has no serious or critical accessibility violations', async ({ page }) => {
    await canvas.buildPipeline();
    await canvas.select('producer-1');
    const results = await new AxeBuilder({ page })
      .include('.palette-area')
      .include('.canvas-area')
      .include('.inspector-area')
      .analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(
      bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    ).toEqual([]);
  });
});
