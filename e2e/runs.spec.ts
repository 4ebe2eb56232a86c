// The Runs view end to end: a finished run is kept; pinned as the baseline it is drawn dashed on the
// charts; a second run with more partitions is listed with that change, and the comparison shows the
// change and, for each headline figure, both runs' values and their difference, checked here against
// the two rows of the list. Kept runs and the pin survive a reload (IndexedDB, localStorage), and the
// custom SVG renderer draws the baseline too.
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { CanvasPage } from './pages/CanvasPage';
import { PersistPage } from './pages/PersistPage';
import { RunPage } from './pages/RunPage';
import { LIST_METRICS, RunsPage } from './pages/RunsPage';

const SHOTS = 'test-results/screenshots';
mkdirSync(SHOTS, { recursive: true });
test.use({ viewport: { width: 1440, height: 1200 } });

const EXAMPLE = 'clickstream-personalisation';
const DOC_NAME = 'Clickstream personalisation';
const TOPIC = 'clicks';
const CHANGE = `${TOPIC}: partitions 12 -> 24`;
/** Which way each listed figure is better, as a person reading the table would judge it. */
const HIGHER_IS_BETTER = new Set(['throughput', 'processed']);

async function runToEnd(run: RunPage): Promise<void> {
  await run.play.click();
  await expect(run.status).toHaveText('Finished', { timeout: 90_000 });
}

/** Opens the example, runs it to its end at max speed, and shows the Runs tab with that one run. */
async function oneFinishedRun(page: Page): Promise<{ run: RunPage; runs: RunsPage }> {
  const persist = new PersistPage(page);
  const run = new RunPage(page);
  const runs = new RunsPage(page);
  await persist.goto();
  await persist.openExample(EXAMPLE);
  await run.setSpeed('max');
  await runToEnd(run);
  await runs.open();
  return { run, runs };
}

