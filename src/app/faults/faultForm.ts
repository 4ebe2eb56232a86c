// The add/edit form of a fault as plain data: which fields each kind has, what they mean, and how the
// text the user typed becomes a fault. Validation is the document's own schema (faultSchema), then
// the graph check, so the form refuses exactly what a file or link would.
import { z } from 'zod';
import { clustersOf } from '../../model/regions';
import { brokersOfRun, checkGraph, type Fault, type FaultKind, type Pipeline } from '../../model';
import { BROKER_DOWN_MODES, faultSchema, FAULT_KINDS, RESET_TARGETS } from '../../model/schema/faults';
import { formatBytes } from '../cluster/clusterFormat';
import { TARGET_FIELD, type FaultTargetField } from './timeline';

export { FAULT_KINDS };

export type FaultField =
  | FaultTargetField
  | 'atSec'
  | 'durationSec'
  | 'factor'
  | 'from'
  | 'mode'
  | 'count'
  | 'partitions'
  | 'to'
  | 'offset'
  | 'timestampSec'
  | 'shiftBy'
  | 'throttle'
  | 'mode';

export interface FieldSpec {
  name: FaultField;
  label: string;
  /** One line under the field saying what it does. */
  help: string;
  input: 'number' | 'optionalNumber' | 'target' | 'from' | 'mode' | 'resetTo' | 'text';
}

export const KIND_LABELS: Record<FaultKind, string> = {
  brokerDown: 'Broker down',
  slowDisk: 'Slow disk',
  networkPartition: 'Network partition',
  producerSpike: 'Producer spike',
  memberCrash: 'Consumer member crash',
  memberJoin: 'Consumer member joins',
  partitionCount: 'Partition count change',
  offsetReset: 'Consumer offset reset (replay)',
  executorLoss: 'Spark executor lost',
  driverFailure: 'Spark driver failure',
  addExecutors: 'Spark executors added',
  removeExecutors: 'Spark executors removed',
  addBroker: 'Broker added',
  reassignPartitions: 'Partition reassignment',
  decommissionBroker: 'Broker decommissioned',
  zoneOutage: 'Zone outage',
  producerCrash: 'Producer crash',
  regionFailover: 'Region failover',
};

export const KIND_HELP: Record<FaultKind, string> = {
  brokerDown:
    'The broker stops; once the controller notices (broker.session.timeout.ms) its partitions elect new leaders among the in-sync replicas. A killed process is noticed by clients at once; a lost host only when request.timeout.ms runs out. Back again, it leads nothing until the controller says so.',
  slowDisk: "The broker's disk becomes slower by a factor, so writes and cold reads queue.",
  networkPartition: 'The broker can no longer reach the other brokers, the clients, or both.',
  producerSpike: "A producer's rate is multiplied for a while, like a traffic burst.",
  producerCrash:
    "A producer's application dies: what it had not sent is dropped, requests already sent are still written, and records made while it is down are refused. With transactional.id its open transaction is left behind: aborted when the producer comes back (initialising with the same id fences the old one), or by the coordinator once transaction.timeout.ms is up; read_committed readers wait until then.",
  memberCrash: 'Members of a consumer group die; the group notices after session.timeout.ms and rebalances.',
  memberJoin: 'New members join a consumer group, which rebalances to give them partitions.',
  partitionCount: 'Partitions are added to a topic (Kafka never removes them).',
  executorLoss:
    'Executors of a Spark job die. The tasks they were running are computed again on the remaining cores, so the batch ends late; the job runs with fewer cores until the cluster manager has started replacements.',
  driverFailure:
    'The driver of a Spark job dies. Batches in progress are lost; the relaunched driver resumes from the last checkpoint and reads again everything since, so output written after that checkpoint is written again: duplicates in an at-least-once sink, none in an idempotent or transactional one.',
  addExecutors:
    'Executors are asked for during the run. Each takes a few seconds to start, then takes tasks from the next batch on. More executors than the topic has partitions do nothing for the read stage: it has one task per partition.',
  removeExecutors:
    'Executors are given back during the run; one busy with a batch finishes its tasks first. Later batches run on fewer task slots.',
  addBroker:
    'A new broker (hardware like the first broker) joins the cluster. It holds no partition until a reassignment moves some to it; partitions added afterwards may land on it.',
  reassignPartitions:
    "kafka-reassign-partitions: a plan spreading every topic's replicas and leaders evenly over the brokers listed (one replica per rack where it can), executed with a throttle (bytes/s, leader.replication.throttled.rate and follower.replication.throttled.rate). New replicas copy the log from the leader, sharing its disk and network with live traffic, and join the ISR once caught up; the old ones are then dropped. A throttle below a partition's write rate never finishes.",
  decommissionBroker:
    'Every replica on the broker moves to another broker (throttled), then the broker stops. Stopping it without moving (Broker down) leaves its partitions under-replicated.',
  zoneOutage:
    'Every broker whose broker.rack is this rack goes down at once, as when a cloud zone is lost. With replicas spread over racks, the other zones still hold every acknowledged record.',
  regionFailover:
    'Every broker of the clusters in this region is lost at once, and with them the producers writing to those clusters (they run in the region): what they are given from then on is refused, with the region named as the reason. Consumer groups reading a topic that MirrorMaker 2 mirrors elsewhere start again on the mirror: from the offsets MM2 last synced (sync.group.offsets.enabled), else by auto.offset.reset. What was processed since that checkpoint is processed again, and what had not been mirrored yet is lost to the other region.',
  offsetReset:
    "A consumer group's members stop, its committed offsets are moved (back to read records again, or forward to skip them) and it carries on from there. It can only go back as far as the topic still holds: records retention has deleted are gone. Re-read records count as Replayed, not as Reprocessed.",
};

