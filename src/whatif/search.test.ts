import { describe, expect, it } from 'vitest';
import { queueDocument } from '../validation/queueing/documents';
import { localRunFn } from './local';
import type { RunFn } from './run';
import { readSetting } from './settings';
import { judge, runSearch } from './search';
import type { SweepRun } from './sweep';
import { parseSearchSpec, type SearchSpec, type SearchSpecInput } from './spec';

function spec(input: Omit<SearchSpecInput, 'kind'>): SearchSpec {
  const r = parseSearchSpec({ kind: 'search', ...input });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.spec;
}

const doc = queueDocument({ arrivalsPerSec: 100, service: 'fixed', serviceMs: 2, durationSec: 30, seed: 1 });

/** A pipeline whose capacity is 100 records/s per member: the lag grows at rate - capacity. */
const fluid: RunFn = async (d) => {
  const rate = readSetting(d, 'producers[p].rate.recordsPerSec');
  const capacity = 100 * readSetting(d, 'consumerGroups[g].members');
  const growth = Math.max(0, rate - capacity);
  const columns = [
    'second',
    'p.producedBytes',
    'p.acknowledged',
    'g.consumedBytes',
    'g.lag',
    'g.lagPosition',
    'latency.p99',
  ];
  const rows = Array.from({ length: d.run.durationSec }, (_, i) => [
    i + 1,
    0,
    rate,
    0,
    growth * (i + 1),
    growth * (i + 1),
    10 + growth,
  ]);
  return { columns, rows };
};

describe('runSearch', () => {
  it('highest: brackets the rate where the lag starts to grow', async () => {
    const s = spec({
      setting: 'producers[p].rate.recordsPerSec',
      low: 10,
      high: 1000,
      tolerance: 0.01,
      seeds: 1,
      warmupSec: 0,
      criteria: { maxLagGrowth: 0 },
    });
    const r = await runSearch(s, doc, fluid);
    expect(r.outcome).toBe('found');
    // One member: capacity 100. Passing at or below 100, failing above.
    expect(r.low!).toBeLessThanOrEqual(100);
    expect(r.high!).toBeGreaterThan(100);
    expect(r.high! - r.low!).toBeLessThanOrEqual(0.01 * r.high!);
    expect(r.best).toBe(r.low);
    expect(r.probes[0]!.value).toBe(10);
    expect(r.probes[1]!.value).toBe(1000);
    expect(r.probes[1]!.reasons[0]).toMatch(/lag grows 900\.0 records\/s/);
  });

  it('fewest: the smallest member count meeting a p99 bound, as a whole number', async () => {
    // Rate 730: 8 members (capacity 800) keep up, 7 do not; p99 = 10 ms when keeping up.
    const d = {
      ...doc,
      producers: [{ ...doc.producers[0]!, rate: { ...doc.producers[0]!.rate, recordsPerSec: 730 } }],
    };
    const s = spec({
      setting: 'consumerGroups[g].members',
      low: 1,
      high: 50,
      direction: 'fewest',
      seeds: 1,
      warmupSec: 0,
      criteria: { maxP99Ms: 20 },
    });
    const r = await runSearch(s, d, fluid);
    expect(r).toMatchObject({ outcome: 'found', best: 8, low: 7, high: 8 });
    expect(r.probes.every((p) => Number.isInteger(p.value))).toBe(true);
  });

  it('says when even the far bound passes or the near one fails', async () => {
    const base = {
      setting: 'producers[p].rate.recordsPerSec',
      seeds: 1,
      warmupSec: 0,
      criteria: { maxLagGrowth: 0 },
    };
    expect((await runSearch(spec({ ...base, low: 10, high: 50 }), doc, fluid)).outcome).toBe('allPass');
    const none = await runSearch(spec({ ...base, low: 200, high: 500 }), doc, fluid);
    expect(none).toMatchObject({ outcome: 'nonePass', best: null });
  });

  it('M/D/1: one consumer with a fixed 2 ms per record sustains 500 records/s; the search brackets it', async () => {
    // Poisson producer -> 1 partition -> 1 member, fixed processing 2 ms: capacity mu = 500/s.
    const d = queueDocument({
      arrivalsPerSec: 300,
      service: 'fixed',
      serviceMs: 2,
      durationSec: 120,
      seed: 1,
    });
    const s = spec({
      setting: 'producers[p].rate.recordsPerSec',
      low: 200,
      high: 1000,
      seeds: 3,
      warmupSec: 20,
      tolerance: 0.01,
      criteria: { maxLagGrowth: 0.005 },
    });
    const r = await runSearch(s, d, localRunFn(), { concurrency: 2 });
    expect(r.outcome).toBe('found');
    // The bracket closes to 1%, and the reported interval (the bracket widened by the lag
    // criterion's tolerance and the noise of the lag growth at the passing end) holds 500 ...
    expect(r.high! - r.low!).toBeLessThanOrEqual(0.01 * r.high!);
    expect(r.interval!.low).toBeLessThanOrEqual(500);
    expect(r.interval!.high).toBeGreaterThanOrEqual(500);
    // ... and is still tight: within 3% of 500 on either side.
    expect(r.interval!.low).toBeGreaterThan(485);
    expect(r.interval!.high).toBeLessThan(515);
    // Far below capacity nothing grows; far above, the lag grows at about rate - 500.
    const at1000 = r.probes.find((p) => p.value === 1000)!;
    expect(at1000.stats.lagGrowth!.mean).toBeGreaterThan(450);
    expect(at1000.stats.lagGrowth!.mean).toBeLessThan(550);
  }, 120_000);
});

describe('why a probe failed', () => {
  it('prints its figures with thousands separators', () => {
    const at = (mean: number) => ({
      n: 3,
      mean,
      sd: 0,
      halfWidth: 0,
      low: mean,
      high: mean,
      relHalfWidth: 0,
    });
    const { passed, reasons } = judge(
      { throughput: at(2014.4), lagGrowth: at(1016.94), p99: at(6386.2) },
      [{ seed: 1, metrics: { lost: 12_034 } as SweepRun['metrics'] }],
      { maxLagGrowth: 0.01, noLoss: true, maxP99Ms: 5000 },
    );
    expect(passed).toBe(false);
    expect(reasons).toEqual([
      'lag grows 1,016.9 records/s over the second half (allowed 1.0% of 2,014 records/s)',
      'p99 6,386.2 ms is over 5,000 ms',
      '12,034 records lost, refused, dropped or expired over 1 runs',
    ]);
  });
});
