// Several clusters in several regions, the links between regions, and MirrorMaker 2 between two
// clusters. All optional: a document without them is the single cluster it always was.
import { z } from 'zod';
import { brokerSchema, hardwareSchema } from './cluster';
import { int, label, nodeId, num } from './common';

/** The id the primary cluster (the document's `cluster`) goes by when it has none of its own. */
export const PRIMARY_CLUSTER_ID = 'primary';

/** Refused: a link that carries nothing would never mirror a record. */
export const LINK_BANDWIDTH_RULE =
  'must be more than 0 MB/s (a link of 0 bandwidth would never carry a byte)';

/**
 * Typical figures between two regions: one-way latency and the bandwidth one replication flow gets
 * (a long fat pipe is limited by its TCP window over the round trip, not by the fibre).
 */
export const REGION_LINK_PRESETS = {
  'same-region': { latencyMs: 1, bandwidthMBps: 1000 },
  'same-continent': { latencyMs: 15, bandwidthMBps: 300 },
  'across-ocean': { latencyMs: 40, bandwidthMBps: 100 },
} as const;
export const REGION_LINK_PRESET_NAMES = Object.keys(REGION_LINK_PRESETS) as [
  keyof typeof REGION_LINK_PRESETS,
  ...(keyof typeof REGION_LINK_PRESETS)[],
];

/** A further cluster: its own brokers, in a region (broker settings are the primary's `config`). */
export const extraClusterSchema = z.strictObject({
  id: nodeId,
  name: label.optional(),
  region: label.min(1, 'names the region the cluster runs in'),
  brokers: z.array(brokerSchema).min(1, 'needs at least one broker').max(100, 'at most 100 brokers'),
});

/**
 * The network between two regions, both ways: a preset, or its figures (figures given win over the
 * preset's). Traffic crossing it queues first in first out at the bandwidth, then takes the latency.
 */
export const regionLinkSchema = z
  .strictObject({
    from: label.min(1, 'names a region'),
    to: label.min(1, 'names a region'),
    preset: z.enum(REGION_LINK_PRESET_NAMES).optional(),
    latencyMs: num(0, 10_000).optional(),
    bandwidthMBps: z.number().max(1_000_000, 'must be at most 1000000').optional(),
  })
  .superRefine((l, ctx) => {
    if (l.bandwidthMBps !== undefined && !(l.bandwidthMBps > 0))
      ctx.addIssue({ code: 'custom', path: ['bandwidthMBps'], message: LINK_BANDWIDTH_RULE });
    if (l.preset === undefined && (l.latencyMs === undefined || l.bandwidthMBps === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [l.latencyMs === undefined ? 'latencyMs' : 'bandwidthMBps'],
        message: 'give a preset, or both latencyMs and bandwidthMBps',
      });
    if (l.from === l.to)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'a link joins two different regions' });
  })
  .transform((l) => {
    const p = l.preset ? REGION_LINK_PRESETS[l.preset] : undefined;
    return {
      ...l,
      latencyMs: l.latencyMs ?? p!.latencyMs,
      bandwidthMBps: l.bandwidthMBps ?? p!.bandwidthMBps,
    };
  });

/**
 * MirrorMaker 2 (MirrorSourceConnector and MirrorCheckpointConnector on a Kafka Connect worker)
 * from one cluster to another. The topics it mirrors are those connected into it; each goes to the
 * topic connected out of it named `<source.cluster.alias><separator><topic>` (DefaultReplicationPolicy).
 */
export const mirrorMakerSchema = z.strictObject({
  id: nodeId,
  name: label.optional(),
  /** Cluster ids: the document's `cluster` is "primary" unless it has an id. */
  sourceCluster: nodeId,
  targetCluster: nodeId,
  /** Left out, the source cluster's id (MM2 takes the alias from the flow "source->target"). */
  'source.cluster.alias': nodeId.optional(),
  'replication.policy.separator': z.string().min(1, 'must not be empty').max(5).default('.'),
  /** Kafka Connect's default: one task, so one consumer and one producer do all the copying. */
  'tasks.max': int(1, 1000).default(1),
  /** How often MirrorCheckpointConnector writes each group's translated offsets. */
  'emit.checkpoints.interval.seconds': int(1, 86_400).default(60),
  /** Write the checkpointed offsets into the target cluster's __consumer_offsets (off by default). */
  'sync.group.offsets.enabled': z.boolean().default(false),
  'sync.group.offsets.interval.seconds': int(1, 86_400).default(60),
  /** The Connect worker's machine; absent: the clients' default machine. Runs in the target region. */
  hardware: hardwareSchema.optional(),
});

/**
 * A region is lost: every broker of its clusters is down from `atSec` (as lost hosts). Consumer
 * groups reading a mirrored topic there start again on the mirror in the other cluster, from the
 * synced checkpoint, or by auto.offset.reset without one.
 */
export const regionFailoverSchema = z.strictObject({
  kind: z.literal('regionFailover'),
  atSec: num(0, 86_400),
  region: label.min(1, 'names the region that is lost'),
});
