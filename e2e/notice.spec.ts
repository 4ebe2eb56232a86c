// The message row under the top bar: information goes by itself after a while (12 s) so it does
// not keep a row of a small screen, unless the pointer rests on it; errors stay until dismissed.
// The page's clock is driven by the test, so nothing here waits 12 real seconds.
import { expect, test } from '@playwright/test';

const INFO_NOTICE_MS = 12_000;

test('information goes after 12 s, not while the pointer is on it; an error stays', async ({ page }) => {
  await page.clock.install();
  await page.goto('/');
  await page.getByRole('button', { name: /Examples/ }).click();
  await page.getByRole('menuitem', { name: /Broker failure/ }).click();
  const notice = page.getByTestId('notice');
  await expect(notice).toHaveAttribute('class', /notice-info/);
  await expect(page.getByTestId('notice-text')).toContainText('Opened the example');

  // Held while the pointer is on it.
  await notice.hover();
  await page.clock.runFor(INFO_NOTICE_MS + 1_000);
  await expect(notice).toBeVisible();
  // Let go: it goes 12 s later, not before.
  await page.mouse.move(640, 600);
  await page.clock.runFor(INFO_NOTICE_MS - 2_000);
  await expect(notice).toBeVisible();
  await page.clock.runFor(3_000);
  await expect(notice).toHaveCount(0);

  // An error stays.
  await page.goto('/#v1.AAAAbroken');
  await expect(page.getByTestId('notice-text')).toContainText('Could not open the link');
  await page.clock.runFor(INFO_NOTICE_MS * 3);
  await expect(page.getByTestId('notice')).toHaveAttribute('class', /notice-error/);
});
