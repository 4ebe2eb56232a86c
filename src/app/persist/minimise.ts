// Shrinks a normalised document to the smallest input that parses back to the same document, so share
// links stay short. It knows nothing about the schema: a value may go when parsing without it gives
// the same result, i.e. the defaults are whatever the parser fills in.
import { pipelineSchema, type Pipeline } from '../../model';

type Json = null | boolean | number | string | Json[] | JsonObject;
interface JsonObject {
  [key: string]: Json;
}

/** A path into the document, e.g. ['cluster', 'brokers', 0, 'hardware']. */
export type JsonPath = readonly (string | number)[];

export interface MinimiseOptions {
  /** Values at paths for which this returns true are written out in full, never dropped or shrunk. */
  keepVerbatim?: (path: JsonPath) => boolean;
}

/**
 * Broker hardware stays as resolved numbers: the model stores them so that a shared document keeps
 * meaning the same machines even if a preset is retuned later (see src/model/presets.ts).
 */
export const keepBrokerHardware = (path: JsonPath): boolean =>
  path.length === 4 && path[0] === 'cluster' && path[1] === 'brokers' && path[3] === 'hardware';

/**
 * Returns a plain value such that parsePipeline(result) deep-equals `doc`. Falls back to `doc`
 * itself (which always parses back to itself) if shrinking ever fails to prove that.
 */
export function minimise(doc: Pipeline, options: MinimiseOptions = {}): unknown {
  const target = toJson(doc);
  const work = toJson(doc);
  if (!isObject(work) || !isObject(target)) return doc;
  const keep = options.keepVerbatim ?? (() => false);

  const parsesTo = (candidate: Json, pick: (output: JsonObject) => unknown, want: Json): boolean => {
    const result = pipelineSchema.safeParse(candidate);
    return result.success && jsonEqual(pick(result.data as unknown as JsonObject), want);
  };

  // Each part is shrunk inside a small stand-in document that holds only it (every other list
  // empty), so the cost of a check does not grow with the size of the whole pipeline.
  const standIn = (key: string, value: Json): JsonObject => {
    const context: JsonObject = {};
    for (const [k, v] of Object.entries(work)) context[k] = Array.isArray(v) ? [] : v;
    context[key] = value;
    return context;
  };
  for (const [key, value] of Object.entries(work)) {
    const want = target[key] ?? null;
    if (Array.isArray(value) && Array.isArray(want)) {
      value.forEach((element, index) => {
        const context = standIn(key, [element]);
        const check = () =>
          parsesTo(context, (out) => (out[key] as Json[] | undefined)?.[0], want[index] ?? null);
        if (check()) shrink(element, [key, index], check, keep);
      });
    } else if (isObject(value)) {
      const context = standIn(key, value);
      const check = () => parsesTo(context, (out) => out[key], want);
      if (check()) shrink(value, [key], check, keep);
    }
  }

  // Last, whole top-level entries that now hold only defaults, checked against the whole document.
  const wholeCheck = () => parsesTo(work, (out) => out, target);
  for (const key of Object.keys(work)) {
    const order = Object.keys(work);
    const value = work[key] as Json;
    delete work[key];
    if (!wholeCheck()) restoreKey(work, order, key, value);
  }
  return wholeCheck() ? work : doc;
}

/**
 * Tries, top down, to drop each key of `node` (in place); a key that must stay is shrunk in turn.
 * `check` re-parses the document that `node` lives in and says whether it still means the same.
 */
function shrink(node: Json, path: JsonPath, check: () => boolean, keep: (path: JsonPath) => boolean): void {
  if (Array.isArray(node)) {
    node.forEach((element, i) => shrink(element, [...path, i], check, keep));
    return;
  }
  if (!isObject(node)) return;
  for (const key of Object.keys(node)) {
    const childPath = [...path, key];
    if (keep(childPath)) continue;
    const order = Object.keys(node);
    const value = node[key] as Json;
    delete node[key];
    if (check()) continue;
    restoreKey(node, order, key, value);
    shrink(value, childPath, check, keep);
  }
}

/** Puts `key` back where it was, so the written JSON keeps the document's familiar key order. */
function restoreKey(node: JsonObject, order: string[], key: string, value: Json): void {
  const entries = order.map((k): [string, Json] => [k, k === key ? value : (node[k] as Json)]);
  for (const k of order) delete node[k];
  for (const [k, v] of entries) node[k] = v;
}

function toJson(value: unknown): Json {
  return JSON.parse(JSON.stringify(value)) as Json;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep equality of JSON-like values; a key holding undefined counts as absent, as in JSON. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  const aRecord = a as Record<string, unknown>;
  const bRecord = b as Record<string, unknown>;
  const aKeys = Object.keys(aRecord).filter((k) => aRecord[k] !== undefined);
  const bKeys = Object.keys(bRecord).filter((k) => bRecord[k] !== undefined);
  return aKeys.length === bKeys.length && aKeys.every((k) => jsonEqual(aRecord[k], bRecord[k]));
}
