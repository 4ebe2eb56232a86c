// Page object for the Runs view: the kept runs, pinning a baseline, choosing two and comparing them,
// and the baseline drawn on the charts. Rows are found by run number (1, 2, ... in save order).
import type { Locator, Page } from '@playwright/test';

/** The figures the list shows, by metric id. */
export const LIST_METRICS = [
  'throughput',
  'processed',
  'p99',
  'maxLagRecords',
  'maxLagSec',
  'lost',
  'schedulingDelay',
  'costPerHour',
] as const;

export class RunsPage {
  readonly tab: Locator;
  readonly panel: Locator;
  readonly table: Locator;
  readonly compareButton: Locator;
  readonly compareView: Locator;
  readonly compareChanges: Locator;
  readonly chartsTab: Locator;

  constructor(readonly page: Page) {
    this.tab = page.getByTestId('results-tab-runs');
    this.panel = page.getByTestId('runs-panel');
    this.table = page.getByTestId('runs-table');
    this.compareButton = page.getByTestId('runs-compare');
    this.compareView = page.getByTestId('runs-compare-view');
    this.compareChanges = page.getByTestId('compare-changes');
    this.chartsTab = page.getByTestId('results-tab-charts');
  }

  async open(): Promise<void> {
    await this.tab.click();
    await this.panel.waitFor();
  }

  row(seq: number): Locator {
    return this.page.getByTestId(`run-row-${seq}`);
  }

  async pin(seq: number): Promise<void> {
    await this.row(seq).getByTestId('run-pin').click();
  }

  async choose(seq: number): Promise<void> {
    await this.row(seq).getByTestId('run-choose').check();
  }

  async runName(seq: number): Promise<string> {
    return (await this.row(seq).getAttribute('data-run-name')) ?? '';
  }

  /** The exact figure behind a list cell (null for a run the metric does not apply to). */
  async figure(seq: number, metric: string): Promise<number | null> {
    const v = await this.row(seq).getByTestId(`run-metric-${metric}`).getAttribute('data-value');
    return v === null || v === '' ? null : Number(v);
  }

  async figureText(seq: number, metric: string): Promise<string> {
    return (await this.row(seq).getByTestId(`run-metric-${metric}`).textContent()) ?? '';
  }

  compareRow(metric: string): Locator {
    return this.page.getByTestId(`compare-${metric}`);
  }

  /** A comparison row's numbers: both values and the delta, null when missing. */
  async compared(
    metric: string,
  ): Promise<{ left: number | null; right: number | null; delta: number | null; verdict: string }> {
    const row = this.compareRow(metric);
    const num = async (name: string) => {
      const v = await row.getAttribute(name);
      return v === null || v === '' ? null : Number(v);
    };
    return {
      left: await num('data-left'),
      right: await num('data-right'),
      delta: await num('data-delta'),
      verdict: (await row.getAttribute('data-verdict')) ?? '',
    };
  }

  /** Dashed baseline lines drawn in a chart (either renderer). */
  baselinePaths(chart: string): Locator {
    return this.page
      .getByTestId(`chart-${chart}`)
      .locator('path.chart-baseline[d^="M"], .chart-baseline path[d^="M"]');
  }

  legendBaseline(chart: string): Locator {
    return this.page.getByTestId(`chart-${chart}`).getByTestId('legend-baseline');
  }
}
