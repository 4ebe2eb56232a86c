// The Kafka cluster: brokers and their hardware.
import { z } from 'zod';
import { HARDWARE_PRESET_NAMES, hardwareFromPreset } from '../presets';
import { int, label, nodeId, num } from './common';

const explicitHardware = z.strictObject({
  preset: z.enum(HARDWARE_PRESET_NAMES).optional(),
  cores: int(1, 1024),
  diskMBps: num(1, 100_000),
  networkInMBps: num(1, 100_000),
  networkOutMBps: num(1, 100_000),
  memoryGB: num(0.5, 16_384).default(32),
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

/** Broker-wide settings (server.properties), under Kafka's names and with its defaults. */
export const brokerConfigSchema = z.strictObject({
  /** A follower that has not caught up to the leader's log end for this long leaves the ISR. */
  'replica.lag.time.max.ms': int(1, 86_400_000).default(30_000),
  /** The KRaft controller fences a broker (and moves its leaders) after this long without a heartbeat. */
  'broker.session.timeout.ms': int(1, 86_400_000).default(9_000),
  /** How often the broker deletes segments past retention.ms or retention.bytes. */
  'log.retention.check.interval.ms': int(1, 86_400_000).default(300_000),
});

export const clusterSchema = z.strictObject({
  name: label.optional(),
  /** One-way network latency between any two hosts (clients and brokers). */
  networkLatencyMs: num(0, 1000).default(0.25),
  config: brokerConfigSchema.prefault({}),
  brokers: z.array(brokerSchema).min(1, 'needs at least one broker').max(100, 'at most 100 brokers'),
});
