// One inspector edit: read what the user typed, check it with the document's own zod schema, and
// either return the node with the new value or the schema's reason. The document only ever receives
// values that passed.
import { sparkSourceSchema } from '../../model/schema/sparkSource';
import { z } from 'zod';
import { HARDWARE_PRESETS, type Broker } from '../../model';
import { brokerSchema, clusterSchema } from '../../model/schema/cluster';
import { consumerGroupSchema } from '../../model/schema/consumer';
import { pipelineSchema, runSchema } from '../../model/schema/document';
import { producerSchema } from '../../model/schema/producer';
import { sinkSchema } from '../../model/schema/sink';
import { sparkJobSchema, sparkStageSchema } from '../../model/schema/spark';
import { topicSchema } from '../../model/schema/topic';
import { mirrorMakerSchema } from '../../model/schema/regions';
import { LONG_MAX } from '../../model/schema/common';
import { meansLongMax } from '../../model/settingText';
import type { FieldInfo, InspectedKind } from './fieldInfo';

/** The settings shown when nothing is selected, gathered from the top of the document. */
export const pipelineSettingsSchema = z.strictObject({
  name: pipelineSchema.shape.name,
  description: pipelineSchema.shape.description,
  run: runSchema,
  networkLatencyMs: clusterSchema.shape.networkLatencyMs,
  brokerConfig: clusterSchema.shape.config,
});

export function schemaFor(kind: InspectedKind): z.ZodType {
  switch (kind) {
    case 'pipeline':
      return pipelineSettingsSchema;
    case 'producer':
      return producerSchema;
    case 'topic':
      return topicSchema;
    case 'consumerGroup':
      return consumerGroupSchema;
    case 'sparkJob':
      return sparkJobSchema;
    case 'sink':
      return sinkSchema;
    case 'broker':
      return brokerSchema;
    case 'sparkSource':
      return sparkSourceSchema;
    case 'mirrorMaker':
      return mirrorMakerSchema;
    default:
      return sparkStageSchema;
  }
}

export function getIn(value: unknown, path: readonly string[]): unknown {
  let node = value;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Array.isArray(node) ? (node as unknown[])[Number(key)] : (node as Record<string, unknown>)[key];
  }
  return node;
}

/** A copy of `value` with `path` set (or removed, for undefined); untouched branches are shared. */
export function setIn<T>(value: T, path: readonly string[], next: unknown): T {
  const [key, ...rest] = path;
  if (key === undefined) return next as T;
  if (Array.isArray(value)) {
    const copy = [...(value as unknown[])];
    copy[Number(key)] = rest.length === 0 ? next : setIn(copy[Number(key)], rest, next);
    return copy as T;
  }
  const object = (value ?? {}) as Record<string, unknown>;
  const child = rest.length === 0 ? next : setIn(object[key], rest, next);
  const copy = { ...object };
  if (child === undefined) delete copy[key];
  else copy[key] = child;
  return copy as T;
}

export type InputResult = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * Turns what is in the input into a value for the schema; only the obvious typing mistakes stop here.
 * "Long.MAX_VALUE" (as the inspector shows LONG_MAX) reads as LONG_MAX; `emptyMeans` is what an
 * emptied number input stands for (the default its placeholder names), if anything.
 */
export function readInput(field: FieldInfo, raw: string | boolean, emptyMeans?: number): InputResult {
  const { input } = field;
  switch (input.type) {
    case 'boolean':
      return { ok: true, value: raw === true || raw === 'true' };
    case 'optionalBoolean':
      return { ok: true, value: raw === '' ? undefined : raw === true || raw === 'true' };
    case 'enum':
      return { ok: true, value: String(raw) };
    case 'text': {
      const text = String(raw);
      // An empty label is the same as none, so the node falls back to showing its id.
      const optional =
        field.name === 'name' ||
        field.name === 'rack' ||
        field.name === 'client.rack' ||
        field.name === 'cluster';
      return { ok: true, value: optional && text.trim() === '' ? undefined : text };
    }
    case 'int':
    case 'number':
    case 'optionalNumber': {
      const text = String(raw).trim();
      if (text === '')
        return input.type === 'optionalNumber'
          ? { ok: true, value: undefined }
          : emptyMeans !== undefined
            ? { ok: true, value: emptyMeans }
            : { ok: false, message: 'enter a number' };
      if (meansLongMax(text)) return { ok: true, value: LONG_MAX };
      const value = Number(text);
      if (!Number.isFinite(value)) return { ok: false, message: 'must be a number' };
      return { ok: true, value };
    }
  }
}

type Issue = z.core.$ZodIssue;

/** Union branches report their own issues; flatten them so the one about our field can be found. */
function flatIssues(issues: readonly Issue[], prefix: readonly PropertyKey[] = []): Issue[] {
  const out: Issue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0)
      for (const branch of issue.errors) out.push(...flatIssues(branch, path));
    else out.push({ ...issue, path });
  }
  return out;
}

const startsWith = (path: readonly PropertyKey[], prefix: readonly string[]): boolean =>
  prefix.every((key, i) => path[i] === key);

/** The schema's reason that concerns `path`, preferring an exact match. */
export function messageFor(issues: readonly Issue[], path: readonly string[]): string {
  const flat = flatIssues(issues);
  const exact = flat.find((i) => i.path.length === path.length && startsWith(i.path, path));
  const inside = flat.find((i) => startsWith(i.path, path));
  const issue = exact ?? inside ?? flat[0];
  if (!issue) return 'is not valid';
  // zod's own wording for a wrong type is generic; the schema's custom messages are kept as written.
  if (issue.code === 'invalid_type' && issue.message.startsWith('Invalid input'))
    return `must be a ${issue.expected === 'int' ? 'whole number' : issue.expected}`;
  return issue.message;
}

export type FieldResult<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * Sets one field of `entity` and validates the whole node with its schema. On success the value
 * written is the schema's own output for that field (e.g. acks "-1" becomes "all").
 */
export function applyField<T>(
  kind: InspectedKind,
  entity: T,
  field: FieldInfo,
  raw: string | boolean,
  emptyMeans?: number,
): FieldResult<T> {
  const input = readInput(field, raw, emptyMeans);
  if (!input.ok) return input;
  const candidate = setIn(entity, field.path, input.value);
  const parsed = schemaFor(kind).safeParse(candidate);
  if (!parsed.success) return { ok: false, message: messageFor(parsed.error.issues, field.path) };
  let next = setIn(entity, field.path, getIn(parsed.data, field.path));
  if (kind === 'broker') next = forgetStalePreset(next as Broker) as T;
  return { ok: true, value: next };
}

/** A broker keeps its preset label only while its numbers are still the preset's numbers. */
export function forgetStalePreset(broker: Broker): Broker {
  const { preset, ...numbers } = broker.hardware;
  if (!preset) return broker;
  const p = HARDWARE_PRESETS[preset];
  const same =
    p.cores === numbers.cores &&
    p.diskMBps === numbers.diskMBps &&
    p.networkInMBps === numbers.networkInMBps &&
    p.networkOutMBps === numbers.networkOutMBps &&
    p.memoryGB === numbers.memoryGB;
  return same ? broker : { ...broker, hardware: numbers };
}
