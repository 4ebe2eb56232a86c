// The workspace fits the screen: on a laptop the graph and its charts are on screen together, the
// panes resize (mouse and keyboard), collapse and are remembered; on a phone a shared link runs and
// shows its totals and charts.
import { mkdirSync, readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { LayoutPage } from './pages/LayoutPage';
import { PersistPage } from './pages/PersistPage';
import { RunPage } from './pages/RunPage';

const SCREENSHOTS = 'test-results/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });

const example = (id: string) => JSON.parse(readFileSync(`examples/${id}.json`, 'utf8')) as unknown;

for (const size of [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
]) {
  test(`at ${size.width}x${size.height} the graph and the charts are on screen together`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    const run = new RunPage(page);
    const layout = new LayoutPage(page);
    await run.prepare(example('clickstream-personalisation'));
    await run.goto();
    await run.setSpeed('max');
    await run.play.click();
    await expect(run.linePaths('throughput').first()).toBeAttached({ timeout: 30_000 });

    const height = await layout.viewportHeight();
    const canvas = await layout.box(layout.canvasArea);
    // The canvas pane takes at least 45% of the window's height by default.
    expect(canvas.height).toBeGreaterThanOrEqual(0.45 * height);
    // Every node of the example is wholly in view, and so is a real stretch of the first chart.
    const nodes = await layout.flowNodes.count();
    expect(nodes).toBeGreaterThan(3);
    expect(await layout.nodesInView()).toBe(nodes);
    const chart = await layout.box(layout.firstChart);
    expect(chart.y).toBeGreaterThan(canvas.y + canvas.height - 1);
    expect(height - chart.y).toBeGreaterThanOrEqual(120);
    await page.screenshot({ path: `${SCREENSHOTS}/layout-${size.width}x${size.height}.png` });
  });
}

test('panes resize by keyboard, collapse, and keep their sizes after a reload', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const run = new RunPage(page);
  const layout = new LayoutPage(page);
  await run.prepare(example('clickstream-personalisation'));
  await run.goto();

  const before = await layout.box(layout.canvasArea);
  await layout.rowDivider.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
  const taller = await layout.box(layout.canvasArea);
  expect(taller.height).toBeGreaterThan(before.height + 20);

  // Hiding the palette gives its width to the canvas; a rail brings it back.
  await page.getByTestId('pane-hide-palette').click();
  await expect(layout.palette).toHaveCount(0);
  const wider = await layout.box(layout.canvasArea);
  expect(wider.width).toBeGreaterThan(before.width + 100);

  await page.reload();
  await run.clock.waitFor();
  await expect(page.getByTestId('pane-show-palette')).toBeVisible();
  const restored = await layout.box(layout.canvasArea);
  expect(Math.abs(restored.height - taller.height)).toBeLessThan(4);
  expect(Math.abs(restored.width - wider.width)).toBeLessThan(4);
  await page.getByTestId('pane-show-palette').click();
  await expect(layout.palette).toBeVisible();
});

