// The add/edit form of a fault as plain data: which fields each kind has, what they mean, and how the
// text the user typed becomes a fault. Validation is the document's own schema (faultSchema), then
// the graph check, so the form refuses exactly what a file or link would.
import { z } from 'zod';
import { checkGraph, type Fault, type FaultKind, type Pipeline } from '../../model';
import { BROKER_DOWN_MODES, faultSchema, FAULT_KINDS, RESET_TARGETS } from '../../model/schema/faults';
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
  | 'shiftBy';

export interface FieldSpec {
  name: FaultField;
  label: string;
  /** One line under the field saying what it does. */
  help: string;
  input: 'number' | 'optionalNumber' | 'target' | 'from' | 'mode' | 'resetTo';
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
};

export const KIND_HELP: Record<FaultKind, string> = {
  brokerDown:
    'The broker stops; once the controller notices (broker.session.timeout.ms) its partitions elect new leaders among the in-sync replicas. A killed process is noticed by clients at once; a lost host only when request.timeout.ms runs out. Back again, it leads nothing until the controller says so.',
  slowDisk: "The broker's disk becomes slower by a factor, so writes and cold reads queue.",
  networkPartition: 'The broker can no longer reach the other brokers, the clients, or both.',
  producerSpike: "A producer's rate is multiplied for a while, like a traffic burst.",
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
  offsetReset:
    "A consumer group's members stop, its committed offsets are moved (back to read records again, or forward to skip them) and it carries on from there. It can only go back as far as the topic still holds: records retention has deleted are gone. Re-read records count as Replayed, not as Reprocessed.",
};

const TARGET_SPECS: Record<FaultTargetField, FieldSpec> = {
  broker: { name: 'broker', label: 'Broker', help: 'The broker this happens to.', input: 'target' },
  producer: { name: 'producer', label: 'Producer', help: 'The producer whose rate jumps.', input: 'target' },
  group: { name: 'group', label: 'Consumer group', help: 'The group whose members change.', input: 'target' },
  topic: { name: 'topic', label: 'Topic', help: 'The topic that gets more partitions.', input: 'target' },
  job: { name: 'job', label: 'Spark job', help: 'The job this happens to.', input: 'target' },
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
      return doc.cluster.brokers.map((b) => b.id);
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
  return { kind, values };
}

/** The form filled from an existing fault. */
export function draftFromFault(fault: Fault): FaultDraft {
  const values: FaultDraft['values'] = {};
  for (const [key, value] of Object.entries(fault))
    if (key !== 'kind' && value !== undefined) values[key as FaultField] = String(value);
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
    if (spec.input === 'target' || spec.input === 'from' || spec.input === 'mode' || spec.input === 'resetTo')
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
  }
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
