// The first-visit guide as a newcomer meets it: it opens on the first visit, follows the person
// through its four steps as they do them (open an example, run it, kill a broker, watch the lag),
// and stays away after it is finished or skipped, and when the page is opened from a share link.
// Every other spec starts with the guide marked as skipped (playwright.config.ts); this one starts
// from empty storage.
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { FIRST_VISIT, GuidePage } from './pages/GuidePage';

mkdirSync('test-results/screenshots', { recursive: true });
test.use({ storageState: FIRST_VISIT, viewport: { width: 1280, height: 720 } });

const EXAMPLE = 'broker-failure';
const EXAMPLE_NAME = 'Broker failure with acks=all';

test('a first visit walks through the guide by doing each step, and a reload does not bring it back', async ({
  page,
}) => {
  const guide = new GuidePage(page);
  await guide.goto();

  // Step 1 opens by itself, named and focused, pointing at the Examples menu without covering it.
  await expect(guide.dialog('1. Open an example')).toBeVisible();
  await expect(guide.title).toBeFocused();
  await expect(guide.card).toHaveAttribute('data-step', 'example');
  await expect(guide.outline).toBeVisible();
  expect(await guide.cardCoversOutline()).toBe(false);
  expect(await guide.cardOnScreen()).toBe(true);
  await guide.screenshot('1280-1-example');

  // No serious accessibility problem with the guide open.
  const axe = await new AxeBuilder({ page }).analyze();
  const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  // Doing it through the app's own menu moves the guide on: the card does not block the page.
  await guide.openExampleFromMenu(EXAMPLE);
  await expect(guide.docName).toHaveText(EXAMPLE_NAME);
  await expect(guide.card).toHaveAttribute('data-step', 'run');
  await expect(guide.dialog('2. Run it')).toBeVisible();
  expect(await guide.cardCoversOutline()).toBe(false);
  await guide.screenshot('1280-2-run');

  await guide.play('10');
  await expect(guide.card).toHaveAttribute('data-step', 'break');
  await expect(guide.outline).toBeVisible();
  expect(await guide.cardCoversOutline()).toBe(false);
  await guide.screenshot('1280-3-break');

  // Kill broker-2 before the example's own fault (broker-1 at 30 s) would do it.
  await guide.pause();
  expect(await guide.simMs()).toBeLessThan(30_000);
  const killedAt = await guide.simMs();
  await guide.killButton('broker-2').click();
  // The kill is a fault at the next tenth of a second: the guide moves on as soon as it is added.
  await expect(guide.card).toHaveAttribute('data-step', 'lag');
  await expect(guide.dialog('4. Read the lag')).toBeVisible();
  await guide.play('10');
  await expect(guide.brokerDown('broker-2')).toBeVisible();
  await expect(guide.page.getByTestId('chart-lag')).toBeVisible();
  await guide.screenshot('1280-4-lag');

  // At 720 px the results pane shows only the top of the lag chart: the card offers to enlarge it,
  // and then most of the chart (its lines, not just its title) is on screen and still uncovered.
  const lag = guide.page.getByTestId('chart-lag');
  const shownShare = async () => {
    const box = (await lag.boundingBox())!;
    return (Math.min(720, box.y + box.height) - Math.max(0, box.y)) / box.height;
  };
  expect(await shownShare()).toBeLessThan(0.6);
  await guide.page.getByTestId('guide-enlarge').click();
  await expect(guide.page.getByTestId('results-enlarge')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(shownShare).toBeGreaterThan(0.7);
  await expect(guide.page.getByTestId('guide-enlarge')).toHaveCount(0);
  expect(await guide.cardCoversOutline()).toBe(false);
  await guide.screenshot('1280-4-lag-larger');

  // Twenty simulated seconds after the kill, the lag step is met and the closing card shows.
  await expect(guide.card).toHaveAttribute('data-step', 'done', { timeout: 30_000 });
  expect(await guide.simMs()).toBeGreaterThanOrEqual(killedAt + 20_000);
  await guide.pause();
  await expect(guide.dialog('That is the tour')).toBeVisible();
  await guide.screenshot('1280-5-done');
  expect(await guide.seenFlag()).toBe('finished');

  // Closing gives focus to the Guide button (nothing had it before the guide opened).
  await guide.close.click();
  await expect(guide.card).toHaveCount(0);
  await expect(guide.reopen).toBeFocused();

  await page.reload();
  await expect(guide.docName).toHaveText(EXAMPLE_NAME);
  await expect(guide.card).toHaveCount(0);
  expect(guide.pageErrors).toEqual([]);
});

test('Skip hides the guide for good; the Guide button, Back, Next and Escape still work', async ({
  page,
}) => {
  const guide = new GuidePage(page);
  await guide.goto();
  await expect(guide.card).toBeVisible();
  await guide.skip.click();
  await expect(guide.card).toHaveCount(0);
  expect(await guide.seenFlag()).toBe('skipped');

  // Nothing else was stored: only the flag keeps it away after a reload.
  await page.reload();
  await expect(guide.reopen).toBeVisible();
  await expect(guide.card).toHaveCount(0);

  // By keyboard: the Guide button opens it at step 1, focus goes in, Next and Back move, and
  // Escape closes it and gives focus back to the button.
  await guide.reopen.focus();
  await page.keyboard.press('Enter');
  await expect(guide.card).toHaveAttribute('data-step', 'example');
  await expect(guide.title).toBeFocused();
  await expect(guide.back).toBeDisabled();
  await guide.next.focus();
  await page.keyboard.press('Enter');
  await expect(guide.card).toHaveAttribute('data-step', 'run');
  await guide.next.click();
  await expect(guide.card).toHaveAttribute('data-step', 'break');
  // Left with Next, not done: the first two steps are marked skipped, not ticked.
  await expect(guide.card.locator('.guide-progress li.is-skipped')).toHaveCount(2);
  await expect(guide.card.locator('.guide-progress li.is-done')).toHaveCount(0);
  await guide.back.click();
  await expect(guide.card).toHaveAttribute('data-step', 'run');
  await page.keyboard.press('Escape');
  await expect(guide.card).toHaveCount(0);
  await expect(guide.reopen).toBeFocused();

  // The guide's own button opens the example the menu would.
  await guide.reopen.click();
  await guide.openExampleButton.click();
  await expect(guide.docName).toHaveText(EXAMPLE_NAME);
  await expect(guide.card).toHaveAttribute('data-step', 'run');
  expect(guide.pageErrors).toEqual([]);
});

test('a colleague opening a share link sees the pipeline, not the guide', async ({ browser }) => {
  const sender = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const mine = new GuidePage(await sender.newPage());
  await mine.goto();
  await mine.skip.click();
  await mine.openExampleFromMenu(EXAMPLE);
  await expect(mine.docName).toHaveText(EXAMPLE_NAME);
  await mine.page.getByTestId('menu-copy-link').click();
  await mine.page.getByTestId('notice-text').filter({ hasText: 'Link copied' }).waitFor();
  const link = await mine.page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('#v1.');

  // A fresh browser, as a first visit would be, but arriving through the link.
  const receiver = await browser.newContext();
  const theirs = new GuidePage(await receiver.newPage());
  await theirs.goto(link);
  await expect(theirs.docName).toHaveText(EXAMPLE_NAME);
  await expect(theirs.reopen).toBeVisible();
  await expect(theirs.card).toHaveCount(0);
  await sender.close();
  await receiver.close();
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the guide is a sheet that stays on screen at every step', async ({ page }) => {
    const guide = new GuidePage(page);
    await guide.goto();
    const steps = ['example', 'run', 'break', 'lag', 'done'];
    for (const [i, step] of steps.entries()) {
      await expect(guide.card).toHaveAttribute('data-step', step);
      await expect(guide.card).toHaveAttribute('data-dock', /^sheet-/);
      expect(await guide.cardOnScreen()).toBe(true);
      const box = await guide.card.boundingBox();
      expect(box?.width).toBeCloseTo(390, 0);
      await guide.screenshot(`390-${i + 1}-${step}`);
      if (step !== 'done') await guide.next.click();
    }
    await guide.close.click();
    await expect(guide.card).toHaveCount(0);
  });
});