const TARGET_SPECS: Record<FaultTargetField, FieldSpec> = {
  broker: { name: 'broker', label: 'Broker', help: 'The broker this happens to.', input: 'target' },
  producer: { name: 'producer', label: 'Producer', help: 'The producer this happens to.', input: 'target' },
  group: { name: 'group', label: 'Consumer group', help: 'The group whose members change.', input: 'target' },
  topic: { name: 'topic', label: 'Topic', help: 'The topic that gets more partitions.', input: 'target' },
  job: { name: 'job', label: 'Spark job', help: 'The job this happens to.', input: 'target' },
  rack: {
    name: 'rack',
    label: 'Rack (zone)',
    help: 'The broker.rack whose brokers all go down.',
    input: 'target',
  },
  region: {
    name: 'region',
    label: 'Region',
    help: 'The region whose clusters are lost.',
    input: 'target',
  },
  brokers: {
    name: 'brokers',
    label: 'Brokers',
    help: 'Broker ids to spread the replicas over, separated by commas (--broker-list).',
    input: 'text',
  },
  newBroker: {
    name: 'newBroker',
    label: 'New broker id',
    help: 'The id of the broker that joins.',
    input: 'text',
  },
};

const THROTTLE: FieldSpec = {
  name: 'throttle',
  label: 'Throttle (bytes/s)',
  help: 'Replication throttle while replicas move (kafka-reassign-partitions --throttle); empty: none.',
  input: 'optionalNumber',
};

const AT: FieldSpec = {
  name: 'atSec',
  label: 'Starts at (s)',
  help: 'Simulated seconds from the start of the run.',
  input: 'number',
};
const OPEN_DURATION: FieldSpec = {
  name: 'durationSec',
  label: 'Lasts (s)',
  help: 'How long until it is over; leave empty for the rest of the run.',
  input: 'optionalNumber',
};

/** Reset targets in the form's words (kafka-consumer-groups --reset-offsets --to-earliest and so on). */
export const RESET_TO_OPTIONS: { value: (typeof RESET_TARGETS)[number]; label: string }[] = [
  { value: 'earliest', label: 'the earliest record still kept' },
  { value: 'latest', label: 'the latest record (skip the backlog)' },
  { value: 'offset', label: 'an offset' },
  { value: 'time', label: 'a point in time' },
  { value: 'shiftBy', label: 'a shift from the committed offset' },
];

