// The headline figures of one finished run, computed from what both the app and the command line
// have: the per-second series (columns and rows as the engine's metrics ticker makes them and the
// worker streams them) and the record totals (the worker's RunTotals, the summary's `records`).
import type { Pipeline } from '../model/types';
import { costPerHour } from './cost';

/** The per-second series: `second` first, then one column per metric and node (see core/metrics/ticker.ts). */
export interface SeriesLike {
  columns: readonly string[];
  rows: readonly (readonly number[])[];
}

/** Record counts that never reach their readers; RunTotals and the summary's `records` both fit. */
export interface LossTotals {
  refused: number;
  dropped: number;
  lost?: number | undefined;
  expiredUnread?: number | undefined;
}

export interface MetricsInput extends SeriesLike {
  /** Totals of the whole run; without them the loss is summed from the series' columns. */
  totals?: LossTotals | undefined;
  /** The document run, for the cost; without it the cost is null. */
  doc?: Pipeline | undefined;
}

export interface MetricOptions {
  /** Seconds at the start left out of the means and maxima (the pipeline filling up). Default 0. */
  warmupSec?: number;
}

/** The warm-up a sweep or search starts with, when the run is long enough to leave it out. */
export const DEFAULT_WARMUP_SEC = 10;

/**
 * The warm-up left out by default for a run of `durationSec`: the sweep form's default, which the
 * Runs list and Compare use as well so that a run shows one figure everywhere. A run too short
 * for it keeps its second half (a warm-up must end before the run does).
 */
export function defaultWarmupSec(durationSec: number): number {
  if (!(durationSec > 0)) return 0;
  return Math.min(DEFAULT_WARMUP_SEC, Math.floor(durationSec / 2));
}

export const METRIC_IDS = [
  'throughput',
  'processed',
  'p99',
  'maxLagRecords',
  'maxLagSec',
  'lost',
  'schedulingDelay',
  'lagGrowth',
  'costPerHour',
] as const;
export type MetricId = (typeof METRIC_IDS)[number];

/** A figure per metric; null when the run has nothing it applies to (no Spark job, no records read). */
export type HeadlineMetrics = Record<MetricId, number | null>;

export interface MetricDescriptor {
  id: MetricId;
  label: string;
  /** Short label for table headers and axes. */
  short: string;
  unit: string;
  better: 'higher' | 'lower';
  /** One sentence: what exactly is measured. */
  definition: string;
}

export const METRICS: readonly MetricDescriptor[] = [
  {
    id: 'throughput',
    label: 'Acknowledged throughput',
    short: 'acknowledged',
    unit: 'records/s',
    better: 'higher',
    definition:
      "Records the brokers acknowledged per second, all producers together (a Spark job's output to a topic and MirrorMaker 2's copies left out), plus the records receiver sources' receivers took (no broker acknowledges those), the mean over the seconds after the warm-up.",
  },
  {
    id: 'processed',
    label: 'Processed throughput',
    short: 'processed',
    unit: 'records/s',
    better: 'higher',
    definition:
      "Records per second processed from the producers' topics: for each topic a producer writes, the slowest of its readers (a consumer group's consumed records, a Spark job's records in completed batches; records a reader processed a second time, after a crash or a driver restart, count once), summed over those topics, plus what the jobs reading receiver sources completed, the mean over the seconds after the warm-up. Below the acknowledged throughput when a reader cannot keep up.",
  },
  {
    id: 'p99',
    label: 'p99 end-to-end latency',
    short: 'p99',
    unit: 'ms',
    better: 'lower',
    definition:
      "Creation to processed by a consumer group or Spark batch: each second's 99th percentile over the records finished in it, averaged over the seconds after the warm-up in which any finished.",
  },
  {
    id: 'maxLagRecords',
    label: 'Max lag',
    short: 'max lag',
    unit: 'records',
    better: 'lower',
    definition:
      "The largest lag of any reader in any second after the warm-up: a consumer group's committed lag (kafka-consumer-groups' LAG), a Spark job's records not yet in a completed batch (reading a receiver source: at the source, in the receivers' buffers, in stored blocks and in unfinished batches).",
  },
  {
    id: 'maxLagSec',
    label: 'Max lag in time',
    short: 'max lag in time',
    unit: 's',
    better: 'lower',
    definition: 'The largest age of the oldest unread record of any reader in any second after the warm-up.',
  },
  {
    id: 'lost',
    label: 'Lost records',
    short: 'lost',
    unit: 'records',
    better: 'lower',
    definition:
      'Over the whole run: records refused or dropped by producers, acknowledged records lost afterwards, and records retention deleted before a reader read them.',
  },
  {
    id: 'schedulingDelay',
    label: 'Max Spark scheduling delay',
    short: 'sched. delay',
    unit: 'ms',
    better: 'lower',
    definition:
      "The longest any Spark batch completed after the warm-up waited for the one before it (the streaming UI's scheduling delay); none without a Spark job.",
  },
  {
    id: 'lagGrowth',
    label: 'Lag growth',
    short: 'lag growth',
    unit: 'records/s',
    better: 'lower',
    definition:
      "How fast the readers' lag grows over the second half of the seconds after the warm-up: the least-squares slope of their summed unread records (groups by position, Spark jobs not yet in a completed batch). About 0 when the pipeline keeps up.",
  },
  {
    id: 'costPerHour',
    label: 'Cost',
    short: 'cost',
    unit: '$/h',
    better: 'lower',
    definition:
      "What the run's machines cost an hour: brokers, client machines and shared hosts, Spark executors, each at its hardware's price.",
  },
];

