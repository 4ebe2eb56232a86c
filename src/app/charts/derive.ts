// Turns rows of the per-second series into the points each chart draws. Pure functions of the
// rows, so they are unit-tested and memoised by the charts.

import { batchCompleted, noEstimate, noLatency } from '../../model/seriesGaps';
import { rowsInRange } from './downsample';

export type Point = { t: number } & Record<string, number | null>;

export interface SeriesRoles {
  producers: string[];
  /** Receiver sources (socket, Kinesis, Flume, file) that Spark jobs read instead of a topic. */
  receiverSources: string[];
  topics: string[];
  groups: string[];
  jobs: string[];
  brokers: string[];
  /** Topics with tiered storage (remote.storage.enable). */
  tiered: string[];
  /** MirrorMaker 2 instances (their producers are among `producers`, as `mm2:<id>`). */
  mirrors: string[];
  index: Map<string, number>;
}

/** Which nodes the columns describe, told apart by a column only that kind has. */
export function rolesOf(columns: readonly string[]): SeriesRoles {
  const ids = (suffix: string) =>
    columns.filter((c) => c.endsWith(suffix)).map((c) => c.slice(0, -suffix.length));
  return {
    producers: ids('.producedBytes'),
    receiverSources: ids('.receivedRecords'),
    topics: ids('.appendedBytes'),
    groups: ids('.consumedBytes'),
    jobs: ids('.estimatedRate'),
    brokers: ids('.networkOut'),
    tiered: ids('.remoteBytes'),
    mirrors: ids('.mirrorLagSec'),
    index: new Map(columns.map((c, i) => [c, i])),
  };
}

const at = (row: readonly number[], i: number | undefined): number => (i === undefined ? 0 : (row[i] ?? 0));

/** The rows of the time range [from, to] (seconds), with one more on each side so lines reach
 * the edges of the plot. */
export function windowRows(rows: readonly number[][], [from, to]: [number, number]): number[][] {
  return rowsInRange(rows, from, to);
}

/** The key of a reader's consumption in throughput points. */
export const consumedKey = (readerId: string): string => `consumed:${readerId}`;

/** The key of a MirrorMaker 2's copies in throughput points. */
export const mirroredKey = (mirrorId: string): string => `mirrored:${mirrorId}`;

/**
 * Produced and acknowledged per second, summed over every producer as the totals count them (a
 * MirrorMaker 2's writes into the other cluster and a Spark job's Kafka sink included; each mirror's
 * copies also on a line of their own, so the sum reads as source plus copies), with receiver
 * sources' arrivals in Produced; received, what receiver sources' receivers took (no broker
 * acknowledges those); and what each reader consumed:
 * a consumer group's records processed that second; a Spark job's input rate, the series' mean
 * over its batch window (a job takes a whole batch at once, so per second it would read 0, then
 * a whole batch). Readers are never summed: two readers of one topic each read all of it.
 */
export function throughputPoints(rows: readonly number[][], r: SeriesRoles): Point[] {
  const cols = (ids: string[], suffix: string) => ids.map((id) => r.index.get(`${id}${suffix}`));
  const produced = [...cols(r.producers, '.produced'), ...cols(r.receiverSources, '.produced')];
  const acked = cols(r.producers, '.acknowledged');
  const received = cols(r.receiverSources, '.receivedRecords');
  const readers = [
    ...r.groups.map((id) => ({ key: consumedKey(id), col: r.index.get(`${id}.consumed`) })),
    ...r.jobs.map((id) => ({ key: consumedKey(id), col: r.index.get(`${id}.inputRate`) })),
  ];
  const mirrors = r.mirrors.map((id) => ({ key: mirroredKey(id), col: r.index.get(`${id}.mirrored`) }));
  const sum = (row: readonly number[], is: (number | undefined)[]) =>
    is.reduce<number>((a, i) => a + at(row, i), 0);
  return rows.map((row) => {
    const p: Point = { t: row[0] ?? 0, produced: sum(row, produced), acknowledged: sum(row, acked) };
    for (const m of mirrors) p[m.key] = at(row, m.col);
    if (received.length > 0) p.received = sum(row, received);
    for (const reader of readers) p[reader.key] = at(row, reader.col);
    return p;
  });
}

