// A Spark job writing to a Kafka topic (Spark's Kafka sink), so that the output of one job feeds
// another job or a consumer group. In Spark the sink is a Kafka producer inside each task, with the
// producer defaults (acks=all, linger.ms 5, batch.size 16384, idempotence on); each task sends its
// rows, then flushes the producer, so a batch ends only once its records are acknowledged. Here
// each (job, topic) pair gets one ProducerClient in push mode: no arrival process of its own
// (rate 0). When a batch's tasks are done the job hands the producer the batch's output records,
// which go through the accumulator, requests, brokers, replication and the topic's log like any
// produced record, and the batch waits for the producer's flush: acknowledgements (or giving up)
// count in its processing time, so a slow or unavailable topic delays the job.
//
// Simplifications (documented in the summary and the report):
// - The records are handed over together when the batch's tasks are done, created at that
//   instant: Kafka's CreateTime is the send time, so readers of the second topic measure their
//   latency from the first job's output, not from the original record's creation.
// - Records refused or dropped during the flush (delivery.timeout.ms, NotEnoughReplicas...) fail
//   the batch and stop the job, as a task failing on the producer's error does after its
//   retries. Records lost after their acknowledgement go unnoticed, as in Kafka.
// - At-least-once: a batch replayed after a driver failure sends its output again (duplicates in
//   the topic), including a batch whose output was handed over and not yet flushed. The producer
//   outlives the driver, so such records are still delivered, and a flush after the restart also
//   waits for them. A batch that fails before its output is handed over writes nothing.
// - Continuous mode hands output over without waiting (Spark flushes there at epoch commits).
// - Null keys (sticky partitioner), as a DataFrame written without a `key` column.
import { mainSourceOf, targetsOf } from '../../model/graph';
import { producerSchema } from '../../model/schema/producer';
import type { Pipeline, Producer, SparkJob } from '../../model/types';
import { SPARK } from '../costs';
import type { ProducerClient } from '../kafka/producer/producer';
import type { ReasonCounts } from '../metrics/accounting';
import type { JobOutput } from '../spark/sparkJob';

/** Id of the producer a job's Kafka sink uses: summary entry, series columns `${id}.produced`... */
export function kafkaSinkId(jobId: string, topicId: string): string {
  return `${jobId}->${topicId}`;
}

/** The topic a job writes to (the graph allows at most one), if any. */
export function kafkaSinkTopicOf(doc: Pipeline, jobId: string): string | undefined {
  const topics = new Set(doc.topics.map((t) => t.id));
  return doc.edges.find((e) => e.from === jobId && topics.has(e.to))?.to;
}

/**
 * Size of one output record: a key and its aggregate after an aggregate or window stage
 * (SPARK.aggregateRecordBytes), otherwise the size of the records the job reads.
 */
export function jobOutputRecordBytes(job: SparkJob, sourceRecordBytes: number): number {
  const aggregates = job.stages.some((s) => s.kind === 'aggregate' || s.kind === 'window');
  return aggregates ? SPARK.aggregateRecordBytes : Math.max(1, Math.round(sourceRecordBytes));
}

/**
 * Mean record size of each topic Spark jobs write to, over all its writers (producers and jobs, as
 * Simulation does for producers alone); topics no job writes to are left out. A job's output size
 * depends on the topic it reads, which may itself be written by a job: resolved recursively, with
 * the depth bounded by the number of jobs (the graph check refuses loops).
 */
export function jobWrittenTopicBytes(doc: Pipeline): Map<string, number> {
  const jobsWriting = new Map<string, SparkJob[]>();
  for (const j of doc.sparkJobs) {
    const t = kafkaSinkTopicOf(doc, j.id);
    if (t !== undefined) jobsWriting.set(t, [...(jobsWriting.get(t) ?? []), j]);
  }
  const sizeOf = (topicId: string, depth: number): number => {
    const sizes = doc.producers
      .filter((p) => targetsOf(doc, p.id).includes(topicId))
      .map((p) => p.recordBytes);
    if (depth <= doc.sparkJobs.length)
      for (const j of jobsWriting.get(topicId) ?? [])
        sizes.push(jobOutputRecordBytes(j, sizeOf(mainSourceOf(doc, j.id) ?? '', depth + 1)));
    return sizes.length ? sizes.reduce((a, b) => a + b, 0) / sizes.length : 100;
  };
  const out = new Map<string, number>();
  for (const t of jobsWriting.keys()) out.set(t, sizeOf(t, 0));
  return out;
}

/** The producer document of a job's Kafka sink: Kafka's producer defaults, no arrivals of its own. */
export function kafkaSinkProducerDoc(
  jobId: string,
  topicId: string,
  recordBytes: number,
  delivery: SparkJob['kafkaSinkDelivery'] = 'atLeastOnce',
): Producer {
  const doc = producerSchema.parse({
    id: 'kafka-sink',
    rate: { kind: 'constant', recordsPerSec: 0 },
    recordBytes,
    keys: { kind: 'null' },
    // Transactional: one transactional.id per job and topic, the same after a driver restart.
    config: delivery === 'transactional' ? { 'transactional.id': `${jobId}-${topicId}` } : {},
  });
  // The id is not a document node id ("->" is not allowed there), so it cannot clash with one.
  return { ...doc, id: kafkaSinkId(jobId, topicId) };
}

/**
 * Hands a batch's output to the job's producer at `now` (the current simulated time) and, given
 * `done`, calls it once the producer is flushed, with the records it refused or dropped meanwhile
 * and, if any, a failure reason naming the topic and the producer's main reason.
 */
export function kafkaSinkPublish(
  producer: ProducerClient,
  topicId: string,
): NonNullable<JobOutput['publish']> {
  return (now, records, done) => {
    if (!done) {
      producer.send(now, records);
      return;
    }
    const ledger = producer.ledger;
    const refused = { ...ledger.refused };
    const dropped = { ...ledger.dropped };
    producer.send(now, records);
    const settle = () => {
      const r = growth(refused, ledger.refused);
      const d = growth(dropped, ledger.dropped);
      const failed = r.count + d.count;
      const why = r.most >= d.most ? r.reason : d.reason;
      const reason = `Kafka sink to topic ${topicId}: ${failed} records not written (${why})`;
      done(failed, failed > 0 ? reason : undefined);
    };
    const txns = producer.transactions;
    if (!txns) {
      producer.whenFlushed(settle);
      return;
    }
    // Transactional (kafkaSinkDelivery): the batch's output is one transaction, committed (after
    // the flush) with the batch's offsets; the batch ends when commitTransaction() returns.
    txns.commit(now, (committed) => {
      if (committed) settle();
      else done(records, `Kafka sink to topic ${topicId}: the batch's transaction was aborted`);
    });
  };
}

/** How much a set of reason counts grew since `before`, and the reason that grew most. */
function growth(
  before: ReasonCounts,
  after: ReasonCounts,
): { count: number; most: number; reason: string | undefined } {
  let count = 0;
  let most = 0;
  let reason: string | undefined;
  for (const [why, n] of Object.entries(after)) {
    const d = n - (before[why] ?? 0);
    count += d;
    if (d > most) [most, reason] = [d, why];
  }
  return { count, most, reason };
}
