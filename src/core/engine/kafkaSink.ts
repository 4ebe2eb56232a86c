// A Spark job writing to a Kafka topic (Spark's Kafka sink), so that the output of one job feeds
// another job or a consumer group. In Spark the sink is a Kafka producer inside each task, with the
// producer defaults (acks=all, linger.ms 5, batch.size 16384, idempotence on). Here each
// (job, topic) pair gets one ProducerClient in push mode: no arrival process of its own (rate 0);
// the job hands it each completed batch's output records, which then go through the accumulator,
// requests, brokers, replication and the topic's log like any produced record.
//
// Simplifications (documented in the summary and the report):
// - The records are handed over when the batch completes (JobOutput.deliver), created at that
//   instant: Kafka's CreateTime is the send time, so readers of the second topic measure their
//   latency from the first job's output, not from the original record's creation.
// - Fire-and-forget: the batch does not wait for the acknowledgements. The records are still in
//   the producer's ledger (acknowledged, in flight, refused, dropped or lost).
// - At-least-once: a batch replayed after a driver failure sends its output again (duplicates in
//   the topic). A batch that fails writes nothing.
// - Null keys (sticky partitioner), as a DataFrame written without a `key` column.
import { mainSourceOf, targetsOf } from '../../model/graph';
import { producerSchema } from '../../model/schema/producer';
import type { Pipeline, Producer, SparkJob } from '../../model/types';
import { SPARK } from '../costs';
import type { ProducerClient } from '../kafka/producer/producer';
import type { Scheduler } from './scheduler';

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
export function kafkaSinkProducerDoc(jobId: string, topicId: string, recordBytes: number): Producer {
  const doc = producerSchema.parse({
    id: 'kafka-sink',
    rate: { kind: 'constant', recordsPerSec: 0 },
    recordBytes,
    keys: { kind: 'null' },
  });
  // The id is not a document node id ("->" is not allowed there), so it cannot clash with one.
  return { ...doc, id: kafkaSinkId(jobId, topicId) };
}

/** Hands a job's completed output to its producer at the current simulated time. */
export function kafkaSinkDeliver(
  scheduler: Scheduler,
  producer: ProducerClient,
): (records: number, replayed: number) => void {
  // `replayed` records are a second write of output sent before a driver failure: sent again.
  return (records) => producer.send(scheduler.now, records);
}
