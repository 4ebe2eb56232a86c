// Page object for the Measured tab (src/app/measured/MeasuredPanel.tsx): paste a tool's output,
// compare, read the table, fit, read the document's fitted values.
import type { Locator, Page } from '@playwright/test';

export class MeasuredPage {
  readonly panel: Locator;
  readonly text: Locator;
  readonly read: Locator;
  readonly errors: Locator;
  readonly compare: Locator;
  readonly table: Locator;
  readonly fit: Locator;
  readonly fitResult: Locator;
  readonly calibrations: Locator;
  readonly chart: Locator;
  readonly pageErrors: string[] = [];

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('measured-panel');
    this.text = page.getByTestId('measured-text');
    this.read = page.getByTestId('measured-read');
    this.errors = page.getByTestId('measured-errors');
    this.compare = page.getByTestId('measured-compare');
    this.table = page.getByTestId('measured-table');
    this.fit = page.getByTestId('measured-fit');
    this.fitResult = page.getByTestId('measured-fit-result');
    this.calibrations = page.getByTestId('measured-calibration');
    this.chart = page.getByTestId('measured-chart');
    page.on('pageerror', (err) => this.pageErrors.push(err.message));
  }

  async goto(): Promise<void> {
    await this.page.goto('/');
    await this.page.getByTestId('run-clock').waitFor();
  }

  async openExample(id: string): Promise<void> {
    await this.page.getByTestId('menu-examples').click();
    await this.page.getByTestId(`example-${id}`).click();
  }

  async open(): Promise<void> {
    await this.page.getByTestId('results-tab-measured').click();
    await this.panel.waitFor();
  }

  /** The table's cells, row by row: node, figure, simulated, measured, error, line. */
  async rows(): Promise<string[][]> {
    return this.table
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) =>
          [...tr.querySelectorAll('td')].map((td) => (td.firstChild?.textContent ?? '').trim()),
        ),
      );
  }

  /** The row of one figure. */
  async row(figure: string): Promise<string[]> {
    const all = await this.rows();
    const found = all.find((r) => r[1] === figure);
    if (!found) throw new Error(`no row ${figure} in ${JSON.stringify(all)}`);
    return found;
  }
}
