// Which nodes are the bottleneck right now, and why, in one sentence a learner understands. It reads
// only the per-second series (the recent rows), so the verdict at a given simulated second is the
// same at any speed and however the run was sliced.
import { sourcesOf, type Pipeline } from '../model';

export type ReasonCounts = Record<string, number>;

export interface Bottlenecks {
  /** By node id: producers, consumer groups, Spark jobs. */
  nodes: Record<string, string>;
  /** By broker id. */
  brokers: Record<string, string>;
}

/** Seconds of history the detector looks at; callers keep at least this many recent rows. */
export const BOTTLENECK_WINDOW_SEC = 12;
/** A reader processing this much less than arrives (over the window) is falling behind. */
const DEFICIT_SHARE = 0.03;
const SATURATED = 0.95;
/** Batches this much slower than the batch interval cannot keep up. */
const SLOW_BATCH = 1.05;
const SATURATION_SEC = 5;

const RESOURCE_NAMES = {
  cpu: 'CPU',
  networkIn: 'incoming network',
  networkOut: 'outgoing network',
  disk: 'disk',
} as const;
type Resource = keyof typeof RESOURCE_NAMES;

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** Column lookups and document facts, worked out once per loaded document. */
export class BottleneckDetector {
  private readonly index: Map<string, number>;

  constructor(
    private readonly doc: Pipeline,
    columns: readonly string[],
  ) {
    this.index = new Map(columns.map((c, i) => [c, i]));
  }

  /**
   * `rows`: the most recent rows of the series, oldest first (at least BOTTLENECK_WINDOW_SEC of them
   * once the run is that long). `ledger`: each producer's refused and dropped records by reason.
   */
  detect(
    rows: readonly (readonly number[])[],
    ledger: (producerId: string) => { refused: ReasonCounts; dropped: ReasonCounts } | undefined,
  ): Bottlenecks {
    const out: Bottlenecks = { nodes: {}, brokers: {} };
    if (rows.length < 3) return out;
    const recent = rows.slice(-BOTTLENECK_WINDOW_SEC);
    for (const p of this.doc.producers) {
      const reason = this.producer(p.id, recent, ledger(p.id));
      if (reason) out.nodes[p.id] = reason;
    }
    for (const g of this.doc.consumerGroups) {
      const reason = this.group(g.id, g.members, recent);
      if (reason) out.nodes[g.id] = reason;
    }
    for (const j of this.doc.sparkJobs) {
      const reason = this.sparkJob(j, recent);
      if (reason) out.nodes[j.id] = reason;
    }
    for (const b of this.doc.cluster.brokers) {
      const reason = this.broker(b.id, recent);
      if (reason) out.brokers[b.id] = reason;
    }
    return out;
  }

  private column(rows: readonly (readonly number[])[], name: string): number[] | undefined {
    const i = this.index.get(name);
    if (i === undefined) return undefined;
    return rows.map((r) => r[i] ?? 0);
  }

  private producer(
    id: string,
    rows: readonly (readonly number[])[],
    ledger: { refused: ReasonCounts; dropped: ReasonCounts } | undefined,
  ): string | undefined {
    const last3 = rows.slice(-3);
    const refused = sum(this.column(last3, `${id}.refused`));
    const dropped = sum(this.column(last3, `${id}.dropped`));
    const compressing = this.compressionBound(id, rows);
    if (refused > 0) {
      const main = largest(ledger?.refused);
      if (main?.includes('max.request.size'))
        return `Its records are larger than max.request.size, so Kafka refuses them (${fmt(refused)} in the last 3 s).`;
      if (compressing)
        return `It refused ${fmt(refused)} records in the last 3 s: buffer.memory is full because ${compressing}.`;
      return `It refused ${fmt(refused)} records in the last 3 s: buffer.memory is full because the brokers acknowledge records more slowly than they arrive.`;
    }
    if (dropped > 0)
      return `${fmt(dropped)} records expired in the last 3 s (delivery.timeout.ms) before the brokers acknowledged them: the cluster cannot keep up with this producer.`;
    const inFlight = this.column(rows, `${id}.inFlight`);
    const produced = this.column(rows, `${id}.produced`);
    if (!inFlight || !produced || inFlight.length < 6) return undefined;
    const tail = inFlight.slice(-6);
    const rising = tail.every((v, i) => i === 0 || v > tail[i - 1]!);
    const perSec = mean(produced.slice(-5));
    const waiting = tail[tail.length - 1]!;
    if (rising && waiting > perSec && compressing)
      return `Records pile up in the producer (${fmt(waiting)} waiting, more every second): ${compressing}.`;
    if (rising && waiting > perSec)
      return `Records pile up in the producer (${fmt(waiting)} waiting, more every second): the brokers acknowledge fewer records per second than it sends.`;
    return undefined;
  }

  /**
   * Why the producer's compression holds it back, when its compression core has been saturated for
   * SATURATION_SEC seconds (undefined otherwise).
   */
  private compressionBound(id: string, rows: readonly (readonly number[])[]): string | undefined {
    const last = rows.slice(-SATURATION_SEC);
    const busy = this.column(last, `${id}.sendThread`);
    if (!busy || last.length < SATURATION_SEC || Math.min(...busy) < SATURATED) return undefined;
    const codec = this.doc.producers.find((p) => p.id === id)?.config['compression.type'];
    const faster = codec === 'gzip' || codec === 'zstd' ? 'lz4 or snappy' : "'none'";
    return `compressing with ${codec ?? 'its codec'} keeps the producer's CPU core busy all the time, so batches leave more slowly than records arrive (${faster} would cost less CPU, for more bytes on the network and disk)`;
  }

