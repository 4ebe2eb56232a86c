// Sweep and search specifications: plain, versioned JSON (zod), so a share link can carry one and
// who opens it runs the same runs, seed for seed. Results are never part of a spec.
import { z } from 'zod';
import { DEFAULT_WARMUP_SEC, METRIC_IDS } from './metrics';

export const WHATIF_SPEC_VERSION = 1;

/**
 * The run's own seed and length are the spec's to set (its seeds and durationSec): a point run with
 * another run.seed would be overwritten by the replications' seeds, and silently so.
 */
const RUN_FIELDS: Record<string, string> = {
  'run.seed':
    "run.seed is not swept: each point runs the seeds the spec asks for (seeds, from the document's run.seed up); give more seeds instead",
  'run.durationSec': "run.durationSec is not swept: every run of a sweep lasts the spec's durationSec",
};
const settingPath = z
  .string()
  .min(1)
  .max(300)
  .superRefine((path, ctx) => {
    const why = RUN_FIELDS[path.trim()];
    if (why) ctx.addIssue({ code: 'custom', message: why });
  });
const finite = z.number().refine(Number.isFinite, 'must be a finite number');

/** The values a swept setting takes: a list, or a range of `steps` points from `from` to `to`. */
export const sweepValuesSchema = z.union([
  z.strictObject({ kind: z.literal('list'), values: z.array(finite).min(1).max(200) }),
  z.strictObject({
    kind: z.literal('range'),
    from: finite,
    to: finite,
    /** Number of points, both ends included (2 or more; 1 gives `from` alone). */
    steps: z.number().int().min(1).max(200),
    /** linear: evenly spaced; log: evenly spaced ratios (both ends must be above 0). */
    scale: z.enum(['linear', 'log']).default('linear'),
  }),
]);

export const sweepAxisSchema = z.strictObject({
  /** A setting path (see settings.ts), e.g. "producers[orders].rate.recordsPerSec". */
  setting: settingPath,
  values: sweepValuesSchema,
});

/** Add replications until every chosen metric's 95% interval is within relErr of its mean. */
export const stoppingRuleSchema = z.strictObject({
  relErr: z.number().gt(0).max(10),
  minReps: z.number().int().min(2).max(1000).default(3),
  maxReps: z.number().int().min(2).max(1000).default(20),
});

const metricId = z.enum(METRIC_IDS);

export const sweepSpecSchema = z.strictObject({
  kind: z.literal('sweep'),
  version: z.literal(WHATIF_SPEC_VERSION).default(WHATIF_SPEC_VERSION),
  /** One or two settings; with two, every combination (the first varies slowest). */
  axes: z.array(sweepAxisSchema).min(1).max(2),
  /** Replications per point: seeds baseSeed, baseSeed + 1, ... (the same seeds at every point). */
  seeds: z.number().int().min(1).max(1000).default(3),
  /** Default: the document's run.seed. */
  baseSeed: z.number().int().min(0).max(4_294_967_295).optional(),
  /** When given, replications are added per point past `seeds` until the rule says stop. */
  stopping: stoppingRuleSchema.optional(),
  /** Seconds at the start left out of every metric. */
  warmupSec: z.number().min(0).max(86_400).default(DEFAULT_WARMUP_SEC),
  /** Simulated seconds per run; default: the document's run.durationSec. */
  durationSec: z.number().min(1).max(86_400).optional(),
  metrics: z.array(metricId).min(1).default(['throughput', 'processed', 'p99', 'maxLagRecords']),
});

/** What a design must do to count as sustaining its load. */
export const criteriaSchema = z.strictObject({
  /**
   * The readers' lag may grow over the second half by at most this share of the throughput (0.01:
   * 1%). Default 0.01.
   */
  maxLagGrowth: z.number().min(0).max(10).default(0.01),
  /** p99 end-to-end latency (see metrics.ts) at most this many ms. */
  maxP99Ms: z.number().gt(0).optional(),
  /** No record refused, dropped, lost or expired unread. Default true. */
  noLoss: z.boolean().default(true),
  /** Spark's scheduling delay at most this many ms. */
  maxSchedulingDelayMs: z.number().min(0).optional(),
});

