// Faults from the app: plan one on the timeline, kill a broker in the middle of a run, and find both
// in a shared link. The kill joins the running simulation when the engine can take faults live;
// until it can, the app restarts the run and says why, and this spec checks that instead.
import { mkdirSync, readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { FaultsPage } from './pages/FaultsPage';

mkdirSync('test-results/screenshots', { recursive: true });
test.use({ viewport: { width: 1440, height: 1000 } });

test('plan a fault, kill a broker mid-run, and share both', async ({ browser, baseURL }) => {
  const context = await browser.newContext({
    permissions: ['clipboard-read', 'clipboard-write'],
    baseURL,
    viewport: { width: 1440, height: 1000 },
  });
  const faults = new FaultsPage(await context.newPage());
  // The example starts as the autosaved document: the Examples menu's list is hidden under the
  // workspace while the top bar is strictly contained (see the report of this change).
  await faults.startWith(JSON.parse(readFileSync('examples/iot-sensor-monitoring.json', 'utf8')));
  await faults.goto();
  await expect(faults.page.getByTestId('broker-broker-a')).toBeVisible();
  await expect(faults.page.getByTestId('faults-empty')).toBeVisible();

  // Plan broker-c down from 20 s for 10 s; a negative start is refused at the field with the reason.
  await faults.add.click();
  await expect(faults.kind).toHaveValue('brokerDown');
  await faults.field('Broker').selectOption('broker-c');
  await faults.field('Starts at (s)').fill('-5');
  await expect(faults.panel.getByText('must be at least 0')).toBeVisible();
  await expect(faults.field('Starts at (s)')).toHaveAttribute('aria-invalid', 'true');
  await expect(faults.save).toBeDisabled();
  await faults.field('Starts at (s)').fill('20');
  await faults.field('Lasts (s)').fill('10');
  await faults.screenshot('form');
  await faults.save.click();
  await expect(faults.row(0)).toContainText('broker-c down at 20 s, for 10 s');
  await faults.screenshot('planned');

  // A run at 10x; kill broker-a a few seconds in.
  await faults.speed.selectOption('10');
  await faults.play.click();
  await expect.poll(() => faults.simMs(), { timeout: 15_000 }).toBeGreaterThan(5000);
  await expect(faults.downBadge('broker-a')).toHaveCount(0);
  const before = await faults.simMs();
  await faults.kill('broker-a').click();
  await expect(faults.row(1)).toBeVisible();
  const killedAt = Number(await faults.row(1).getAttribute('data-at-sec'));
  expect(killedAt * 1000).toBeGreaterThanOrEqual(before);
  expect(killedAt * 1000).toBeLessThan(before + 5000);
  // Kill is the process kill (connections reset), not the silent lost host.
  await expect(faults.row(1)).toContainText(`broker-a down at ${killedAt} s, to the end (process killed)`);
  // Sorted by time: the kill (5-10 s) comes before the planned fault at 20 s.
  expect(await faults.rowTimes()).toEqual([killedAt, 20]);

  const notice = (await faults.noticeText.textContent()) ?? '';
  if (notice.includes('cannot add faults')) {
    test.info().annotations.push({ type: 'engine', description: 'no live addFault yet: the run restarted' });
    expect(notice).toContain('the run restarted from 0 s');
  } else {
    expect(notice).toContain(`Broker broker-a's process killed at ${killedAt} s`);
    // The run went on from where it was instead of going back to 0 s.
    expect(await faults.simMs()).toBeGreaterThanOrEqual(before);
    await expect(faults.downBadge('broker-a')).toBeVisible();
    await expect(faults.page.getByTestId('broker-broker-a')).toHaveAccessibleName(/down/);
  }
  await expect.poll(() => faults.simMs(), { timeout: 15_000 }).toBeGreaterThan(killedAt * 1000 + 500);
  await expect(faults.downBadge('broker-a')).toBeVisible();
  await expect(faults.kill('broker-a')).toBeDisabled();
  await expect(faults.nowLine).toBeVisible();
  await faults.pause.click();
  await faults.screenshot('killed');

  const axe = await new AxeBuilder({ page: faults.page })
    .include('[data-testid="faults-panel"]')
    .include('[data-testid="cluster"]')
    .analyze();
  const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  // The link carries both faults to someone else.
  const link = await faults.copyLink();
  const receiver = await browser.newContext({ baseURL, viewport: { width: 1440, height: 1000 } });
  const other = new FaultsPage(await receiver.newPage());
  await other.goto(link);
  await expect(other.rows).toHaveCount(2);
  await expect(other.row(0)).toContainText('broker-c down at 20 s, for 10 s');
  await expect(other.row(1)).toContainText(`broker-a down at ${killedAt} s, to the end`);
  await other.screenshot('shared');

  // Removing the planned fault is one undoable edit.
  await other.remove(0).click();
  await expect(other.rows).toHaveCount(1);
  await other.page.keyboard.press('Control+z');
  await expect(other.rows).toHaveCount(2);

  expect(faults.pageErrors).toEqual([]);
  expect(other.pageErrors).toEqual([]);
  await receiver.close();
  await context.close();
});

test('a consumer that crashes mid-run shows its reprocessed records in the totals', async ({ page }) => {
  const faults = new FaultsPage(page);
  const doc = JSON.parse(readFileSync('examples/broker-failure.json', 'utf8')) as Record<string, unknown>;
  // No broker fault this time: one member of the group crashes at 20 s, and the group notices after
  // a 5 s session timeout, so the records it processed since its last auto commit are processed again.
  const groups = doc.consumerGroups as { id: string; config?: Record<string, unknown> }[];
  const group = groups[0]!;
  group.config = { ...group.config, 'session.timeout.ms': 5000 };
  doc.faults = [{ kind: 'memberCrash', atSec: 20, group: group.id }];
  doc.run = { seed: 3, durationSec: 40 };
  await faults.startWith(doc);
  await faults.goto();
  await expect(faults.row(0)).toContainText('crash');
  await faults.speed.selectOption('max');
  await faults.play.click();
  await expect(page.getByTestId('run-status')).toHaveText('Finished', { timeout: 60_000 });
  const reprocessed = page.getByTestId('total-duplicates');
  await expect(reprocessed).toBeVisible();
  expect(Number(await reprocessed.getAttribute('data-value'))).toBeGreaterThan(0);
  await expect(page.getByTestId('total-lost')).toHaveAttribute('data-value', '0');
  await faults.screenshot('reprocessed');
  expect(faults.pageErrors).toEqual([]);
});

test('a consumer slower than retention shows the records it never read as expired', async ({ page }) => {
  const faults = new FaultsPage(page);
  const doc = JSON.parse(readFileSync('examples/broker-failure.json', 'utf8')) as Record<string, unknown>;
  // Retention of 5 s in 100 kB segments, checked every second, and a group that can only do a tenth
  // of the traffic: most records are deleted before the group gets to them.
  const cluster = doc.cluster as Record<string, unknown>;
  cluster.config = { 'log.retention.check.interval.ms': 1000 };
  const topics = doc.topics as { config?: Record<string, unknown> }[];
  topics[0]!.config = { ...topics[0]!.config, 'retention.ms': 5000, 'segment.bytes': 100_000 };
  const groups = doc.consumerGroups as {
    processing?: Record<string, unknown>;
    config?: Record<string, unknown>;
  }[];
  groups[0]!.processing = { distribution: 'fixed', meanMs: 1.5 };
  groups[0]!.config = { ...groups[0]!.config, 'auto.offset.reset': 'earliest' };
  doc.faults = [];
  doc.run = { seed: 3, durationSec: 40 };
  await faults.startWith(doc);
  await faults.goto();
  await faults.speed.selectOption('max');
  await faults.play.click();
  await expect(page.getByTestId('run-status')).toHaveText('Finished', { timeout: 60_000 });
  const expired = page.getByTestId('total-expired-unread');
  await expect(expired).toBeVisible();
  expect(Number(await expired.getAttribute('data-value'))).toBeGreaterThan(0);
  await faults.screenshot('expired');
  expect(faults.pageErrors).toEqual([]);
});