const RESET_TO: FieldSpec = {
  name: 'to',
  label: 'Reset to',
  help: 'Where each partition of the group starts reading again. It never goes below what retention has kept, nor past the end of the log.',
  input: 'resetTo',
};

/** The value field each reset target needs (earliest and latest need none). */
const RESET_VALUE: Partial<Record<(typeof RESET_TARGETS)[number], FieldSpec>> = {
  offset: {
    name: 'offset',
    label: 'Offset',
    help: 'The same offset for every partition; a partition that does not hold it starts at its nearest end.',
    input: 'number',
  },
  time: {
    name: 'timestampSec',
    label: 'Records from (s)',
    help: 'Simulated second: each partition goes to its first record produced at or after it.',
    input: 'number',
  },
  shiftBy: {
    name: 'shiftBy',
    label: 'Shift by (records)',
    help: 'Added to each committed offset; negative goes back and reads that many records again.',
    input: 'number',
  },
};

/** How the broker goes down, in the form's words. */
export const MODE_OPTIONS: { value: (typeof BROKER_DOWN_MODES)[number]; label: string }[] = [
  { value: 'hostLost', label: 'host lost' },
  { value: 'processKilled', label: 'process killed' },
];

const MODE: FieldSpec = {
  name: 'mode',
  label: 'How',
  help: 'A lost host is silence: clients wait for request.timeout.ms. A killed process on a live host resets connections at once, so clients ask for new leaders straight away.',
  input: 'mode',
};

const OTHER_FIELDS: Record<FaultKind, FieldSpec[]> = {
  brokerDown: [MODE, OPEN_DURATION],
  slowDisk: [
    {
      name: 'factor',
      label: 'Slower by (x)',
      help: "The disk's throughput is divided by this.",
      input: 'number',
    },
    OPEN_DURATION,
  ],
  networkPartition: [
    { name: 'from', label: 'Cut off from', help: 'Whom the broker can no longer reach.', input: 'from' },
    OPEN_DURATION,
  ],
  producerSpike: [
    {
      name: 'factor',
      label: 'Rate times (x)',
      help: "The producer's rate is multiplied by this.",
      input: 'number',
    },
    { name: 'durationSec', label: 'Lasts (s)', help: 'How long the spike lasts.', input: 'number' },
  ],
  memberCrash: [
    { name: 'count', label: 'Members', help: 'How many members crash at once.', input: 'number' },
  ],
  producerCrash: [
    {
      name: 'durationSec',
      label: 'Back after (s)',
      help: 'When it starts again; empty: it stays down to the end of the run.',
      input: 'optionalNumber',
    },
  ],
  memberJoin: [{ name: 'count', label: 'Members', help: 'How many new members join.', input: 'number' }],
  partitionCount: [
    {
      name: 'partitions',
      label: 'New partition count',
      help: 'The total after the change; it must be more than the topic has.',
      input: 'number',
    },
  ],
  offsetReset: [RESET_TO],
  addBroker: [
    { name: 'rack', label: 'Rack (zone)', help: 'Its broker.rack; empty for none.', input: 'text' },
  ],
  reassignPartitions: [THROTTLE],
  decommissionBroker: [THROTTLE],
  zoneOutage: [MODE, OPEN_DURATION],
  regionFailover: [],
  executorLoss: [
    { name: 'count', label: 'Executors', help: 'How many executors die at once.', input: 'number' },
    {
      name: 'durationSec',
      label: 'Replaced after (s)',
      help: 'Until the cluster manager has started replacement executors.',
      input: 'number',
    },
  ],
  addExecutors: [{ name: 'count', label: 'Executors', help: 'How many executors to add.', input: 'number' }],
  removeExecutors: [
    { name: 'count', label: 'Executors', help: 'How many executors to remove.', input: 'number' },
  ],
  driverFailure: [
    {
      name: 'durationSec',
      label: 'Back after (s)',
      help: 'Until the relaunched driver has read its checkpoint and runs batches again.',
      input: 'number',
    },
  ],
};

