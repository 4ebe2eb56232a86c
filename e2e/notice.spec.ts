// The message row under the top bar: information goes by itself after a while (12 s) so it does
// not keep a row of a small screen, unless the pointer rests on it; errors stay until dismissed.
// Real time, not the page's fake clock: faking it makes the app's watchdog think the simulation
// worker stopped answering. The waits are generous and nothing here measures how long anything took.
import { expect, test } from '@playwright/test';

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
