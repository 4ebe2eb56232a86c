// The fault timeline: what goes wrong, and when, during a run. Faults are part of the document, so
// a shared link or file reproduces the failure as well as the pipeline.
import { z } from 'zod';
import { brokerSchema } from './cluster';
import { LONG_MAX, int, label, nodeId, num } from './common';
import { THROTTLE_RULE } from './cluster';

/** When the fault starts, in simulated seconds from the start of the run. */
const atSec = num(0, 86_400);
/** How long it lasts; left out, it lasts to the end of the run. */
const durationSec = num(0.001, 86_400).optional();

/**
 * How a broker goes down, as its clients see it. processKilled: the process dies on a live machine,
 * whose kernel resets open connections and refuses new ones, so clients fail fast and ask for new
 * metadata at once. hostLost: the machine vanishes (power, kernel panic, network), nothing answers
 * and clients learn of it only when request.timeout.ms runs out. Either way the controller fences
 * the broker after broker.session.timeout.ms.
 */
export const BROKER_DOWN_MODES = ['processKilled', 'hostLost'] as const;

export const brokerDownSchema = z.strictObject({
  kind: z.literal('brokerDown'),
  atSec,
  broker: nodeId,
  /**
   * Left out, a lost host: what the engine did for every brokerDown before the two were told apart
   * (clients timed out), so earlier documents and links keep their meaning. Optional rather than
   * defaulted, so that a document without it stays as it was written.
   */
  mode: z.enum(BROKER_DOWN_MODES).optional(),
  durationSec,
});

export const slowDiskSchema = z.strictObject({
  kind: z.literal('slowDisk'),
  atSec,
  broker: nodeId,
  /** The disk's throughput is divided by this. */
  factor: num(1, 1000).default(10),
  durationSec,
});

export const networkPartitionSchema = z.strictObject({
  kind: z.literal('networkPartition'),
  atSec,
  broker: nodeId,
  /** Whom the broker can no longer reach: the other brokers, the clients, or both. */
  from: z.enum(['brokers', 'clients', 'all']).default('all'),
  durationSec,
});

export const producerSpikeSchema = z.strictObject({
  kind: z.literal('producerSpike'),
  atSec,
  producer: nodeId,
  /** The producer's rate is multiplied by this. */
  factor: num(0, 1000).default(5),
  durationSec: num(0.001, 86_400).default(30),
});

/**
 * A producer's application dies: records it holds are never sent, requests already on the wire are
 * still written, its open transaction is left behind (aborted when it comes back after durationSec
 * and initialises with the same transactional.id, or by the coordinator once transaction.timeout.ms
 * is up). While it is down the records it would have sent are refused.
 */
export const producerCrashSchema = z.strictObject({
  kind: z.literal('producerCrash'),
  atSec,
  producer: nodeId,
  durationSec,
});

export const memberCrashSchema = z.strictObject({
  kind: z.literal('memberCrash'),
  atSec,
  group: nodeId,
  /** How many members crash at once. */
  count: int(1, 1000).default(1),
});

export const memberJoinSchema = z.strictObject({
  kind: z.literal('memberJoin'),
  atSec,
  group: nodeId,
  count: int(1, 1000).default(1),
});

export const partitionCountSchema = z.strictObject({
  kind: z.literal('partitionCount'),
  atSec,
  topic: nodeId,
  /** The new partition count; Kafka can only add partitions, never remove them. */
  partitions: int(1, 10_000),
});

/** Executors of a Spark job die; their running tasks run again elsewhere, and replacements start later. */
export const executorLossSchema = z.strictObject({
  kind: z.literal('executorLoss'),
  atSec,
  job: nodeId,
  count: int(1, 10_000).default(1),
  /** Until the cluster manager has replacement executors running. */
  durationSec: num(0.001, 86_400).default(30),
});

/** A Spark job's driver dies and is relaunched; it resumes from its last checkpoint. */
export const driverFailureSchema = z.strictObject({
  kind: z.literal('driverFailure'),
  atSec,
  job: nodeId,
  /** Until the relaunched driver has rebuilt its context from the checkpoint. */
  durationSec: num(0.001, 86_400).default(20),
});

/**
 * Executors asked for by hand during a run (sc.requestExecutors): each starts after the time a
 * cluster manager takes to launch one (SPARK.executorStartMs in core/costs.ts), then takes tasks.
 */
export const addExecutorsSchema = z.strictObject({
  kind: z.literal('addExecutors'),
  atSec,
  job: nodeId,
  count: int(1, 10_000).default(1),
});

/**
 * Executors given back during a run (sc.killExecutors): they leave once the batch they are running
 * has finished its tasks; starting ones are cancelled first. A job keeps at least none: with no
 * executor left, batches wait.
 */
export const removeExecutorsSchema = z.strictObject({
  kind: z.literal('removeExecutors'),
  atSec,
  job: nodeId,
  count: int(1, 10_000).default(1),
});

/** Where an offsetReset moves the group, as kafka-consumer-groups --reset-offsets --to-earliest and friends. */
export const RESET_TARGETS = ['earliest', 'latest', 'offset', 'time', 'shiftBy'] as const;