/**
 * The fields of a kind, in the order the form shows them. An offset reset shows the one value
 * field its `to` needs, so pass the draft's values.
 */
export function fieldsFor(kind: FaultKind, values: FaultDraft['values'] = {}): FieldSpec[] {
  if (kind === 'offsetReset') {
    const value = RESET_VALUE[values.to as keyof typeof RESET_VALUE];
    const group = { ...TARGET_SPECS.group, help: 'The group whose committed offsets move.' };
    return [group, AT, RESET_TO, ...(value ? [value] : [])];
  }
  return [TARGET_SPECS[TARGET_FIELD[kind]], AT, ...OTHER_FIELDS[kind]];
}

export const FROM_OPTIONS = [
  { value: 'all', label: 'brokers and clients' },
  { value: 'brokers', label: 'the other brokers' },
  { value: 'clients', label: 'the clients' },
] as const;

/** Ids of the pipeline's nodes a fault of this kind can target. */
export function targetsFor(kind: FaultKind, doc: Pipeline): string[] {
  switch (TARGET_FIELD[kind]) {
    case 'broker':
      return brokersOfRun(doc).map((b) => b.broker.id);
    case 'rack':
      return [...new Set(brokersOfRun(doc).flatMap((b) => (b.broker.rack ? [b.broker.rack] : [])))];
    case 'region':
      return [...new Set(clustersOf(doc).flatMap((c) => (c.region ? [c.region] : [])))];
    case 'brokers':
    case 'newBroker':
      return [];
    case 'producer':
      return doc.producers.map((p) => p.id);
    case 'group':
      return doc.consumerGroups.map((g) => g.id);
    case 'topic':
      return doc.topics.map((t) => t.id);
    case 'job':
      return doc.sparkJobs.map((j) => j.id);
  }
}

/** What the form holds: the kind, and every field as the text in its input. */
export interface FaultDraft {
  kind: FaultKind;
  values: Partial<Record<FaultField, string>>;
}

/** A new fault of `kind` at `atSec` with the schema's defaults, on the first node that fits. */
export function newDraft(kind: FaultKind, doc: Pipeline, atSec: number): FaultDraft {
  const target = targetsFor(kind, doc)[0] ?? '';
  const values: FaultDraft['values'] = { [TARGET_FIELD[kind]]: target, atSec: String(atSec) };
  if (kind === 'slowDisk') values.factor = '10';
  if (kind === 'producerSpike') Object.assign(values, { factor: '5', durationSec: '30' });
  if (kind === 'networkPartition') values.from = 'all';
  if (kind === 'brokerDown') values.mode = 'hostLost';
  if (kind === 'memberCrash' || kind === 'memberJoin') values.count = '1';
  if (kind === 'executorLoss') Object.assign(values, { count: '1', durationSec: '30' });
  if (kind === 'driverFailure') values.durationSec = '20';
  if (kind === 'addExecutors' || kind === 'removeExecutors') values.count = '1';
  if (kind === 'offsetReset')
    Object.assign(values, { to: 'earliest', offset: '0', timestampSec: '0', shiftBy: '-1000' });
  if (kind === 'partitionCount') {
    const topic = doc.topics.find((t) => t.id === target);
    values.partitions = String((topic?.partitions ?? 0) + 1);
  }
  if (kind === 'zoneOutage') values.mode = 'hostLost';
  if (kind === 'reassignPartitions')
    values.brokers = brokersOfRun(doc)
      .map((b) => b.broker.id)
      .join(',');
  if (kind === 'addBroker') values.newBroker = freshBrokerId(doc);
  return { kind, values };
}

