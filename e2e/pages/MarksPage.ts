// Page object for the bottleneck marks a run puts on the canvas: outlined nodes with their reason,
// the Spark stage that limits its job, and broker cards near capacity.
import type { Locator, Page } from '@playwright/test';

export class MarksPage {
  constructor(readonly page: Page) {}

  /** A node's outline when it is marked as a bottleneck. */
  marked(nodeId: string): Locator {
    return this.page.getByTestId(`node-${nodeId}`).locator('.sl-node.is-bottleneck');
  }

  /** The text that explains a node's marks (its accessible description). */
  reason(nodeId: string): Locator {
    return this.page.locator(`#node-desc-${nodeId}`);
  }

  /** Stages marked as the one that limits their job. */
  limitingStages(): Locator {
    return this.page.locator('.sl-stage.is-limiting');
  }

  brokerCard(brokerId: string): Locator {
    return this.page.getByTestId(`broker-${brokerId}`);
  }
}
