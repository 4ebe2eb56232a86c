// The inspector's compaction settings: a topic's cleanup.policy and what tunes its cleaning, the
// cluster's log cleaner, and the share of tombstones a producer sends. Kept apart from fieldInfo.ts
// (already long) and spread into its lists there.
import { CLEANUP_POLICIES } from '../../model/schema/compaction';
import type { FieldInfo } from './fieldInfo';

const COMPACTION = 'Compaction';

const topicConfig = (key: string, input: FieldInfo['input'], help: string, unit?: string): FieldInfo => ({
  path: ['config', key],
  name: key,
  input,
  help,
  ...(unit ? { unit } : {}),
  section: COMPACTION,
});

export const TOPIC_COMPACTION_FIELDS: readonly FieldInfo[] = [
  topicConfig(
    'cleanup.policy',
    { type: 'enum', options: CLEANUP_POLICIES },
    'delete drops whole old segments by retention.ms / retention.bytes. compact keeps the latest record of every key (the log cleaner removes older ones, and tombstones after delete.retention.ms): the topic becomes a table of current values. compact,delete does both.',
  ),
  topicConfig(
    'min.cleanable.dirty.ratio',
    { type: 'number' },
    'The cleaner takes a partition once its not-yet-cleaned closed segments are more than this share of the cleanable bytes. Lower: smaller log, more cleaner I/O.',
    '0..1',
  ),
  topicConfig(
    'min.compaction.lag.ms',
    { type: 'int' },
    'Segments holding a record younger than this are left alone, so every update stays readable at least this long.',
    'ms',
  ),
  topicConfig(
    'max.compaction.lag.ms',
    { type: 'int' },
    'A partition whose oldest uncleaned segment is this old is cleaned whatever its dirty share.',
    'ms',
  ),
  topicConfig(
    'delete.retention.ms',
    { type: 'int' },
    'How long a tombstone (a record with a null value) stays after the cleaner first passes it, so readers can see the delete; the next pass after that removes the key.',
    'ms',
  ),
  topicConfig(
    'segment.ms',
    { type: 'int' },
    'The active segment rolls once its first record is this old (at the next write). Only closed segments are cleaned or deleted.',
    'ms',
  ),
];

const cleaner = (key: string, input: FieldInfo['input'], help: string, unit?: string): FieldInfo => ({
  path: ['brokerConfig', key],
  name: key,
  input,
  help,
  ...(unit ? { unit } : {}),
  section: 'Log cleaner',
});

export const CLEANER_FIELDS: readonly FieldInfo[] = [
  cleaner(
    'log.cleaner.threads',
    { type: 'int' },
    'Cleaner threads per broker, each cleaning one partition at a time (the one with the largest dirty share). 0 cleans nothing.',
    'threads',
  ),
  cleaner(
    'log.cleaner.io.max.bytes.per.second',
    { type: 'optionalNumber', unsetLabel: 'not set (no limit)' },
    'What a broker’s cleaners may read and write per second, all threads together. Their I/O queues on the broker’s disk with everything else.',
    'bytes/s',
  ),
  cleaner(
    'log.cleaner.dedupe.buffer.size',
    { type: 'int' },
    'Memory for the cleaners’ key maps, split between the threads (24 bytes a key, 90% full): a pass takes only as many segments as their keys fit.',
    'bytes',
  ),
  cleaner(
    'log.cleaner.backoff.ms',
    { type: 'int' },
    'How long a cleaner thread sleeps when no partition is cleanable.',
    'ms',
  ),
];

export const TOMBSTONE_FIELD: FieldInfo = {
  path: ['tombstoneFraction'],
  name: 'tombstoneFraction',
  unit: '0..1',
  help: 'Share of records sent with a null value (tombstones, deletes of their key). On a compacted topic the key disappears delete.retention.ms after the cleaner first passes the tombstone.',
  input: { type: 'number' },
  section: 'Traffic',
};
