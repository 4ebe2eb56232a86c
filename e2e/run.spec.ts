// Running a pipeline in the browser: the worker advances the clock, totals rise, charts draw, the
// page answers a click while a max-speed run is going, and pause, step, reset and the CSV export do
// what they say. How long the main thread is busy is a figure of `npm run bench:ui`, not a check here.
import { mkdirSync, readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { RunPage } from './pages/RunPage';

const SCREENSHOTS = 'test-results/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });

function example(name: string, durationSec?: number): Record<string, unknown> {
  const doc = JSON.parse(readFileSync(`examples/${name}.json`, 'utf8')) as Record<string, unknown>;
  if (durationSec !== undefined) doc.run = { ...(doc.run as object), durationSec };
  return doc;
}

test.describe('running a pipeline', () => {
  test('runs at max speed: clock, totals and charts move, and the page answers clicks', async ({ page }) => {
    const run = new RunPage(page);
    await run.prepare(example('clickstream-personalisation', 900));
    await run.goto();
    await expect(run.status).toHaveText('Ready');
    await expect(run.clock).toContainText('00:00 / 15:00');
    await expect(run.chartsEmpty).toContainText('Press');

    await run.setSpeed('max');
    await run.play.click();
    await expect(run.status).toHaveText('Running');
    await expect.poll(() => run.simMs(), { timeout: 15_000 }).toBeGreaterThan(60_000);
    // In the middle of the run the page still answers: pause holds the clock, play goes on.
    // The time allowed is generous on purpose (a busy shared machine is slow, not broken).
    await run.pause.click();
    await expect(run.status).toHaveText('Paused', { timeout: 15_000 });
    const pausedAt = await run.simMs();
    expect(pausedAt).toBeLessThan(900_000);
    await run.play.click();
    await expect(run.status).toHaveText('Running', { timeout: 15_000 });
    await expect.poll(() => run.simMs(), { timeout: 15_000 }).toBeGreaterThan(pausedAt);
    // Charts out of view wait until they are scrolled to; each one draws once it is seen.
    for (const id of ['throughput', 'latency', 'lag', 'brokers', 'spark-personaliser']) {
      await run.chart(id).scrollIntoViewIfNeeded();
      await expect(run.linePaths(id).first()).toBeAttached();
    }
    await run.chart('throughput').scrollIntoViewIfNeeded();
    await run.screenshot(`${SCREENSHOTS}/run-max.png`);

    await expect(run.status).toHaveText('Finished', { timeout: 60_000 });
    await expect(run.clock).toContainText('15:00 / 15:00');
    const produced = await run.totalValue('produced');
    // About 20,000 clicks a second for 900 s.
    expect(produced).toBeGreaterThan(17_000_000);
    expect(produced).toBeLessThan(19_000_000);
    expect(await run.totalValue('acknowledged')).toBeLessThanOrEqual(produced);
    expect(await run.totalValue('consumed-personaliser')).toBeGreaterThan(0.9 * produced);
    await expect(run.total('produced')).toContainText(/^Produced\d{2},\d{3},\d{3}/);
    await run.screenshot(`${SCREENSHOTS}/run-finished.png`);
    expect(run.pageErrors).toEqual([]);
  });

  test('pause holds the clock, step adds one second, reset goes back to 0 s', async ({ page }) => {
    const run = new RunPage(page);
    await run.prepare(example('iot-sensor-monitoring'));
    await run.goto();
    await run.setSpeed('1');
    await run.play.click();
    await expect.poll(() => run.simMs()).toBeGreaterThan(1500);
    await run.pause.click();
    await expect(run.status).toHaveText('Paused');
    const pausedAt = await run.simMs();
    await page.waitForTimeout(600);
    expect(await run.simMs()).toBe(pausedAt);

    await run.step.click();
    const nextSecond = (Math.floor(pausedAt / 1000) + 1) * 1000;
    await expect.poll(() => run.simMs()).toBe(nextSecond);
    await run.step.click();
    await expect.poll(() => run.simMs()).toBe(nextSecond + 1000);
    await expect(run.status).toHaveText('Paused');
    expect(await run.totalValue('produced')).toBeGreaterThan(0);
    await run.screenshot(`${SCREENSHOTS}/run-paused.png`);

    await run.reset.click();
    await expect(run.status).toHaveText('Ready');
    await expect.poll(() => run.simMs()).toBe(0);
    await expect(run.total('produced')).toHaveAttribute('data-value', '0');
    await expect(run.chartsEmpty).toBeVisible();
  });

  test('changing a setting during a run restarts it from 0 s and says so', async ({ page }) => {
    const run = new RunPage(page);
    await run.prepare(example('clickstream-personalisation', 600));
    await run.goto();
    await run.setSpeed('10');
    await run.play.click();
    await expect.poll(() => run.simMs()).toBeGreaterThan(15_000);
    // The seed is a setting of the run (in the inspector when nothing is selected).
    await run.setting('run.seed').fill('8');
    await expect(run.noticeText).toHaveText('Settings changed: the run restarted from 0 s');
    await expect(run.status).toHaveText('Running');
    expect(await run.simMs()).toBeLessThan(15_000);
    await run.screenshot(`${SCREENSHOTS}/run-restarted.png`);
  });

  test('downloads the whole per-second series as CSV', async ({ page }) => {
    const run = new RunPage(page);
    await run.prepare(example('clickstream-personalisation', 30));
    await run.goto();
    await expect(run.downloadCsv).toBeDisabled();
    await run.setSpeed('max');
    await run.play.click();
    await expect(run.status).toHaveText('Finished', { timeout: 30_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), run.downloadCsv.click()]);
    expect(download.suggestedFilename()).toBe('clickstream-personalisation-seed-7.csv');
    const text = readFileSync(await download.path(), 'utf8');
    const lines = text.trim().split('\n');
    expect(lines[0]).toMatch(/^second,web-frontend\.produced,/);
    expect(lines).toHaveLength(31);
    expect(lines[30]).toMatch(/^30,/);
  });

  test('run controls, totals and charts pass axe without serious or critical violations', async ({
    page,
  }) => {
    const run = new RunPage(page);
    await run.prepare(example('payments-fraud-detection', 20));
    await run.goto();
    await run.setSpeed('max');
    await run.play.click();
    await expect(run.status).toHaveText('Finished', { timeout: 30_000 });
    const results = await new AxeBuilder({ page })
      .include('.run-controls')
      .include('.results-area')
      .analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
});
