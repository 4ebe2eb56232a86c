// Once per simulated second: samples every node into one row of the series, lets producers give
// up on records that waited too long, and trims logs nobody needs. Being an event itself, the
// sampling happens at the same simulated instants however the run is sliced.
import type { Simulation } from '../engine/simulation';
import type { EventTarget } from '../engine/scheduler';
import { HealthColumns } from './healthColumns';
import { mergedPercentiles } from './latency';

/** Up to this many readers get latency columns of their own (each costs a histogram a second). */
const PER_READER_LATENCY_MAX = 8;
import { CompactionColumns } from './compactionColumns';
import { ReadingColumns, receiverUnprocessed } from './readings';
import { TieredColumns } from './tieredColumns';

export const TICK_MS = 1000;

export interface Series {
  columns: string[];
  rows: number[][];
}

interface PeakTracker {
  maxLag: number;
}

export class MetricsTicker implements EventTarget {
  readonly columns: string[] = ['second'];
  readonly rows: number[][] = [];
  readonly peaks = new Map<string, PeakTracker>();
  /** Sums of broker utilisation samples, for run means. */
  readonly utilisationSums = new Map<
    string,
    { cpu: number; networkIn: number; networkOut: number; disk: number }
  >();
  samples = 0;

  constructor(private readonly sim: Simulation) {
    const c = this.columns;
    for (const p of sim.producers) {
      const id = p.doc.id;
      c.push(
        `${id}.produced`,
        `${id}.producedBytes`,
        `${id}.acknowledged`,
        `${id}.acknowledgedBytes`,
        `${id}.refused`,
        `${id}.dropped`,
        `${id}.inFlight`,
      );
    }
    for (const id of sim.topics.keys()) c.push(`${id}.appended`, `${id}.appendedBytes`);
    for (const g of sim.groups) {
      const id = g.doc.id;
      c.push(`${id}.consumed`, `${id}.consumedBytes`, `${id}.lag`);
      g.partitions.forEach((_, i) => c.push(`${id}.lag.p${i}`));
      this.peaks.set(id, { maxLag: 0 });
    }
    for (const j of sim.jobs) {
      const id = j.doc.id;
      c.push(
        `${id}.inputRecords`,
        `${id}.inputBytes`,
        `${id}.batches`,
        `${id}.schedulingDelayMs`,
        `${id}.processingMs`,
        `${id}.totalDelayMs`,
        `${id}.lag`,
        `${id}.estimatedRate`,
      );
      this.peaks.set(id, { maxLag: 0 });
    }
    for (const b of sim.brokers) {
      c.push(`${b.id}.cpu`, `${b.id}.networkIn`, `${b.id}.networkOut`, `${b.id}.disk`);
      this.utilisationSums.set(b.id, { cpu: 0, networkIn: 0, networkOut: 0, disk: 0 });
    }
    c.push('latency.p50', 'latency.p95', 'latency.p99', 'latency.p999', 'records.inFlight');
    // Fault columns come last so the earlier ones keep their places.
    for (const p of sim.producers) c.push(`${p.doc.id}.lost`);
    for (const id of sim.topics.keys()) c.push(`${id}.offlinePartitions`, `${id}.underReplicated`);
    // Per-partition lag columns cover the partitions a group starts with; added ones count in `.lag`.
    for (const g of sim.groups) c.push(`${g.doc.id}.duplicates`);
    for (const g of sim.groups) c.push(`${g.doc.id}.expiredUnread`);
    // Client machines: the share of time the producer's application thread (send(), compression) and
    // sender thread are busy, and its machine's outgoing network card; for a group, the busiest
    // member's poll thread and incoming network card.
    for (const p of sim.producers)
      c.push(`${p.doc.id}.sendThread`, `${p.doc.id}.ioThread`, `${p.doc.id}.clientNetworkOut`);
    for (const g of sim.groups) c.push(`${g.doc.id}.pollThread`, `${g.doc.id}.clientNetworkIn`);
    // The broker's request handler (num.io.threads) and network (num.network.threads) pools.
    for (const b of sim.brokers) c.push(`${b.id}.ioThreads`, `${b.id}.networkThreads`);
    // Lag by position, in seconds and time to drain; Spark input rates; sinks (see readings.ts).
    this.readings = new ReadingColumns(sim, TICK_MS);
    c.push(...this.readings.columns);
    // Where the pipeline is limited (bottleneck marks); also before the disk reads.
    this.health = new HealthColumns(sim);
    c.push(...this.health.columns);
    for (const b of sim.brokers) c.push(`${b.id}.diskReadMBps`);
    this.diskReadSeen = sim.brokers.map(() => 0);
    // Bytes that crossed from one rack to another this second (replication, consumers, reassignment copies).
    c.push('cluster.crossZoneBytes');
    // Tiered storage (only with a tiered topic): local and remote bytes, remote reads.
    this.tieredColumns = new TieredColumns(sim);
    c.push(...this.tieredColumns.columns);
    // Compacted topics' log sizes, the cleaner's I/O and restore times (none without compaction).
    this.compaction = new CompactionColumns(sim);
    c.push(...this.compaction.columns);
    // MirrorMaker 2: records behind, the oldest one's age, records mirrored this second.
    for (const m of sim.mirrors)
      c.push(`${m.doc.id}.mirrorLag`, `${m.doc.id}.mirrorLagSec`, `${m.doc.id}.mirrored`);
    // Of a Spark job's inputRecords, those read again after a driver restart (a replay).
    for (const j of sim.jobs) c.push(`${j.doc.id}.replayedInput`);
    this.lagColumns = sim.groups.map((g) => g.partitions.length);
    // Each reader's own latency percentiles, when a few readers share the merged ones: the latency
    // chart can then show one reader (a replaying group's wait is not a live one's).
    const readerIds = [...sim.readerLatency.keys()];
    if (readerIds.length >= 2 && readerIds.length <= PER_READER_LATENCY_MAX) {
      this.perReaderLatency = readerIds;
      for (const id of readerIds) c.push(`${id}.latency.p50`, `${id}.latency.p95`, `${id}.latency.p99`);
    }
  }