export const metricDescriptor = (id: MetricId): MetricDescriptor => METRICS.find((m) => m.id === id)!;

/** Ids of the nodes whose columns the series holds, told apart by a column only that kind has. */
export function seriesRoles(columns: readonly string[]) {
  const ids = (suffix: string) =>
    columns.filter((c) => c.endsWith(suffix)).map((c) => c.slice(0, -suffix.length));
  const producers = ids('.producedBytes');
  return {
    producers,
    /**
     * Producers the document declares: a Spark job's Kafka sink ("job->topic") and a MirrorMaker
     * 2's writes into the other cluster ("mm2:<id>", copies of records counted already) are left out.
     */
    sourceProducers: producers.filter((id) => !id.includes('->') && !id.includes(':')),
    /** Receiver sources (socket, Kinesis, Flume, file) that Spark jobs read instead of a topic. */
    receiverSources: ids('.receivedRecords'),
    groups: ids('.consumedBytes'),
    jobs: ids('.estimatedRate'),
  };
}

/** Rows after the warm-up: second t covers (t - 1, t], so rows with t <= warmupSec go. */
export function rowsAfterWarmup(
  rows: readonly (readonly number[])[],
  warmupSec: number,
): readonly (readonly number[])[] {
  const kept = rows.filter((r) => (r[0] ?? 0) > warmupSec);
  return kept.length > 0 ? kept : rows;
}

/** Mean of a column over rows; 0 without the column (series of older engines) or rows. */
function meanOf(rows: readonly (readonly number[])[], i: number | undefined): number {
  if (i === undefined || rows.length === 0) return 0;
  return rows.reduce((a, r) => a + (r[i] ?? 0), 0) / rows.length;
}

/**
 * Records a second a reader processed, mean over rows: a group's consumed, a job's batch input less
 * what a replay after a driver restart read again (each record counts once, as a group's consumed
 * leaves out what it reprocesses; runs kept before that column: 0). Undefined without its column.
 */
function processedRate(
  rows: readonly (readonly number[])[],
  col: (name: string) => number | undefined,
  id: string,
  job: boolean,
): number | undefined {
  const column = col(job ? `${id}.inputRecords` : `${id}.consumed`);
  if (column === undefined) return undefined;
  const again = job ? col(`${id}.replayedInput`) : undefined;
  return meanOf(rows, column) - (again === undefined ? 0 : meanOf(rows, again));
}

/** Mean of a per-second percentile over the seconds in which records finished (0: none did). */
function meanOfFinished(rows: readonly (readonly number[])[], i: number | undefined): number | null {
  if (i === undefined) return null;
  const seen = rows.map((r) => r[i] ?? 0).filter((v) => v > 0);
  return seen.length === 0 ? null : seen.reduce((a, b) => a + b, 0) / seen.length;
}

/** Least-squares slope of y against x; 0 for fewer than two points. */
export function slope(xs: readonly number[], ys: readonly number[]): number {
  const n = Math.min(xs.length, ys.length);
  if (n < 2) return 0;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i]!;
    my += ys[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
  }
  return sxx === 0 ? 0 : sxy / sxx;
}

