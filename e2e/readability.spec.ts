// Readability of the results and of the examples: p95 stays in sight where it meets p99 on the
// latency chart; a reassignment is a band over the time its moves take, not a line at its start;
// on a phone an example's whole description can be read in the Examples menu before opening it.
import { mkdirSync, readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { ChartsPage } from './pages/ChartsPage';
import { RunPage } from './pages/RunPage';

const SCREENSHOTS = 'test-results/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });

const SCALE_OUT = 'scale-out-reassignment';
const description = (id: string) =>
  (JSON.parse(readFileSync(`examples/${id}.json`, 'utf8')) as { description: string }).description;

async function openExample(page: Page, id: string) {
  await page.getByTestId('menu-examples').click();
  await page.getByTestId(`example-${id}`).click();
}

/** The seconds a chart's reassignment band covers, read from the Recharts area's own x1 / x2. */
async function bandSeconds(charts: ChartsPage, id: string): Promise<[number, number][]> {
  return charts
    .chart(id)
    .locator('.recharts-reference-area.fault-mark path')
    .evaluateAll((paths) => paths.map((p) => [Number(p.getAttribute('x1')), Number(p.getAttribute('x2'))]));
}

test.describe('charts', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('a reassignment is a band from its start to its last move, growing while it runs', async ({
    page,
  }) => {
    test.setTimeout(150_000);
    const run = new RunPage(page);
    const charts = new ChartsPage(page);
    await run.goto();
    await openExample(page, SCALE_OUT);

    // Mid-move (the copies take about 80 s from 40 s): the band reaches the paused second.
    await new RunPage(page).playUntil(70_000, '100');
    const pausedSec = (await run.simMs()) / 1000;
    await charts.chart('throughput').scrollIntoViewIfNeeded();
    await expect.poll(() => bandSeconds(charts, 'throughput')).toHaveLength(1);
    const [[from, to]] = (await bandSeconds(charts, 'throughput')) as [[number, number]];
    expect(from).toBe(40);
    expect(to).toBeCloseTo(pausedSec, 0);
    await expect(charts.plot('throughput')).toContainText('reassignment (running)');

    // At the end: from 40 s to when the last move finished, about 2.2 GB / (30 - 3.5) MB/s later.
    await run.speed.selectOption('max');
    await run.play.click();
    await expect(run.status).toHaveAttribute('data-status', 'finished', { timeout: 120_000 });
    for (const id of ['throughput', 'latency', 'brokers']) {
      await charts.chart(id).scrollIntoViewIfNeeded();
      await expect.poll(() => bandSeconds(charts, id)).toHaveLength(1);
      const [[start, end]] = (await bandSeconds(charts, id)) as [[number, number]];
      expect(start).toBe(40);
      expect(end, `${id}: the moves end near 120 s`).toBeGreaterThan(100);
      expect(end).toBeLessThan(150);
      await expect(charts.plot(id)).toContainText('broker-1,broker-2,broker-3,broker-4 reassignment');
      await expect(charts.plot(id)).not.toContainText('(running)');
    }
    // broker-4 joining stays a line: it happens at once.
    await expect(charts.chart('throughput').locator('.recharts-reference-line.fault-mark')).toHaveCount(1);
    await charts.chart('brokers').screenshot({ path: `${SCREENSHOTS}/reassignment-band.png` });
    expect(run.pageErrors).toEqual([]);
  });

  test('the latency chart paints p99 wide underneath, p95 dashed over it, p50 on top, as its legend shows', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const run = new RunPage(page);
    const charts = new ChartsPage(page);
    await run.goto();
    await openExample(page, 'two-stage-jobs');
    await run.speed.selectOption('max');
    await run.play.click();
    await expect(run.status).toHaveAttribute('data-status', 'finished', { timeout: 100_000 });
    const chart = charts.chart('latency');
    await chart.scrollIntoViewIfNeeded();
    // page-counts batches every 2 s beside cleaner, so the card opens on each reader's own lines:
    // a p50 and a p99 for each of the two.
    await expect(page.getByTestId('latency-reader')).toHaveValue('*each');
    await expect(chart.locator('.chart-line')).toHaveCount(4);
    await page.getByTestId('latency-reader').selectOption({ label: 'all readers' });
    await expect(chart.locator('.chart-line')).toHaveCount(3);

    // Painted in this order, so the later (lower) percentile sits on top of the earlier.
    const painted = await chart
      .locator('.chart-line')
      .evaluateAll((lines) => lines.map((g) => /line-(p\d+)/.exec(g.getAttribute('class') ?? '')?.[1]));
    expect(painted).toEqual(['p99', 'p95', 'p50']);
    const stroke = async (key: string) =>
      chart
        .locator(`.chart-line.line-${key} path`)
        .first()
        .evaluate((p) => ({
          width: Number(p.getAttribute('stroke-width')),
          dash: p.getAttribute('stroke-dasharray'),
          color: p.getAttribute('stroke'),
        }));
    const [p50, p95, p99] = [await stroke('p50'), await stroke('p95'), await stroke('p99')];
    expect(p99.width).toBeGreaterThan(p95.width);
    expect(p95.width).toBeGreaterThan(p50.width);
    expect(p95.dash).toBeTruthy();
    expect(new Set([p50.color, p95.color, p99.color]).size).toBe(3);
    // In this run p95 and p99 coincide over much of it: both are still drawn, p95 over p99.

    // The legend lists them in order, each with the stroke of its line.
    await expect(chart.locator('.chart-legend li[data-testid^="legend-"]')).toHaveText(['p50', 'p95', 'p99']);
    const legendDash = await chart.getByTestId('legend-p95').locator('line').getAttribute('stroke-dasharray');
    expect(legendDash).toBe(p95.dash);
    await chart.screenshot({ path: `${SCREENSHOTS}/latency-percentiles.png` });
    expect(run.pageErrors).toEqual([]);
  });
});