  /** Readers with their own latency columns (none: one reader, or too many to chart one by one). */
  private readonly perReaderLatency: string[] = [];
  /** This tick's per-reader percentiles, taken before the windows roll, pushed last. */
  private readerPercentiles: number[] = [];

  private readonly lagColumns: number[];
  readonly readings: ReadingColumns;
  private readonly health: HealthColumns;
  private readonly compaction: CompactionColumns;
  /** Each broker's disk-read bytes at the last sample, for per-second rates. */
  private readonly diskReadSeen: number[];
  private crossZoneSeen = 0;
  private readonly tieredColumns: TieredColumns;

  start(): void {
    this.sim.scheduler.at(TICK_MS, this, 0);
  }

  handle(_kind: number, _data: unknown, now: number): void {
    const sim = this.sim;
    for (const p of sim.producers) p.housekeeping(now);
    // Before sampling, so a second's row has what that second's check deleted.
    sim.tiered?.tick(now);
    sim.checkRetention(now);
    sim.checkCluster(now);
    this.rows.push(this.sample(now));
    this.samples++;
    sim.trimLogs();
    sim.scheduler.at(now + TICK_MS, this, 0);
  }

  private sample(now: number): number[] {
    const sim = this.sim;
    const row: number[] = [now / 1000];
    let inFlight = 0;
    const lost: number[] = [];
    for (const p of sim.producers) {
      const s = p.takeSecond();
      lost.push(s.lost);
      const ackedBytes = s.acknowledged * p.doc.recordBytes;
      row.push(
        s.produced,
        s.producedBytes,
        s.acknowledged,
        ackedBytes,
        s.refused,
        s.dropped,
        p.inFlightRecords,
      );
      inFlight += p.inFlightRecords;
    }
    for (const t of sim.topics.values()) {
      let records = 0;
      let bytes = 0;
      for (const p of t.partitions) {
        records += p.appendedRecords;
        bytes += p.appendedBytes;
        p.bytesPerSec = p.appendedBytes;
        p.appendedRecords = 0;
        p.appendedBytes = 0;
      }
      row.push(records, bytes);
    }
    for (let k = 0; k < sim.groups.length; k++) {
      const g = sim.groups[k]!;
      g.flushProgress(now);
      const lags = g.lagPerPartition();
      const total = lags.reduce((a, b) => a + b, 0);
      row.push(g.secondConsumed, g.secondConsumedBytes, total);
      for (let i = 0; i < this.lagColumns[k]!; i++) row.push(lags[i]!);
      g.secondConsumed = 0;
      g.secondConsumedBytes = 0;
      const peak = this.peaks.get(g.doc.id)!;
      peak.maxLag = Math.max(peak.maxLag, total);
    }
    const replayedInput: number[] = [];
    for (const j of sim.jobs) {
      const s = j.takeSecond();
      replayedInput.push(s.replayed);
      const lag = j.lagPerPartition().reduce((a, b) => a + b, 0);
      row.push(
        s.records,
        s.bytes,
        s.batches,
        s.schedulingDelayMs,
        s.processingMs,
        s.totalDelayMs,
        lag,
        j.estimatedRate ?? 0,
      );
      const peak = this.peaks.get(j.doc.id)!;
      peak.maxLag = Math.max(peak.maxLag, lag);
      // A receiver source's records are in flight until processed (probe.ts, recordTotals).
      if (j.receiverInput) inFlight += receiverUnprocessed(j);
    }
    for (const b of sim.brokers) {
      const from = now - TICK_MS;
      const u = {
        cpu: b.cpu.utilisation(from, now),
        networkIn: b.networkIn.utilisation(from, now),
        networkOut: b.networkOut.utilisation(from, now),
        disk: b.disk.utilisation(from, now),
      };
      row.push(u.cpu, u.networkIn, u.networkOut, u.disk);
      const sum = this.utilisationSums.get(b.id)!;
      sum.cpu += u.cpu;
      sum.networkIn += u.networkIn;
      sum.networkOut += u.networkOut;
      sum.disk += u.disk;
    }
    const readers = [...sim.readerLatency.values()];
    const l = mergedPercentiles(readers, 'window');
    this.readerPercentiles.length = 0;
    for (const id of this.perReaderLatency) {
      const own = mergedPercentiles([sim.readerLatency.get(id)!], 'window');
      this.readerPercentiles.push(own.p50, own.p95, own.p99);
    }
    for (const r of readers) r.roll();
    for (const p of sim.producers) p.produceLatency.roll();
    row.push(l.p50, l.p95, l.p99, l.p999, inFlight, ...lost);
    for (const t of sim.topics.values()) {
      let offline = 0;
      let under = 0;
      for (const p of t.partitions) {
        if (p.offline) offline++;
        else if (p.isrSize < p.replicas.length) under++;
      }
      row.push(offline, under);
    }
    for (const g of sim.groups) {
      row.push(g.secondDuplicates);
      g.secondDuplicates = 0;
    }
    for (const g of sim.groups) {
      row.push(g.secondExpiredUnread);
      g.secondExpiredUnread = 0;
    }
    const from = now - TICK_MS;
    // Each machine read once: utilisation() consumes its busy log, and clients may share one.
    const nicIn = new Map<string, number>();
    const nicOut = new Map<string, number>();
    for (const [id, h] of sim.hosts) {
      nicIn.set(id, h.nicIn.utilisation(from, now));
      nicOut.set(id, h.nicOut.utilisation(from, now));
    }
    for (const p of sim.producers)
      row.push(
        p.sendThread.pool.utilisation(from, now),
        p.ioThread.pool.utilisation(from, now),
        nicOut.get(p.host.id) ?? 0,
      );
    for (const g of sim.groups) {
      let poll = 0;
      let nic = 0;
      for (const m of g.members) {
        poll = Math.max(poll, m.pollThread.pool.utilisation(from, now));
        nic = Math.max(nic, nicIn.get(m.host.id) ?? 0);
      }
      row.push(poll, nic);
    }
    for (const b of sim.brokers)
      row.push(b.ioThreads.utilisation(from, now), b.networkThreads.utilisation(from, now));
    this.readings.sample(now, row);
    for (const v of this.health.sample(now - TICK_MS)) row.push(v);
    sim.brokers.forEach((b, i) => {
      row.push((b.diskReadBytes - this.diskReadSeen[i]!) / 1e6 / (TICK_MS / 1000));
      this.diskReadSeen[i] = b.diskReadBytes;
    });
    const crossZone = crossZoneBytes(sim);
    row.push(crossZone - this.crossZoneSeen);
    this.crossZoneSeen = crossZone;
    this.tieredColumns.sample(row, TICK_MS);
    this.compaction.sample(row);
    for (const m of sim.mirrors) row.push(...m.sample(now));
    row.push(...replayedInput);
    for (const v of this.readerPercentiles) row.push(v);
    return row;
  }

  series(): Series {
    return { columns: this.columns, rows: this.rows };
  }
}

/** Bytes sent from one rack to another so far: replication, consumer fetches, reassignment copies. */
export function crossZoneBytes(sim: Simulation): number {
  let bytes = sim.reassigner.crossZoneBytes;
  for (const b of sim.brokers) bytes += b.crossZoneReplicationBytes + b.crossZoneClientBytes;
  return bytes;
}