/** One reader's own figures after the warm-up: what it processed a second, and its p99 (ms). */
export interface ReaderFigures {
  id: string;
  kind: 'consumerGroup' | 'sparkJob';
  /** Records processed a second (a job: taken in its completed batches, a replay counted once). */
  processed: number;
  /** Mean of its per-second p99 over the seconds it finished records in; null when none or unknown. */
  p99: number | null;
}

/**
 * Each reader's figures, where the headline merges them (processed throughput is the slowest
 * reader's, p99 is over every reader's records). A run with one reader has no per-reader latency
 * columns: its merged p99 is that reader's.
 */
export function readerFigures(input: SeriesLike, options: MetricOptions = {}): ReaderFigures[] {
  const index = new Map(input.columns.map((c, i) => [c, i]));
  const col = (name: string) => index.get(name);
  const roles = seriesRoles(input.columns);
  const rows = rowsAfterWarmup(input.rows, options.warmupSec ?? 0);
  const single = roles.groups.length + roles.jobs.length === 1;
  const figures = (id: string, kind: ReaderFigures['kind']): ReaderFigures => ({
    id,
    kind,
    processed: processedRate(rows, col, id, kind === 'sparkJob') ?? 0,
    p99: meanOfFinished(rows, col(`${id}.latency.p99`) ?? (single ? col('latency.p99') : undefined)),
  });
  return [
    ...roles.groups.map((id) => figures(id, 'consumerGroup')),
    ...roles.jobs.map((id) => figures(id, 'sparkJob')),
  ];
}

/** The headline figures of one finished run (see METRICS for what each one is). */
export function headlineMetrics(input: MetricsInput, options: MetricOptions = {}): HeadlineMetrics {
  const warmupSec = options.warmupSec ?? 0;
  const { columns } = input;
  const index = new Map(columns.map((c, i) => [c, i]));
  const col = (name: string) => index.get(name);
  const at = (row: readonly number[], i: number | undefined) => (i === undefined ? 0 : (row[i] ?? 0));
  const roles = seriesRoles(columns);
  const rows = rowsAfterWarmup(input.rows, warmupSec);

  // Throughput: acknowledged per second, summed over the declared producers and what receiver
  // sources' receivers took, mean over rows.
  const acked = [
    ...roles.sourceProducers.map((id) => col(`${id}.acknowledged`)),
    ...roles.receiverSources.map((id) => col(`${id}.receivedRecords`)),
  ];
  const throughput =
    rows.length === 0
      ? 0
      : rows.reduce((a, r) => a + acked.reduce<number>((s, i) => s + at(r, i), 0), 0) / rows.length;

  const processed = input.doc ? processedThroughput(input.doc, rows, col, roles) : null;

  // p99: mean of the per-second p99 over seconds in which records finished (0 means none did).
  const p99 = meanOfFinished(rows, col('latency.p99'));

  // Lag: committed for groups, not yet in a completed batch for Spark jobs; in seconds for both.
  const readers = roles.groups.length + roles.jobs.length;
  const lagCols = [
    ...roles.groups.map((id) => col(`${id}.lag`)),
    ...roles.jobs.map((id) => col(`${id}.lagUnprocessed`)),
  ];
  const lagSecCols = [...roles.groups, ...roles.jobs].map((id) => col(`${id}.lagSec`));
  let maxLagRecords = 0;
  let maxLagSec = 0;
  for (const r of rows) {
    for (const i of lagCols) maxLagRecords = Math.max(maxLagRecords, at(r, i));
    for (const i of lagSecCols) maxLagSec = Math.max(maxLagSec, at(r, i));
  }

  // Growth: slope of the summed unread records over the second half of the rows after warm-up.
  const growthCols = [
    ...roles.groups.map((id) => col(`${id}.lagPosition`) ?? col(`${id}.lag`)),
    ...roles.jobs.map((id) => col(`${id}.lagUnprocessed`) ?? col(`${id}.lag`)),
  ];
  const half = rows.slice(Math.floor(rows.length / 2));
  const lagGrowth = slope(
    half.map((r) => r[0] ?? 0),
    half.map((r) => growthCols.reduce<number>((a, i) => a + at(r, i), 0)),
  );

  // Spark: the longest scheduling delay of the seconds in which a batch completed.
  let schedulingDelay: number | null = null;
  for (const id of roles.jobs) {
    const batches = col(`${id}.batches`);
    const delay = col(`${id}.schedulingDelayMs`);
    for (const r of rows) {
      if (at(r, batches) <= 0) continue;
      schedulingDelay = Math.max(schedulingDelay ?? 0, at(r, delay));
    }
    schedulingDelay ??= 0;
  }

  return {
    throughput,
    processed,
    p99,
    maxLagRecords: readers === 0 ? null : maxLagRecords,
    maxLagSec: readers === 0 ? null : maxLagSec,
    lost: lostRecords(input),
    schedulingDelay,
    lagGrowth: readers === 0 ? null : lagGrowth,
    costPerHour: input.doc
      ? costPerHour(input.doc, meanOf(rows, col('cluster.crossZoneBytes')), objectStoreGB(input))
      : null,
  };
}

