// What a learner changed, as setting paths, and whether the lesson lets them change it.
import type { Pipeline } from '../model/types';

type Json = unknown;

const isObject = (v: Json): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const hasIds = (list: Json[]): list is ({ id: string } & Record<string, Json>)[] =>
  list.every((e) => isObject(e) && typeof e.id === 'string');

/** A key joined to its parent path; keys are written as they are, dots included ("config.linger.ms"). */
const join = (prefix: string, key: string) => (prefix ? `${prefix}.${key}` : key);

/**
 * Every setting that differs between the two documents, in the sweeps' path syntax
 * ("producers[orders].config.linger.ms", "topics[clicks].partitions"). Lists of nodes are matched by
 * id: an added or removed node is reported as the list's path ("consumerGroups"). Other lists are
 * compared whole. Canvas positions, the name and the description are not settings and are left out.
 */
export function changedPaths(a: Pipeline, b: Pipeline): string[] {
  const out: string[] = [];
  const { layout: _la, name: _na, description: _da, ...ra } = a;
  const { layout: _lb, name: _nb, description: _db, ...rb } = b;
  walk(ra, rb, '', out);
  return out;
}

function walk(a: Json, b: Json, path: string, out: string[]): void {
  if (isObject(a) && isObject(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) walk(a[k], b[k], join(path, k), out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && hasIds(a) && hasIds(b)) {
    const ids = (l: { id: string }[]) => l.map((e) => e.id).join('\u0000');
    if (ids(a) !== ids(b)) {
      out.push(path);
      return;
    }
    a.forEach((e, i) => walk(e, b[i], `${path}[${e.id}]`, out));
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) out.push(path);
}

/** Whether `path` is one of the allowed paths or lies under one (a whole node or config block). */
export function isAllowed(path: string, allowed: readonly string[]): boolean {
  return allowed.some((p) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`));
}

/** The changed paths the lesson does not allow, in the order found. */
export function lockedChanges(start: Pipeline, current: Pipeline, allowed: readonly string[]): string[] {
  // The goal is judged on the lesson's own seeds, so the run's seed is free to change.
  return changedPaths(start, current).filter((p) => p !== 'run.seed' && !isAllowed(p, allowed));
}

/** A setting as a learner reads it: its real name, and the node it belongs to. */
export interface SettingName {
  /** The name the inspector gives the field: a config key as Kafka or Spark spells it, else the property. */
  name: string;
  /** "on trends", "of orders", "on every broker"; empty for a setting of the whole pipeline. */
  where: string;
  /** Both in one line: "spark.streaming.backpressure.enabled on trends", "partitions of orders". */
  text: string;
}

const NODE_PATH =
  /^(producers|topics|consumerGroups|sparkJobs|sinks|sparkSources|mirrorMakers|cluster\.brokers)\[([^\]]+)\](?:\.stages\[([^\]]+)\])?(?:\.(.+))?$/;

/**
 * The setting at `path` ("sparkJobs[trends].config.spark.streaming.backpressure.enabled") named for
 * a learner ("spark.streaming.backpressure.enabled on trends"). A config key is "on" its node, a
 * property of the node "of" it ("partitions of orders"). `nodeName` gives a node's shown name.
 */
export function settingName(path: string, nodeName: (id: string) => string = (id) => id): SettingName {
  const make = (name: string, where: string): SettingName => ({
    name,
    where,
    text: where ? `${name} ${where}` : name,
  });
  const m = NODE_PATH.exec(path);
  if (m) {
    const [, list, id, stage, rest] = m as unknown as [string, string, string, string?, string?];
    const node =
      stage !== undefined
        ? `stage ${stage} of ${nodeName(id)}`
        : list === 'cluster.brokers'
          ? `broker ${id}`
          : nodeName(id);
    if (rest === undefined)
      return stage !== undefined ? make(`stage ${stage}`, `of ${nodeName(id)}`) : make(node, '');
    return rest.startsWith('config.')
      ? make(rest.slice('config.'.length), `on ${node}`)
      : make(rest, `of ${node}`);
  }
  if (path === 'cluster.brokers') return make('brokers', 'in the cluster');
  if (path.startsWith('cluster.config.'))
    return make(path.slice('cluster.config.'.length), 'on every broker');
  if (path.startsWith('cluster.')) return make(path.slice('cluster.'.length), 'of the cluster');
  return make(path, '');
}
