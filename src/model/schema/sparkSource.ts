// Sources only a Spark job reads, outside Kafka: a socket, or a Kinesis- or Flume-style stream,
// each read by receivers (long-running tasks, one executor core each) that cut what they receive
// into blocks every spark.streaming.blockInterval; or a directory new files land in, picked up each
// batch without receivers. The source carries its own arrival rate, as a producer does.
import { z } from 'zod';
import { int, label, nodeId } from './common';
import { rateSchema } from './producer';

/**
 * socket: socketTextStream, an unreliable receiver (it never acknowledges what it stored).
 * kinesis and flume: reliable receivers, which acknowledge (checkpoint) the source only once a block
 * is stored, so the source sends again what a lost receiver had not stored yet.
 * file: new files in a directory (a file stream): no receivers; the files stay, so no failure loses them.
 */
export const SPARK_SOURCE_KINDS = ['socket', 'kinesis', 'flume', 'file'] as const;

export const sparkSourceSchema = z.strictObject({
  id: nodeId,
  name: label.optional(),
  kind: z.enum(SPARK_SOURCE_KINDS).default('socket'),
  /** Records arriving at the source, over all its receivers (each takes an even share). */
  rate: rateSchema.refine((r) => r.kind !== 'max', {
    message: "kind 'max' is for Kafka producers; a receiver source needs a rate (constant or poisson)",
    path: ['kind'],
  }),
  recordBytes: int(1, 100 * 1024 * 1024).default(100),
  /**
   * Receivers (input DStreams unioned by the job): each holds one executor core for the whole run,
   * so the batches' tasks get executors x cores - receivers cores. A file source has none.
   */
  receivers: int(1, 10_000).default(1),
  /**
   * kind file (textFileStream): a new file lands in the directory this often, holding what arrived
   * since the last one; each batch takes the files that appeared since the one before, one task each.
   */
  newFileEveryMs: int(1, 86_400_000).default(1000),
});
