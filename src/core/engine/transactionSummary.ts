// The run summary's part about transactions: what each transactional producer committed and
// aborted and what that cost, each topic's aborted records, markers and records above the last
// stable offset, each reader's lag against the high watermark and against the last stable offset,
// and, for Spark jobs writing to a topic, the duplicates a reader of that topic sees.
import { lastStableOffset } from '../kafka/transactions';
import type { Partition } from '../kafka/partition';
import type { Simulation } from './simulation';

export interface TransactionsSummary {
  producers: Record<
    string,
    {
      transactionalId: string;
      committed: number;
      aborted: number;
      committedRecords: number;
      abortedRecords: number;
      /** Records of aborted transactions, per reason (timeout, fenced, a failed send). */
      abortReasons: Record<string, number>;
      /**
       * Transactions the application aborted after one of their sends failed (commitTransaction()
       * cannot succeed then), and the records it sent again in the next transaction.
       */
      abortedAfterFailedSend: number;
      resentRecords: number;
      /** Records of the transaction open at the end. */
      openRecords: number;
      /** Round trips to the transaction coordinator, and the markers it wrote. */
      addPartitionsRequests: number;
      endTxnRequests: number;
      markersWritten: number;
      /** commitTransaction() from call to answer (flush and EndTxn), mean over commits. */
      meanCommitMs: number;
    }
  >;
  topics: Record<
    string,
    {
      /** Records of aborted transactions in the log (read by read_uncommitted readers only). */
      abortedRecords: number;
      /** Commit and abort markers: each takes one offset (counted by lag, never read as a record) and its bytes. */
      markers: number;
      markerBytes: number;
      /** At the end: records between the last stable offset and the high watermark, summed. */
      unstableRecords: number;
      lastStableOffsets: number[];
      highWatermarks: number[];
    }
  >;
  /** Consumer groups and Spark jobs. */
  readers: Record<
    string,
    {
      kind: 'consumerGroup' | 'sparkJob';
      isolationLevel: 'read_uncommitted' | 'read_committed';
      /** At the end, from the reader's position: records up to the high watermark, and up to the last stable offset. */
      lagToHighWatermark: number;
      lagToLastStableOffset: number;
      /** Aborted records fetched and dropped (read_committed only). */
      abortedSkipped: number;
    }
  >;
  /** Spark jobs writing to a topic: how they deliver and the duplicates a reader of it sees. */
  kafkaSinks: Record<
    string,
    {
      topic: string;
      delivery: 'atLeastOnce' | 'transactional';
      replayedOutput: number;
      /** Output records a read_committed reader of the topic gets twice, and a read_uncommitted one. */
      duplicatesReadCommitted: number;
      duplicatesReadUncommitted: number;
      abortedRecords: number;
    }
  >;
}

const lagTo = (ends: number[], positions: number[]) =>
  ends.reduce((a, e, i) => a + Math.max(0, e - (positions[i] ?? e)), 0);

/**
 * Per Spark job writing to a topic: output records a read_committed reader of the topic gets twice.
 * At-least-once: the replayed output, all sent again. Transactional: what was committed beyond the
 * output made from records read for the first time (0 unless a batch were committed twice).
 */
export function kafkaSinkDuplicates(sim: Simulation, producer: Simulation['producers'][number]): number {
  const sink = sim.kafkaSinks.get(producer.doc.id);
  const job = sink && sim.jobs.find((j) => j.doc.id === sink.job);
  if (!job) return 0;
  const t = producer.transactions;
  return t ? Math.max(0, t.committedRecords - (job.totalOutput - job.replayedOutput)) : job.replayedOutput;
}

/**
 * The totals' part about transactions and repeated output (see RecordTotals): records of aborted
 * transactions with why, and output written twice (Spark jobs' Kafka sinks, and sinks).
 */
export function transactionTotals(sim: Simulation): {
  aborted?: number;
  abortedReasons?: Record<string, number>;
  resent?: number;
  writtenTwice?: number;
} {
  const out: {
    aborted?: number;
    abortedReasons?: Record<string, number>;
    resent?: number;
    writtenTwice?: number;
  } = {};
  let writtenTwice = 0;
  let resent = 0;
  for (const s of sim.sinks.values()) writtenTwice += s.duplicates;
  for (const p of sim.producers) {
    writtenTwice += kafkaSinkDuplicates(sim, p);
    const t = p.transactions;
    if (!t) continue;
    out.aborted = (out.aborted ?? 0) + t.abortedRecords;
    resent += t.resentRecords;
    const reasons = (out.abortedReasons ??= {});
    for (const [why, n] of Object.entries(t.abortReasons)) reasons[why] = (reasons[why] ?? 0) + n;
  }
  if (resent > 0) out.resent = resent;
  if (writtenTwice > 0) out.writtenTwice = writtenTwice;
  return out;
}

