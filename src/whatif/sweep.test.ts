import { describe, expect, it } from 'vitest';
import { queueDocument } from '../validation/queueing/documents';
import { runLocally, localRunFn } from './local';
import { headlineMetrics } from './metrics';
import type { RunFn } from './run';
import { readSetting } from './settings';
import { axisValues, parseSweepSpec, parseWhatifSpec, type SweepSpec, type SweepSpecInput } from './spec';
import { planSweep, planSweepInSteps, runSweep, sweepToCsv } from './sweep';

const doc = queueDocument({ arrivalsPerSec: 100, service: 'fixed', serviceMs: 1, durationSec: 20, seed: 5 });

function spec(input: Omit<SweepSpecInput, 'kind'>): SweepSpec {
  const r = parseSweepSpec({ kind: 'sweep', ...input });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.spec;
}

/** A fake run: acknowledged = the rate each second, plus a seed-dependent wiggle; p99 = seed. */
const fakeRun: RunFn = async (d, seed) => {
  const rate = readSetting(d, 'producers[p].rate.recordsPerSec');
  const columns = ['second', 'p.producedBytes', 'p.acknowledged', 'latency.p99'];
  const rows = Array.from({ length: d.run.durationSec }, (_, i) => [i + 1, 0, rate + (seed % 3), seed]);
  return { columns, rows };
};