  private group(id: string, members: number, rows: readonly (readonly number[])[]): string | undefined {
    const topic = sourcesOf(this.doc, id)[0];
    const appended = this.column(rows, `${topic}.appended`);
    const consumed = this.column(rows, `${id}.consumed`);
    const lag = this.column(rows, `${id}.lag`);
    if (!appended || !consumed || !lag || rows.length < 5) return undefined;
    // Processed falls short of arrivals: the backlog grows by exactly the difference. Committed lag
    // is a saw (auto commit), so the counts are a steadier signal than the lag itself.
    const inSum = sum(appended);
    const deficit = inSum - sum(consumed);
    if (deficit <= Math.max(10, DEFICIT_SHARE * inSum)) return undefined;
    const seconds = rows.length;
    const inRate = inSum / seconds;
    const outRate = sum(consumed) / seconds;
    const partitions = this.doc.topics.find((t) => t.id === topic)?.partitions ?? 0;
    const hint =
      members >= partitions
        ? `it already has a consumer per partition, so more partitions (and members) or cheaper processing would help`
        : `more members (up to ${partitions}, one per partition) or cheaper processing would help`;
    return `Lag keeps growing (${fmt(lag[lag.length - 1]!)} records): the topic receives about ${fmt(inRate)} records/s but the group processes only about ${fmt(outRate)}/s; ${hint}.`;
  }

  private sparkJob(
    job: Pipeline['sparkJobs'][number],
    rows: readonly (readonly number[])[],
  ): string | undefined {
    const id = job.id;
    const batches = this.column(rows, `${id}.batches`);
    const processing = this.column(rows, `${id}.processingMs`);
    const delay = this.column(rows, `${id}.schedulingDelayMs`);
    if (!batches || !processing || !delay) return undefined;
    const interval = job.batchIntervalMs;
    // Only seconds in which a batch completed say anything about batch times.
    const done = batches.flatMap((n, i) => (n > 0 ? [i] : []));
    const recentProcessing = done.slice(-3).map((i) => processing[i]!);
    const delays = done.map((i) => delay[i]!);
    const lastDelay = delays[delays.length - 1] ?? 0;
    const delayGrowing = delays.length >= 3 && lastDelay > delays[0]! + interval / 2;
    const processingMs = mean(recentProcessing);
    // A little over the interval is noise (backpressure aims right at it); a growing delay is not.
    if (recentProcessing.length >= 2 && processingMs > SLOW_BATCH * interval)
      return `Each batch takes about ${secs(processingMs)} to process but a new one starts every ${secs(interval)}, so batches queue and the scheduling delay keeps growing (now ${secs(lastDelay)}).`;
    if (delayGrowing)
      return `Batches wait longer and longer before they start (scheduling delay now ${secs(lastDelay)}): processing does not keep up with a new batch every ${secs(interval)}.`;

    const topic = sourcesOf(this.doc, id)[0];
    const lag = this.column(rows, `${id}.lag`);
    const appended = this.column(rows, `${topic}.appended`);
    if (!lag || !appended || rows.length < 6) return undefined;
    // Lag floor now against the floor half a window ago: batches make the lag saw-toothed.
    const half = Math.floor(rows.length / 2);
    const before = Math.min(...lag.slice(0, half));
    const now = Math.min(...lag.slice(half));
    const growth = now - before;
    if (growth <= Math.max(10, DEFICIT_SHARE * sum(appended.slice(half)))) return undefined;
    const inRate = mean(appended);
    const current = fmt(lag[lag.length - 1]!);
    const limit = this.column(rows, `${id}.estimatedRate`);
    const limited = limit?.[limit.length - 1] ?? 0;
    if (job.config['spark.streaming.backpressure.enabled'] && limited > 0)
      return `Backpressure holds the job to about ${fmt(limited)} records/s while the topic receives about ${fmt(inRate)}/s, so lag in Kafka keeps growing (${current} records).`;
    if (job.config['spark.streaming.kafka.maxRatePerPartition'] > 0)
      return `spark.streaming.kafka.maxRatePerPartition caps what each batch reads below the ${fmt(inRate)} records/s arriving, so lag in Kafka keeps growing (${current} records).`;
    return `The job reads fewer records than arrive (about ${fmt(inRate)} records/s), so lag in Kafka keeps growing (${current} records).`;
  }

  private broker(id: string, rows: readonly (readonly number[])[]): string | undefined {
    const last = rows.slice(-SATURATION_SEC);
    if (last.length < SATURATION_SEC) return undefined;
    let worst: { name: Resource; busy: number } | undefined;
    for (const name of Object.keys(RESOURCE_NAMES) as Resource[]) {
      const values = this.column(last, `${id}.${name}`);
      if (!values) continue;
      const busy = Math.min(...values);
      if (busy >= SATURATED && (!worst || busy > worst.busy)) worst = { name, busy: mean(values) };
    }
    if (!worst) return undefined;
    return `Its ${RESOURCE_NAMES[worst.name]} has been busy ${Math.round(worst.busy * 100)}% of the time for ${SATURATION_SEC} s, so requests queue behind each other.`;
  }
}

function sum(values: readonly number[] | undefined): number {
  let total = 0;
  for (const v of values ?? []) total += v;
  return total;
}

function mean(values: readonly number[]): number {
  return values.length ? sum(values) / values.length : 0;
}

function largest(reasons: ReasonCounts | undefined): string | undefined {
  let best: string | undefined;
  let most = 0;
  for (const [reason, n] of Object.entries(reasons ?? {}))
    if (n > most) {
      best = reason;
      most = n;
    }
  return best;
}
