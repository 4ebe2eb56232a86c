// The Cluster view during a broker failure: the broker-failure example loses broker-1's host at
// 30 s for 40 s; the controller fences it when its session expires (9 s, plus the election) and
// moves its leaderships. Paused in the outage, the partition table shows the ISR without broker-1
// and its partitions led elsewhere, the under-replicated count is up, and the event log has the
// loss and the elections at their simulated times.
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { ClusterPage } from './pages/ClusterPage';

mkdirSync('test-results/screenshots', { recursive: true });
test.use({ viewport: { width: 1280, height: 720 } });

const TOPIC = 'orders';
const PARTITIONS = 6;
const KILLED = 'broker-1';
/** Host lost at 30 s; fenced after broker.session.timeout.ms (9 s) and the election (0.3 s). */
const LOST_MS = 30_000;
const FENCED_MS = 39_300;
/** Back at 70 s: the pause must fall inside the outage. */
const BACK_MS = 70_000;

test('a broker kill: the ISR shrinks, leaders move, the count rises, the log says when', async ({ page }) => {
  test.setTimeout(120_000);
  const cluster = new ClusterPage(page);
  await cluster.goto();
  await cluster.openExample('broker-failure');
  await cluster.open();
  // Loaded at 0 s: every replica in sync, leaders where topic creation put them.
  await expect(cluster.row(TOPIC, 0)).toHaveAttribute('data-isr', /broker/);
  const before = await cluster.rows(TOPIC, PARTITIONS);
  for (const p of before) {
    expect(p.isr).toEqual(p.replicas);
    expect(p.replicas).toHaveLength(3);
    expect(p.status).toBe('ok');
  }
  const ledByKilled = before.flatMap((p, i) => (p.leader === KILLED ? [i] : []));
  expect(ledByKilled.length).toBeGreaterThan(0);
  expect(await cluster.underReplicated()).toBe(0);
  await page.screenshot({ path: 'test-results/screenshots/cluster-before.png' });

  // Paced at 10x to pause inside the outage (see runUntil; on a loaded machine the page can be
  // a second or two late to press pause), then at max speed to the end.
  const pausedAt = await cluster.runUntil(FENCED_MS + 2_000, '10');
  expect(pausedAt, 'the run paused after broker-1 came back; the outage was missed').toBeLessThan(BACK_MS);

  const after = await cluster.rows(TOPIC, PARTITIONS);
  after.forEach((p, i) => {
    // The ISR lost broker-1 and nothing else; the replicas stay as assigned.
    expect(p.replicas).toEqual(before[i]!.replicas);
    expect(p.isr).toEqual(before[i]!.isr.filter((b) => b !== KILLED));
    expect(p.status).toBe('under-replicated');
    expect(p.leader).not.toBe(KILLED);
    // Leaders of the others did not move.
    if (!ledByKilled.includes(i)) expect(p.leader).toBe(before[i]!.leader);
  });
  expect(await cluster.underReplicated()).toBe(PARTITIONS);
  expect(await cluster.offline()).toBe(0);
  await expect(cluster.status).toHaveText('6 under-replicated, 0 offline');
  await expect(page.getByTestId(`broker-state-${KILLED}`)).toHaveText('host lost, fenced');
  await expect(page.getByTestId(`broker-leads-${KILLED}`)).toHaveText('0');

  // The log: the loss at 30 s, then at the fence one election per partition it led, and ISR shrinks.
  const down = cluster.eventRows('brokerDown');
  await expect(down).toHaveCount(1);
  await expect(down).toHaveAttribute('data-at-ms', String(LOST_MS));
  await expect(down).toContainText('30.000 s');
  await expect(down).toContainText('Host lost');
  await expect(down).toContainText(KILLED);
  const elections = cluster.eventRows('leaderElected');
  await expect(elections).toHaveCount(ledByKilled.length);
  for (let k = 0; k < ledByKilled.length; k++) {
    const row = elections.nth(k);
    await expect(row).toHaveAttribute('data-at-ms', String(FENCED_MS));
    await expect(row).toContainText('39.300 s');
    // Broker ids are shown by number in leader and ISR changes, as kafka-topics prints them.
    const to = after[ledByKilled[ledByKilled.length - 1 - k]!]!.leader;
    await expect(row).toContainText(`leader ${KILLED.replace('broker-', '')} → ${to.replace('broker-', '')}`);
  }
  await expect(cluster.eventRows('isrShrink')).toHaveCount(PARTITIONS);
  await expect(cluster.eventRows('brokerFenced')).toHaveCount(1);
  await page.screenshot({ path: 'test-results/screenshots/cluster-during-outage.png' });
  await cluster.screenshotPanel('test-results/screenshots/cluster-panel.png');

  // The broker charts scale to what the brokers do, not to 100%.
  for (const r of ['cpu', 'networkIn', 'networkOut', 'disk']) {
    const max = Number(await page.getByTestId(`broker-axis-${r}`).getAttribute('data-axis-max'));
    expect(max).toBeGreaterThan(0);
    expect(max).toBeLessThanOrEqual(1);
  }
  const cpuMax = Number(await page.getByTestId('broker-axis-cpu').getAttribute('data-axis-max'));
  expect(cpuMax, 'this cluster idles: its CPU axis should not be 0-100%').toBeLessThan(1);

  const axe = await new AxeBuilder({ page }).include('[data-testid="cluster-panel"]').analyze();
  expect(
    axe.violations.map((v) => `${v.id}: ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`),
  ).toEqual([]);

  // By keyboard: each section scrolls and takes focus.
  const sections = cluster.panel.locator('section[tabindex="0"]');
  await expect(sections).toHaveCount(3);
  await sections.first().focus();
  await page.keyboard.press('Tab');
  await expect(sections.nth(1)).toBeFocused();

  // Run to the end: broker-1 is let back in and every ISR is whole again; its leaderships stay moved.
  await page.getByTestId('run-speed').selectOption('max');
  await page.getByTestId('run-play').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'finished', {
    timeout: 60_000,
  });
  await expect(cluster.panel).toHaveAttribute('data-sim-ms', '120000');
  const end = await cluster.rows(TOPIC, PARTITIONS);
  end.forEach((p) => expect(p.isr.sort()).toEqual([...p.replicas].sort()));
  expect(await cluster.underReplicated()).toBe(0);
  await expect(cluster.eventRows('brokerRestarted')).toHaveCount(1);
  await expect(cluster.eventRows('isrExpand')).toHaveCount(PARTITIONS);
  // The producer's side: its requests to the lost host got no answer for request.timeout.ms (30 s),
  // so they failed over at about 60 s; meanwhile its buffer.memory filled.
  const timeout = cluster.eventRows('clientDisconnected');
  await expect(timeout).toHaveCount(1);
  await expect(timeout).toContainText('Request timeout');
  await expect(timeout).toContainText('request.timeout.ms');
  const timedOutAt = Number(await timeout.getAttribute('data-at-ms'));
  expect(timedOutAt).toBeGreaterThanOrEqual(LOST_MS + 30_000);
  expect(timedOutAt).toBeLessThan(LOST_MS + 30_100);
  await expect(cluster.eventRows('producerBlocked').first()).toContainText('buffer.memory');
  await page.screenshot({ path: 'test-results/screenshots/cluster-after-run.png' });
  expect(cluster.pageErrors).toEqual([]);
});