test('Larger results gives the results pane most of the height, and Smaller gives it back', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const run = new RunPage(page);
  const layout = new LayoutPage(page);
  // Two rows of nodes: the fit is limited by the canvas's height, so it follows the height.
  await run.prepare(example('iot-sensor-monitoring'));
  await run.goto();
  const canvas = await layout.box(layout.canvasArea);
  const results = await layout.box(layout.results);
  const total = canvas.height + results.height;
  const toggle = page.getByTestId('results-enlarge');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  // Before any run, the "No run yet" note leaves the time range buttons uncovered.
  const rangeButton = page.getByTestId('range-zoom-in');
  await expect(page.getByTestId('charts-empty')).toBeVisible();
  expect(
    await rangeButton.evaluate((b) => {
      const r = b.getBoundingClientRect();
      return b.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2));
    }),
  ).toBe(true);
  // The pipeline's nodes, as far as they stick out of the canvas (0: all in view), and their width.
  const flow = page.locator('.react-flow');
  const nodes = page.locator('.react-flow__node');
  const fit = () =>
    flow.evaluate((f) => {
      const b = f.getBoundingClientRect();
      const boxes = [...f.querySelectorAll('.react-flow__node')].map((n) => n.getBoundingClientRect());
      const out = Math.max(0, ...boxes.map((r) => Math.max(b.top - r.top, r.bottom - b.bottom)));
      return Math.round(out);
    });
  const firstWidth = async () => (await nodes.first().boundingBox())?.width ?? 0;
  const widthBefore = await firstWidth();
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await layout.box(layout.results)).height).toBeGreaterThan(0.55 * total);
  // The canvas keeps room for the graph (16rem with its toolbar and cluster strip), and the view
  // is fitted again to the shorter canvas: nothing sticks out, the nodes drawn smaller.
  expect((await layout.box(layout.canvasArea)).height).toBeGreaterThanOrEqual(255);
  await expect.poll(fit).toBe(0);
  const widthLarger = await firstWidth();
  expect(widthLarger).toBeLessThan(widthBefore);
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect
    .poll(async () => Math.abs((await layout.box(layout.results)).height - results.height))
    .toBeLessThan(4);
  // Fitted again to the taller canvas.
  await expect.poll(firstWidth).toBeGreaterThan(widthLarger + 1);
});

test('the results tabs work by keyboard and remember the choice', async ({ page }) => {
  const run = new RunPage(page);
  const layout = new LayoutPage(page);
  await run.prepare(example('broker-failure'));
  await run.goto();
  await expect(layout.tab('charts')).toHaveAttribute('aria-selected', 'true');
  await layout.tab('charts').focus();
  await page.keyboard.press('End');
  const tabs = page.getByRole('tab');
  const lastTab = tabs.last();
  await expect(lastTab).toBeFocused();
  await expect(lastTab).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('charts-empty')).toBeHidden();
  // Arrow keys walk the strip one tab at a time, to the Faults tab.
  const ids = await tabs.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
  for (let i = ids.length - 1; i > ids.indexOf('results-tab-faults'); i--)
    await page.keyboard.press('ArrowLeft');
  await expect(layout.tab('faults')).toHaveAttribute('aria-selected', 'true');
  await expect(layout.tab('faults')).toBeFocused();
  await expect(page.getByTestId('faults-panel')).toBeVisible();
  await page.keyboard.press('Home');
  await expect(layout.tab('charts')).toHaveAttribute('aria-selected', 'true');
  await layout.tab('faults').click();
  await page.reload();
  await run.clock.waitFor();
  await expect(layout.tab('faults')).toHaveAttribute('aria-selected', 'true');
  const results = await new AxeBuilder({ page }).include('.results-area').include('.workspace').analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('on a phone a shared link opens, runs, and shows its totals and charts', async ({ browser }) => {
  const desk = await browser.newContext({
    permissions: ['clipboard-read', 'clipboard-write'],
    viewport: { width: 1280, height: 720 },
  });
  const persist = new PersistPage(await desk.newPage());
  await persist.goto();
  await persist.openExample('broker-failure');
  const link = await persist.copyLink();
  await desk.close();

  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await phone.newPage();
  const run = new RunPage(page);
  const layout = new LayoutPage(page);
  await page.goto(link);
  await run.clock.waitFor();
  await expect(page.getByTestId('doc-name')).toContainText('Broker failure');
  // The pipeline is on screen, all of it, and the page does not scroll sideways.
  await expect.poll(() => layout.nodesInView()).toBe(await layout.flowNodes.count());
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await run.setSpeed('max');
  await run.play.click();
  await expect(run.status).toHaveText('Finished', { timeout: 60_000 });
  expect(await run.totalValue('produced')).toBeGreaterThan(0);
  await run.chart('throughput').scrollIntoViewIfNeeded();
  await expect(run.chart('throughput')).toBeInViewport();
  await expect(run.linePaths('throughput').first()).toBeAttached();
  await page.screenshot({ path: `${SCREENSHOTS}/layout-phone-run.png`, fullPage: true });
  await phone.close();
});