/** Says what Produced and Acknowledged include when more than the document's producers write. */
export function throughputNote(roles: Pick<SeriesRoles, 'mirrors' | 'producers'>): string {
  const extra = [
    roles.mirrors.length > 0 ? 'MirrorMaker 2’s copies' : undefined,
    roles.producers.some((id) => id.includes('->')) ? 'Spark jobs’ Kafka sinks' : undefined,
  ].filter((x) => x !== undefined);
  if (extra.length === 0)
    return 'records per simulated second: producers summed, each reader on its own line';
  return `records per simulated second: Produced and Acknowledged sum every producer as the totals do (${extra.join(' and ')} included); each reader on its own line`;
}

/** Readers with latency columns of their own (`<id>.latency.p50`, ...): a run with 2 to 8 readers. */
export function latencyReaders(columns: readonly string[]): string[] {
  const suffix = '.latency.p50';
  return columns.filter((c) => c.endsWith(suffix)).map((c) => c.slice(0, -suffix.length));
}

/**
 * Latency percentiles of all readers together, or of one reader (`reader`, when it has columns of
 * its own); a second in which no record finished has no latency (a gap, not 0 ms).
 */
export function latencyPoints(rows: readonly number[][], r: SeriesRoles, reader?: string): Point[] {
  const prefix = reader ? `${reader}.` : '';
  const [p50, p95, p99] = ['latency.p50', 'latency.p95', 'latency.p99'].map((c) => r.index.get(prefix + c));
  return rows.map((row) => {
    const values = [at(row, p50), at(row, p95), at(row, p99)];
    const none = noLatency(values);
    return {
      t: row[0] ?? 0,
      p50: none ? null : values[0]!,
      p95: none ? null : values[1]!,
      p99: none ? null : values[2]!,
    };
  });
}

/** The latency card's choice: all readers merged, each reader on lines of its own, or one reader. */
export const ALL_READERS = '';
export const EACH_READER = '*each';

/**
 * Which latency view a run opens on. The merged percentiles of a second cover only the readers
 * that finished records in it. A micro-batch Spark job with a batch interval over 1 s finishes
 * records only in the seconds its batches complete, so alongside another reader the merged line
 * would swap between "everyone" and "the others alone" from one second to the next: such a run
 * opens on each reader's own lines. Otherwise all readers together, as before.
 */
export function defaultLatencyView(
  readers: readonly string[],
  jobs: readonly { id: string; mode: 'microBatch' | 'continuous'; batchIntervalMs: number }[],
): string {
  if (readers.length < 2) return ALL_READERS;
  const sparse = jobs.some(
    (j) => readers.includes(j.id) && j.mode === 'microBatch' && j.batchIntervalMs > 1000,
  );
  return sparse ? EACH_READER : ALL_READERS;
}

/** The keys of a reader's p50 and p99 in the each-reader latency points. */
export const readerLatencyKey = (readerId: string, percentile: 'p50' | 'p99'): string =>
  `${readerId}:${percentile}`;

/**
 * Each reader's own p50 and p99 side by side; a second in which a reader finished nothing is a gap
 * in its lines only (drawn joined across, as a Spark job's latency exists once a batch).
 */
export function eachReaderLatencyPoints(
  rows: readonly number[][],
  r: SeriesRoles,
  readers: readonly string[],
): Point[] {
  const cols = readers.map((id) => ({
    id,
    all: ['p50', 'p95', 'p99'].map((p) => r.index.get(`${id}.latency.${p}`)),
  }));
  return rows.map((row) => {
    const p: Point = { t: row[0] ?? 0 };
    for (const c of cols) {
      const values = c.all.map((i) => at(row, i));
      const none = noLatency(values);
      p[readerLatencyKey(c.id, 'p50')] = none ? null : values[0]!;
      p[readerLatencyKey(c.id, 'p99')] = none ? null : values[2]!;
    }
    return p;
  });
}

/** The key of a reader's lag from its position in lag points. */
export const positionKey = (readerId: string): string => `${readerId}:position`;

/**
 * Lag per reader. In records, two lines each: a consumer group's committed lag (what
 * kafka-consumer-groups shows) under `<id>` and its lag from the members' positions under
 * `<id>:position`; a Spark job's records not yet in a completed batch under `<id>` and not yet in
 * any batch under `<id>:position`. In seconds: the age of the oldest record not yet read
 * (a Spark job: not yet processed), under `<id>`.
 */
