// Log compaction: the topic settings that choose it and tune the log cleaner, and the broker-wide
// cleaner settings, under Kafka's names and with its defaults (LogConfig, CleanerConfig).
import { z } from 'zod';
import { LONG_MAX, int, num } from './common';

/** What Kafka accepts for cleanup.policy, normalised: a list in any order is stored as "compact,delete". */
export const CLEANUP_POLICIES = ['delete', 'compact', 'compact,delete'] as const;
export type CleanupPolicy = (typeof CLEANUP_POLICIES)[number];

/** "delete,compact" and spaces around the comma mean the same as "compact,delete" to Kafka. */
const cleanupPolicy = z.preprocess((v) => {
  if (typeof v !== 'string') return v;
  const parts = v.split(',').map((s) => s.trim());
  return parts.length === 2 && parts.includes('compact') && parts.includes('delete') ? 'compact,delete' : v;
}, z.enum(CLEANUP_POLICIES));

/** Refused: a negative delete.retention.ms would remove a tombstone before anyone could read it. */
export const DELETE_RETENTION_RULE =
  'must be at least 0: how long a tombstone (a record with a null value) stays after cleaning';

export const compactionTopicConfig = {
  /** delete: old segments go by retention.ms / retention.bytes; compact: the log cleaner keeps each key's latest value. */
  'cleanup.policy': cleanupPolicy.default('delete'),
  /** The cleaner takes a log once its uncleaned ("dirty") share of bytes exceeds this. */
  'min.cleanable.dirty.ratio': num(0, 1).default(0.5),
  /** Records younger than this are never compacted (they stay in the dirty part). */
  'min.compaction.lag.ms': int(0, LONG_MAX).default(0),
  /** A log whose oldest dirty record is this old is cleaned whatever its dirty share. */
  'max.compaction.lag.ms': int(1, LONG_MAX).default(LONG_MAX),
  /** How long a tombstone stays after the cleaner first passed it; then the next cleaning removes it. */
  'delete.retention.ms': int(0, LONG_MAX, DELETE_RETENTION_RULE).default(86_400_000),
  /** The active segment rolls once its first record is this old (at the next append). */
  'segment.ms': int(1, LONG_MAX).default(604_800_000),
};

export const cleanerBrokerConfig = {
  /** Cleaner threads per broker; each cleans one log at a time. 0: nothing is ever compacted. */
  'log.cleaner.threads': int(0, 64).default(1),
  /**
   * The cleaner's read and write bytes per second on each broker, all its threads together.
   * Left out: Kafka's default, Double.MaxValue (no limit).
   */
  'log.cleaner.io.max.bytes.per.second': num(1, Number.MAX_VALUE).optional(),
  /** Memory for the cleaners' key-to-offset maps (split between the threads): how many keys one pass can take. */
  'log.cleaner.dedupe.buffer.size': int(1024 * 1024, LONG_MAX).default(134_217_728),
  /** How long a cleaner thread sleeps when no log is cleanable. */
  'log.cleaner.backoff.ms': int(0, LONG_MAX).default(15_000),
};
