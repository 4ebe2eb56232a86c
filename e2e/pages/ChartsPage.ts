// Page object for the whole-run charts: the shared time range bar, each chart's plot (its time
// range is on data-from / data-to, in seconds), axis tick labels, the crosshair's value boxes and
// the fault marks.
import type { Locator, Page } from '@playwright/test';

export class ChartsPage {
  readonly rangeText: Locator;
  readonly wholeRun: Locator;
  readonly lastMinute: Locator;
  readonly zoomIn: Locator;
  readonly zoomOut: Locator;
  readonly earlier: Locator;
  readonly later: Locator;
  /** The values boxes the crosshair opens on every chart. */
  readonly readouts: Locator;

  constructor(readonly page: Page) {
    this.rangeText = page.getByTestId('chart-range-text');
    this.wholeRun = page.getByTestId('range-whole');
    this.lastMinute = page.getByTestId('range-last');
    this.zoomIn = page.getByTestId('range-zoom-in');
    this.zoomOut = page.getByTestId('range-zoom-out');
    this.earlier = page.getByTestId('range-earlier');
    this.later = page.getByTestId('range-later');
    this.readouts = page.getByTestId('chart-readout');
  }

  chart(id: string): Locator {
    return this.page.getByTestId(`chart-${id}`);
  }

  /** The (first) plot of a chart; a Spark card has two. */
  plot(id: string): Locator {
    return this.chart(id).getByTestId('chart-plot').first();
  }

  /** The seconds a chart shows, from its plot's data attributes. */
  async range(id: string): Promise<[number, number]> {
    const plot = this.plot(id);
    return [Number(await plot.getAttribute('data-from')), Number(await plot.getAttribute('data-to'))];
  }

  /** The time axis labels of a chart as drawn (m:ss). */
  async timeTicks(id: string): Promise<string[]> {
    return this.plot(id)
      .locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value')
      .allTextContents();
  }

  faultMarks(id: string): Locator {
    return this.chart(id).locator('.fault-mark');
  }

  /** The plot area's box on screen (inside the axes). */
  private async area(id: string) {
    // The interactive layer (a passive one holding mark labels lies over the same area).
    const box = await this.plot(id).locator('.run-chart-layer:not(.is-passive)').boundingBox();
    if (!box) throw new Error(`chart ${id} has no plot on screen`);
    return box;
  }

  /** Moves the pointer to `share` (0..1) of the way across a chart's plot. */
  async hover(id: string, share: number): Promise<void> {
    const box = await this.area(id);
    await this.page.mouse.move(box.x + box.width * share, box.y + box.height / 2);
  }

  /** Drags across a chart's plot from `a` to `b` (shares of its width), selecting that span. */
  async dragSelect(id: string, a: number, b: number): Promise<void> {
    const box = await this.area(id);
    const y = box.y + box.height / 2;
    await this.page.mouse.move(box.x + box.width * a, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + box.width * ((a + b) / 2), y, { steps: 4 });
    await this.page.mouse.move(box.x + box.width * b, y, { steps: 4 });
    await this.page.mouse.up();
  }
}