export const searchSpecSchema = z.strictObject({
  kind: z.literal('search'),
  version: z.literal(WHATIF_SPEC_VERSION).default(WHATIF_SPEC_VERSION),
  setting: settingPath,
  /** The bounds searched between (low < high). */
  low: finite,
  high: finite,
  /**
   * highest: the largest value that still meets the criteria (a producer's rate: the load the
   * pipeline sustains); fewest: the smallest value that meets them (partitions, members, executors,
   * brokers).
   */
  direction: z.enum(['highest', 'fewest']).default('highest'),
  criteria: criteriaSchema.prefault({}),
  /** Replications per probe (the criteria are judged on their means over the seeds). */
  seeds: z.number().int().min(1).max(1000).default(3),
  baseSeed: z.number().int().min(0).max(4_294_967_295).optional(),
  /** Stop when the bracket is at most this share of its upper end wide (whole-number settings: 1 apart). */
  tolerance: z.number().gt(0).max(1).default(0.02),
  /** Only whole numbers (partitions, members...); default: guessed from the setting. */
  integer: z.boolean().optional(),
  warmupSec: z.number().min(0).max(86_400).default(DEFAULT_WARMUP_SEC),
  durationSec: z.number().min(1).max(86_400).optional(),
  /** At most this many probes besides the two bounds. */
  maxProbes: z.number().int().min(1).max(100).default(20),
});

export const whatifSpecSchema = z.discriminatedUnion('kind', [sweepSpecSchema, searchSpecSchema]);

export type SweepValues = z.output<typeof sweepValuesSchema>;
export type SweepAxis = z.output<typeof sweepAxisSchema>;
export type StoppingRuleSpec = z.output<typeof stoppingRuleSchema>;
export type SweepSpec = z.output<typeof sweepSpecSchema>;
export type SweepSpecInput = z.input<typeof sweepSpecSchema>;
export type Criteria = z.output<typeof criteriaSchema>;
export type SearchSpec = z.output<typeof searchSpecSchema>;
export type SearchSpecInput = z.input<typeof searchSpecSchema>;
export type WhatifSpec = z.output<typeof whatifSpecSchema>;

export type SpecResult<T> = { ok: true; spec: T } | { ok: false; errors: string[] };

function parseWith<T>(schema: z.ZodType<T>, value: unknown): SpecResult<T> {
  const r = schema.safeParse(value);
  if (r.success) return { ok: true, spec: r.data };
  return {
    ok: false,
    errors: r.error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'spec'}: ${i.message}`),
  };
}

export const parseSweepSpec = (value: unknown): SpecResult<SweepSpec> => parseWith(sweepSpecSchema, value);
export const parseSearchSpec = (value: unknown): SpecResult<SearchSpec> => parseWith(searchSpecSchema, value);
export const parseWhatifSpec = (value: unknown): SpecResult<WhatifSpec> => parseWith(whatifSpecSchema, value);

/** The values of a sweep axis, in order. A log range needs both ends above 0. */
export function axisValues(v: SweepValues, integer = false): number[] {
  let out: number[];
  if (v.kind === 'list') out = v.values.slice();
  else if (v.steps === 1) out = [v.from];
  else if (v.scale === 'log') {
    if (v.from <= 0 || v.to <= 0) throw new Error('a log range needs both ends above 0');
    const r = Math.log(v.to / v.from) / (v.steps - 1);
    out = Array.from({ length: v.steps }, (_, i) => (i === v.steps - 1 ? v.to : v.from * Math.exp(r * i)));
  } else {
    const d = (v.to - v.from) / (v.steps - 1);
    out = Array.from({ length: v.steps }, (_, i) => (i === v.steps - 1 ? v.to : v.from + d * i));
  }
  if (!integer) return out.map((x) => roundSig(x));
  // Whole-number settings: rounded, repeats dropped.
  return [...new Set(out.map((x) => Math.round(x)))];
}

/** Rounds away floating-point dust (10000 + 9 * 10000 / 9 is not always 100000). */
const roundSig = (x: number) => (x === 0 ? 0 : Number(x.toPrecision(12)));
