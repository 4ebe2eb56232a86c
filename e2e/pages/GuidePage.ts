// Page object for the first-visit guide: its card, the outline around the element a step talks
// about, the Guide button that opens it again, and the app controls the steps ask for.
import type { Locator, Page } from '@playwright/test';

/** Where the app remembers that the guide was finished or skipped (src/app/guide/guideStorage.ts). */
export const GUIDE_SEEN_KEY = 'streamlab.guide.v1';

/** Storage for a context that has never seen the app: overrides playwright.config.ts's default. */
export const FIRST_VISIT = { cookies: [], origins: [] };

export type GuideStep = 'example' | 'run' | 'break' | 'lag' | 'done';

export class GuidePage {
  readonly card: Locator;
  readonly title: Locator;
  readonly outline: Locator;
  readonly next: Locator;
  readonly back: Locator;
  readonly skip: Locator;
  readonly close: Locator;
  readonly openExampleButton: Locator;
  readonly reopen: Locator;
  readonly docName: Locator;
  readonly pageErrors: string[] = [];

  constructor(readonly page: Page) {
    this.card = page.getByTestId('guide');
    this.title = this.card.locator('h2');
    this.outline = page.getByTestId('guide-outline');
    this.next = page.getByTestId('guide-next');
    this.back = page.getByTestId('guide-back');
    this.skip = page.getByTestId('guide-skip');
    this.close = page.getByTestId('guide-close');
    this.openExampleButton = page.getByTestId('guide-open-example');
    this.reopen = page.getByTestId('guide-open');
    this.docName = page.getByTestId('doc-name');
    page.on('pageerror', (err) => this.pageErrors.push(err.message));
  }

  /** Opens the app and waits until it is on screen (the guide, if any, opens with it). */
  async goto(path = '/'): Promise<void> {
    await this.page.goto(path);
    await this.page.getByTestId('app-title').waitFor();
  }

  /** The card as a dialog, found by its accessible name (so the label is checked too). */
  dialog(name: string | RegExp): Locator {
    return this.page.getByRole('dialog', { name });
  }

  async step(): Promise<string | null> {
    return this.card.getAttribute('data-step');
  }

  async openExampleFromMenu(id: string): Promise<void> {
    await this.page.getByTestId('menu-examples').click();
    await this.page.getByTestId(`example-${id}`).click();
  }

  async play(speed: string): Promise<void> {
    await this.page.getByTestId('run-speed').selectOption(speed);
    await this.page.getByTestId('run-play').click();
  }

  async pause(): Promise<void> {
    await this.page.getByTestId('run-pause').click();
  }

  /** Simulated time shown by the run clock, in ms. */
  async simMs(): Promise<number> {
    return Number(await this.page.getByTestId('run-clock').getAttribute('data-sim-ms'));
  }

  killButton(broker: string): Locator {
    return this.page.getByTestId(`broker-kill-${broker}`);
  }

  brokerDown(broker: string): Locator {
    return this.page.getByTestId(`broker-down-${broker}`);
  }

  async seenFlag(): Promise<string | null> {
    return this.page.evaluate((key) => window.localStorage.getItem(key), GUIDE_SEEN_KEY);
  }

  /** Whether the card and the outline overlap; they must not, so the card never hides its subject. */
  async cardCoversOutline(): Promise<boolean> {
    const a = await this.card.boundingBox();
    const ring = await this.outline.boundingBox();
    if (!a || !ring) return false;
    // The outline stands 4 px off its element on every side; the element itself is what counts.
    const b = { x: ring.x + 4, y: ring.y + 4, width: ring.width - 8, height: ring.height - 8 };
    return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  }

  /** Whether the card lies wholly inside the window. */
  async cardOnScreen(): Promise<boolean> {
    const box = await this.card.boundingBox();
    const view = this.page.viewportSize();
    if (!box || !view) return false;
    return (
      box.x >= 0 &&
      box.y >= 0 &&
      box.x + box.width <= view.width + 0.5 &&
      box.y + box.height <= view.height + 0.5
    );
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `test-results/screenshots/guide-${name}.png` });
  }
}
