// Tiered storage (KIP-405): the topic settings that copy closed segments to object storage and keep
// only a local tail on the brokers, and the broker settings of the remote log manager. Names,
// defaults and the refusals follow Kafka's LogConfig and RemoteLogManagerConfig.
import { z } from 'zod';
import { LONG_MAX, int, num } from './common';

/** Kafka's "use retention.ms / retention.bytes" value of the local.retention settings. */
export const LOCAL_RETENTION_INHERIT = -2;

/** Spread into the topic config: the topic-level settings. */
export const tieredTopicConfig = {
  /**
   * Closed segments are copied to the cluster's object storage; the local log then keeps only what
   * local.retention.ms / local.retention.bytes allow. Needs remote.log.storage.system.enable on the
   * brokers.
   */
  'remote.storage.enable': z.boolean().default(false),
  /** How long a copied segment stays on the brokers' disks; -2: retention.ms; -1: for ever. */
  'local.retention.ms': int(-2, LONG_MAX).default(LOCAL_RETENTION_INHERIT),
  /** How many bytes of the log a partition keeps on local disk; -2: retention.bytes; -1: no limit. */
  'local.retention.bytes': int(-2, LONG_MAX).default(LOCAL_RETENTION_INHERIT),
};

/** Spread into the broker config: the remote log manager's settings. */
export const tieredBrokerConfig = {
  /** Turns the remote log manager on; a topic may set remote.storage.enable only with it. */
  'remote.log.storage.system.enable': z.boolean().default(false),
  /** How often each leader looks for closed segments to copy (and remote ones past retention). */
  'remote.log.manager.task.interval.ms': int(1, LONG_MAX).default(30_000),
  /** Bytes/s a broker may copy to remote storage, all partitions together. Default: no quota. */
  'remote.log.manager.copy.max.bytes.per.second': int(1, LONG_MAX).default(LONG_MAX),
  /** Bytes/s a broker may read from remote storage for fetches. Default: no quota. */
  'remote.log.manager.fetch.max.bytes.per.second': int(1, LONG_MAX).default(LONG_MAX),
  /** Threads that serve remote reads: at most this many run at once, the rest wait. */
  'remote.log.reader.threads': int(1, 1000).default(10),
};

interface TieredTopicFields {
  'retention.ms': number;
  'retention.bytes': number;
  'remote.storage.enable': boolean;
  'local.retention.ms': number;
  'local.retention.bytes': number;
  'cleanup.policy'?: string;
}

/**
 * Kafka's checks of a tiered topic (LogConfig.validateRemoteStorageRetentionSize / Time): with the
 * total retention bounded, the local one must be bounded too and not larger. Only with
 * remote.storage.enable, as in Kafka.
 */
export function checkTieredTopicConfig(c: TieredTopicFields, ctx: z.RefinementCtx): void {
  if (!c['remote.storage.enable']) return;
  // LogConfig.validateNoRemoteStorageForCompactedTopic.
  if (c['cleanup.policy']?.includes('compact'))
    ctx.addIssue({
      code: 'custom',
      path: ['remote.storage.enable'],
      message: `remote.storage.enable is not supported on a compacted topic (cleanup.policy ${c['cleanup.policy']})`,
    });
  const pairs = [
    ['local.retention.bytes', 'retention.bytes', c['local.retention.bytes'], c['retention.bytes']],
    ['local.retention.ms', 'retention.ms', c['local.retention.ms'], c['retention.ms']],
  ] as const;
  for (const [localName, totalName, local, total] of pairs) {
    if (total === -1 || local === LOCAL_RETENTION_INHERIT) continue;
    if (local === -1)
      ctx.addIssue({
        code: 'custom',
        path: [localName],
        message: `${localName} must not be -1 (unlimited) while ${totalName} is ${total}: the local log cannot keep more than the whole log`,
      });
    else if (local > total)
      ctx.addIssue({
        code: 'custom',
        path: [localName],
        message: `${localName} (${local}) must not be more than ${totalName} (${total}): the local log is the newest part of the whole log`,
      });
  }
}

/** Why a topic's remote.storage.enable cannot work on this cluster, or undefined. */
export function tieredStorageRefusal(
  remoteStorageEnable: boolean,
  systemEnable: boolean,
): string | undefined {
  if (remoteStorageEnable && !systemEnable)
    return 'remote.storage.enable needs remote.log.storage.system.enable=true on the brokers (cluster config): tiered storage is disabled in the broker';
  return undefined;
}

/** A broker's object store (see `ObjectStorage` in presets.ts); a figure left out is the preset's. */
export const objectStorageSchema = z.strictObject({
  mbps: num(0.001, 100_000).optional(),
  firstByteMs: num(0, 60_000).optional(),
  pricePerGBMonth: num(0, 1000).optional(),
});
