// Topics and their per-topic configs (Kafka's names and defaults).
import { z } from 'zod';
import { INT_MAX, int, label, nodeId } from './common';

const MS_MAX = 9_007_199_254_740_991; // Kafka's Long.MAX_VALUE, bounded to what JSON numbers hold exactly

export const topicConfigSchema = z.strictObject({
  'min.insync.replicas': int(1, 100).default(1),
  'retention.ms': int(-1, MS_MAX).default(604_800_000),
  'retention.bytes': int(-1, MS_MAX).default(-1),
  'segment.bytes': int(14, INT_MAX).default(1_073_741_824),
  'unclean.leader.election.enable': z.boolean().default(false),
  'max.message.bytes': int(0, INT_MAX).default(1_048_588),
});

export const topicSchema = z.strictObject({
  id: nodeId,
  name: label.optional(),
  partitions: int(1, 10_000).default(1),
  replicationFactor: int(1, 100).default(1),
  config: topicConfigSchema.prefault({}),
});