/** Undefined when the run has no transactional producer and no read_committed reader. */
export function transactionsSummary(sim: Simulation): TransactionsSummary | undefined {
  const txnProducers = sim.producers.filter((p) => p.transactions);
  const rcGroups = sim.groups.filter((g) => g.doc.config['isolation.level'] === 'read_committed');
  const rcJobs = sim.jobs.filter((j) => j.doc.kafkaParams?.['isolation.level'] === 'read_committed');
  if (txnProducers.length === 0 && rcGroups.length === 0 && rcJobs.length === 0) return undefined;
  const out: TransactionsSummary = { producers: {}, topics: {}, readers: {}, kafkaSinks: {} };
  for (const p of txnProducers) {
    const t = p.transactions!;
    out.producers[p.doc.id] = {
      transactionalId: t.settings.transactionalId,
      committed: t.committed,
      aborted: t.aborted,
      committedRecords: t.committedRecords,
      abortedRecords: t.abortedRecords,
      abortReasons: { ...t.abortReasons },
      abortedAfterFailedSend: t.abortedAfterFailedSend,
      resentRecords: t.resentRecords,
      openRecords: t.openRecords,
      addPartitionsRequests: t.addPartitionsRequests,
      endTxnRequests: t.endTxnRequests,
      markersWritten: t.markersWritten,
      meanCommitMs: t.committed ? Math.round((t.commitMsTotal / t.committed) * 1000) / 1000 : 0,
    };
  }
  for (const [id, topic] of sim.topics) {
    const ps: Partition[] = topic.partitions;
    if (!ps.some((p) => p.txns)) continue;
    const lso = ps.map(lastStableOffset);
    const hw = ps.map((p) => p.highWatermark);
    out.topics[id] = {
      abortedRecords: ps.reduce((a, p) => a + (p.txns?.abortedRecords ?? 0), 0),
      markers: ps.reduce((a, p) => a + (p.txns?.markers ?? 0), 0),
      markerBytes: ps.reduce((a, p) => a + (p.txns?.markerBytes ?? 0), 0),
      unstableRecords: hw.reduce((a, h, i) => a + h - lso[i]!, 0),
      lastStableOffsets: lso,
      highWatermarks: hw,
    };
  }
  for (const g of sim.groups) {
    const table = g.lagTable(sim.nowMs);
    const positions = table.map((r) => r.position);
    out.readers[g.doc.id] = {
      kind: 'consumerGroup',
      isolationLevel: g.doc.config['isolation.level'],
      lagToHighWatermark: lagTo(
        g.partitions.map((p) => p.highWatermark),
        positions,
      ),
      lagToLastStableOffset: lagTo(g.partitions.map(lastStableOffset), positions),
      abortedSkipped: g.members.reduce((a, m) => a + m.abortedSkipped, 0),
    };
  }
  for (const j of sim.jobs) {
    const positions = j.lagTable(sim.nowMs).map((r) => r.position);
    out.readers[j.doc.id] = {
      kind: 'sparkJob',
      isolationLevel: j.doc.kafkaParams?.['isolation.level'] ?? 'read_uncommitted',
      lagToHighWatermark: lagTo(
        j.partitions.map((p) => p.highWatermark),
        positions,
      ),
      lagToLastStableOffset: lagTo(j.partitions.map(lastStableOffset), positions),
      abortedSkipped: j.abortedSkipped,
    };
  }
  for (const p of sim.producers) {
    const sink = sim.kafkaSinks.get(p.doc.id);
    const job = sink && sim.jobs.find((j) => j.doc.id === sink.job);
    if (!sink || !job) continue;
    const t = p.transactions;
    const committedTwice = kafkaSinkDuplicates(sim, p);
    out.kafkaSinks[sink.job] = {
      topic: sink.topic,
      delivery: t ? 'transactional' : 'atLeastOnce',
      replayedOutput: job.replayedOutput,
      duplicatesReadCommitted: committedTwice,
      duplicatesReadUncommitted: committedTwice + (t ? t.abortedRecords : 0),
      abortedRecords: t ? t.abortedRecords : 0,
    };
  }
  return out;
}
