// Nothing clipped or printed over something else, on the screens a new-user review found broken:
// fault labels on the charts (each other and the "batch interval" label), the consumer group's lag
// table in the inspector, the Spark UI's operators table, the Sweep tab's results table, the broker
// cards of two clusters under the canvas, and two restore-time lines of equal values.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { ChartsPage } from './pages/ChartsPage';
import { RunPage } from './pages/RunPage';
import { SweepPage } from './pages/SweepPage';

async function openExample(page: Page, id: string) {
  await page.getByTestId('menu-examples').click();
  await page.getByTestId(`example-${id}`).click();
}

async function runToEnd(run: RunPage, timeout = 150_000) {
  await run.speed.selectOption('max');
  await run.play.click();
  await expect(run.status).toHaveAttribute('data-status', 'finished', { timeout });
}

/** A box's width of content beyond what it shows (0 when it all fits). */
const overflowX = (box: Locator) => box.evaluate((el) => el.scrollWidth - el.clientWidth);

interface Box {
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The fault labels and the reference label of every plot in a chart, as drawn on screen. */
function labelBoxes(chart: Locator): Promise<Box[][]> {
  return chart.getByTestId('chart-plot').evaluateAll((plots) =>
    plots.map((plot) =>
      [...plot.querySelectorAll('.fault-label, .chart-reference-label')]
        .map((el) => {
          const r = el.getBoundingClientRect();
          return { text: el.textContent ?? '', x: r.x, y: r.y, w: r.width, h: r.height };
        })
        .filter((b) => b.w > 0 && b.h > 0),
    ),
  );
}

const intersects = (a: Box, b: Box) =>
  a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 && b.y < a.y + a.h - 0.5;

test.describe('at 1440 x 900', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('iot-receivers: no fault label prints over another or over "batch interval"; the operators table fits', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const run = new RunPage(page);
    const charts = new ChartsPage(page);
    await run.goto();
    await openExample(page, 'iot-receivers');
    await runToEnd(run);
    await page.getByTestId('results-tab-charts').click();

    // No Broker utilisation card: the pipeline has no topic, so nothing uses the brokers.
    await expect(charts.chart('brokers')).toHaveCount(0);
    for (const id of ['throughput', 'latency', 'lag', 'spark-building-monitor']) {
      const chart = charts.chart(id);
      await chart.scrollIntoViewIfNeeded();
      // Both faults (executors lost, driver fails) are labelled on every plot once Recharts drew it,
      // and the Spark card's batch-time plot has its "batch interval" line at the top.
      const drawn = (plots: Box[][]) =>
        plots.every((plot) => plot.filter((b) => b.text.startsWith('building-monitor')).length >= 2) &&
        (id !== 'spark-building-monitor' ||
          plots.some((boxes) => boxes.some((b) => b.text === 'batch interval')));
      await expect.poll(async () => drawn(await labelBoxes(chart)), { timeout: 20_000 }).toBe(true);
      const plots = await labelBoxes(chart);
      for (const boxes of plots)
        for (let i = 0; i < boxes.length; i++)
          for (let j = i + 1; j < boxes.length; j++)
            expect(
              intersects(boxes[i]!, boxes[j]!),
              `${id}: "${boxes[i]!.text}" and "${boxes[j]!.text}" overlap`,
            ).toBe(false);
    }
    // There is room for both labels whole on the throughput chart: neither is cut short.
    await expect(charts.plot('throughput').locator('.fault-label')).toHaveText([
      'building-monitor executors lost',
      'building-monitor driver fails',
    ]);

    // Spark UI: the operators table fits its box, so the last column ("Slowest / median task") shows.
    // The card fills its tables once it is on screen.
    await page.getByTestId('spark-ui-building-monitor').scrollIntoViewIfNeeded();
    const scroll = page.getByTestId('spark-stages-scroll-building-monitor');
    await scroll.scrollIntoViewIfNeeded();
    expect(await overflowX(scroll)).toBeLessThanOrEqual(0);
    const last = page.getByTestId('spark-stages-building-monitor').locator('thead th').last();
    await expect(last).toHaveText('Slowest / median task');
    const [cell, box] = [await last.boundingBox(), await scroll.boundingBox()];
    expect(cell!.x + cell!.width).toBeLessThanOrEqual(box!.x + box!.width + 0.5);
    expect(run.pageErrors).toEqual([]);
  });