/** Presses Tab (or Shift+Tab) until `target` has the focus; fails after `max` presses. */
async function tabTo(page: Page, target: Locator, key: 'Tab' | 'Shift+Tab' = 'Tab', max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${String(target)} was not reached with ${key} in ${max} presses`);
}

async function expectNoSeriousAxe(page: Page, selector: string): Promise<void> {
  const axe = await new AxeBuilder({ page }).include(selector).analyze();
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
  ).toEqual([]);
}

test('keep two runs, pin a baseline, compare them: deltas match the list, the charts draw the baseline', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const persist = new PersistPage(page);
  const canvas = new CanvasPage(page);
  const run = new RunPage(page);
  const runs = new RunsPage(page);

  await persist.goto();
  await persist.openExample(EXAMPLE);
  await expect(persist.docName).toHaveText(DOC_NAME);
  await run.setSpeed('max');

  // Run 1: the example as it comes. Kept when it finishes.
  await runToEnd(run);
  await runs.open();
  await expect(runs.row(1)).toBeVisible();
  await expect(runs.table.locator('tbody tr')).toHaveCount(1);
  const name1 = await runs.runName(1);
  expect(name1).toBe(`${DOC_NAME} #1`);
  // No baseline pinned: no column of changes, so the figures have its room.
  await expect(runs.row(1).getByTestId('run-changes')).toHaveCount(0);
  await expect(runs.panel.getByTestId('runs-warmup-caption')).toContainText('Figures after the first 10 s');
  // Its figures are measured: throughput above 0 and a cost per hour.
  expect(await runs.figure(1, 'throughput')).toBeGreaterThan(0);
  expect(await runs.figure(1, 'costPerHour')).toBeGreaterThan(0);
  await runs.pin(1);
  await expect(runs.row(1).getByTestId('run-pin')).toHaveAttribute('aria-pressed', 'true');
  await expect(runs.row(1).getByTestId('run-changes')).toHaveText('this is the baseline');

  // Run 2: twice the partitions, set in the inspector.
  await canvas.select(TOPIC);
  await canvas.field('partitions').fill('24');
  await expect(page.getByTestId(`partitions-${TOPIC}`).locator('span')).toHaveCount(24);
  await runToEnd(run);
  await expect(runs.row(2)).toBeVisible();
  await expect(runs.table.locator('tbody tr')).toHaveCount(2);
  await expect(runs.row(2).getByTestId('run-changes')).toContainText(CHANGE);
  // Every column fits at 1440 px, the changes column included: nothing hidden to the right.
  expect(await runs.table.evaluate((t) => t.parentElement!.scrollWidth - t.parentElement!.clientWidth)).toBe(
    0,
  );
  await page.screenshot({ path: `${SHOTS}/runs-list.png` });
  await expectNoSeriousAxe(page, '[data-testid="runs-panel"]');

  // Choose both and open the comparison with the keyboard only.
  await runs.tab.focus();
  await tabTo(page, runs.row(2).getByTestId('run-choose'));
  await page.keyboard.press('Space');
  await tabTo(page, runs.row(1).getByTestId('run-choose'));
  await page.keyboard.press('Space');
  await expect(runs.compareButton).toBeEnabled();
  await tabTo(page, runs.compareButton, 'Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(runs.compareView).toBeVisible();
  await expect(runs.compareView).toBeFocused();

  // The baseline (run 1) on the left, run 2 on the right; the one setting that differs.
  await expect(runs.compareChanges.locator('li')).toHaveText([CHANGE]);
  for (const metric of LIST_METRICS) {
    const a = await runs.figure(1, metric);
    const b = await runs.figure(2, metric);
    const c = await runs.compared(metric);
    expect(c.left, `${metric}: left value is run 1's`).toBe(a);
    expect(c.right, `${metric}: right value is run 2's`).toBe(b);
    if (a === null || b === null) {
      expect(c.delta).toBeNull();
      continue;
    }
    expect(c.delta, `${metric}: delta is run 2 minus run 1`).toBeCloseTo(b - a, 9);
    // Within 1% of the larger value is no change (one run per side cannot tell smaller ones apart).
    const verdict =
      Math.abs(b - a) <= 0.01 * Math.max(Math.abs(a), Math.abs(b))
        ? 'same'
        : b > a === HIGHER_IS_BETTER.has(metric)
          ? 'better'
          : 'worse';
    expect(c.verdict, `${metric}: verdict`).toBe(verdict);
    // The verdict is written, not only coloured.
    if (verdict !== 'same') await expect(runs.compareRow(metric)).toContainText(verdict);
    // Both values appear as the list shows them (the list leaves the unit to its column head).
    await expect(runs.compareRow(metric).locator('td').nth(0)).toContainText(
      await runs.figureText(1, metric),
    );
    await expect(runs.compareRow(metric).locator('td').nth(1)).toContainText(
      await runs.figureText(2, metric),
    );
  }
  await runs.compareView.screenshot({ path: `${SHOTS}/runs-compare.png` });
  await page.screenshot({ path: `${SHOTS}/runs-compare-page.png` });
  await expectNoSeriousAxe(page, '[data-testid="runs-panel"]');

  // The charts draw the baseline dashed (Recharts draws once the run has finished).
  await runs.chartsTab.click();
  await expect(runs.legendBaseline('throughput')).toHaveText(`baseline: ${name1}`);
  await expect(runs.baselinePaths('throughput').first()).toBeAttached();
  await expect(runs.baselinePaths('throughput').first()).toHaveAttribute('stroke-dasharray', /\d/);
  await expect(runs.baselinePaths('latency').first()).toBeAttached();
  await page.getByTestId('chart-throughput').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/runs-baseline-recharts.png` });
  await expectNoSeriousAxe(page, '[data-testid="charts"]');

  // Kept across a reload; the custom SVG renderer draws the baseline as well.
  await page.evaluate(() => localStorage.setItem('streamlab.charts.renderer', 'svg'));
  await page.reload();
  await runs.open();
  await expect(runs.table.locator('tbody tr')).toHaveCount(2);
  await expect(runs.row(1).getByTestId('run-pin')).toHaveAttribute('aria-pressed', 'true');
  await runs.chartsTab.click();
  await run.setSpeed('max');
  await run.step.click();
  await expect(runs.legendBaseline('throughput')).toHaveText(`baseline: ${name1}`);
  await expect(runs.baselinePaths('throughput').first()).toBeAttached();
  await expect(runs.baselinePaths('throughput').first()).toHaveAttribute('stroke-dasharray', /\d/);
  await page.getByTestId('chart-throughput').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/runs-baseline-svg.png` });

  // Unpinned: no baseline on the charts.
  await runs.open();
  await runs.pin(1);
  await expect(runs.row(1).getByTestId('run-pin')).toHaveAttribute('aria-pressed', 'false');
  await runs.chartsTab.click();
  await expect(runs.legendBaseline('throughput')).toHaveCount(0);
  await expect(runs.baselinePaths('throughput')).toHaveCount(0);

  // Open run 1: the topic is back to 12 partitions (the current document had 24), and the charts
  // show run 1 as it finished.
  await runs.open();
  await runs.row(1).getByTestId('run-open').click();
  await expect(run.noticeText).toContainText(`Opened run ${name1}`);
  await expect(run.status).toHaveText('Finished');
  await expect(page.getByTestId(`partitions-${TOPIC}`).locator('span')).toHaveCount(12);

  // Delete run 1: one left.
  await runs.open();
  await runs.row(1).getByTestId('run-delete').click();
  await expect(runs.table.locator('tbody tr')).toHaveCount(1);
  expect(run.pageErrors).toEqual([]);
});

