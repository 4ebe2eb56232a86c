// Page object for the run's readings: consumption per reader in the totals, a node's live rate and
// lag line, and the inspector's lag table per partition.
import type { Locator, Page } from '@playwright/test';

export class ReadingsPage {
  constructor(readonly page: Page) {}

  /** Every consumption total (one per reader), and the one of a reader. */
  get consumedTotals(): Locator {
    return this.page.locator('[data-testid^="total-consumed"]');
  }

  consumedBy(readerId: string): Locator {
    return this.page.getByTestId(`total-consumed-${readerId}`);
  }

  /** A node's live rate (data-value: records/s) and its lag line. */
  rate(nodeId: string): Locator {
    return this.page.getByTestId(`live-rate-${nodeId}`);
  }

  async rateValue(nodeId: string): Promise<number> {
    return Number(await this.rate(nodeId).getAttribute('data-value'));
  }

  lagLine(nodeId: string): Locator {
    return this.page.getByTestId(`live-lag-${nodeId}`);
  }

  async select(nodeId: string): Promise<void> {
    // On the node's head: a Spark job's middle may be one of its stages.
    await this.page.getByTestId(`node-${nodeId}`).click({ position: { x: 8, y: 6 } });
  }

  lagTable(readerId: string): Locator {
    return this.page.getByTestId(`lag-table-${readerId}`);
  }

  lagRows(readerId: string): Locator {
    return this.lagTable(readerId).locator('tbody tr');
  }
}
