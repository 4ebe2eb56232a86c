// The message row under the top bar: information goes by itself after a while (12 s) so it does
// not keep a row of a small screen, unless the pointer rests on it; errors stay until dismissed, but
// one about a refused edit goes with the next edit. Ctrl+Z is offered only when it brings something back.
// Real time, not the page's fake clock: faking it makes the app's watchdog think the simulation
// worker stopped answering. The waits are generous and nothing here measures how long anything took.
import { expect, test } from '@playwright/test';
import { CanvasPage } from './pages/CanvasPage';
import { PersistPage } from './pages/PersistPage';

const INFO_NOTICE_MS = 12_000;

test('information goes after 12 s, not while the pointer is on it; an error stays', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/');
  await page.getByRole('button', { name: /Examples/ }).click();
  await page.getByTestId('example-broker-failure').click();
  const notice = page.getByTestId('notice');
  await expect(notice).toHaveAttribute('class', /notice-info/);
  await expect(page.getByTestId('notice-text')).toContainText('Opened the example');

  // Held while the pointer is on it, however long.
  await notice.hover();
  await page.waitForTimeout(INFO_NOTICE_MS + 1_000);
  await expect(notice).toBeVisible();
  // Let go: it goes by itself.
  await page.mouse.move(640, 600);
  await expect(notice).toHaveCount(0, { timeout: INFO_NOTICE_MS + 8_000 });

  // An error stays.
  await page.goto('/#v1.AAAAbroken');
  await expect(page.getByTestId('notice-text')).toContainText('Could not open the link');
  await page.waitForTimeout(INFO_NOTICE_MS + 1_000);
  await expect(page.getByTestId('notice')).toHaveAttribute('class', /notice-error/);
});

test('a link in a fresh browser does not offer Ctrl+Z; a refused connection’s error goes with the next edit', async ({
  browser,
  baseURL,
}) => {
  const sender = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'], baseURL });
  const from = new PersistPage(await sender.newPage());
  await from.goto();
  await from.openExample('clickstream-personalisation');
  const link = await from.copyLink();

  // A fresh browser had nothing on its canvas before the link: there is nothing to bring back.
  const receiver = await browser.newContext({ baseURL });
  const page = await receiver.newPage();
  const app = new PersistPage(page);
  const canvas = new CanvasPage(page);
  await app.goto(link);
  await expect(app.noticeText).toContainText('from a link');
  await expect(app.noticeText).not.toContainText('Ctrl+Z');
  await page.screenshot({ path: 'test-results/screenshots/notice-link-fresh.png' });
  // Over that pipeline, another one: now Ctrl+Z has something to bring back.
  await app.openExample('payments-exactly-once');
  await expect(app.noticeText).toContainText('Ctrl+Z brings back the previous pipeline');

  // A refused connection says why, until an edit goes through.
  await canvas.connect('payment-gateway', 'ledger');
  await expect(app.noticeText).toContainText('Connection refused');
  await expect(page.getByTestId('notice')).toHaveAttribute('class', /notice-error/);
  await canvas.select('ledger');
  await canvas.field('members').fill('3');
  await expect(canvas.node('ledger')).toContainText('3 members');
  await expect(page.getByTestId('notice')).toHaveCount(0);
  expect(canvas.pageErrors).toEqual([]);
  await sender.close();
  await receiver.close();
});
