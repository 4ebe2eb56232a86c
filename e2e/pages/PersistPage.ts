// Page object for keeping and sharing work: the document menu, the notice banner, share links and
// autosave. It knows nothing about the canvas, which is tested on its own.
import type { Locator, Page } from '@playwright/test';

export const AUTOSAVE_KEY = 'streamlab.autosave.v1';

export class PersistPage {
  readonly docName: Locator;
  readonly notice: Locator;
  readonly noticeText: Locator;
  readonly newButton: Locator;
  readonly openButton: Locator;
  readonly saveButton: Locator;
  readonly examplesButton: Locator;
  readonly copyLinkButton: Locator;
  readonly exportMenuButton: Locator;
  readonly exportPngButton: Locator;
  readonly shareLinkField: Locator;
  readonly documentMenu: Locator;
  readonly pageErrors: string[] = [];

  constructor(readonly page: Page) {
    this.docName = page.getByTestId('doc-name');
    this.notice = page.getByTestId('notice');
    this.noticeText = page.getByTestId('notice-text');
    this.newButton = page.getByTestId('menu-new');
    this.openButton = page.getByTestId('menu-open');
    this.saveButton = page.getByTestId('menu-save');
    this.examplesButton = page.getByTestId('menu-examples');
    this.copyLinkButton = page.getByTestId('menu-copy-link');
    this.exportMenuButton = page.getByTestId('menu-export');
    this.exportPngButton = page.getByTestId('menu-export-png');
    this.shareLinkField = page.getByTestId('share-link-field');
    this.documentMenu = page.getByRole('group', { name: 'Document' });
    page.on('pageerror', (err) => this.pageErrors.push(err.message));
  }

  exampleItem(id: string): Locator {
    return this.page.getByTestId(`example-${id}`);
  }

  /** Opens the app at `path` (e.g. '/#v1.abc') and waits until the document menu is there. */
  async goto(path = '/'): Promise<void> {
    await this.page.goto(path);
    await this.docName.waitFor();
  }

  async openExample(id: string): Promise<void> {
    await this.examplesButton.click();
    await this.exampleItem(id).click();
  }

  /** Clicks Copy link and returns what landed on the clipboard (needs clipboard permissions). */
  async copyLink(): Promise<string> {
    await this.copyLinkButton.click();
    await this.noticeText.filter({ hasText: 'Link copied' }).waitFor();
    return this.page.evaluate(() => navigator.clipboard.readText());
  }

  /** Puts a link in the address bar of the running app, as pasting one into the same tab would. */
  async navigateToHash(hash: string): Promise<void> {
    await this.page.evaluate((h) => {
      window.location.hash = h;
    }, hash);
  }

  async autosavedText(): Promise<string | null> {
    return this.page.evaluate((key) => window.localStorage.getItem(key), AUTOSAVE_KEY);
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `test-results/screenshots/persist-${name}.png` });
  }
}
