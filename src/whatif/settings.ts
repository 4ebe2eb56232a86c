// Numeric settings of a document addressed by a path, as the sweeps and the run list name them:
//   producers[orders].rate.recordsPerSec     topics[clicks].partitions      cluster.brokers
//   sparkJobs[j].config.spark.executor.instances                           sparkJobs[j].batchIntervalMs
//   producers[p].config.linger.ms            consumerGroups[g].members
// A segment `name[id]` picks the element of an array with that id (or, for a number, that index);
// dots separate keys, and a key that itself holds dots (Kafka's and Spark's config names) is found
// by trying the longest run of segments that names a key. A path that ends at an array (such as
// `cluster.brokers`) addresses its length: setting it adds copies of the last element (new ids) or
// removes elements from the end.
import { parsePipeline } from '../model/parse';
import { usesKafka } from '../model/kafkaUse';
import type { Pipeline } from '../model/types';

export type SettingResult = { ok: true; doc: Pipeline } | { ok: false; error: string };

type Json = unknown;

interface Step {
  /** The key of an object, or the index of an array element. */
  key: string | number;
}

/** Splits a path into its parts: keys (possibly dotted, resolved later) and [selectors]. */
function tokens(path: string): ({ kind: 'key'; name: string } | { kind: 'select'; sel: string })[] {
  const out: ({ kind: 'key'; name: string } | { kind: 'select'; sel: string })[] = [];
  const re = /([^.[\]]+)|\[([^\]]*)\]/g;
  let m: RegExpExecArray | null;
  let last = 0;
  while ((m = re.exec(path)) !== null) {
    const between = path.slice(last, m.index);
    if (between !== '' && between !== '.') throw new Error(`cannot read "${path}" near "${between}"`);
    if (m[1] !== undefined) out.push({ kind: 'key', name: m[1] });
    else out.push({ kind: 'select', sel: m[2]!.trim() });
    last = re.lastIndex;
  }
  if (last !== path.length || out.length === 0) throw new Error(`cannot read the setting path "${path}"`);
  return out;
}

const isObject = (v: Json): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Walks the path through the document; returns the steps to the addressed value. */
function resolve(doc: Json, path: string): Step[] {
  const parts = tokens(path);
  const steps: Step[] = [];
  let node: Json = doc;
  let i = 0;
  while (i < parts.length) {
    const part = parts[i]!;
    if (part.kind === 'select') {
      if (!Array.isArray(node))
        throw new Error(`${path}: [${part.sel}] selects from a list, but ${where(steps)} is not one`);
      const list: Json[] = node;
      let index = list.findIndex((e) => isObject(e) && e.id === part.sel);
      if (index < 0 && /^\d+$/.test(part.sel) && Number(part.sel) < list.length) index = Number(part.sel);
      if (index < 0) {
        const ids = list.filter(isObject).map((e) => String(e.id));
        throw new Error(
          `${path}: no "${part.sel}" in ${where(steps)}${ids.length ? ` (there are ${ids.join(', ')})` : ''}`,
        );
      }
      steps.push({ key: index });
      node = list[index];
      i++;
      continue;
    }
    if (!isObject(node)) throw new Error(`${path}: ${where(steps)} has no settings inside`);
    // The longest run of dotted segments that names a key of this object.
    let matched = 0;
    for (let n = parts.length - i; n >= 1; n--) {
      const run = parts.slice(i, i + n);
      if (run.some((p) => p.kind !== 'key')) continue;
      const name = run.map((p) => (p as { name: string }).name).join('.');
      if (Object.prototype.hasOwnProperty.call(node, name)) {
        steps.push({ key: name });
        node = node[name];
        matched = n;
        break;
      }
    }
    if (matched === 0) {
      const name = (part as { name: string }).name;
      throw new Error(`${path}: ${where(steps)} has no setting "${name}"`);
    }
    i += matched;
  }
  return steps;
}

function where(steps: Step[]): string {
  return steps.length === 0
    ? 'the document'
    : steps.map((s) => (typeof s.key === 'number' ? `[${s.key}]` : s.key)).join('.');
}

function valueAt(doc: Json, steps: Step[]): Json {
  let node = doc;
  for (const s of steps) node = (node as Record<string | number, Json>)[s.key];
  return node;
}

