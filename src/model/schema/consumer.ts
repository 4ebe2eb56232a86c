// Consumer groups: how many members, what each record costs them, and the client configs.
import { z } from 'zod';
import { INT_MAX, int, label, nodeId, num } from './common';

export const processingCostSchema = z.strictObject({
  /** fixed: every record costs meanMs; exponential: costs vary with that mean. */
  distribution: z.enum(['fixed', 'exponential']).default('fixed'),
  meanMs: num(0, 60_000).default(0.1),
});

export const ISOLATION_LEVELS = ['read_uncommitted', 'read_committed'] as const;

export const ASSIGNMENT_STRATEGIES = ['range', 'roundrobin', 'cooperative-sticky'] as const;

export const consumerConfigSchema = z.strictObject({
  'max.poll.records': int(1, INT_MAX).default(500),
  'fetch.min.bytes': int(0, INT_MAX).default(1),
  'fetch.max.wait.ms': int(0, INT_MAX).default(500),
  'fetch.max.bytes': int(0, INT_MAX).default(52_428_800),
  'max.partition.fetch.bytes': int(0, INT_MAX).default(1_048_576),
  'enable.auto.commit': z.boolean().default(true),
  'auto.commit.interval.ms': int(0, INT_MAX).default(5000),
  'auto.offset.reset': z.enum(['latest', 'earliest', 'none']).default('latest'),
  'partition.assignment.strategy': z.enum(ASSIGNMENT_STRATEGIES).default('range'),
  'session.timeout.ms': int(1, INT_MAX).default(45_000),
  'heartbeat.interval.ms': int(1, INT_MAX).default(3000),
  'max.poll.interval.ms': int(1, INT_MAX).default(300_000),
  /**
   * The rack (zone) the consumer runs in. With the brokers' replica.selector.class set to the
   * rack-aware selector it fetches from an in-sync replica in this rack; either way its traffic to
   * brokers in other racks counts as cross-zone.
   */
  'client.rack': label.optional(),
  /**
   * read_committed: read only below each partition's last stable offset (nothing of an open
   * transaction) and skip aborted transactions' records. read_uncommitted (Kafka's default): read up
   * to the high watermark, everything.
   */
  'isolation.level': z.enum(ISOLATION_LEVELS).default('read_uncommitted'),
});

export const consumerGroupSchema = z.strictObject({
  id: nodeId,
  name: label.optional(),
  members: int(1, 1000).default(1),
  /**
   * When the group starts reading, in simulated seconds (0: from the start). A group that starts
   * late with auto.offset.reset=earliest reads a backlog, as a benchmark's consumer does.
   */
  startAtSec: num(0, 86_400).default(0),
  /**
   * Machines in cluster.hosts the members run on, taken in turn (member k on hosts[k % n]);
   * absent: each member on a machine of its own.
   */
  hosts: z.array(nodeId).min(1).max(1000).optional(),
  processing: processingCostSchema.prefault({}),
  config: consumerConfigSchema.prefault({}),
});
