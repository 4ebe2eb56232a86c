// The add/edit form of a fault as plain data: which fields each kind has, what they mean, and how the
// text the user typed becomes a fault. Validation is the document's own schema (faultSchema), then
// the graph check, so the form refuses exactly what a file or link would.
import { z } from 'zod';
import { checkGraph, type Fault, type FaultKind, type Pipeline } from '../../model';
import { faultSchema, FAULT_KINDS } from '../../model/schema/faults';
import { TARGET_FIELD, type FaultTargetField } from './timeline';

export { FAULT_KINDS };

export type FaultField =
  FaultTargetField | 'atSec' | 'durationSec' | 'factor' | 'from' | 'count' | 'partitions';

export interface FieldSpec {
  name: FaultField;
  label: string;
  /** One line under the field saying what it does. */
  help: string;
  input: 'number' | 'optionalNumber' | 'target' | 'from';
}

export const KIND_LABELS: Record<FaultKind, string> = {
  brokerDown: 'Broker down',
  slowDisk: 'Slow disk',
  networkPartition: 'Network partition',
  producerSpike: 'Producer spike',
  memberCrash: 'Consumer member crash',
  memberJoin: 'Consumer member joins',
  partitionCount: 'Partition count change',
};

export const KIND_HELP: Record<FaultKind, string> = {
  brokerDown: 'The broker stops; its partitions elect new leaders among the in-sync replicas.',
  slowDisk: "The broker's disk becomes slower by a factor, so writes and cold reads queue.",
  networkPartition: 'The broker can no longer reach the other brokers, the clients, or both.',
  producerSpike: "A producer's rate is multiplied for a while, like a traffic burst.",
  memberCrash: 'Members of a consumer group die; the group notices after session.timeout.ms and rebalances.',
  memberJoin: 'New members join a consumer group, which rebalances to give them partitions.',
  partitionCount: 'Partitions are added to a topic (Kafka never removes them).',
};

const TARGET_SPECS: Record<FaultTargetField, FieldSpec> = {
  broker: { name: 'broker', label: 'Broker', help: 'The broker this happens to.', input: 'target' },
  producer: { name: 'producer', label: 'Producer', help: 'The producer whose rate jumps.', input: 'target' },
  group: { name: 'group', label: 'Consumer group', help: 'The group whose members change.', input: 'target' },
  topic: { name: 'topic', label: 'Topic', help: 'The topic that gets more partitions.', input: 'target' },
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

const OTHER_FIELDS: Record<FaultKind, FieldSpec[]> = {
  brokerDown: [OPEN_DURATION],
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
};

/** The fields of a kind, in the order the form shows them. */
export function fieldsFor(kind: FaultKind): FieldSpec[] {
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
  if (kind === 'memberCrash' || kind === 'memberJoin') values.count = '1';
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
  for (const spec of fieldsFor(draft.kind)) {
    const raw = (draft.values[spec.name] ?? '').trim();
    if (spec.input === 'target' || spec.input === 'from') candidate[spec.name] = raw;
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
    // A number input left empty or holding text reaches the schema as NaN.
    out[field as FaultField] = issue.code === 'invalid_type' ? 'must be a number' : issue.message;
  }
  return out;
}

const seconds = (s: number): string => `${Number(s.toFixed(3))} s`;

/** One line saying what the fault does, for the timeline row and screen readers. */
export function describeFault(fault: Fault): string {
  const at = `at ${seconds(fault.atSec)}`;
  const lasting = (d: number | undefined) => (d === undefined ? 'to the end' : `for ${seconds(d)}`);
  switch (fault.kind) {
    case 'brokerDown':
      return `${fault.broker} down ${at}, ${lasting(fault.durationSec)}`;
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
  }
}