describe('sweep values', () => {
  it('linear, log and whole-number ranges, and lists', () => {
    expect(axisValues({ kind: 'range', from: 10_000, to: 100_000, steps: 10, scale: 'linear' })).toEqual([
      10_000, 20_000, 30_000, 40_000, 50_000, 60_000, 70_000, 80_000, 90_000, 100_000,
    ]);
    expect(axisValues({ kind: 'range', from: 1, to: 1000, steps: 4, scale: 'log' })).toEqual([
      1, 10, 100, 1000,
    ]);
    expect(axisValues({ kind: 'range', from: 1, to: 4, steps: 7, scale: 'linear' }, true)).toEqual([
      1, 2, 3, 4,
    ]);
    expect(axisValues({ kind: 'list', values: [3, 1] })).toEqual([3, 1]);
    expect(() => axisValues({ kind: 'range', from: 0, to: 10, steps: 3, scale: 'log' })).toThrow(/above 0/);
  });

  it('specs are versioned, defaults filled in, bad ones refused with the field', () => {
    const s = spec({ axes: [{ setting: 'topics[t].partitions', values: { kind: 'list', values: [1, 2] } }] });
    expect(s).toMatchObject({ version: 1, seeds: 3, warmupSec: 10 });
    const bad = parseWhatifSpec({ kind: 'sweep', axes: [], seeds: 0 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.join('\n')).toMatch(/axes/);
    expect(parseWhatifSpec({ kind: 'search', setting: 'x', low: 1, high: 2 }).ok).toBe(true);
  });

  it("refuses to sweep or search the run's own seed or length, saying what sets them", () => {
    const seeds = parseWhatifSpec({
      kind: 'sweep',
      axes: [{ setting: 'run.seed', values: { kind: 'list', values: [1, 2, 3] } }],
    });
    expect(seeds.ok).toBe(false);
    if (!seeds.ok) expect(seeds.errors.join('\n')).toMatch(/run\.seed is not swept.*give more seeds/);
    const length = parseWhatifSpec({ kind: 'search', setting: 'run.durationSec', low: 10, high: 100 });
    expect(length.ok).toBe(false);
    if (!length.ok) expect(length.errors.join('\n')).toMatch(/run\.durationSec is not swept/);
  });
});

describe('planSweepInSteps', () => {
  it('makes the points planSweep makes, pausing after each; a refused value stops it', async () => {
    const s = spec({
      axes: [
        { setting: 'producers[p].rate.recordsPerSec', values: { kind: 'list', values: [100, 200, 300] } },
      ],
    });
    let pauses = 0;
    const stepped = await planSweepInSteps(s, doc, async () => {
      pauses++;
    });
    expect(stepped).toEqual(planSweep(s, doc));
    expect(pauses).toBe(3);
    const bad = spec({
      axes: [{ setting: 'producers[p].rate.recordsPerSec', values: { kind: 'list', values: [100, -5] } }],
    });
    const refused = await planSweepInSteps(bad, doc, async () => undefined);
    expect(refused.ok).toBe(false);
    // A sweep handed the plan runs exactly those points.
    if (!stepped.ok) throw new Error('not planned');
    const result = await runSweep(s, doc, fakeRun, { plan: stepped.points });
    expect(result.points.map((p) => p.values)).toEqual([[100], [200], [300]]);
  });
});

describe('runSweep', () => {
  it("takes a runner's own figures as they are, and tells it the warm-up", async () => {
    const s = spec({
      axes: [{ setting: 'producers[p].rate.recordsPerSec', values: { kind: 'list', values: [100, 300] } }],
      seeds: 2,
      warmupSec: 7,
      metrics: ['throughput', 'p99'],
    });
    const asked: (number | undefined)[] = [];
    // No series at all: only the figures, which differ from anything a series would give.
    const figuresOnly: RunFn = async (d, seed, _signal, options) => {
      asked.push(options?.warmupSec);
      const rate = readSetting(d, 'producers[p].rate.recordsPerSec');
      return {
        columns: [],
        rows: [],
        metrics: {
          throughput: rate * 10 + seed,
          processed: null,
          p99: seed,
          maxLagRecords: null,
          maxLagSec: null,
          lost: 0,
          schedulingDelay: null,
          lagGrowth: null,
          costPerHour: null,
        },
      };
    };
    const result = await runSweep(s, doc, figuresOnly, { concurrency: 2 });
    expect(asked).toEqual([7, 7, 7, 7]);
    expect(result.points.map((p) => p.runs.map((r) => r.metrics.throughput))).toEqual([
      [1005, 1006],
      [3005, 3006],
    ]);
    expect(result.points[1]!.stats.throughput!.mean).toBe(3005.5);
  });

  it('gives the same figures whether the runner or the sweep reads the series', async () => {
    const s = spec({
      axes: [{ setting: 'producers[p].rate.recordsPerSec', values: { kind: 'list', values: [100, 300] } }],
      seeds: 2,
      warmupSec: 5,
      metrics: ['throughput', 'p99', 'maxLagRecords', 'lagGrowth'],
    });
    const inRunner: RunFn = async (d, seed, signal, options) => {
      const outcome = await runLocally(d, seed, signal);
      return {
        ...outcome,
        rows: [],
        metrics: headlineMetrics({ ...outcome, doc: d }, { warmupSec: options!.warmupSec }),
      };
    };
    const a = await runSweep(s, doc, localRunFn(), { concurrency: 2 });
    const b = await runSweep(s, doc, inRunner, { concurrency: 2 });
    expect(b.points.map((p) => p.stats)).toEqual(a.points.map((p) => p.stats));
  });

  it('per-point means are the means of the individual runs (the real engine, seed for seed)', async () => {
    const s = spec({
      axes: [{ setting: 'producers[p].rate.recordsPerSec', values: { kind: 'list', values: [100, 300] } }],
      seeds: 2,
      warmupSec: 5,
      metrics: ['throughput', 'p99', 'maxLagRecords'],
    });
    const result = await runSweep(s, doc, localRunFn(), { concurrency: 2 });
    expect(result.points.map((p) => p.values)).toEqual([[100], [300]]);
    for (const point of result.points) {
      expect(point.runs.map((r) => r.seed)).toEqual([5, 6]);
      const alone = [];
      for (const seed of [5, 6]) {
        const d = { ...point.doc, run: { ...point.doc.run, seed } };
        alone.push(headlineMetrics({ ...(await runLocally(d, seed)), doc: d }, { warmupSec: 5 }));
      }
      for (const m of ['throughput', 'p99', 'maxLagRecords'] as const) {
        const expected = (alone[0]![m]! + alone[1]![m]!) / 2;
        expect(point.stats[m]!.mean).toBe(expected);
        expect(point.stats[m]!.n).toBe(2);
      }
    }
    // The runs really differ with the rate: about 100 and 300 records/s.
    expect(result.points[0]!.stats.throughput!.mean).toBeGreaterThan(80);
    expect(result.points[0]!.stats.throughput!.mean).toBeLessThan(120);
    expect(result.points[1]!.stats.throughput!.mean).toBeGreaterThan(260);
  });

  it('two axes give every combination, the first varying slowest; CSV has one row per point', async () => {
    const s = spec({
      axes: [
        { setting: 'producers[p].rate.recordsPerSec', values: { kind: 'list', values: [10, 20] } },
        { setting: 'topics[t].partitions', values: { kind: 'list', values: [1, 2, 3] } },
      ],
      seeds: 1,
      warmupSec: 0,
      durationSec: 3,
      metrics: ['throughput'],
    });
    const r = await runSweep(s, doc, fakeRun, { concurrency: 3 });
    expect(r.points.map((p) => p.values)).toEqual([
      [10, 1],
      [10, 2],
      [10, 3],
      [20, 1],
      [20, 2],
      [20, 3],
    ]);
    expect(r.points.map((p) => readSetting(p.doc, 'topics[t].partitions'))).toEqual([1, 2, 3, 1, 2, 3]);
    const csv = sweepToCsv(r).trim().split('\n');
    expect(csv[0]).toBe(
      'producers[p].rate.recordsPerSec,topics[t].partitions,throughput.mean,throughput.low,throughput.high,throughput.n',
    );
    // Seed 5: 5 % 3 = 2 added to the rate; one run has no interval (Infinity).
    expect(csv[1]).toBe('10,1,12,-Infinity,Infinity,1');
    expect(csv).toHaveLength(7);
  });

  it('the stopping rule adds replications until the interval is within relErr, or maxReps', async () => {
    // p99 = the seed: seeds 5, 6, 7, ... Relative half-width of 5..5+n-1 shrinks with n.
    const s = spec({
      axes: [{ setting: 'producers[p].rate.recordsPerSec', values: { kind: 'list', values: [10] } }],
      seeds: 2,
      stopping: { relErr: 0.25, minReps: 3, maxReps: 30 },
      warmupSec: 0,
      durationSec: 2,
      metrics: ['p99'],
    });
    const progress: number[] = [];
    const r = await runSweep(s, doc, fakeRun, { concurrency: 2, onProgress: (p) => progress.push(p.done) });
    const p = r.points[0]!;
    // By hand, for 5, 6, ..., 4 + n: mean 5 + (n - 1) / 2, sd sqrt(n (n + 1) / 12). n = 6: 7.5,
    // 1.8708, 2.571 * 1.8708 / sqrt(6) = 1.964 -> 26.2%; n = 7: 8, 2.1602, 2.447 * 2.1602 / sqrt(7)
    // = 1.998 -> 24.97% <= 25%. So 7 replications.
    const n = 7;
    expect(p.runs).toHaveLength(n);
    expect(p.stopped).toBe('precise');
    expect(p.stats.p99!.relHalfWidth).toBeLessThanOrEqual(0.25);
    expect(progress.at(-1)).toBe(n);

    const capped = await runSweep(
      { ...s, stopping: { relErr: 0.001, minReps: 3, maxReps: 4 } },
      doc,
      fakeRun,
    );
    expect(capped.points[0]!.runs).toHaveLength(4);
    expect(capped.points[0]!.stopped).toBe('max');
  });

  it('a cancelled sweep returns what finished', async () => {
    const controller = new AbortController();
    const s = spec({
      axes: [
        {
          setting: 'producers[p].rate.recordsPerSec',
          values: { kind: 'range', from: 10, to: 100, steps: 10 },
        },
      ],
      seeds: 2,
      durationSec: 2,
      warmupSec: 0,
      metrics: ['throughput'],
    });
    const r = await runSweep(s, doc, fakeRun, {
      onProgress: (p) => {
        if (p.done === 3) controller.abort();
      },
      signal: controller.signal,
    });
    expect(r.cancelled).toBe(true);
    expect(r.runs).toBe(3);
    expect(r.points.every((p) => p.stopped !== undefined)).toBe(true);
  });

  it('a setting value the document refuses stops the sweep before any run, naming it', async () => {
    const s = spec({
      axes: [{ setting: 'topics[t].partitions', values: { kind: 'list', values: [1, 0] } }],
      seeds: 1,
      metrics: ['throughput'],
    });
    await expect(runSweep(s, doc, fakeRun)).rejects.toThrow(/topics\[t\]\.partitions = 0 is refused/);
  });
});
