// The charts over the whole run: a 10-minute run ends with every chart's time axis reading 0 s to
// 10:00; selecting a span, the zoom buttons and "Last 60 s" move every chart's axis together;
// hovering one chart shows the same second's values on the others; a broker kill in the document
// shows as a mark on every chart.
import { mkdirSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { ChartsPage } from './pages/ChartsPage';
import { RunPage } from './pages/RunPage';

const SCREENSHOTS = 'test-results/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });

test.use({ viewport: { width: 1440, height: 900 } });

const CHARTS = ['throughput', 'latency', 'lag', 'brokers', 'spark-personaliser'];

/** The clickstream example for 600 s, broker-2 down from 200 s to 260 s. */
function tenMinutes(): Record<string, unknown> {
  const doc = JSON.parse(readFileSync('examples/clickstream-personalisation.json', 'utf8')) as Record<
    string,
    unknown
  >;
  doc.run = { ...(doc.run as object), durationSec: 600 };
  doc.faults = [{ kind: 'brokerDown', atSec: 200, broker: 'broker-2', durationSec: 60 }];
  return doc;
}

test('a 10-minute run: whole-run axes, shared zoom, shared crosshair, fault marks', async ({ page }) => {
  test.setTimeout(180_000);
  const run = new RunPage(page);
  const charts = new ChartsPage(page);
  await run.prepare(tenMinutes());
  await run.goto();
  // While the run plays, the charts (drawn by the light live renderer) already show the whole run
  // so far and the broker kill once the clock has passed it.
  await run.setSpeed('100');
  await run.play.click();
  await expect.poll(() => run.simMs(), { timeout: 30_000 }).toBeGreaterThan(215_000);
  await charts.chart('throughput').scrollIntoViewIfNeeded();
  await expect(charts.chart('throughput').locator('.fault-mark')).toContainText('broker-2 down');
  await expect(charts.plot('throughput')).toHaveAttribute('data-from', '0');
  expect(await charts.range('throughput')).not.toEqual([0, 600]);
  await page.screenshot({ path: `${SCREENSHOTS}/whole-run-live.png` });
  await run.setSpeed('max');
  await expect(run.status).toHaveText('Finished', { timeout: 120_000 });
  await expect(charts.rangeText).toHaveText('00:00 – 10:00');

  // Every chart, once on screen, draws the whole run: 0 s to 600 s, the axis from 00:00 to 10:00.
  for (const id of CHARTS) {
    await charts.chart(id).scrollIntoViewIfNeeded();
    await expect(run.linePaths(id).first()).toBeAttached();
    await expect(charts.plot(id)).toHaveAttribute('data-from', '0');
    await expect(charts.plot(id)).toHaveAttribute('data-to', '600');
    // Recharts lays the axis out a moment after the lines.
    await expect.poll(() => charts.timeTicks(id)).toContain('10:00');
    const ticks = await charts.timeTicks(id);
    expect(ticks[0]).toBe('00:00');
    expect(ticks[ticks.length - 1]).toBe('10:00');
    // The broker kill is marked, labelled, on every chart.
    await expect(charts.faultMarks(id).first()).toBeAttached();
    // Recharts draws labels in a layer of their own, so the label is looked for in the plot.
    await expect(charts.plot(id)).toContainText('broker-2 down');
  }
  // The brokers of this example are lightly loaded: their chart's axis scales to what they do
  // instead of a fixed 0-100%, and still reaches above the busiest value it shows.
  const brokerTop = Number(await charts.plot('brokers').getAttribute('data-y-max'));
  expect(brokerTop).toBeGreaterThan(0);
  expect(brokerTop).toBeLessThan(100);
  await charts.chart('throughput').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENSHOTS}/whole-run-charts.png` });

  // Hovering the throughput chart halfway shows that second's values on it and on the latency chart.
  await charts.hover('throughput', 0.5);
  const shown = charts.readouts;
  await expect.poll(() => shown.count()).toBeGreaterThan(1);
  const seconds = await shown.evaluateAll((els) => els.map((e) => e.getAttribute('data-second')));
  expect(new Set(seconds).size).toBe(1);
  const second = Number(seconds[0]);
  expect(second).toBeGreaterThan(280);
  expect(second).toBeLessThan(320);
  await expect(charts.chart('throughput').getByTestId('chart-readout')).toContainText('Produced:');
  await expect(charts.chart('latency').getByTestId('chart-readout')).toContainText(/p99: [\d,.]+ ms/);
  await page.screenshot({ path: `${SCREENSHOTS}/whole-run-crosshair.png` });

  // Dragging across a quarter of the throughput chart zooms every chart to that span.
  await charts.dragSelect('throughput', 0.25, 0.5);
  await page.mouse.move(0, 0);
  await expect(charts.rangeText).not.toHaveText('00:00 – 10:00');
  const [from, to] = await charts.range('throughput');
  expect(from).toBeGreaterThan(130);
  expect(from).toBeLessThan(170);
  expect(to).toBeGreaterThan(280);
  expect(to).toBeLessThan(320);
  for (const id of CHARTS) {
    await charts.chart(id).scrollIntoViewIfNeeded();
    await expect.poll(() => charts.range(id)).toEqual([from, to]);
    await expect.poll(() => charts.timeTicks(id)).not.toContain('10:00');
    const ticks = await charts.timeTicks(id);
    expect(ticks.length).toBeGreaterThan(2);
    expect(ticks.every((t) => t >= '02:00' && t <= '05:30')).toBe(true);
  }
  await charts.chart('throughput').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENSHOTS}/whole-run-zoomed.png` });

  // By keyboard: zoom in halves the span around its middle; "Last 60 s" and "Whole run" follow the run.
  await charts.zoomIn.focus();
  await page.keyboard.press('Enter');
  const mid = (from + to) / 2;
  const half = (to - from) / 4;
  await expect
    .poll(() => charts.range('throughput'))
    .toEqual([Math.round(mid - half), Math.round(mid + half)]);
  await charts.lastMinute.focus();
  await page.keyboard.press('Enter');
  await expect(charts.lastMinute).toHaveAttribute('aria-pressed', 'true');
  for (const id of CHARTS) {
    await charts.chart(id).scrollIntoViewIfNeeded();
    await expect.poll(() => charts.range(id)).toEqual([540, 600]);
  }
  await charts.wholeRun.click();
  await charts.chart('throughput').scrollIntoViewIfNeeded();
  await expect.poll(() => charts.range('throughput')).toEqual([0, 600]);
  expect(run.pageErrors).toEqual([]);
});