export function lagPoints(rows: readonly number[][], r: SeriesRoles): { records: Point[]; seconds: Point[] } {
  const readers = [
    ...r.groups.map((id) => ({ id, committed: '.lag', position: '.lagPosition' })),
    ...r.jobs.map((id) => ({ id, committed: '.lagUnprocessed', position: '.lag' })),
  ].map((x) => ({
    id: x.id,
    committed: r.index.get(`${x.id}${x.committed}`),
    position: r.index.get(`${x.id}${x.position}`),
    seconds: r.index.get(`${x.id}.lagSec`),
  }));
  const records: Point[] = [];
  const seconds: Point[] = [];
  for (const row of rows) {
    const rec: Point = { t: row[0] ?? 0 };
    const sec: Point = { t: row[0] ?? 0 };
    for (const x of readers) {
      rec[x.id] = at(row, x.committed);
      rec[positionKey(x.id)] = at(row, x.position);
      sec[x.id] = at(row, x.seconds);
    }
    records.push(rec);
    seconds.push(sec);
  }
  return { records, seconds };
}

export const RESOURCES = ['cpu', 'networkIn', 'networkOut', 'disk'] as const;

/** Utilisation in % per resource, of one broker or (broker = null) of the busiest broker each second. */
export function brokerPoints(rows: readonly number[][], r: SeriesRoles, broker: string | null): Point[] {
  const brokers = broker === null ? r.brokers : [broker];
  const cols = RESOURCES.map((res) => brokers.map((b) => r.index.get(`${b}.${res}`)));
  return rows.map((row) => {
    const p: Point = { t: row[0] ?? 0 };
    RESOURCES.forEach((res, n) => {
      p[res] = Math.max(0, ...cols[n]!.map((i) => at(row, i))) * 100;
    });
    return p;
  });
}

/**
 * Spark's four for one job. Batch times exist only for seconds in which a batch completed; other
 * seconds are gaps. The input rate is the series' own: records the job took into batches, the mean
 * over its rate window (whole batch intervals), so every second has one. Dividing the records of
 * the batches completed in a second by the interval instead gave 0, then double, whenever a slow
 * batch finished in the same second as the next. With backpressure on, estimatedRate is the rate
 * controller's limit each second (a gap while it has none), to draw against the input rate.
 */
export function sparkPoints(rows: readonly number[][], r: SeriesRoles, jobId: string): Point[] {
  const c = (name: string) => r.index.get(`${jobId}.${name}`);
  const [inputRate, batches, scheduling, processing, total, estimated] = [
    c('inputRate'),
    c('batches'),
    c('schedulingDelayMs'),
    c('processingMs'),
    c('totalDelayMs'),
    c('estimatedRate'),
  ];
  return rows.map((row) => {
    const done = batchCompleted(at(row, batches));
    const rate = at(row, estimated);
    return {
      t: row[0] ?? 0,
      inputRate: at(row, inputRate),
      schedulingDelay: done ? at(row, scheduling) : null,
      processingTime: done ? at(row, processing) : null,
      totalDelay: done ? at(row, total) : null,
      estimatedRate: noEstimate(rate) ? null : rate,
    };
  });
}

/** The keys of a tiered topic's lines in tiered points. */
export const localKey = (topicId: string): string => `local:${topicId}`;
export const remoteKey = (topicId: string): string => `remote:${topicId}`;

/**
 * Tiered storage: per tiered topic, GB on the brokers' disks (every replica) and in the object
 * store (one copy); and MB/s read back from the store, all brokers together.
 */
export function tieredPoints(rows: readonly number[][], r: SeriesRoles): Point[] {
  const topics = r.tiered.map((id) => ({
    id,
    local: r.index.get(`${id}.localBytes`),
    remote: r.index.get(`${id}.remoteBytes`),
  }));
  const reads = r.brokers.map((b) => r.index.get(`${b}.remoteReadMBps`));
  return rows.map((row) => {
    const p: Point = { t: row[0] ?? 0, remoteReadMBps: reads.reduce<number>((a, i) => a + at(row, i), 0) };
    for (const x of topics) {
      p[localKey(x.id)] = at(row, x.local) / 1e9;
      p[remoteKey(x.id)] = at(row, x.remote) / 1e9;
    }
    return p;
  });
}
