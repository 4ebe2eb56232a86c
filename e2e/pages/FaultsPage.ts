// Page object for the fault timeline: the Faults tab of the results pane, its add/edit form, and
// the kill button and down badge on the broker cards of the cluster strip.
import type { Locator, Page } from '@playwright/test';

const AUTOSAVE_KEY = 'streamlab.autosave.v1';

export class FaultsPage {
  readonly panel: Locator;
  readonly add: Locator;
  readonly kind: Locator;
  readonly save: Locator;
  readonly rows: Locator;
  readonly nowLine: Locator;
  readonly play: Locator;
  readonly pause: Locator;
  readonly speed: Locator;
  readonly clock: Locator;
  readonly noticeText: Locator;
  readonly pageErrors: string[] = [];

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('faults-panel');
    this.add = page.getByTestId('fault-add');
    this.kind = page.getByTestId('fault-kind');
    this.save = page.getByTestId('fault-save');
    this.rows = this.panel.locator('[data-testid^="fault-row-"]');
    this.nowLine = this.panel.getByTestId('faults-now').first();
    this.play = page.getByTestId('run-play');
    this.pause = page.getByTestId('run-pause');
    this.speed = page.getByTestId('run-speed');
    this.clock = page.getByTestId('run-clock');
    this.noticeText = page.getByTestId('notice-text');
    page.on('pageerror', (err) => this.pageErrors.push(err.message));
  }

  async goto(path = '/'): Promise<void> {
    await this.page.goto(path);
    await this.showPanel();
  }

  /** The faults live in a tab of the results pane: bring that tab forward. */
  async showPanel(): Promise<void> {
    await this.page.getByTestId('results-tab-faults').click();
    await this.panel.waitFor();
  }

  async openExample(file: string): Promise<void> {
    await this.page.getByTestId('menu-examples').click();
    await this.page.getByTestId(`example-${file}`).click();
  }

  /** Makes the app start with `doc`, as if it had been autosaved (no menu involved). */
  async startWith(doc: unknown): Promise<void> {
    await this.page.addInitScript(([key, text]) => window.localStorage.setItem(key, text), [
      AUTOSAVE_KEY,
      JSON.stringify(doc),
    ] as const);
  }

  /** A field of the add/edit form by its visible label. */
  field(label: string): Locator {
    return this.panel.getByLabel(label, { exact: true });
  }

  row(index: number): Locator {
    return this.page.getByTestId(`fault-row-${index}`);
  }

  remove(index: number): Locator {
    return this.page.getByTestId(`fault-remove-${index}`);
  }

  kill(broker: string): Locator {
    return this.page.getByTestId(`broker-kill-${broker}`);
  }

  downBadge(broker: string): Locator {
    return this.page.getByTestId(`broker-down-${broker}`);
  }

  /** Row start times in the order the timeline lists them. */
  async rowTimes(): Promise<number[]> {
    const values = await this.rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-at-sec')));
    return values.map(Number);
  }

  async simMs(): Promise<number> {
    return Number(await this.clock.getAttribute('data-sim-ms'));
  }

  async copyLink(): Promise<string> {
    await this.page.getByTestId('menu-copy-link').click();
    await this.noticeText.filter({ hasText: 'Link copied' }).waitFor();
    return this.page.evaluate(() => navigator.clipboard.readText());
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `test-results/screenshots/faults-${name}.png` });
  }
}
