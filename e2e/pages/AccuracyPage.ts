// Page object for "How accurate is this?": the top-bar entry and the report dialog it opens.
import type { Locator, Page } from '@playwright/test';

export class AccuracyPage {
  readonly entry: Locator;
  readonly dialog: Locator;
  readonly close: Locator;

  constructor(readonly page: Page) {
    this.entry = page.getByRole('button', { name: 'How accurate is this?' });
    this.dialog = page.getByRole('dialog', { name: 'How accurate is this?' });
    this.close = page.getByTestId('accuracy-close');
  }

  async open(): Promise<void> {
    await this.entry.click();
    await this.dialog.waitFor({ state: 'visible' });
  }

  /** The row of one figure, by its check id (e.g. "mm1-half.mean"). */
  row(checkId: string): Locator {
    return this.dialog.getByTestId(`accuracy-row-${checkId}`);
  }

  caseBlock(caseId: string): Locator {
    return this.dialog.getByTestId(`accuracy-case-${caseId}`);
  }

  emptySection(sectionId: string): Locator {
    return this.dialog.getByTestId(`accuracy-empty-${sectionId}`);
  }

  /** Pairs of top-bar controls whose boxes overlap side by side (none when the bar fits). */
  async overlappingTopBarControls(): Promise<string[]> {
    return this.page.evaluate(() => {
      const controls = [
        ...document.querySelectorAll(
          '.topbar button, .topbar select, .topbar .doc-name, .topbar .run-clock, .topbar .run-status',
        ),
      ]
        .filter((e) => !e.closest('[hidden]') && (e as HTMLElement).offsetParent !== null)
        .map((e) => ({
          name: (e.getAttribute('aria-label') ?? e.textContent ?? '').trim(),
          box: e.getBoundingClientRect(),
        }));
      const overlaps: string[] = [];
      for (let i = 0; i < controls.length; i++)
        for (let j = i + 1; j < controls.length; j++) {
          const a = controls[i]!;
          const b = controls[j]!;
          if (a.box.left < b.box.right - 0.5 && b.box.left < a.box.right - 0.5)
            overlaps.push(`${a.name} / ${b.name}`);
        }
      return overlaps;
    });
  }
}