  test('the consumer group inspector: the lag per partition table fits, drain column included', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const run = new RunPage(page);
    await run.goto();
    await openExample(page, 'broker-failure');
    await run.playUntil(20_000, 'max');
    await page.locator('.react-flow__node', { hasText: 'fulfilment' }).first().click();
    const scroll = page.getByTestId('lag-scroll-fulfilment');
    await expect(scroll).toBeVisible();
    expect(await overflowX(scroll)).toBeLessThanOrEqual(0);
    const last = page.getByTestId('lag-table-fulfilment').locator('thead th').last();
    await expect(last).toHaveText('drain');
    const [cell, box] = [await last.boundingBox(), await scroll.boundingBox()];
    expect(cell!.x + cell!.width).toBeLessThanOrEqual(box!.x + box!.width + 0.5);
  });

  test('Sweep with larger results: the table gets the whole width and a chart sits beside the form', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const sweep = new SweepPage(page);
    await sweep.goto();
    await sweep.openExample('broker-failure');
    await sweep.open();
    await page.getByTestId('results-enlarge').click();
    await sweep.field('sweep-setting-0').selectOption('producers[checkout].rate.recordsPerSec');
    await sweep.field('sweep-values-mode-0').selectOption('list');
    await sweep.fill('sweep-list-0', '5000, 10000');
    await sweep.fill('sweep-seeds', '1');
    await sweep.fill('sweep-warmup', '1');
    await sweep.fill('sweep-duration', '4');
    await sweep.run.click();
    expect(await sweep.finished()).toBe('done');

    const wrap = page.getByTestId('sweep-table-wrap');
    await wrap.scrollIntoViewIfNeeded();
    expect(await overflowX(wrap)).toBeLessThanOrEqual(0);
    const [tableBox, panelBox, formBox, chartBox] = await Promise.all([
      wrap.boundingBox(),
      sweep.panel.boundingBox(),
      page.locator('.sweep-form').boundingBox(),
      sweep.charts.first().boundingBox(),
    ]);
    // The table starts at the form's left edge and spans most of the panel, not a column beside it.
    expect(Math.abs(tableBox!.x - formBox!.x)).toBeLessThan(2);
    expect(tableBox!.width).toBeGreaterThan(panelBox!.width * 0.85);
    // The first chart is beside the form, level with its top: the space right of the form is used.
    expect(chartBox!.x).toBeGreaterThanOrEqual(formBox!.x + formBox!.width);
    expect(chartBox!.y).toBeLessThan(formBox!.y + formBox!.height / 2);
  });

  test('event-sourced-state: the balance-view restore line shows around the identical balance-restore line', async ({
    page,
  }) => {
    test.setTimeout(240_000);
    const run = new RunPage(page);
    const charts = new ChartsPage(page);
    await run.goto();
    await openExample(page, 'event-sourced-state');
    await runToEnd(run, 220_000);
    await page.getByTestId('results-tab-charts').click();
    const chart = charts.chart('compaction');
    await chart.scrollIntoViewIfNeeded();
    const stroke = (key: string) =>
      chart
        .locator(`.line-${key} path.recharts-line-curve`)
        .first()
        .evaluate((p) => ({
          width: Number(p.getAttribute('stroke-width')),
          dash: p.getAttribute('stroke-dasharray') ?? '',
        }));
    await expect(chart.locator('.line-balance-restore path.recharts-line-curve')).toHaveCount(1, {
      timeout: 15_000,
    });
    const [view, restore] = [await stroke('balance-view'), await stroke('balance-restore')];
    // The one painted underneath is wider, the one over it dashed: both stay in sight where equal.
    expect(view.width).toBeGreaterThan(restore.width + 1.5);
    expect(restore.dash).not.toBe('');
    const order = await chart
      .locator('.chart-line')
      .evaluateAll((els) => els.map((e) => e.getAttribute('class') ?? ''));
    const at = (key: string) => order.findIndex((c) => c.includes(`line-${key}`));
    expect(at('balance-view')).toBeLessThan(at('balance-restore'));
  });
});

for (const viewport of [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
]) {
  test.describe(`at ${viewport.width} x ${viewport.height}`, () => {
    test.use({ viewport });

    test('two-regions-mirrormaker: every broker card of both regions is in sight under the canvas', async ({
      page,
    }) => {
      const run = new RunPage(page);
      await run.goto();
      await openExample(page, 'two-regions-mirrormaker');
      const strip = page.locator('.sl-cluster-brokers');
      await expect(page.getByTestId('cluster-group-west')).toBeVisible();
      expect(await overflowX(strip)).toBeLessThanOrEqual(0);
      const stripBox = (await strip.boundingBox())!;
      const cards = page.getByTestId('cluster').locator('.sl-broker');
      await expect(cards).toHaveCount(6);
      for (const card of await cards.all()) {
        const b = (await card.boundingBox())!;
        const name = await card.locator('.sl-broker-name').textContent();
        expect(b.x, `${name} starts inside the strip`).toBeGreaterThanOrEqual(stripBox.x - 0.5);
        expect(b.x + b.width, `${name} ends inside the strip`).toBeLessThanOrEqual(
          stripBox.x + stripBox.width + 0.5,
        );
        expect(b.y + b.height, `${name} is not cut off below`).toBeLessThanOrEqual(
          stripBox.y + stripBox.height + 0.5,
        );
      }
      // A region's brokers stay together behind its label.
      await expect(page.getByTestId('cluster-region-west').locator('.sl-broker')).toHaveCount(3);
      await expect(page.getByTestId('cluster-add-broker')).toBeInViewport();
    });
  });
}

test.describe('at 1280 x 720', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('the Spark UI operators table fits a narrower results pane too', async ({ page }) => {
    test.setTimeout(120_000);
    const run = new RunPage(page);
    await run.goto();
    await openExample(page, 'iot-receivers');
    await runToEnd(run);
    await page.getByTestId('results-tab-charts').click();
    await page.getByTestId('spark-ui-building-monitor').scrollIntoViewIfNeeded();
    const scroll = page.getByTestId('spark-stages-scroll-building-monitor');
    await scroll.scrollIntoViewIfNeeded();
    expect(await overflowX(scroll)).toBeLessThanOrEqual(0);
  });

  test('a read_committed group: the lag table with its LSO lag column fits the inspector', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const run = new RunPage(page);
    await run.goto();
    await openExample(page, 'payments-exactly-once');
    await run.playUntil(20_000, 'max');
    await page.locator('.react-flow__node', { hasText: 'ledger' }).first().click();
    await expect(page.getByTestId('lag-table-ledger').locator('thead th')).toContainText(['LSO lag']);
    const scroll = page.getByTestId('lag-scroll-ledger');
    expect(await overflowX(scroll)).toBeLessThanOrEqual(0);
  });
});
