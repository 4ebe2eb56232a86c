// What the parsers hand back: the figures a tool printed, each with the line it came from, or the
// reasons the text could not be read, each naming its line.

/** One line of kafka-producer-perf-test: a progress line (every few seconds) or the final summary. */
export interface PerfProgressLine {
  line: number;
  records: number;
  recordsPerSec: number;
  /** The tool's MB are MiB (bytes / 1024 / 1024). */
  mbPerSec: number;
  avgLatencyMs: number;
  maxLatencyMs: number;
}

export interface PerfSummaryLine extends PerfProgressLine {
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  p999Ms: number;
}

/** The kafka-producer-perf-test command line, when it was pasted with the output. */
export interface PerfCommandLine {
  /** The line it starts on (a command continued with a backslash spans several). */
  line: number;
  /** --throughput: records/s it was held to; -1 (or any value <= 0) is as fast as it can; null: not given. */
  throughput: number | null;
}

export interface ProducerPerfMeasurement {
  kind: 'producerPerf';
  progress: PerfProgressLine[];
  /** The final line; absent when only progress lines were pasted. */
  summary: PerfSummaryLine | null;
  /** The command that ran the test, when the text has it. */
  command: PerfCommandLine | null;
  /** Lines left out as not the tool's own (log lines), by number. */
  skipped: number[];
}

/** One data row of kafka-consumer-perf-test. */
export interface ConsumerPerfRow {
  line: number;
  startTime: string;
  endTime: string;
  consumedMB: number;
  mbPerSec: number;
  consumedRecords: number;
  recordsPerSec: number;
  rebalanceMs: number | null;
  fetchMs: number | null;
}

export interface ConsumerPerfMeasurement {
  kind: 'consumerPerf';
  rows: ConsumerPerfRow[];
  skipped: number[];
}

/** One row of kafka-consumer-groups --describe; null where the tool printed "-". */
export interface GroupPartitionRow {
  line: number;
  group: string;
  topic: string;
  partition: number;
  currentOffset: number | null;
  logEndOffset: number | null;
  lag: number | null;
  consumerId: string | null;
  host: string | null;
  clientId: string | null;
}

export interface ConsumerGroupsMeasurement {
  kind: 'consumerGroups';
  rows: GroupPartitionRow[];
  /** Groups the tool said have no active members. */
  inactiveGroups: string[];
  skipped: number[];
}

/** The fields of a StreamingQueryProgress that Streamlab compares (a rate Spark left out is null). */
export interface SparkProgress {
  /** Where the object starts in the pasted text. */
  line: number;
  id: string | null;
  runId: string | null;
  name: string | null;
  timestamp: string | null;
  /** Milliseconds since the epoch, from `timestamp`; null when it does not read as a date. */
  timeMs: number | null;
  batchId: number;
  numInputRows: number;
  inputRowsPerSecond: number | null;
  processedRowsPerSecond: number | null;
  durationMs: Record<string, number>;
  watermark: string | null;
  stateRows: number | null;
  sources: { description: string; numInputRows: number | null; topics: string[] }[];
  sink: { description: string; numOutputRows: number | null } | null;
}

export interface SparkProgressMeasurement {
  kind: 'sparkProgress';
  progress: SparkProgress[];
  /** Objects in the text that are not query progress (other event-log events), left out. */
  otherEvents: number;
}

export type Measurement =
  ProducerPerfMeasurement | ConsumerPerfMeasurement | ConsumerGroupsMeasurement | SparkProgressMeasurement;

export type MeasurementKind = Measurement['kind'];

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/** How many errors a parser reports before it stops listing them. */
export const MAX_ERRORS = 20;

/** A short quote of what was found, for messages: `'recs/s (1.2 MB/sec)…'`, or 'the end of the line'. */
export function found(rest: string): string {
  const t = rest.trim();
  if (t === '') return 'the end of the line';
  return `'${t.length > 40 ? `${t.slice(0, 40)}…` : t}'`;
}

/** Lines of pasted text, numbered from 1, with Windows line ends and trailing spaces removed. */
export function numberedLines(text: string): { n: number; text: string }[] {
  return text.split(/\r?\n|\r/).map((t, i) => ({ n: i + 1, text: t.replace(/\s+$/, '') }));
}

/** Lines a tool's output often carries around its own (log4j, SLF4J, a shell prompt). */
export function isLogNoise(line: string): boolean {
  return /^\s*(\[|\$ |> |SLF4J|WARN|INFO|ERROR|DEBUG|log4j|\d{4}-\d\d-\d\d[ T]\d\d:\d\d)/.test(line);
}
