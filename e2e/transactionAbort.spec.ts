// A failed send aborts its transaction, from the canvas: open the payments example, let the gateway
// give up on a batch after 30 s (delivery.timeout.ms), and take two of the three brokers down for
// 20 s, so min.insync.replicas 2 cannot be met. The totals show the aborted transaction's records
// with the failed send as the reason, the records the gateway sent again, and the ledger
// (read_committed) still gets each settlement once.
import { expect, test } from '@playwright/test';
import { CanvasPage } from './pages/CanvasPage';
import { FaultsPage } from './pages/FaultsPage';
import { RunPage } from './pages/RunPage';

test.use({ viewport: { width: 1440, height: 1000 } });

test('two brokers down: a refused send aborts the transaction and its records are sent again', async ({
  page,
}) => {
  const canvas = new CanvasPage(page);
  const faults = new FaultsPage(page);
  const run = new RunPage(page);
  await faults.goto();
  await faults.openExample('payments-exactly-once');
  await expect(canvas.node('payment-gateway')).toBeVisible();

  await canvas.select('payment-gateway');
  await canvas.field('delivery.timeout.ms').fill('30005');
  await canvas.pane.click({ position: { x: 80, y: 300 } });

  await faults.showPanel();
  for (const broker of ['kafka-2', 'kafka-3']) {
    await faults.add.click();
    await expect(faults.kind).toHaveValue('brokerDown');
    await faults.field('Broker').selectOption(broker);
    await faults.field('Starts at (s)').fill('10');
    await faults.field('Lasts (s)').fill('20');
    await faults.save.click();
  }
  await expect(faults.rows).toHaveCount(3);

  await run.setSpeed('max');
  await run.play.click();
  await expect(run.status).toHaveText('Finished', { timeout: 180_000 });
  const aborted = page.getByTestId('total-aborted');
  expect(Number(await aborted.getAttribute('data-value'))).toBeGreaterThan(0);
  const resent = page.getByTestId('total-resent');
  await expect(resent).toBeVisible();
  expect(Number(await resent.getAttribute('data-value'))).toBeGreaterThan(0);
  // The settlement job's output is written once: nothing twice for the ledger.
  await expect(page.getByTestId('total-written-twice')).toHaveCount(0);
  await expect(aborted).toContainText('a send failed inside the transaction');
  // The tips of the totals at the bar's right end open leftwards, inside the bar.
  const bar = (await page.getByTestId('totals-bar').boundingBox())!;
  for (const [total, name] of [
    [aborted, 'txn-abort-totals'],
    [resent, 'txn-abort-resent'],
  ] as const) {
    await total.hover();
    const tip = (await total.locator('.total-tip').boundingBox())!;
    expect(tip.x + tip.width).toBeLessThanOrEqual(bar.x + bar.width + 1);
    await page.screenshot({ path: `test-results/screenshots/${name}.png` });
  }
  expect(faults.pageErrors).toEqual([]);
});