/** The number at the path (an array's length for a path that ends at a list); throws with the reason. */
export function readSetting(doc: Pipeline, path: string): number {
  const v = valueAt(doc, resolve(doc, path));
  if (Array.isArray(v)) return v.length;
  if (typeof v !== 'number') throw new Error(`${path}: is ${JSON.stringify(v)}, not a number`);
  return v;
}

/** Like readSetting, without throwing: undefined when the path addresses no number. */
export function tryReadSetting(doc: Pipeline, path: string): number | undefined {
  try {
    return readSetting(doc, path);
  } catch {
    return undefined;
  }
}

/**
 * A new document with the number at the path set to `value`, validated by the model's parser (the
 * input document is not changed). Refused with a message naming the path: no such setting, not a
 * number there, or a value the document does not accept (the parser's reason).
 */
export function setSetting(doc: Pipeline, path: string, value: number): SettingResult {
  if (!Number.isFinite(value)) return { ok: false, error: `${path}: ${value} is not a number` };
  let steps: Step[];
  try {
    steps = resolve(doc, path);
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
  const copy = structuredClone(doc) as Json;
  const parent = valueAt(copy, steps.slice(0, -1)) as Record<string | number, Json>;
  const last = steps[steps.length - 1]!.key;
  const current = parent[last];
  if (Array.isArray(current)) {
    if (!Number.isInteger(value) || value < 0)
      return { ok: false, error: `${path}: a count must be a whole number, not ${value}` };
    if (value > current.length && current.length === 0)
      return { ok: false, error: `${path}: there is nothing to copy to make more` };
    parent[last] = resize(current, value, idsIn(copy));
  } else if (typeof current === 'number') {
    parent[last] = value;
  } else {
    return { ok: false, error: `${path}: is ${JSON.stringify(current)}, not a number` };
  }
  const parsed = parsePipeline(copy);
  if (!parsed.ok) return { ok: false, error: `${path} = ${value} is refused: ${parsed.errors.join('; ')}` };
  return { ok: true, doc: parsed.doc };
}

/**
 * A new document with any JSON value (a number, a string such as acks "all", a flag, an object) put
 * at an existing path, validated by the model's parser. Lessons use it for their solutions, which
 * are not all numbers; a path ending at a list replaces the list.
 */
export function setValue(doc: Pipeline, path: string, value: unknown): SettingResult {
  let steps: Step[];
  try {
    steps = resolve(doc, path);
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
  const copy = structuredClone(doc) as Json;
  const parent = valueAt(copy, steps.slice(0, -1)) as Record<string | number, Json>;
  parent[steps[steps.length - 1]!.key] = structuredClone(value);
  const parsed = parsePipeline(copy);
  if (!parsed.ok)
    return { ok: false, error: `${path} = ${JSON.stringify(value)} is refused: ${parsed.errors.join('; ')}` };
  return { ok: true, doc: parsed.doc };
}

/** Whatever the path addresses (a number, a string, a flag, an object), or undefined when nothing. */
export function valueAtPath(doc: Pipeline, path: string): unknown {
  try {
    return valueAt(doc, resolve(doc, path));
  } catch {
    return undefined;
  }
}

/** Whether the path addresses something in the document (any value). */
export function hasPath(doc: Pipeline, path: string): boolean {
  try {
    resolve(doc, path);
    return true;
  } catch {
    return false;
  }
}

/** Shortens the list, or lengthens it with copies of its last element under fresh ids. */
/** Every string id anywhere in the document (a broker an addBroker event brings holds one too). */
function idsIn(json: Json, out = new Set<string>()): Set<string> {
  if (Array.isArray(json)) for (const x of json) idsIn(x, out);
  else if (isObject(json))
    for (const [k, v] of Object.entries(json)) {
      if (k === 'id' && typeof v === 'string') out.add(v);
      else idsIn(v, out);
    }
  return out;
}

function resize(list: Json[], n: number, taken: ReadonlySet<string> = new Set()): Json[] {
  if (n <= list.length) return list.slice(0, n);
  const out = list.slice();
  const ids = new Set([...taken, ...list.filter(isObject).map((e) => String(e.id))]);
  const template = list[list.length - 1];
  while (out.length < n) {
    const copy = structuredClone(template);
    if (isObject(copy) && typeof copy.id === 'string') {
      const stem = copy.id.replace(/\d+$/, '') || copy.id;
      let k = out.length + 1;
      while (ids.has(`${stem}${k}`)) k++;
      const id = `${stem}${k}`;
      copy.id = id;
      ids.add(id);
      if ('name' in copy) delete copy.name;
    }
    out.push(copy);
  }
  return out;
}

/** A setting a sweep or a search can vary, as the UI lists it. */
export interface SettingInfo {
  path: string;
  /** "orders: rate (records/s)". */
  label: string;
  /** The node it belongs to ("orders"), or "cluster". */
  node: string;
  value: number;
  /** Only whole numbers make sense (partitions, members, brokers). */
  integer: boolean;
  /** The smallest value that can make sense (a count of 1, a rate of 0). */
  min: number;
}

interface Candidate {
  path: (id: string) => string;
  label: string;
  integer: boolean;
  min: number;
}

const c = (path: (id: string) => string, label: string, integer: boolean, min: number): Candidate => ({
  path,
  label,
  integer,
  min,
});

const PRODUCER: Candidate[] = [
  c((id) => `producers[${id}].rate.recordsPerSec`, 'rate (records/s)', false, 0),
  c((id) => `producers[${id}].recordBytes`, 'record size (bytes)', true, 1),
  c((id) => `producers[${id}].config.linger.ms`, 'linger.ms', true, 0),
  c((id) => `producers[${id}].config.batch.size`, 'batch.size (bytes)', true, 0),
  c(
    (id) => `producers[${id}].config.max.in.flight.requests.per.connection`,
    'max.in.flight.requests.per.connection',
    true,
    1,
  ),
];
const TOPIC: Candidate[] = [
  c((id) => `topics[${id}].partitions`, 'partitions', true, 1),
  c((id) => `topics[${id}].replicationFactor`, 'replication factor', true, 1),
];
const GROUP: Candidate[] = [
  c((id) => `consumerGroups[${id}].members`, 'members', true, 1),
  c((id) => `consumerGroups[${id}].processing.meanMs`, 'processing per record (ms)', false, 0),
  c((id) => `consumerGroups[${id}].config.max.poll.records`, 'max.poll.records', true, 1),
  c((id) => `consumerGroups[${id}].config.fetch.max.wait.ms`, 'fetch.max.wait.ms', true, 0),
];
const JOB: Candidate[] = [
  c((id) => `sparkJobs[${id}].batchIntervalMs`, 'batch interval (ms)', true, 1),
  c((id) => `sparkJobs[${id}].config.spark.executor.instances`, 'spark.executor.instances', true, 1),
  c((id) => `sparkJobs[${id}].config.spark.executor.cores`, 'spark.executor.cores', true, 1),
];
const SINK: Candidate[] = [c((id) => `sinks[${id}].maxRecordsPerSec`, 'write limit (records/s)', false, 0)];
const SOURCE: Candidate[] = [
  c((id) => `sparkSources[${id}].rate.recordsPerSec`, 'rate (records/s)', false, 0),
  c((id) => `sparkSources[${id}].receivers`, 'receivers', true, 1),
];

/**
 * The settings of the document a sweep or search can vary, node by node, with their current
 * values: the cluster's broker count (only with a topic: nothing else uses the brokers) and
 * network latency, then each producer, topic, consumer group, Spark job and sink. Settings the document does not have (a sink without a write limit
 * field) are left out.
 */
export function listSettings(doc: Pipeline): SettingInfo[] {
  const out: SettingInfo[] = [];
  const add = (node: string, cand: Candidate, id: string) => {
    const path = cand.path(id);
    const value = tryReadSetting(doc, path);
    if (value === undefined) return;
    out.push({ path, label: `${node}: ${cand.label}`, node, value, integer: cand.integer, min: cand.min });
  };
  // Receiver sources without a topic send nothing through the brokers: the schema still asks for
  // one, but their number changes nothing worth a sweep.
  if (usesKafka(doc))
    add(
      'cluster',
      c(() => 'cluster.brokers', 'brokers', true, 1),
      '',
    );
  add(
    'cluster',
    c(() => 'cluster.networkLatencyMs', 'network latency (ms)', false, 0),
    '',
  );
  for (const p of doc.producers)
    for (const k of PRODUCER) {
      // A producer sending as fast as it can has no rate to vary.
      if (p.rate.kind === 'max' && k === PRODUCER[0]) continue;
      add(p.id, k, p.id);
    }
  for (const t of doc.topics) for (const k of TOPIC) add(t.id, k, t.id);
  for (const g of doc.consumerGroups) for (const k of GROUP) add(g.id, k, g.id);
  for (const j of doc.sparkJobs) for (const k of JOB) add(j.id, k, j.id);
  for (const s of doc.sinks) for (const k of SINK) add(s.id, k, s.id);
  for (const s of doc.sparkSources) for (const k of SOURCE) add(s.id, k, s.id);
  return out;
}

/** A short name of the setting at the path, for axes and run names ("orders rate", "clicks partitions"). */
export function settingLabel(doc: Pipeline, path: string): string {
  return listSettings(doc).find((s) => s.path === path)?.label ?? path;
}

/**
 * What differs between two documents, one human line per change, by node: "clicks: partitions
 * 12 -> 24", "orders: rate.recordsPerSec 1000 -> 2000", "added topic audit", "removed group g2".
 * Canvas positions are left out; the run's seed and duration are included.
 */
export function diffDocuments(a: Pipeline, b: Pipeline): string[] {
  const lines: string[] = [];
  const lists = ['topics', 'producers', 'consumerGroups', 'sparkJobs', 'sinks', 'sparkSources'] as const;
  const kindName: Record<(typeof lists)[number], string> = {
    topics: 'topic',
    producers: 'producer',
    consumerGroups: 'group',
    sparkJobs: 'Spark job',
    sinks: 'sink',
    sparkSources: 'receiver source',
  };
  // The cluster: brokers by count and by id.
  const { brokers: ba, hosts: ha, ...ca } = a.cluster;
  const { brokers: bb, hosts: hb, ...cb } = b.cluster;
  if (ba.length !== bb.length) lines.push(`cluster: brokers ${ba.length} -> ${bb.length}`);
  diffValues('cluster', ca, cb, '', lines);
  diffById('broker', ba, bb, lines, true);
  diffById('host', ha, hb, lines, false);
  for (const key of lists) diffById(kindName[key], a[key] as Node[], b[key] as Node[], lines, false);
  const edges = (d: Pipeline) => new Set(d.edges.map((e) => `${e.from} -> ${e.to}`));
  const ea = edges(a);
  const eb = edges(b);
  for (const e of eb) if (!ea.has(e)) lines.push(`connected ${e}`);
  for (const e of ea) if (!eb.has(e)) lines.push(`disconnected ${e}`);
  if (JSON.stringify(a.faults) !== JSON.stringify(b.faults))
    lines.push(`faults: ${a.faults.length} -> ${b.faults.length}`);
  diffValues('run', a.run, b.run, '', lines);
  if (a.name !== b.name) lines.push(`name: ${a.name} -> ${b.name}`);
  return lines;
}

type Node = { id: string } & Record<string, Json>;

function diffById(kind: string, a: readonly Node[], b: readonly Node[], lines: string[], quietAdd: boolean) {
  const byId = new Map(a.map((n) => [n.id, n]));
  const ids = new Set(b.map((n) => n.id));
  for (const n of b) {
    const old = byId.get(n.id);
    if (!old) {
      if (!quietAdd) lines.push(`added ${kind} ${n.id}`);
      continue;
    }
    const { id: _a, ...ra } = old;
    const { id: _b, ...rb } = n;
    diffValues(n.id, ra, rb, '', lines);
  }
  if (!quietAdd) for (const n of a) if (!ids.has(n.id)) lines.push(`removed ${kind} ${n.id}`);
}

/** Leaf by leaf: one line per changed number, string or flag; objects recurse, lists are shown whole. */
function diffValues(node: string, a: Json, b: Json, prefix: string, lines: string[]) {
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys) diffValues(node, a[k], b[k], prefix ? `${prefix}.${k}` : k, lines);
    return;
  }
  if (JSON.stringify(a) === JSON.stringify(b)) return;
  // Kafka's and Spark's own names read better without the `config.` they sit under.
  const name = prefix.startsWith('config.') ? prefix.slice('config.'.length) : prefix;
  lines.push(`${node}: ${name} ${show(a)} -> ${show(b)}`);
}

function show(v: Json): string {
  if (v === undefined) return '(none)';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return `${v.length} item${v.length === 1 ? '' : 's'}`;
  return JSON.stringify(v);
}
