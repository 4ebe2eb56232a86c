// The inspector's tiered storage settings: the topic's (remote.storage.enable and the local
// retention) and the brokers' remote log manager, under Kafka's names.
import type { FieldInfo } from './fieldInfo';

const TIERED = 'Tiered storage';

const topicConfig = (key: string, input: FieldInfo['input'], help: string, unit?: string): FieldInfo => ({
  path: ['config', key],
  name: key,
  input,
  help,
  section: TIERED,
  ...(unit ? { unit } : {}),
});

const brokerConfig = (key: string, help: string, unit?: string, bool = false): FieldInfo => ({
  path: ['brokerConfig', key],
  name: key,
  input: bool ? { type: 'boolean' } : { type: 'int' },
  help,
  section: TIERED,
  ...(unit ? { unit } : {}),
});

export const TIERED_TOPIC_FIELDS: readonly FieldInfo[] = [
  topicConfig(
    'remote.storage.enable',
    { type: 'boolean' },
    'Copy each closed segment to object storage and keep only the newest part of the log on the brokers’ disks. A consumer that asks for older records reads them back from the store, one partition per fetch, at the store’s speed. Needs remote.log.storage.system.enable (pipeline settings, Tiered storage).',
  ),
  topicConfig(
    'local.retention.ms',
    { type: 'int' },
    'How long a segment already copied to the store stays on the brokers’ disks. -2 (the default): as long as retention.ms, so nothing leaves the disks early; -1: for ever. At most retention.ms.',
    'ms',
  ),
  topicConfig(
    'local.retention.bytes',
    { type: 'int' },
    'How much of each partition stays on the brokers’ disks once copied. -2 (the default): retention.bytes; -1: no limit. At most retention.bytes. retention.ms and retention.bytes still bound the whole log, the remote part included.',
    'bytes',
  ),
];

export const TIERED_BROKER_FIELDS: readonly FieldInfo[] = [
  brokerConfig(
    'remote.log.storage.system.enable',
    'Turns tiered storage on in the brokers; only then may a topic set remote.storage.enable. The object store’s bandwidth, first-byte latency and price per GB-month come with each broker’s hardware preset.',
    undefined,
    true,
  ),
  brokerConfig(
    'remote.log.manager.task.interval.ms',
    'How often each leader looks for closed segments to copy to the store.',
    'ms',
  ),
  brokerConfig(
    'remote.log.manager.copy.max.bytes.per.second',
    'Upper bound on what one broker copies to the store per second, all partitions together. Kafka’s default: no quota (the store’s bandwidth is then the limit).',
    'bytes/s',
  ),
  brokerConfig(
    'remote.log.manager.fetch.max.bytes.per.second',
    'Upper bound on what one broker reads back from the store per second for fetches. Kafka’s default: no quota.',
    'bytes/s',
  ),
  brokerConfig(
    'remote.log.reader.threads',
    'Threads per broker that read from the store: at most this many remote reads run at once, the others wait.',
    'threads',
  ),
];

const store = (key: 'mbps' | 'firstByteMs' | 'pricePerGBMonth', unit: string, help: string): FieldInfo => ({
  path: ['hardware', 'objectStorage', key],
  name: `hardware.objectStorage.${key}`,
  unit,
  help,
  input: { type: 'optionalNumber', unsetLabel: 'the preset’s figure' },
  section: 'Object storage (tiered storage)',
});

/** The broker's object store, for topics with remote.storage.enable; empty: its preset's figures. */
export const TIERED_BROKER_HARDWARE_FIELDS: readonly FieldInfo[] = [
  store(
    'mbps',
    'MB/s',
    'Bandwidth between this broker and the object store, each way: segment copies share it, and so do remote reads.',
  ),
  store(
    'firstByteMs',
    'ms',
    'Wait for the first byte of each remote read. Kafka reads one partition per fetch from the store, so a replay pays it once per max.partition.fetch.bytes.',
  ),
  store(
    'pricePerGBMonth',
    '$/GB-month',
    'What the store charges per GB kept for a month (the first broker’s price prices the cluster’s store).',
  ),
];
