// Finding the limit: bisection over one setting for the boundary where the pipeline stops meeting
// its criteria (the highest rate it sustains, the fewest partitions/members/executors/brokers that
// meet a target). Every probe runs `seeds` replications and is judged on their means.
import type { Pipeline } from '../model/types';
import type { MetricId } from './metrics';
import { outcomeMetrics, TaskPool, withRun, type RunFn, type RunOutcome } from './run';
import { setSetting } from './settings';
import type { Criteria, SearchSpec } from './spec';
import type { Interval } from './stats';
import { isIntegerSetting, pointStats, replicationSeed, type SweepRun } from './sweep';

/** The metrics every probe summarises (the criteria use throughput, lag growth, p99, lost, scheduling delay). */
export const PROBE_METRICS: readonly MetricId[] = [
  'throughput',
  'processed',
  'lagGrowth',
  'p99',
  'lost',
  'schedulingDelay',
  'maxLagRecords',
  'maxLagSec',
  'costPerHour',
];

export interface Probe {
  value: number;
  runs: SweepRun[];
  stats: Partial<Record<MetricId, Interval>>;
  passed: boolean;
  /** Why it failed (empty when it passed), one line per criterion missed. */
  reasons: string[];
}

export interface SearchResult {
  spec: SearchSpec;
  /** In the order they ran. */
  probes: Probe[];
  /**
   * found: the boundary lies between `low` and `high`; allPass: even the far bound meets the
   * criteria (highest: `high` passes; fewest: `low` passes); nonePass: not even the near bound does;
   * cancelled: the signal aborted it.
   */
  outcome: 'found' | 'allPass' | 'nonePass' | 'cancelled';
  /** The best setting found that meets the criteria (highest: the largest passing; fewest: the smallest). */
  best: number | null;
  /**
   * The bracket of the boundary: highest: [largest passing, smallest failing]; fewest: [largest
   * failing, smallest passing]. With the lag criterion, a rate counts as sustained while the lag
   * grows by at most maxLagGrowth x throughput, so a pipeline's true capacity C lies within
   * [low * (1 - maxLagGrowth), high].
   */
  low: number | null;
  high: number | null;
  /** The middle of the bracket (or `best` when the bracket is not closed). */
  value: number | null;
  /**
   * The value with its interval. For a producer's rate (`...rate.recordsPerSec`, direction
   * highest) it is the pipeline's capacity, what it consumes when pushed: at least the last passing
   * rate x (1 - maxLagGrowth) minus the 95% half-width of the lag growth measured there (a passing
   * probe's lag may still grow that much), at most the first failing rate. For other settings, the
   * bracket. Null until both ends are known.
   */
  interval: { low: number; high: number } | null;
  runs: number;
}

export interface SearchProgress {
  /** Runs finished so far (all probes). */
  done: number;
  /** The probe being run and its replications finished. */
  value: number;
  probe?: Probe;
  /** The bracket so far. */
  low: number | null;
  high: number | null;
  outcome?: RunOutcome;
}

export interface SearchOptions {
  concurrency?: number;
  onProgress?: (p: SearchProgress) => void;
  signal?: AbortSignal;
}

/** A figure in a reason, with thousands separators: "1,016.9", "12,034". */
const figure = (v: number, digits: number): string =>
  v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Judges a probe: the criteria on the means of its replications (lost: every replication). */
export function judge(stats: Partial<Record<MetricId, Interval>>, runs: readonly SweepRun[], c: Criteria) {
  const reasons: string[] = [];
  const throughput = stats.throughput?.mean ?? 0;
  const growth = stats.lagGrowth?.mean;
  if (growth !== undefined && growth > c.maxLagGrowth * Math.max(throughput, 1))
    reasons.push(
      `lag grows ${figure(growth, 1)} records/s over the second half (allowed ${(c.maxLagGrowth * 100).toFixed(1)}% of ${figure(throughput, 0)} records/s)`,
    );
  if (c.maxP99Ms !== undefined) {
    const p99 = stats.p99?.mean;
    if (p99 === undefined) reasons.push('no record finished, so there is no p99');
    else if (p99 > c.maxP99Ms)
      reasons.push(`p99 ${figure(p99, 1)} ms is over ${c.maxP99Ms.toLocaleString('en-US')} ms`);
  }
  if (c.noLoss) {
    const lost = runs.reduce((a, r) => a + (r.metrics.lost ?? 0), 0);
    if (lost > 0)
      reasons.push(`${figure(lost, 0)} records lost, refused, dropped or expired over ${runs.length} runs`);
  }
  if (c.maxSchedulingDelayMs !== undefined) {
    const d = stats.schedulingDelay?.mean;
    if (d !== undefined && d > c.maxSchedulingDelayMs)
      reasons.push(`Spark scheduling delay ${d.toFixed(0)} ms is over ${c.maxSchedulingDelayMs} ms`);
  }
  return { passed: reasons.length === 0, reasons };
}

