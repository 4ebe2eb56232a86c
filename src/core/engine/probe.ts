// Cheap, read-only views of a running simulation for the Web Worker's live frames. Unlike
// `summary()`, nothing here merges latency histograms, so it can run ten times a second.
import { receiverLedger } from '../spark/receiverInput';
import { mergeReasons, sumReasons, type ReasonCounts } from '../metrics/accounting';
import type { PartitionLag } from '../metrics/lag';
import type { Simulation } from './simulation';
import { transactionTotals } from './transactionSummary';

export interface RecordTotals {
  /** By every producer, Spark jobs' Kafka sinks included (a job's output to a topic is new records). */
  produced: number;
  acknowledged: number;
  /**
   * The sum of `consumedBy` over every reader: a record read by two readers counts twice, so it
   * can exceed `produced`. Compare each reader with what its topic received instead.
   */
  consumed: number;
  /**
   * Per reader, by id: records a consumer group processed for the first time (reprocessed and
   * replayed ones are counted apart), records a Spark job took in its completed batches for the
   * first time (a replay after a driver restart is counted apart, as the job's replayedRecords).
   */
  consumedBy: Record<string, number>;
  inFlight: number;
  refused: number;
  dropped: number;
  /** Acknowledged records a leader change truncated away (see summary().records.lost). */
  lost: number;
  /** Records consumer groups processed again (see summary().records.duplicates). */
  duplicates: number;
  /**
   * Records consumer groups read again because an offsetReset moved them back (asked-for re-reads,
   * neither in `consumed` nor in `duplicates`).
   */
  replayed: number;
  /** Records retention deleted before a reader read them (per reader: two groups may both miss one). */
  expiredUnread: number;
  /** Extra copies producers wrote by retrying after a lost answer (enable.idempotence=false); not in `produced`. */
  duplicatesWritten: number;
  refusedReasons: ReasonCounts;
  droppedReasons: ReasonCounts;
  lostReasons: ReasonCounts;
  /**
   * Records of aborted transactions (acknowledged, then aborted: they stay in the log, read by
   * read_uncommitted readers, skipped by read_committed ones), with why; only with a transactional producer.
   */
  aborted?: number;
  abortedReasons?: ReasonCounts;
  /**
   * Records producers sent again after a failed send aborted their transaction (their first
   * copies are aborted, refused or dropped; each send is in `produced`). Only when some.
   */
  resent?: number;
  /**
   * Output written a second time after a Spark driver failure that its readers get twice: an
   * at-least-once sink's duplicates and an at-least-once Kafka sink's replayed output. Only when some.
   */
  writtenTwice?: number;
}

/** Where every produced record is: `summary().records`, and cheap enough for every live frame. */
export function recordTotals(sim: Simulation): RecordTotals {
  const refusedReasons: ReasonCounts = {};
  const droppedReasons: ReasonCounts = {};
  const lostReasons: ReasonCounts = {};
  let produced = 0;
  let acknowledged = 0;
  let inFlight = 0;
  let duplicatesWritten = 0;
  for (const p of sim.producers) {
    produced += p.ledger.produced;
    duplicatesWritten += p.ledger.duplicatesWritten;
    acknowledged += p.ledger.acknowledged;
    inFlight += p.inFlightRecords;
    mergeReasons(refusedReasons, p.ledger.refused);
    mergeReasons(droppedReasons, p.ledger.dropped);
    mergeReasons(lostReasons, p.ledger.lost);
  }
  let consumed = 0;
  let duplicates = 0;
  let replayed = 0;
  let expiredUnread = 0;
  const consumedBy: Record<string, number> = {};
  for (const g of sim.groups) {
    // Records done in polls still being processed count too (a tick counts them for the series).
    const groupConsumed = g.consumedAt(sim.nowMs);
    consumed += groupConsumed;
    consumedBy[g.doc.id] = groupConsumed;
    duplicates += g.totalDuplicates;
    replayed += g.totalReplayed;
    expiredUnread += g.totalExpiredUnread;
  }
  for (const j of sim.jobs) {
    // A receiver source counts like a producer (receiverInput.ts, receiverLedger): in flight until
    // the job has processed its records, so produced = consumed + inFlight + dropped + lost for it.
    if (j.receiverInput) {
      const r = receiverLedger(j.receiverInput, j.recordsInFlight);
      produced += r.produced;
      acknowledged += r.acknowledged;
      inFlight += r.inFlight;
      mergeReasons(droppedReasons, r.dropped);
      mergeReasons(lostReasons, r.lost);
    }
    // Each record once: a replay after a driver restart is counted apart (replayedRecords).
    const jobConsumed = j.totalRecords - j.replayedInputDone;
    consumed += jobConsumed;
    consumedBy[j.doc.id] = jobConsumed;
    expiredUnread += j.totalExpiredUnread;
  }
  return {
    produced,
    acknowledged,
    consumed,
    consumedBy,
    inFlight,
    refused: sumReasons(refusedReasons),
    dropped: sumReasons(droppedReasons),
    lost: sumReasons(lostReasons),
    duplicates,
    replayed,
    expiredUnread,
    duplicatesWritten,
    refusedReasons,
    droppedReasons,
    lostReasons,
    ...transactionTotals(sim),
  };
}

export interface ReaderProbe {
  /** Id of the consumer group or Spark job. */
  id: string;
  kind: 'consumerGroup' | 'sparkJob';
  topicId: string;
  lagPerPartition(): number[];
  /** Per partition: offsets, lag by committed offset and by position, age of the oldest unread record. */
  lagTable(now: number): PartitionLag[];
  /** Records processed so far (consumed by a group, taken in completed batches by a job). */
  readonly totalRecords: number;
  /** Records written to sinks so far. */
  readonly totalOutput: number;
}

/** Every reader of every topic, with the topic it reads. */
export function readers(sim: Simulation): ReaderProbe[] {
  const topicOf = (partitions: unknown): string => {
    for (const [id, t] of sim.topics) if (t.partitions === partitions) return id;
    return '';
  };
  const out: ReaderProbe[] = [];
  for (const g of sim.groups)
    out.push({
      id: g.doc.id,
      kind: 'consumerGroup',
      topicId: topicOf(g.partitions),
      lagPerPartition: () => g.lagPerPartition(),
      lagTable: (now) => g.lagTable(now),
      get totalRecords() {
        return g.totalConsumed;
      },
      // A group hands every processed record to each of its sinks, duplicates and replays too.
      get totalOutput() {
        return g.totalConsumed + g.totalDuplicates + g.totalReplayed;
      },
    });
  for (const j of sim.jobs)
    out.push({
      id: j.doc.id,
      kind: 'sparkJob',
      topicId: topicOf(j.partitions),
      lagPerPartition: () => j.lagPerPartition(),
      lagTable: (now) => j.lagTable(now),
      get totalRecords() {
        return j.totalRecords;
      },
      get totalOutput() {
        return j.totalOutput;
      },
    });
  return out;
}

/** Per topic: each partition's leader (broker id) and records appended so far. */
export function partitionTotals(sim: Simulation): Map<string, { leader: string; appended: number }[]> {
  const out = new Map<string, { leader: string; appended: number }[]>();
  for (const [id, t] of sim.topics)
    out.set(
      id,
      t.partitions.map((p) => ({ leader: sim.brokers[p.leader]?.doc.id ?? '', appended: p.totalAppended })),
    );
  return out;
}
