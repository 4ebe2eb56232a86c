// Turns rows of the per-second series into the points each chart draws. Pure functions of the
// rows, so they are unit-tested and memoised by the charts.

/** Seconds of history a chart shows. */
export const WINDOW_SEC = 60;
/** Lag in seconds divides by the topic's mean write rate over this many seconds. */
export const LAG_RATE_SEC = 10;

export type Point = { t: number } & Record<string, number | null>;

export interface SeriesRoles {
  producers: string[];
  topics: string[];
  groups: string[];
  jobs: string[];
  brokers: string[];
  index: Map<string, number>;
}

/** Which nodes the columns describe, told apart by a column only that kind has. */
export function rolesOf(columns: readonly string[]): SeriesRoles {
  const ids = (suffix: string) =>
    columns.filter((c) => c.endsWith(suffix)).map((c) => c.slice(0, -suffix.length));
  return {
    producers: ids('.producedBytes'),
    topics: ids('.appendedBytes'),
    groups: ids('.consumedBytes'),
    jobs: ids('.estimatedRate'),
    brokers: ids('.networkOut'),
    index: new Map(columns.map((c, i) => [c, i])),
  };
}

const at = (row: readonly number[], i: number | undefined): number => (i === undefined ? 0 : (row[i] ?? 0));

/** The rows of the last WINDOW_SEC seconds, plus LAG_RATE_SEC before them for rate averages. */
export function windowRows(rows: readonly number[][]): number[][] {
  return rows.slice(-(WINDOW_SEC + LAG_RATE_SEC));
}

/**
 * Produced and acknowledged per second, summed over producers; consumed = processed by consumer
 * groups plus read from Kafka by Spark jobs. A Spark job's batches complete in bursts, so its share
 * is what it took from the topic that second: records that arrived minus the growth of its lag.
 */
export function throughputPoints(
  rows: readonly number[][],
  r: SeriesRoles,
  topicOf: (readerId: string) => string | undefined,
): Point[] {
  const cols = (ids: string[], suffix: string) => ids.map((id) => r.index.get(`${id}${suffix}`));
  const produced = cols(r.producers, '.produced');
  const acked = cols(r.producers, '.acknowledged');
  const consumed = cols(r.groups, '.consumed');
  const jobs = r.jobs.map((id) => ({
    lag: r.index.get(`${id}.lag`),
    arrived: r.index.get(`${topicOf(id) ?? ''}.appended`),
  }));
  const sum = (row: readonly number[], is: (number | undefined)[]) =>
    is.reduce<number>((a, i) => a + at(row, i), 0);
  const start = Math.max(0, rows.length - WINDOW_SEC);
  const points: Point[] = [];
  for (let k = start; k < rows.length; k++) {
    const row = rows[k]!;
    const prev = rows[k - 1];
    let read = 0;
    for (const j of jobs) {
      const lagBefore = prev ? at(prev, j.lag) : 0;
      read += Math.max(0, at(row, j.arrived) - (at(row, j.lag) - lagBefore));
    }
    points.push({
      t: row[0] ?? 0,
      produced: sum(row, produced),
      acknowledged: sum(row, acked),
      consumed: sum(row, consumed) + read,
    });
  }
  return points;
}

/** Latency percentiles; a second in which no record finished has no latency (a gap, not 0 ms). */
export function latencyPoints(rows: readonly number[][], r: SeriesRoles): Point[] {
  const [p50, p95, p99] = ['latency.p50', 'latency.p95', 'latency.p99'].map((c) => r.index.get(c));
  return rows.slice(-WINDOW_SEC).map((row) => {
    const values = [at(row, p50), at(row, p95), at(row, p99)];
    const none = values.every((v) => v === 0);
    return {
      t: row[0] ?? 0,
      p50: none ? null : values[0]!,
      p95: none ? null : values[1]!,
      p99: none ? null : values[2]!,
    };
  });
}

/**
 * How long the newest unread record has waited, estimated as lag / the mean rate at which the topic
 * received records over the last few seconds. Null when nothing arrived lately (no rate to divide by).
 */
export function lagSeconds(lagRecords: number, recentArrivals: readonly number[]): number | null {
  if (lagRecords <= 0) return 0;
  const rate = recentArrivals.length ? recentArrivals.reduce((a, b) => a + b, 0) / recentArrivals.length : 0;
  return rate > 0 ? lagRecords / rate : null;
}

/** Lag per reader in records and in seconds (keys `<id>` and `<id>` in the two point lists). */
export function lagPoints(
  rows: readonly number[][],
  r: SeriesRoles,
  topicOf: (readerId: string) => string | undefined,
): { records: Point[]; seconds: Point[] } {
  const readers = [...r.groups, ...r.jobs];
  const lagCol = readers.map((id) => r.index.get(`${id}.lag`));
  const inCol = readers.map((id) => r.index.get(`${topicOf(id) ?? ''}.appended`));
  const start = Math.max(0, rows.length - WINDOW_SEC);
  const records: Point[] = [];
  const seconds: Point[] = [];
  for (let k = start; k < rows.length; k++) {
    const row = rows[k]!;
    const rec: Point = { t: row[0] ?? 0 };
    const sec: Point = { t: row[0] ?? 0 };
    readers.forEach((id, n) => {
      const lag = at(row, lagCol[n]);
      rec[id] = lag;
      const recent = rows.slice(Math.max(0, k + 1 - LAG_RATE_SEC), k + 1).map((x) => at(x, inCol[n]));
      sec[id] = lagSeconds(lag, recent);
    });
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
  return rows.slice(-WINDOW_SEC).map((row) => {
    const p: Point = { t: row[0] ?? 0 };
    RESOURCES.forEach((res, n) => {
      p[res] = Math.max(0, ...cols[n]!.map((i) => at(row, i))) * 100;
    });
    return p;
  });
}

/**
 * Spark's four for one job. Only seconds in which a batch completed have batch times; others are
 * gaps. Input rate = records of the batches completed that second / the batch interval (at least 1 s).
 * With backpressure on, estimatedRate is the rate controller's limit each second (a gap while it has
 * none), to draw against the input rate.
 */
export function sparkPoints(
  rows: readonly number[][],
  r: SeriesRoles,
  jobId: string,
  batchIntervalMs: number,
): Point[] {
  const c = (name: string) => r.index.get(`${jobId}.${name}`);
  const [records, batches, scheduling, processing, total, estimated] = [
    c('inputRecords'),
    c('batches'),
    c('schedulingDelayMs'),
    c('processingMs'),
    c('totalDelayMs'),
    c('estimatedRate'),
  ];
  const per = Math.max(1, batchIntervalMs / 1000);
  return rows.slice(-WINDOW_SEC).map((row) => {
    const done = at(row, batches) > 0;
    const rate = at(row, estimated);
    return {
      t: row[0] ?? 0,
      inputRate: done ? at(row, records) / per : null,
      schedulingDelay: done ? at(row, scheduling) : null,
      processingTime: done ? at(row, processing) : null,
      totalDelay: done ? at(row, total) : null,
      estimatedRate: rate > 0 ? rate : null,
    };
  });
}

/** The x range a chart shows: the last WINDOW_SEC seconds up to now, sliding smoothly with the clock. */
export function timeDomain(simMs: number): [number, number] {
  const end = Math.max(WINDOW_SEC, simMs / 1000);
  return [end - WINDOW_SEC, end];
}
