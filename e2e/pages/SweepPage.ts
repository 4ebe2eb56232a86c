// Page object for the Sweep view (src/app/sweep/SweepPanel.tsx): sweep a setting over values with
// seeds per point, or find the limit; progress, the charts with error bars and the table.
import { deflateRawSync } from 'node:zlib';
import { expect, type Locator, type Page } from '@playwright/test';

/** A share-link hash built by hand (Node's zlib): the document, and a sweep or search spec after it. */
export function linkHash(doc: unknown, spec?: unknown): string {
  const pack = (v: unknown) => deflateRawSync(Buffer.from(JSON.stringify(v), 'utf8')).toString('base64url');
  return `#v1.${pack(doc)}${spec === undefined ? '' : `.w1.${pack(spec)}`}`;
}

export class SweepPage {
  readonly panel: Locator;
  readonly run: Locator;
  readonly cancel: Locator;
  readonly progress: Locator;
  readonly table: Locator;
  readonly charts: Locator;
  readonly problem: Locator;
  readonly linkNote: Locator;
  readonly limit: Locator;
  readonly pageErrors: string[] = [];

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('sweep-panel');
    this.run = page.getByTestId('sweep-run');
    this.cancel = page.getByTestId('sweep-cancel');
    this.progress = page.getByTestId('sweep-progress');
    this.table = page.getByTestId('sweep-table');
    this.charts = page.getByTestId('sweep-chart');
    this.problem = page.getByTestId('sweep-problem');
    this.linkNote = page.getByTestId('sweep-link-note');
    this.limit = page.getByTestId('search-limit');
    page.on('pageerror', (err) => this.pageErrors.push(err.message));
  }

  async goto(hash = ''): Promise<void> {
    await this.page.goto(`/${hash}`);
    await this.page.getByTestId('run-clock').waitFor();
  }

  async openExample(id: string): Promise<void> {
    await this.page.getByTestId('menu-examples').click();
    await this.page.getByTestId(`example-${id}`).click();
  }

  async open(): Promise<void> {
    await this.page.getByTestId('results-tab-sweep').click();
    await this.panel.waitFor();
  }

  field(testId: string): Locator {
    return this.page.getByTestId(testId);
  }

  async fill(testId: string, value: string): Promise<void> {
    await this.field(testId).fill(value);
  }

  /** Waits until the batch is over (done, cancelled or failed) and returns its status. */
  async finished(timeout = 120_000): Promise<string> {
    await expect(this.progress).toHaveAttribute('data-status', /done|cancelled|error/, { timeout });
    return (await this.progress.getAttribute('data-status')) ?? '';
  }

  /** The table's body as text cells, row by row. */
  async rows(): Promise<string[][]> {
    return this.table
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())),
      );
  }

  /** Error bars drawn in a chart (a group per point with an interval). */
  errorBars(chart: Locator): Locator {
    return chart.locator('.sweep-errorbar');
  }
}