/** The first of b1, b2, ... (or broker-1, ...) that no node uses yet. */
export function freshBrokerId(doc: Pipeline): string {
  const taken = new Set([...brokersOfRun(doc).map((b) => b.broker.id), ...doc.topics.map((t) => t.id)]);
  const prefix = brokersOfRun(doc).some((b) => b.broker.id.startsWith('broker-')) ? 'broker-' : 'b';
  for (let n = 1; ; n++) if (!taken.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

/** The form filled from an existing fault. */
export function draftFromFault(fault: Fault): FaultDraft {
  const values: FaultDraft['values'] = {};
  for (const [key, value] of Object.entries(fault))
    if (key !== 'kind' && value !== undefined && typeof value !== 'object')
      values[key as FaultField] = String(value);
  if (fault.kind === 'addBroker') {
    values.newBroker = fault.broker.id;
    if (fault.broker.rack) values.rack = fault.broker.rack;
  }
  if (fault.kind === 'reassignPartitions' && fault.brokers) values.brokers = fault.brokers.join(',');
  // A brokerDown written before the modes existed is a lost host.
  if (fault.kind === 'brokerDown') values.mode ??= 'hostLost';
  return { kind: fault.kind, values };
}

/** Switching kind keeps the start time and takes the new kind's defaults for the rest. */
export function changeKind(draft: FaultDraft, kind: FaultKind, doc: Pipeline): FaultDraft {
  const next = newDraft(kind, doc, 0);
  next.values.atSec = draft.values.atSec ?? '0';
  return next;
}

export type DraftResult =
  | { ok: true; fault: Fault }
  | { ok: false; fieldErrors: Partial<Record<FaultField, string>>; formError?: string };

/**
 * Turns the draft into a fault, checked by the schema and, placed at `index` in the document's faults
 * (or appended when index is undefined), by the graph check.
 */
export function parseDraft(draft: FaultDraft, doc: Pipeline, index?: number): DraftResult {
  const candidate: Record<string, unknown> = { kind: draft.kind };
  for (const spec of fieldsFor(draft.kind, draft.values)) {
    const raw = (draft.values[spec.name] ?? '').trim();
    if (spec.name === 'brokers')
      candidate.brokers = raw
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
    else if (spec.name === 'newBroker') {
      const first = doc.cluster.brokers[0];
      candidate.broker = { id: raw, hardware: first ? first.hardware : { preset: 'cloud-2024' } };
    } else if (draft.kind === 'addBroker' && spec.name === 'rack') {
      if (raw) (candidate.broker as Record<string, unknown>).rack = raw;
    } else if (
      spec.input === 'target' ||
      spec.input === 'from' ||
      spec.input === 'mode' ||
      spec.input === 'resetTo' ||
      spec.input === 'text'
    )
      candidate[spec.name] = raw;
    else if (raw !== '') candidate[spec.name] = Number(raw);
    else if (spec.input === 'number') candidate[spec.name] = Number.NaN;
  }
  const parsed = faultSchema.safeParse(candidate);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrors(parsed.error) };
  const fault = parsed.data;
  const faults = [...doc.faults];
  const at = index ?? faults.length;
  faults.splice(at, index === undefined ? 0 : 1, fault);
  const mine = `faults[${at}]`;
  const problem = checkGraph({ ...doc, faults }).errors.find((e) => e.startsWith(mine));
  if (problem)
    return { ok: false, fieldErrors: {}, formError: problem.slice(problem.indexOf(':') + 1).trim() };
  return { ok: true, fault };
}

function fieldErrors(error: z.ZodError): Partial<Record<FaultField, string>> {
  const out: Partial<Record<FaultField, string>> = {};
  for (const issue of error.issues) {
    const field = issue.path[0];
    if (typeof field !== 'string' || out[field as FaultField]) continue;
    // A number input left empty or holding text reaches the schema as NaN; a fraction where a
    // whole number belongs is also an invalid_type, with the schema's own message.
    const notANumber = issue.code === 'invalid_type' && issue.expected !== 'int';
    out[field as FaultField] = notANumber ? 'must be a number' : issue.message;
  }
  return out;
}

const seconds = (s: number): string => `${Number(s.toFixed(3))} s`;

/** One line saying what the fault does, for the timeline row and screen readers. */
export function describeFault(fault: Fault): string {
  const at = `at ${seconds(fault.atSec)}`;
  const lasting = (d: number | undefined) => (d === undefined ? 'to the end' : `for ${seconds(d)}`);
  switch (fault.kind) {
    case 'brokerDown': {
      const how = fault.mode === 'processKilled' ? 'process killed' : 'host lost';
      return `${fault.broker} down ${at}, ${lasting(fault.durationSec)} (${how})`;
    }
    case 'slowDisk':
      return `${fault.broker} disk ${fault.factor}x slower ${at}, ${lasting(fault.durationSec)}`;
    case 'networkPartition': {
      const whom = FROM_OPTIONS.find((o) => o.value === fault.from)?.label ?? fault.from;
      return `${fault.broker} cut off from ${whom} ${at}, ${lasting(fault.durationSec)}`;
    }
    case 'producerSpike':
      return `${fault.producer} rate x${fault.factor} ${at}, ${lasting(fault.durationSec)}`;
    case 'producerCrash':
      return `${fault.producer} dies ${at}, ${fault.durationSec === undefined ? 'not back' : `back after ${seconds(fault.durationSec)}`}`;
    case 'memberCrash':
      return `${fault.count} member${fault.count === 1 ? '' : 's'} of ${fault.group} crash ${at}`;
    case 'memberJoin':
      return `${fault.count} member${fault.count === 1 ? '' : 's'} join ${fault.group} ${at}`;
    case 'partitionCount':
      return `${fault.topic} grows to ${fault.partitions} partitions ${at}`;
    case 'offsetReset':
      return `${fault.group} offsets reset to ${resetTarget(fault)} ${at}`;
    case 'executorLoss':
      return `${fault.count} executor${fault.count === 1 ? '' : 's'} of ${fault.job} lost ${at}, replaced after ${seconds(fault.durationSec)}`;
    case 'driverFailure':
      return `${fault.job} driver fails ${at}, back after ${seconds(fault.durationSec)}`;
    case 'addExecutors':
      return `${fault.count} executor${fault.count === 1 ? '' : 's'} added to ${fault.job} ${at}`;
    case 'removeExecutors':
      return `${fault.count} executor${fault.count === 1 ? '' : 's'} removed from ${fault.job} ${at}`;
    case 'addBroker':
      return `${fault.broker.id} joins the cluster ${at}${fault.broker.rack ? ` (rack ${fault.broker.rack})` : ''}`;
    case 'reassignPartitions': {
      const over = fault.brokers
        ? `over ${fault.brokers.join(', ')}`
        : `by a plan of ${fault.plan?.length ?? 0} partitions`;
      return `partitions reassigned ${over} ${at}, ${throttleText(fault.throttle)}`;
    }
    case 'decommissionBroker':
      return `${fault.broker} decommissioned ${at}, ${throttleText(fault.throttle)}`;
    case 'zoneOutage': {
      const how = fault.mode === 'processKilled' ? 'processes killed' : 'hosts lost';
      return `zone ${fault.rack} down ${at}, ${lasting(fault.durationSec)} (${how})`;
    }
    case 'regionFailover':
      return `region ${fault.region} lost ${at}; its consumers fail over to the mirrors`;
  }
}

/** A replication throttle in words: "throttled at 50 MB/s", or "unthrottled". */
export function throttleText(bytesPerSec: number | undefined): string {
  if (bytesPerSec === undefined || bytesPerSec >= Number.MAX_SAFE_INTEGER) return 'unthrottled';
  return `throttled at ${formatRate(bytesPerSec)}`;
}

/** Bytes per second with a unit: 52428800 -> "52.4 MB/s". */
export function formatRate(bytesPerSec: number): string {
  return `${formatBytes(bytesPerSec)}/s`;
}

function resetTarget(fault: Extract<Fault, { kind: 'offsetReset' }>): string {
  switch (fault.to) {
    case 'earliest':
    case 'latest':
      return fault.to;
    case 'offset':
      return `offset ${fault.offset ?? 0}`;
    case 'time':
      return `records from ${seconds(fault.timestampSec ?? 0)}`;
    case 'shiftBy': {
      const n = fault.shiftBy ?? 0;
      return `committed ${n < 0 ? '-' : '+'} ${Math.abs(n)}`;
    }
  }
}
