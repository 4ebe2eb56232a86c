// The run in numbers: what the CLI prints and the tests compare.
import { mirrorSummary, type MirrorMakerSummary } from './mirrorSummary';
import { sumReasons, type ReasonCounts } from '../metrics/accounting';
import { mergedPercentiles, type LatencyPercentiles } from '../metrics/latency';
import { tieredSummary, type TieredTopicSummary } from '../metrics/tieredColumns';
import { hardwareCrossZonePricePerGB } from '../../model/presets';
import { recordTotals, type RecordTotals } from './probe';
import type { Simulation } from './simulation';
import { transactionsSummary, type TransactionsSummary } from './transactionSummary';
import { compactionSummary, type CompactionSummary } from '../metrics/compactionColumns';

const round = (x: number, digits = 3): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/** Latency percentiles in ms, rounded, and how many records they cover. */
export type LatencySummary = Omit<LatencyPercentiles, 'count'> & { records: number };

export interface RunSummary {
  name: string;
  seed: number;
  simulatedSeconds: number;
  events: number;
  /**
   * Where every produced record is (the same totals the worker sends live). Records a Spark job
   * writes to a topic are new records of that topic, produced by the job's Kafka sink (listed under
   * `producers` as "job->topic"): counted in `produced` once more, and again in `consumed` when
   * read from the second topic.
   */
  records: RecordTotals;
  /**
   * End-to-end: created by the producer to processed by a consumer group or a Spark batch. A
   * record written by a Spark job is created when the job's batch completes, so readers of the
   * second topic count from there.
   */
  latencyMs: LatencySummary;
  /** Created to acknowledged by the broker(s). */
  produceLatencyMs: LatencySummary;
  producers: Record<
    string,
    {
      produced: number;
      acknowledged: number;
      recordsPerSec: number;
      bytesPerSec: number;
      ackedPerSec: number;
      requests: number;
      /** Records and batches those requests carried (a retried batch counts again). */
      requestRecords: number;
      requestBatches: number;
      lost: number;
      duplicatesWritten: number;
      /** Only for a Spark job's Kafka sink (the entry "job->topic"): the job and the topic it writes. */
      kafkaSink?: { job: string; topic: string };
    }
  >;
  topics: Record<
    string,
    {
      appended: number;
      recordsPerSec: number;
      partitions: number;
      /** Partitions with no leader, and with fewer in-sync replicas than replicas, at the end. */
      offlinePartitions: number;
      underReplicatedPartitions: number;
      /** Per partition at the end: leader broker id (null when offline) and the ISR's broker ids. */
      partitionStates: { leader: string | null; isr: string[] }[];
    }
  >;
  consumerGroups: Record<
    string,
    {
      consumed: number;
      /** Records processed again after a crash or rebalance (processed past the last commit). */
      duplicates: number;
      /** Records read again because an offsetReset moved the group back (not duplicates). */
      replayed: number;
      /** offsetReset faults applied, and the records resets jumped over unread (a reset forward). */
      replays: number;
      resetSkipped: number;
      /** Records retention deleted before the group read them. */
      expiredUnread: number;
      /** OffsetOutOfRange resets by auto.offset.reset (earliest or latest). */
      offsetResets: number;
      /** Members stopped by an error (auto.offset.reset=none), per reason. */
      memberErrors: ReasonCounts;
      rebalances: number;
      recordsPerSec: number;
      /** Lag by committed offset (kafka-consumer-groups' LAG, against the high watermark): peak per second, at the end. */
      maxLag: number;
      finalLag: number;
      /** Lag by the members' positions (records no poll has returned yet), at the end. */
      finalPositionLag: number;
      /** Age of the oldest record no poll has returned: peak per second, and at the end. */
      maxLagSeconds: number;
      finalLagSeconds: number;
      /**
       * At the last second: time to drain the lag at the rates of the last seconds (0: caught up,
       * nothing older than a fetch and a poll waits; null: not draining, consuming no faster than
       * the producers add).
       */
      drainSeconds: number | null;
      /** The kafka-consumer-groups table at the end, per partition (drain as above, per partition). */
      partitions: PartitionLagSummary[];
      idleMembers: number;
      latencyMs: LatencySummary;
    }
  >;
  sparkJobs: Record<
    string,
    {
      batches: number;
      records: number;
      /** Records retention deleted before a batch took them (the batch is cut from the log start). */
      expiredUnread: number;
      outputRecords: number;
      recordsPerSec: number;
      meanProcessingMs: number;
      maxSchedulingDelayMs: number;
      meanTotalDelayMs: number;
      /** Per batch, the wait for the Kafka sink's flush after the tasks (part of meanProcessingMs). */
      meanOutputWaitMs: number;
      finalSchedulingDelayMs: number;
      queuedBatches: number;
      /** Records not yet taken into a batch: peak per second, at the end. */
      maxLag: number;
      finalLag: number;
      /** Records not yet in a completed batch (queued and running batches count), at the end. */
      finalUnprocessed: number;
      /** Age of the oldest record not in a completed batch: peak per second, and at the end. */
      maxLagSeconds: number;
      finalLagSeconds: number;
      /** As for consumer groups: 0 caught up (within two batch intervals), null not draining. */
      drainSeconds: number | null;
      latencyMs: LatencySummary;
      mode: 'microBatch' | 'continuous';
      /** running at the end, restarting (driver down) or failed (a batch failed: failureReason). */
      state: 'running' | 'restarting' | 'failed';
      failureReason?: string;
      checkpoints: number;
      meanCheckpointMs: number;
      driverFailures: number;
      /**
       * Records read again, and the output those replayed batches made again, after driver
       * restarts. Only an at-least-once output writes that output twice (records.writtenTwice).
       */
      replayedRecords: number;
      replayedOutput: number;
      /** Batches whose lost executor's tasks ran again; batches that failed. */
      recomputedBatches: number;
      failedBatches: number;
      /** A job reading a receiver source: where its records are, and the blocks (tasks) per batch. */
      receivers?: ReceiverSummary;
      /** Per operator over the completed batches; state and task times as of the last batch. */
      stages: Record<
        string,
        {
          recordsIn: number;
          recordsOut: number;
          filtered: number;
          droppedLate: number;
          cpuMs: number;
          shuffleMB: number;
          /** Task time writing the shuffle to disk and fetching it back, queueing included. */
          shuffleWriteMs: number;
          shuffleFetchMs: number;
          stateMB: number;
          spilledMB: number;
          /** The last batch: slowest and median task of the Spark stage the operator runs in (skew). */
          slowestTaskMs: number;
          medianTaskMs: number;
        }
      >;
    }
  >;
  /**
   * Records each sink received, and those an at-least-once sink received twice after a Spark replay;
   * its write limit (0: none) and the share of the run that limit was busy (writers queued at 1).
   */
  sinks: Record<
    string,
    { received: number; duplicates: number; maxRecordsPerSec: number; utilisation: number }
  >;
  /**
   * Bytes that crossed from one rack (zone) to another, in GB: answers to followers in another
   * rack, to consumers whose client.rack differs from the broker's, and reassignment copies; what
   * they cost at the first broker's crossZonePricePerGB.
   */
  crossZone: {
    replicationGB: number;
    clientGB: number;
    reassignmentGB: number;
    pricePerGB: number;
    dollars: number;
  };
  /**
   * Tiered topics (remote.storage.enable), by id: bytes on the brokers' disks and in the object
   * store at the end, what was copied and read back, and the store's monthly cost.
   */
  tieredStorage: Record<string, TieredTopicSummary>;
  /** Transactions and read_committed readers (transactionSummary.ts); absent when the run has none. */
  transactions?: TransactionsSummary;
  /** Compacted topics (cleanup.policy compact): sizes, the cleaner's I/O, restore times. Absent without. */
  compaction?: CompactionSummary;
  /** Partition reassignments: each move, when it started and finished (null: still running). */
  reassignments: {
    partition: string;
    from: string[];
    to: string[];
    startedSec: number;
    finishedSec: number | null;
    bytesToCopy: number;
    bytesLeft: number;
  }[];
  /** MirrorMaker 2 instances by id (only in documents that have some; see mirrorSummary.ts). */
  mirrorMakers?: Record<string, MirrorMakerSummary>;
  /** Mean utilisation (0..1) per broker resource over the run. */
  /** Fetched bytes read from disk (older than the page cache holds) and from the cache, in MB. */
  brokers: Record<
    string,
    {
      cpu: number;
      networkIn: number;
      networkOut: number;
      disk: number;
      diskReadMB: number;
      cacheReadMB: number;
    }
  >;
}