test('without IndexedDB the view says runs last only until reload, and still keeps them', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
  });
  const persist = new PersistPage(page);
  const run = new RunPage(page);
  const runs = new RunsPage(page);
  await persist.goto();
  await runs.open();
  await expect(page.getByTestId('runs-no-storage')).toBeVisible();
  await persist.openExample(EXAMPLE);
  await run.setSpeed('max');
  await runToEnd(run);
  await expect(runs.row(1)).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/runs-no-storage.png` });
  expect(run.pageErrors).toEqual([]);
});

test.describe('on a phone-sized screen', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the list scrolls inside its box, not the page, and stays accessible', async ({ page }) => {
    test.setTimeout(180_000);
    const { run, runs } = await oneFinishedRun(page);
    await expect(runs.row(1)).toBeVisible();
    await runs.pin(1);
    await runs.panel.scrollIntoViewIfNeeded();
    // The table is wider than the phone: it scrolls sideways inside its own box, which stays on screen.
    // (The tab bar itself is the layout's; at 390 px its fifth tab overflows by a few pixels.)
    const wrap = runs.panel.getByRole('region');
    const fit = await wrap.evaluate((el) => ({
      right: el.getBoundingClientRect().right,
      scrolls: el.scrollWidth > el.clientWidth,
      viewport: window.innerWidth,
    }));
    expect(fit.right).toBeLessThanOrEqual(fit.viewport);
    expect(fit.scrolls).toBe(true);
    await page.screenshot({ path: `${SHOTS}/runs-narrow.png` });
    await expectNoSeriousAxe(page, '[data-testid="runs-panel"]');
    expect(run.pageErrors).toEqual([]);
  });
});

test.describe('in the default layout at 1280x720', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('a kept run can be pinned without enlarging the results pane', async ({ page }) => {
    test.setTimeout(180_000);
    const { run, runs } = await oneFinishedRun(page);
    // The row shows below the table's head, and its Pin button takes the click (no head over it).
    await runs.row(1).scrollIntoViewIfNeeded();
    await expect(runs.row(1)).toBeInViewport();
    await runs.row(1).getByTestId('run-pin').click({ timeout: 10_000 });
    await expect(runs.row(1).getByTestId('run-pin')).toHaveAttribute('aria-pressed', 'true');
    await page.screenshot({ path: `${SHOTS}/runs-1280x720.png` });
    expect(run.pageErrors).toEqual([]);
  });
});