test.describe('examples on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('an example’s whole description unfolds in the menu, readable and on screen', async ({ page }) => {
    const run = new RunPage(page);
    await run.goto();
    await page.getByTestId('menu-examples').click();
    const detail = page.getByTestId(`example-${SCALE_OUT}-detail`);
    const details = page.getByTestId(`example-${SCALE_OUT}-details`);
    const clipped = () => detail.evaluate((el) => el.scrollHeight > el.clientHeight + 1);

    // Folded: two lines of it, cut (once the examples have loaded).
    await expect(detail).toHaveText(description(SCALE_OUT));
    await expect(details).toHaveAttribute('aria-expanded', 'false');
    expect(await clipped()).toBe(true);
    await details.click();
    await expect(details).toHaveAttribute('aria-expanded', 'true');
    expect(await clipped()).toBe(false);
    await expect(detail).toHaveText(description(SCALE_OUT));

    // All of it inside the phone's width, and brought into the list's sight from its name down.
    const box = (await detail.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    const list = (await page.locator('.examples-list').boundingBox())!;
    expect(list.y + list.height).toBeLessThanOrEqual(844);
    const name = (await page.getByTestId(`example-${SCALE_OUT}`).locator('.example-name').boundingBox())!;
    expect(name.y).toBeGreaterThanOrEqual(list.y - 1);
    await page.screenshot({ path: `${SCREENSHOTS}/examples-phone-details.png` });
    const axe = await new AxeBuilder({ page }).include('.document-menu').analyze();
    const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    // Folded again by the same button; the example itself still opens with one tap.
    await details.click();
    expect(await clipped()).toBe(true);
    await page.getByTestId(`example-${SCALE_OUT}`).click();
    await expect(page.getByTestId('doc-name')).toHaveText(
      (JSON.parse(readFileSync(`examples/${SCALE_OUT}.json`, 'utf8')) as { name: string }).name,
    );
    expect(run.pageErrors).toEqual([]);
  });

  test('ArrowRight unfolds the focused example and ArrowLeft folds it', async ({ page }) => {
    const run = new RunPage(page);
    await run.goto();
    await page.getByTestId('menu-examples').focus();
    await page.keyboard.press('Enter');
    const first = page.locator('.examples-list [role="menuitem"]:not(.example-unfold)').first();
    await expect(first).toBeFocused();
    const id = (await first.getAttribute('data-testid'))!;
    await expect(page.getByTestId(`${id}-detail`)).not.toHaveText('Loading…');
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId(`${id}-details`)).toHaveAttribute('aria-expanded', 'true');
    await expect(first).toBeFocused();
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByTestId(`${id}-details`)).toHaveAttribute('aria-expanded', 'false');
  });
});

test.describe('examples on a desktop', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('the menu keeps its three columns and fits the window', async ({ page }) => {
    const run = new RunPage(page);
    await run.goto();
    await page.getByTestId('menu-examples').click();
    const entries = page.locator('.examples-list .example-entry');
    await expect(page.getByTestId(`example-${SCALE_OUT}-detail`)).toHaveText(description(SCALE_OUT));
    const lefts = await entries.evaluateAll((els) =>
      els.map((e) => Math.round(e.getBoundingClientRect().left)),
    );
    expect(new Set(lefts).size).toBe(3);
    const list = (await page.locator('.examples-list').boundingBox())!;
    expect(list.y + list.height).toBeLessThanOrEqual(900);
    // Folded, the list needs no scrolling on this screen.
    expect(
      await page.locator('.examples-list').evaluate((el) => el.scrollHeight <= el.clientHeight + 1),
    ).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/examples-desktop.png` });
  });
});