/** One row of kafka-consumer-groups --describe, with the position, lag in time and time to drain. */
export interface PartitionLagSummary {
  partition: number;
  /** The high watermark: what kafka-consumer-groups prints as LOG-END-OFFSET. */
  logEndOffset: number;
  /** The leader's own log end offset (above the high watermark while followers catch up). */
  leaderLogEndOffset: number;
  /** CURRENT-OFFSET; null when the group has committed none. */
  committedOffset: number | null;
  position: number;
  lag: number;
  positionLag: number;
  lagSeconds: number;
  drainSeconds: number | null;
}

/** JSON has no Infinity: "not draining" is null. */
const drainOrNull = (seconds: number | undefined): number | null =>
  seconds === undefined || !Number.isFinite(seconds) ? null : round(seconds, 1);

function latency(p: LatencyPercentiles): LatencySummary {
  return {
    p50: round(p.p50),
    p95: round(p.p95),
    p99: round(p.p99),
    p999: round(p.p999),
    max: round(p.max),
    mean: round(p.mean),
    records: p.count,
  };
}

export function summarise(sim: Simulation): RunSummary {
  const seconds = sim.nowMs / 1000;
  const perSec = (n: number) => (seconds > 0 ? round(n / seconds, 1) : 0);
  const producers: RunSummary['producers'] = {};
  for (const p of sim.producers) {
    const l = p.ledger;
    producers[p.doc.id] = {
      produced: l.produced,
      acknowledged: l.acknowledged,
      recordsPerSec: perSec(l.produced),
      bytesPerSec: perSec(l.produced * p.doc.recordBytes),
      ackedPerSec: perSec(l.acknowledged),
      requests: p.requestsSent,
      requestRecords: p.requestRecords,
      requestBatches: p.requestBatches,
      lost: sumReasons(l.lost),
      duplicatesWritten: l.duplicatesWritten,
    };
    const kafkaSink = sim.kafkaSinks.get(p.doc.id);
    if (kafkaSink) producers[p.doc.id]!.kafkaSink = { ...kafkaSink };
  }
  const topics: RunSummary['topics'] = {};
  for (const [id, t] of sim.topics) {
    const appended = t.partitions.reduce((a, p) => a + p.totalAppended, 0);
    const partitionStates = t.partitions.map((p) => ({
      leader: p.offline ? null : sim.brokers[p.leader]!.id,
      isr: p.replicas.filter((_, i) => p.inSync[i]).map((b) => sim.brokers[b]!.id),
    }));
    topics[id] = {
      appended,
      recordsPerSec: perSec(appended),
      partitions: t.partitions.length,
      offlinePartitions: t.partitions.filter((p) => p.offline).length,
      underReplicatedPartitions: t.partitions.filter((p) => !p.offline && p.isrSize < p.replicas.length)
        .length,
      partitionStates,
    };
  }
  const consumerGroups: RunSummary['consumerGroups'] = {};
  const readings = sim.metrics.readings;
  for (const g of sim.groups) {
    const table = g.lagTable(sim.nowMs);
    const drain = readings.drain.get(g.doc.id);
    consumerGroups[g.doc.id] = {
      consumed: g.totalConsumed,
      duplicates: g.totalDuplicates,
      replayed: g.totalReplayed,
      replays: g.replays,
      resetSkipped: g.totalResetSkipped,
      expiredUnread: g.totalExpiredUnread,
      offsetResets: g.offsetResets,
      memberErrors: { ...g.memberErrors },
      rebalances: g.rebalances,
      recordsPerSec: perSec(g.totalConsumed),
      maxLag: sim.metrics.peaks.get(g.doc.id)?.maxLag ?? 0,
      finalLag: g.lagPerPartition().reduce((a, b) => a + b, 0),
      finalPositionLag: table.reduce((a, r) => a + r.positionLag, 0),
      maxLagSeconds: round(readings.maxLagSec.get(g.doc.id) ?? 0),
      finalLagSeconds: round(table.reduce((a, r) => Math.max(a, r.lagMs), 0) / 1000),
      drainSeconds: drainOrNull(drain?.drainSec ?? 0),
      partitions: table.map((r, i) => ({
        partition: r.partition,
        logEndOffset: r.highWatermark,
        leaderLogEndOffset: r.logEndOffset,
        committedOffset: r.committed >= 0 ? r.committed : null,
        position: r.position,
        lag: r.lag,
        positionLag: r.positionLag,
        lagSeconds: round(r.lagMs / 1000),
        drainSeconds: drainOrNull(drain?.partitionDrainSec[i] ?? 0),
      })),
      idleMembers: g.idleMembers,
      latencyMs: latency(sim.readerLatency.get(g.doc.id)!.overall()),
    };
  }
  const sparkJobs: RunSummary['sparkJobs'] = {};
  for (const j of sim.jobs) {
    const n = j.batchesCompleted;
    const table = j.lagTable(sim.nowMs);
    const last = j.recentBatches[j.recentBatches.length - 1];
    sparkJobs[j.doc.id] = {
      batches: n,
      records: j.totalRecords,
      expiredUnread: j.totalExpiredUnread,
      outputRecords: j.totalOutput,
      recordsPerSec: perSec(j.totalRecords),
      meanProcessingMs: n ? round(j.sumProcessingMs / n) : 0,
      maxSchedulingDelayMs: round(j.maxSchedulingDelayMs),
      meanTotalDelayMs: n ? round(j.sumTotalDelayMs / n) : 0,
      meanOutputWaitMs: n ? round(j.sumOutputWaitMs / n) : 0,
      finalSchedulingDelayMs: round(last?.schedulingDelayMs ?? 0),
      queuedBatches: j.queuedBatches,
      maxLag: sim.metrics.peaks.get(j.doc.id)?.maxLag ?? 0,
      finalLag: j.lagPerPartition().reduce((a, b) => a + b, 0),
      finalUnprocessed: table.reduce((a, r) => a + r.lag, 0),
      maxLagSeconds: round(readings.maxLagSec.get(j.doc.id) ?? 0),
      finalLagSeconds: round(table.reduce((a, r) => Math.max(a, r.lagMs), 0) / 1000),
      drainSeconds: drainOrNull(readings.drain.get(j.doc.id)?.drainSec ?? 0),
      latencyMs: latency(sim.readerLatency.get(j.doc.id)!.overall()),
      mode: j.doc.mode,
      state: j.state,
      ...(j.failureReason !== undefined && { failureReason: j.failureReason }),
      checkpoints: j.checkpointsWritten,
      meanCheckpointMs: j.checkpointsWritten ? round(j.sumCheckpointMs / j.checkpointsWritten) : 0,
      driverFailures: j.driverFailures,
      replayedRecords: j.replayedRecords,
      replayedOutput: j.replayedOutput,
      recomputedBatches: j.recomputedBatches,
      failedBatches: j.failedBatches,
      ...(j.receiverInput && { receivers: receiverSummary(j, sim.nowMs) }),
      stages: Object.fromEntries(
        j.doc.stages.map((s, i) => {
          const t = j.stageTotals[i]!;
          return [
            s.id,
            {
              recordsIn: t.recordsIn,
              recordsOut: t.recordsOut,
              filtered: t.filtered,
              droppedLate: t.droppedLate,
              cpuMs: round(t.cpuMs),
              shuffleMB: round(t.shuffleBytes / 1e6),
              shuffleWriteMs: round(t.shuffleWriteMs),
              shuffleFetchMs: round(t.shuffleFetchMs),
              stateMB: round(t.stateBytes / 1e6),
              spilledMB: round(t.spilledBytes / 1e6),
              slowestTaskMs: round(t.slowestTaskMs),
              medianTaskMs: round(t.medianTaskMs),
            },
          ];
        }),
      ),
    };
  }
  const sinks: RunSummary['sinks'] = {};
  for (const [id, s] of sim.sinks)
    sinks[id] = {
      received: s.received,
      duplicates: s.duplicates,
      maxRecordsPerSec: s.doc.maxRecordsPerSec,
      utilisation: round((readings.sinkBusySums.get(id) ?? 0) / Math.max(1, sim.metrics.samples), 4),
    };
  const brokers: RunSummary['brokers'] = {};
  const samples = Math.max(1, sim.metrics.samples);
  for (const [id, u] of sim.metrics.utilisationSums) {
    const broker = sim.brokers.find((b) => b.id === id);
    brokers[id] = {
      cpu: round(u.cpu / samples, 4),
      networkIn: round(u.networkIn / samples, 4),
      networkOut: round(u.networkOut / samples, 4),
      disk: round(u.disk / samples, 4),
      diskReadMB: round((broker?.diskReadBytes ?? 0) / 1e6, 3),
      cacheReadMB: round((broker?.cacheReadBytes ?? 0) / 1e6, 3),
    };
  }
  return {
    name: sim.doc.name,
    seed: sim.seed,
    simulatedSeconds: round(seconds, 3),
    events: sim.events,
    records: recordTotals(sim),
    latencyMs: latency(mergedPercentiles([...sim.readerLatency.values()], 'overall')),
    produceLatencyMs: latency(
      mergedPercentiles(
        sim.producers.map((p) => p.produceLatency),
        'overall',
      ),
    ),
    producers,
    topics,
    consumerGroups,
    sparkJobs,
    sinks,
    brokers,
    crossZone: crossZoneSummary(sim),
    tieredStorage: tieredSummary(sim),
    ...optionalTransactions(sim),
    ...(sim.cleaners ? { compaction: compactionSummary(sim) } : {}),
    ...(sim.mirrors.length ? { mirrorMakers: mirrorSummary(sim) } : {}),
    reassignments: sim.reassigner.all.map((m) => ({
      partition: m.partition.name,
      from: m.from.map((b) => sim.brokers[b]!.id),
      to: m.to.map((b) => sim.brokers[b]!.id),
      startedSec: round(m.startedMs / 1000, 3),
      finishedSec: m.finishedMs === undefined ? null : round(m.finishedMs / 1000, 3),
      bytesToCopy: Math.round(m.startBytes),
      bytesLeft: Math.round(sim.reassigner.bytesLeft(m)),
    })),
  };
}