/** The field each reset target needs (earliest and latest need none). */
const RESET_FIELD = { offset: 'offset', time: 'timestampSec', shiftBy: 'shiftBy' } as const;

/**
 * Replay: the group stops, its committed offsets are overwritten and it reads again from them, as
 * `kafka-consumer-groups --reset-offsets` does to an inactive group. Each partition's new offset is
 * clamped into [log start offset, high watermark]: records retention has deleted cannot be read again.
 */
export const offsetResetSchema = z
  .strictObject({
    kind: z.literal('offsetReset'),
    atSec,
    group: nodeId,
    /** earliest, latest, an absolute offset (every partition), a time, or a shift from the committed offset. */
    to: z.enum(RESET_TARGETS).default('earliest'),
    /** to: 'offset': the offset each partition goes to (clamped to what the partition holds). */
    offset: int(0, Number.MAX_SAFE_INTEGER).optional(),
    /** to: 'time': each partition goes to its first record created at or after this simulated second. */
    timestampSec: num(0, 86_400).optional(),
    /** to: 'shiftBy': records to move each committed offset by; negative goes back. */
    shiftBy: int(-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER).optional(),
  })
  .superRefine((f, ctx) => {
    for (const [to, field] of Object.entries(RESET_FIELD)) {
      const given = f[field] !== undefined;
      if (f.to === to && !given)
        ctx.addIssue({ code: 'custom', path: [field], message: `is needed with to: '${to}'` });
      if (f.to !== to && given)
        ctx.addIssue({ code: 'custom', path: [field], message: `is only used with to: '${to}'` });
    }
  });

/**
 * A broker joins the cluster: it registers with the controller and serves nothing until partitions
 * are reassigned to it (topics created or partitions added afterwards may land on it).
 */
export const addBrokerSchema = z.strictObject({
  kind: z.literal('addBroker'),
  atSec,
  broker: brokerSchema,
});

/** One partition's new replica list (kafka-reassign-partitions' JSON); the first is the preferred leader. */
export const partitionMoveSchema = z.strictObject({
  topic: nodeId,
  partition: int(0, 9_999),
  replicas: z.array(nodeId).min(1, 'needs at least one replica').max(100),
});

/**
 * kafka-reassign-partitions --execute: either an explicit plan, or one generated as --generate does
 * (replicas and leaders spread evenly over `brokers`, one replica per rack where it can) for `topics`
 * (all when left out). New replicas copy the partition's log from the leader, throttled; once every
 * new replica is in sync the old ones are dropped.
 */
export const reassignPartitionsSchema = z
  .strictObject({
    kind: z.literal('reassignPartitions'),
    atSec,
    /** --generate's --broker-list: the brokers the topics should end up on. */
    brokers: z.array(nodeId).min(1, 'needs at least one broker').max(100).optional(),
    /** --generate's --topics-to-move-json-file; left out, every topic. */
    topics: z.array(nodeId).max(1000).optional(),
    /** An explicit plan (--reassignment-json-file) instead of a generated one. */
    plan: z.array(partitionMoveSchema).max(10_000).optional(),
    /**
     * --throttle, bytes/s: sets leader.replication.throttled.rate and follower.replication.throttled.rate
     * on the brokers of the moving partitions until the move is done. Left out, the cluster's own
     * (no throttle unless set).
     */
    throttle: int(1, LONG_MAX, THROTTLE_RULE).optional(),
  })
  .superRefine((f, ctx) => {
    if ((f.brokers === undefined) === (f.plan === undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['brokers'],
        message:
          'give either brokers (a plan is generated over them) or plan (the moves themselves), not both',
      });
  });

/** Move every replica of the broker to other brokers (throttled), then stop it. */
export const decommissionBrokerSchema = z.strictObject({
  kind: z.literal('decommissionBroker'),
  atSec,
  broker: nodeId,
  throttle: int(1, LONG_MAX, THROTTLE_RULE).optional(),
});

/** A whole zone goes: every broker whose broker.rack is `rack` is down at once. */
export const zoneOutageSchema = z.strictObject({
  kind: z.literal('zoneOutage'),
  atSec,
  rack: label.min(1, 'names the rack (broker.rack) that goes down'),
  mode: z.enum(BROKER_DOWN_MODES).optional(),
  durationSec,
});

export const FAULT_KINDS = [
  'brokerDown',
  'slowDisk',
  'networkPartition',
  'producerSpike',
  'memberCrash',
  'memberJoin',
  'partitionCount',
  'offsetReset',
  'executorLoss',
  'driverFailure',
  'addExecutors',
  'removeExecutors',
  'addBroker',
  'reassignPartitions',
  'decommissionBroker',
  'zoneOutage',
  'producerCrash',
] as const;

export const faultSchema = z.discriminatedUnion('kind', [
  brokerDownSchema,
  slowDiskSchema,
  networkPartitionSchema,
  producerSpikeSchema,
  memberCrashSchema,
  memberJoinSchema,
  partitionCountSchema,
  offsetResetSchema,
  executorLossSchema,
  driverFailureSchema,
  addExecutorsSchema,
  removeExecutorsSchema,
  addBrokerSchema,
  reassignPartitionsSchema,
  decommissionBrokerSchema,
  zoneOutageSchema,
  producerCrashSchema,
]);