const roundSig = (x: number) => (x === 0 ? 0 : Number(x.toPrecision(10)));

/**
 * Bisection between spec.low and spec.high. `highest` assumes the criteria hold below the boundary
 * and fail above it (a rate); `fewest` the other way round (a count). Stops when the bracket is at
 * most `tolerance` x its upper end wide (whole numbers: adjacent), or after maxProbes probes.
 */
export async function runSearch(
  spec: SearchSpec,
  doc: Pipeline,
  runFn: RunFn,
  options: SearchOptions = {},
): Promise<SearchResult> {
  if (!(spec.low < spec.high))
    throw new Error(`the search needs low < high (got ${spec.low} and ${spec.high})`);
  const integer = spec.integer ?? isIntegerSetting(spec.setting);
  // Both bounds must be settings the document accepts.
  for (const v of [spec.low, spec.high]) {
    const r = setSetting(doc, spec.setting, integer ? Math.round(v) : v);
    if (!r.ok) throw new Error(r.error);
  }
  const probes: Probe[] = [];
  let done = 0;
  let passing: number | null = null;
  let failing: number | null = null;
  const bracket = () =>
    spec.direction === 'highest' ? { low: passing, high: failing } : { low: failing, high: passing };

  const probe = async (value: number): Promise<Probe> => {
    const r = setSetting(doc, spec.setting, value);
    if (!r.ok) throw new Error(r.error);
    const p: Probe = { value, runs: [], stats: {}, passed: false, reasons: [] };
    const pool = new TaskPool<number>(
      options.concurrency ?? 1,
      async (rep) => {
        const seed = replicationSeed(spec, doc, rep);
        const outcome = await runFn(withRun(r.doc, seed, spec.durationSec), seed, options.signal, {
          warmupSec: spec.warmupSec,
        });
        p.runs.push({ seed, metrics: outcomeMetrics(outcome, r.doc, spec.warmupSec) });
        p.runs.sort((a, b) => a.seed - b.seed);
        done++;
        options.onProgress?.({ done, value, ...bracket(), outcome });
      },
      options.signal,
    );
    for (let rep = 0; rep < spec.seeds; rep++) pool.add(rep);
    await pool.idle();
    p.stats = pointStats(p.runs, PROBE_METRICS);
    Object.assign(p, judge(p.stats, p.runs, spec.criteria));
    probes.push(p);
    options.onProgress?.({ done, value, probe: p, ...bracket() });
    return p;
  };

  const finish = (outcome: SearchResult['outcome']): SearchResult => {
    const { low, high } = bracket();
    const value = outcome === 'found' && low !== null && high !== null ? roundSig((low + high) / 2) : passing;
    let interval: SearchResult['interval'] = null;
    if (outcome === 'found' && low !== null && high !== null) {
      interval = { low, high };
      if (spec.direction === 'highest' && /rate\.recordsPerSec$/.test(spec.setting)) {
        const hw = probes.find((p) => p.value === low)?.stats.lagGrowth?.halfWidth;
        const noise = hw !== undefined && Number.isFinite(hw) ? hw : 0;
        interval = {
          low: Number(Math.max(0, low * (1 - spec.criteria.maxLagGrowth) - noise).toPrecision(6)),
          high,
        };
      }
    }
    return { spec, probes, outcome, best: passing, low, high, value, interval, runs: done };
  };
  const cancelled = () => options.signal?.aborted === true;

  const lo = integer ? Math.round(spec.low) : spec.low;
  const hi = integer ? Math.round(spec.high) : spec.high;
  // The near bound should pass (highest: low; fewest: high), the far one fail.
  const [near, far] = spec.direction === 'highest' ? [lo, hi] : [hi, lo];
  const nearProbe = await probe(near);
  if (cancelled()) return finish('cancelled');
  if (!nearProbe.passed) {
    failing = near;
    return finish('nonePass');
  }
  passing = near;
  const farProbe = await probe(far);
  if (cancelled()) return finish('cancelled');
  if (farProbe.passed) {
    passing = far;
    return finish('allPass');
  }
  failing = far;

  const converged = () => {
    const a = Math.min(passing!, failing!);
    const b = Math.max(passing!, failing!);
    return integer ? b - a <= 1 : b - a <= spec.tolerance * Math.abs(b);
  };
  let count = 0;
  while (!converged() && count < spec.maxProbes) {
    const a = Math.min(passing!, failing!);
    const b = Math.max(passing!, failing!);
    const mid = integer ? Math.floor((a + b) / 2) : roundSig((a + b) / 2);
    const p = await probe(mid);
    count++;
    if (cancelled()) return finish('cancelled');
    if (p.passed) passing = mid;
    else failing = mid;
  }
  return finish('found');
}