/**
 * Per topic a declared producer writes, the mean records per second of its slowest reader (a group's
 * `.consumed`, a job's `.inputRecords` less `.replayedInput`: records of the batches that completed,
 * each once), summed over those topics, plus each job reading a receiver source, its
 * `.inputRecords`. Readers of other topics (a job's output read downstream) are left out, so nothing counts
 * twice. Null when no reader reads a producer's topic.
 */
function processedThroughput(
  doc: Pipeline,
  rows: readonly (readonly number[])[],
  col: (name: string) => number | undefined,
  roles: ReturnType<typeof seriesRoles>,
): number | null {
  const producers = new Set(doc.producers.map((p) => p.id));
  const groups = new Set(roles.groups);
  const jobs = new Set(roles.jobs);
  const sourceTopics = new Set(doc.edges.filter((e) => producers.has(e.from)).map((e) => e.to));
  let total: number | null = null;
  for (const topic of sourceTopics) {
    let slowest: number | undefined;
    for (const e of doc.edges) {
      if (e.from !== topic || !(groups.has(e.to) || jobs.has(e.to))) continue;
      const rate = processedRate(rows, col, e.to, jobs.has(e.to));
      if (rate === undefined) continue;
      slowest = slowest === undefined ? rate : Math.min(slowest, rate);
    }
    if (slowest !== undefined) total = (total ?? 0) + slowest;
  }
  // A receiver source feeds one job (its receivers run in it): what that job's batches completed.
  const sources = new Set(doc.sparkSources.map((s) => s.id));
  for (const e of doc.edges) {
    if (!sources.has(e.from) || !jobs.has(e.to)) continue;
    const rate = processedRate(rows, col, e.to, true);
    if (rate !== undefined) total = (total ?? 0) + rate;
  }
  return total;
}

/** GB tiered topics hold in the object store at the last row (`<topic>.remoteBytes` columns). */
function objectStoreGB(input: MetricsInput): number {
  const last = input.rows[input.rows.length - 1];
  if (!last) return 0;
  let bytes = 0;
  input.columns.forEach((c, i) => {
    if (c.endsWith('.remoteBytes')) bytes += last[i] ?? 0;
  });
  return bytes / 1e9;
}

/** Records that never reach their readers, from the totals or else from the whole series. */
export function lostRecords(input: MetricsInput): number {
  const t = input.totals;
  if (t) return t.refused + t.dropped + (t.lost ?? 0) + (t.expiredUnread ?? 0);
  const roles = seriesRoles(input.columns);
  const names = [
    ...roles.producers.flatMap((id) => [`${id}.refused`, `${id}.dropped`, `${id}.lost`]),
    ...roles.groups.map((id) => `${id}.expiredUnread`),
  ];
  const cols = names.map((n) => input.columns.indexOf(n)).filter((i) => i >= 0);
  let sum = 0;
  for (const r of input.rows) for (const i of cols) sum += r[i] ?? 0;
  return sum;
}

/** A figure with its unit for tables and lists ("12,345 records/s", "41.2 ms", "$3.90/h"). */
export function formatMetric(id: MetricId, value: number | null | undefined): string {
  // undefined: a run kept before this metric existed.
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  const d = metricDescriptor(id);
  if (id === 'costPerHour') return `$${value.toFixed(2)}/h`;
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  const text = Math.abs(value).toLocaleString('en-US', {
    maximumFractionDigits: digits,
    minimumFractionDigits: 0,
  });
  // A true minus sign, as the changes beside these figures use.
  return `${value < 0 && text !== '0' ? '−' : ''}${text} ${d.unit}`;
}
