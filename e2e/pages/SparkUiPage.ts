// Page object for a Spark job's live view: the Spark UI card under its charts (recent batches and
// operators) and the busy share its stages show on the canvas.
import type { Locator, Page } from '@playwright/test';

export class SparkUiPage {
  constructor(readonly page: Page) {}

  card(jobId: string): Locator {
    return this.page.getByTestId(`spark-ui-${jobId}`);
  }

  batches(jobId: string): Locator {
    return this.page.getByTestId(`spark-batches-${jobId}`);
  }

  batchRows(jobId: string): Locator {
    return this.batches(jobId).getByTestId('spark-batch-row');
  }

  stages(jobId: string): Locator {
    return this.page.getByTestId(`spark-stages-${jobId}`);
  }

  stageRow(jobId: string, stageId: string): Locator {
    return this.stages(jobId).getByTestId(`spark-stage-row-${stageId}`);
  }

  /** The numbers of one batch row, read from the cells' data-value attributes. */
  async batchValues(
    row: Locator,
  ): Promise<{ records: number; scheduling: number; processing: number; total: number }> {
    // One read of the whole row: the table may still take a last frame after a pause, and cells read
    // one by one could then come from two different batches.
    const v = await row
      .locator('td')
      .evaluateAll((cells) => cells.map((c) => Number((c as HTMLElement).dataset.value)));
    return { records: v[0]!, scheduling: v[2]!, processing: v[3]!, total: v[4]! };
  }

  /** The "37% busy" line of a stage node on the canvas. */
  stageBusy(stageId: string): Locator {
    return this.page.getByTestId(`busy-${stageId}`);
  }

  stageNode(stageId: string): Locator {
    return this.page.getByTestId(`node-${stageId}`);
  }
}
