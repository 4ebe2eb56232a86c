// The Kafka cluster: brokers and their hardware, and the machines the clients run on.
import { z } from 'zod';
import { HARDWARE_PRESET_NAMES, hardwareFromPreset } from '../presets';
import { INT_MAX, LONG_MAX, int, label, nodeId, num } from './common';
import { cleanerBrokerConfig } from './compaction';
import { objectStorageSchema, tieredBrokerConfig } from './tieredStorage';

/** Refused: a throttle of 0 bytes/s would never move anything. */
export const THROTTLE_RULE = 'a replication throttle must be at least 1 byte/s (0 would never move anything)';

export const RACK_AWARE_SELECTOR = 'org.apache.kafka.common.replica.RackAwareReplicaSelector';
/**
 * The selectors Kafka ships: the rack-aware one. Left out (Kafka's default, null), the broker
 * answers every consumer from the leader; there is no class to name for that.
 */
export const REPLICA_SELECTORS = [RACK_AWARE_SELECTOR] as const;

const explicitHardware = z
  .strictObject({
    preset: z.enum(HARDWARE_PRESET_NAMES).optional(),
    cores: int(1, 1024),
    // Defaults for documents written before these existed: a current server core, an SSD.
    cpuGHz: num(0.5, 10).default(3),
    cpuWakeMs: num(0, 100).default(0),
    cpuSleepAfterMs: num(0, 1000).default(0),
    diskMBps: num(1, 100_000),
    diskFsyncMs: num(0, 1000).default(0.5),
    networkInMBps: num(1, 100_000),
    networkOutMBps: num(1, 100_000),
    networkBaselineMBps: num(1, 100_000).optional(),
    networkBurstSec: num(0, 86_400).optional(),
    memoryGB: num(0.5, 16_384).default(32),
    /** US dollars an hour (what-if cost figures); absent: the preset's price, else by cores. */
    pricePerHour: num(0, 1_000_000).optional(),
    /**
     * US dollars per GB that crosses from one zone (rack) to another, replication and client
     * traffic alike; absent: the preset's price (a cloud's inter-zone transfer), else 0.
     */
    crossZonePricePerGB: num(0, 1000).optional(),
    /** Tiered storage's object store as this machine reaches it; absent: the preset's. */
    objectStorage: objectStorageSchema.optional(),
  })
  .superRefine((h, ctx) => {
    const peak = Math.min(h.networkInMBps, h.networkOutMBps);
    if (h.networkBaselineMBps !== undefined && h.networkBaselineMBps > peak)
      ctx.addIssue({
        code: 'custom',
        path: ['networkBaselineMBps'],
        message: `must be at most the peak bandwidth (${peak} MB/s): it is what the network sustains once burst credits run out`,
      });
    if ((h.networkBaselineMBps === undefined) !== (h.networkBurstSec === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [h.networkBaselineMBps === undefined ? 'networkBaselineMBps' : 'networkBurstSec'],
        message: 'networkBaselineMBps and networkBurstSec go together (a burstable network needs both)',
      });
  });

/** Either the numbers, or `{ "preset": name }` which expands to the preset's numbers. */
export const hardwareSchema = z.union([
  explicitHardware,
  z.strictObject({ preset: z.enum(HARDWARE_PRESET_NAMES) }).transform((h) => hardwareFromPreset(h.preset)),
]);

export const brokerSchema = z.strictObject({
  id: nodeId,
  name: label.optional(),
  rack: label.optional(),
  hardware: hardwareSchema.prefault({ preset: 'cloud-2024' }),
});

/**
 * A machine clients run on. Producers and consumer group members name one to share it (its cores
 * and its network card); a client that names none gets a machine of its own.
 */
export const hostSchema = z.strictObject({
  id: nodeId,
  name: label.optional(),
  hardware: hardwareSchema.prefault({ preset: 'cloud-2024' }),
});

/** Broker-wide settings (server.properties), under Kafka's names and with its defaults. */
export const brokerConfigSchema = z.strictObject({
  /** A follower that has not caught up to the leader's log end for this long leaves the ISR. */
  'replica.lag.time.max.ms': int(1, 86_400_000).default(30_000),
  /** The KRaft controller fences a broker (and moves its leaders) after this long without a heartbeat. */
  'broker.session.timeout.ms': int(1, 86_400_000).default(9_000),
  /** How often the broker deletes segments past retention.ms or retention.bytes. */
  'log.retention.check.interval.ms': int(1, 86_400_000).default(300_000),
  /** Threads that read requests from the sockets and write responses back. */
  'num.network.threads': int(1, 1000).default(3),
  /** Request handler threads: validate, append, answer fetches. */
  'num.io.threads': int(1, 1000).default(8),
  /** How often the log flusher looks for logs past their topic's flush.ms (never by default). */
  'log.flush.scheduler.interval.ms': int(1, LONG_MAX).default(LONG_MAX),
  /**
   * Bytes/s a broker may send (as leader) and receive (as follower) for replicas being moved by a
   * reassignment; kafka-reassign-partitions --throttle sets both. Kafka's default: no throttle.
   */
  'leader.replication.throttled.rate': int(1, LONG_MAX, THROTTLE_RULE).default(LONG_MAX),
  'follower.replication.throttled.rate': int(1, LONG_MAX, THROTTLE_RULE).default(LONG_MAX),
  /** The controller moves leadership back to each partition's preferred (first listed) replica. */
  'auto.leader.rebalance.enable': z.boolean().default(true),
  /** How often it looks at the leader imbalance. */
  'leader.imbalance.check.interval.seconds': int(1, 86_400).default(300),
  /**
   * A broker whose share of partitions it prefers to lead but does not lead is above this
   * percentage gets its preferred leaderships back at the next check.
   */
  'leader.imbalance.per.broker.percentage': int(0, 100).default(10),
  /**
   * Left out, consumers fetch from leaders (Kafka's default). The rack-aware selector lets a consumer
   * with client.rack fetch from an in-sync replica in its own rack (KIP-392).
   */
  'replica.selector.class': z.enum(REPLICA_SELECTORS).optional(),
  ...tieredBrokerConfig,
  /** The longest transaction.timeout.ms a producer may ask for (checked when it starts). */
  'transaction.max.timeout.ms': int(1, INT_MAX).default(900_000),
  ...cleanerBrokerConfig,
});

export const clusterSchema = z.strictObject({
  /** How MirrorMaker 2 and topics name this cluster; left out, "primary". */
  id: nodeId.optional(),
  name: label.optional(),
  /** The region it runs in (only matters with further clusters and links between regions). */
  region: label.optional(),
  /** One-way network latency between any two hosts (clients and brokers). */
  networkLatencyMs: num(0, 1000).default(0.25),
  config: brokerConfigSchema.prefault({}),
  brokers: z.array(brokerSchema).min(1, 'needs at least one broker').max(100, 'at most 100 brokers'),
  /** The machine a client gets when it names no host; absent: the same as the first broker's. */
  clientHardware: hardwareSchema.optional(),
  /** Machines several clients can share (see `host` on producers and `hosts` on consumer groups). */
  hosts: z.array(hostSchema).max(1000).default([]),
});