/** The transactions part, only for runs that use transactions or read_committed. */
function optionalTransactions(sim: Simulation): Pick<RunSummary, 'transactions'> {
  const transactions = transactionsSummary(sim);
  return transactions ? { transactions } : {};
}

function crossZoneSummary(sim: Simulation): RunSummary['crossZone'] {
  let replication = 0;
  let client = 0;
  for (const b of sim.brokers) {
    replication += b.crossZoneReplicationBytes;
    client += b.crossZoneClientBytes;
  }
  const copies = sim.reassigner.crossZoneBytes;
  const first = sim.doc.cluster.brokers[0];
  const pricePerGB = first ? hardwareCrossZonePricePerGB(first.hardware) : 0;
  return {
    replicationGB: round(replication / 1e9, 6),
    clientGB: round(client / 1e9, 6),
    reassignmentGB: round(copies / 1e9, 6),
    pricePerGB,
    dollars: round(((replication + client + copies) / 1e9) * pricePerGB, 6),
  };
}

/** A receiver source's records, as the job's receivers handled them. */
export interface ReceiverSummary {
  source: string;
  receivers: number;
  /** Records per second each receiver may take (maxRate and backpressure), null when unlimited. */
  limitPerReceiver: number | null;
  arrived: number;
  received: number;
  atSource: number;
  buffered: number;
  inBlocks: number;
  /** In batches cut and not finished (queued or running). */
  inBatches: number;
  blocks: number;
  /** Over the completed batches: blocks, i.e. read tasks, per batch. */
  meanBlocksPerBatch: number;
  resent: number;
  lost: number;
  lostByReason: Record<string, number>;
  oldestWaitingSec: number;
}

function receiverSummary(j: Simulation['jobs'][number], nowMs: number): ReceiverSummary {
  const input = j.receiverInput!;
  const t = input.totals;
  const batches = j.recentBatches.filter((b) => b.status !== 'failed');
  const limit = input.limitPerReceiver;
  return {
    source: input.source.id,
    receivers: input.count,
    limitPerReceiver: limit < Infinity ? round(limit) : null,
    arrived: t.arrived,
    received: t.received,
    atSource: t.atSource,
    buffered: t.buffered,
    inBlocks: t.inBlocks,
    inBatches: j.recordsInFlight,
    blocks: t.blocks,
    meanBlocksPerBatch: batches.length
      ? round(batches.reduce((a, b) => a + (b.blocks ?? 0), 0) / batches.length)
      : 0,
    resent: t.resent,
    lost: input.lostRecords,
    lostByReason: { ...t.lost },
    oldestWaitingSec: round(input.oldestWaitingMs(nowMs) / 1000),
  };
}
