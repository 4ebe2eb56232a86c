// Topics and their per-topic configs (Kafka's names and defaults).
import { z } from 'zod';
import { INT_MAX, LONG_MAX as MS_MAX, int, label, nodeId } from './common';
import { checkTieredTopicConfig, tieredTopicConfig } from './tieredStorage';
import { compactionTopicConfig } from './compaction';

export const topicConfigSchema = z.strictObject({
  'min.insync.replicas': int(1, 100).default(1),
  'retention.ms': int(-1, MS_MAX).default(604_800_000),
  'retention.bytes': int(-1, MS_MAX).default(-1),
  'segment.bytes': int(14, INT_MAX).default(1_073_741_824),
  'unclean.leader.election.enable': z.boolean().default(false),
  'max.message.bytes': int(0, INT_MAX).default(1_048_588),
  /**
   * fsync the log after this many records (in the appending thread), or once this long has passed
   * since the last fsync (checked by the log flusher every log.flush.scheduler.interval.ms, which is
   * never by default, so flush.ms alone does nothing). Kafka's defaults are never (Long.MAX_VALUE):
   * durability comes from replication, and the OS writes the page cache back on its own.
   */
  'flush.messages': int(1, MS_MAX).default(MS_MAX),
  'flush.ms': int(0, MS_MAX).default(MS_MAX),
  ...tieredTopicConfig,
  ...compactionTopicConfig,
});

export const topicSchema = z.strictObject({
  id: nodeId,
  name: label.optional(),
  partitions: int(1, 10_000).default(1),
  replicationFactor: int(1, 100).default(1),
  /**
   * Records already in the topic when the run starts (written just before it, spread evenly over
   * the partitions, at the size its producers write): a backlog for consumers to read.
   */
  prefillRecords: int(0, 1e12).default(0),
  config: topicConfigSchema.superRefine(checkTieredTopicConfig).prefault({}),
  /** The cluster it lives in (an id of `clusters`); left out, the document's own `cluster`. */
  cluster: nodeId.optional(),
});
