// The Measured tab: paste kafka-producer-perf-test's summary line into an example, see the figures
// simulated against measured with the error, fit the producer's machine to the measured rate and
// see the document change; a bad line is named.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { MeasuredPage } from './pages/MeasuredPage';

// 250,000 records/s of the example's 300-byte records: 71.53 MiB/s. The simulated perf test of
// the example's producer, sending as fast as it can on the brokers' machine type, goes faster, so
// the fit has to slow its machine down.
const SUMMARY =
  '4000000 records sent, 250000.0 records/sec (71.53 MB/sec), 350.20 ms avg latency, 820.00 ms max latency, 330 ms 50th, 610 ms 95th, 700 ms 99th, 790 ms 99.9th.';

const number = (text: string) => Number(text.replace(/[,%+]/g, '').replace('−', '-'));

test('a perf-test summary line is compared with the simulation, and a fit writes the machine speed into the document', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const m = new MeasuredPage(page);
  await m.goto();
  await m.openExample('broker-failure');
  await m.open();

  // A misspelt unit is refused with the line named.
  await m.text.fill(`\n${SUMMARY.replace('records/sec', 'recs/sec')}`);
  await expect(m.errors).toContainText("line 2: expected 'records/sec' after the rate");

  await m.text.fill(SUMMARY);
  await expect(m.read).toContainText('kafka-producer-perf-test');
  await expect(m.read).toContainText('250,000 records/s');
  await m.compare.click();
  await expect(m.table).toBeVisible({ timeout: 60_000 });
  const before = await m.row('records/sec');
  expect(before[0]).toBe('checkout');
  expect(number(before[3]!)).toBe(250000);
  const errorBefore = number(before[4]!);
  // The simulated perf test is well off the measured rate before the fit.
  expect(Math.abs(errorBefore)).toBeGreaterThan(5);
  expect(await m.rows()).toContainEqual(
    expect.arrayContaining(['checkout', 'p99 latency', expect.any(String), '700']),
  );
  await expect(m.chart).toBeVisible();
  await expect(m.calibrations).toHaveCount(0);

  await m.fit.click();
  await expect(m.fitResult).toBeVisible({ timeout: 180_000 });
  await expect(m.fitResult).toContainText('cluster.hosts[checkout-machine].hardware.cpuGHz =');
  await expect(m.fitResult).toContainText('written into the document');
  // The table is redrawn for the fitted document: the rate now within 2%.
  await expect
    .poll(async () => Math.abs(number((await m.row('records/sec'))[4]!)), { timeout: 60_000 })
    .toBeLessThanOrEqual(2);
  // The document: the producer runs on a machine of its own, slower than before, with a note.
  await expect(m.calibrations).toHaveCount(1);
  await expect(m.calibrations).toContainText('checkout');
  await expect(m.calibrations).toContainText('kafka-producer-perf-test records/sec');
  await expect
    .poll(() =>
      page.evaluate(() => {
        const doc = JSON.parse(localStorage.getItem('streamlab.autosave.v1') ?? '{}') as {
          producers?: { id: string; host?: string }[];
          cluster?: { hosts: { id: string; hardware: { cpuGHz: number } }[] };
        };
        const host = doc.cluster?.hosts.find((h) => h.id === 'checkout-machine');
        const onIt = doc.producers?.find((p) => p.id === 'checkout')?.host === 'checkout-machine';
        return onIt && host ? host.hardware.cpuGHz : -1;
      }),
    )
    .toBeGreaterThan(0.5);
  const ghz = await page.evaluate(
    () =>
      (
        JSON.parse(localStorage.getItem('streamlab.autosave.v1') ?? '{}') as {
          cluster: { hosts: { id: string; hardware: { cpuGHz: number } }[] };
        }
      ).cluster.hosts.find((h) => h.id === 'checkout-machine')!.hardware.cpuGHz,
  );
  expect(ghz).toBeLessThan(3);
  await m.panel.screenshot({ path: 'test-results/measured-fit.png' });
  const axe = await new AxeBuilder({ page }).include('[data-testid="measured-panel"]').analyze();
  const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  expect(m.pageErrors).toEqual([]);
});
