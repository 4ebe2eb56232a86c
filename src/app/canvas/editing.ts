// Edits of the document's structure: delete, duplicate, move, reorder stages. Each is a pure function
// from a document to a new one, so it can go through the store's change() and be undone.
import type { Pipeline, SparkStage } from '../../model';
import { refuseConnection } from './connections';
import { allIds, findEntity, freshId } from './entities';
import { stageIdPrefix, type XY } from './nodeFactory';

export interface DeleteResult {
  doc: Pipeline;
  /** Why some of the selection stayed (the last broker cannot go). */
  kept?: string;
}

/** Removes nodes (any kind), the edges that touch them and their canvas positions. */
export function deleteNodes(doc: Pipeline, ids: readonly string[]): DeleteResult {
  const gone = new Set(ids);
  if (gone.size === 0) return { doc };
  // A job going away takes its stages with it, so their ids count as gone too.
  for (const job of doc.sparkJobs) if (gone.has(job.id)) job.stages.forEach((s) => gone.add(s.id));

  let brokers = doc.cluster.brokers.filter((b) => !gone.has(b.id));
  let kept: string | undefined;
  if (brokers.length === 0) {
    brokers = doc.cluster.brokers.slice(0, 1);
    kept = 'A cluster needs at least one broker, so the last one stays.';
  }
  const without = <T extends { id: string }>(list: T[]): T[] =>
    list.some((n) => gone.has(n.id)) ? list.filter((n) => !gone.has(n.id)) : list;
  const next: Pipeline = {
    ...doc,
    cluster: brokers.length === doc.cluster.brokers.length ? doc.cluster : { ...doc.cluster, brokers },
    producers: without(doc.producers),
    topics: without(doc.topics),
    consumerGroups: without(doc.consumerGroups),
    sparkJobs: without(doc.sparkJobs).map((j) => {
      const stages = without(j.stages);
      return stages === j.stages ? j : { ...j, stages };
    }),
    sinks: without(doc.sinks),
    ...(doc.mirrorMakers ? { mirrorMakers: without(doc.mirrorMakers) } : {}),
    edges: doc.edges.filter((e) => !gone.has(e.from) && !gone.has(e.to)),
    layout: Object.fromEntries(Object.entries(doc.layout).filter(([id]) => !gone.has(id))),
  };
  return kept ? { doc: next, kept } : { doc: next };
}

export function deleteEdges(doc: Pipeline, edges: readonly { from: string; to: string }[]): Pipeline {
  const gone = new Set(edges.map((e) => `${e.from}->${e.to}`));
  const kept = doc.edges.filter((e) => !gone.has(`${e.from}->${e.to}`));
  return kept.length === doc.edges.length ? doc : { ...doc, edges: kept };
}

/** How far a copy lands from its original, so both stay visible. */
export const DUPLICATE_OFFSET = 40;

/**
 * Copies nodes with fresh ids. Connections between copied nodes are copied; a connection to a node
 * outside the selection is copied only where the connection rules still allow it (a copied producer
 * writes to the same topic, but a copied topic does not steal its readers).
 */
export function duplicateNodes(doc: Pipeline, ids: readonly string[]): { doc: Pipeline; ids: string[] } {
  const taken = allIds(doc);
  const renamed = new Map<string, string>();
  const fresh = (id: string, prefix: string): string => {
    const copy = freshId(taken, prefix);
    taken.add(copy);
    renamed.set(id, copy);
    return copy;
  };
  const prefixOf = (id: string): string => id.replace(/-\d+$/, '') || 'node';
  const copyStage = (s: SparkStage): SparkStage => ({ ...s, id: fresh(s.id, stageIdPrefix(s.kind)) });

  let next = doc;
  const created: string[] = [];
  const layout = { ...doc.layout };
  for (const id of new Set(ids)) {
    const ref = findEntity(next, id);
    if (!ref || renamed.has(id)) continue;
    if (ref.kind === 'sparkStage') {
      // A stage is copied into its own job, right after the original, unless it is the one sink stage.
      if (ref.value.kind === 'sink') continue;
      const copy = copyStage(ref.value);
      const stages = [...ref.job.stages];
      stages.splice(ref.index + 1, 0, copy);
      next = { ...next, sparkJobs: next.sparkJobs.map((j) => (j.id === ref.job.id ? { ...j, stages } : j)) };
      created.push(copy.id);
      continue;
    }
    const copyId = fresh(id, ref.kind === 'broker' ? 'broker' : prefixOf(id));
    created.push(copyId);
    const at = doc.layout[id];
    if (at) layout[copyId] = { x: at.x + DUPLICATE_OFFSET, y: at.y + DUPLICATE_OFFSET };
    switch (ref.kind) {
      case 'producer':
        next = { ...next, producers: [...next.producers, { ...ref.value, id: copyId }] };
        break;
      case 'topic':
        next = { ...next, topics: [...next.topics, { ...ref.value, id: copyId }] };
        break;
      case 'consumerGroup':
        next = { ...next, consumerGroups: [...next.consumerGroups, { ...ref.value, id: copyId }] };
        break;
      case 'sink':
        next = { ...next, sinks: [...next.sinks, { ...ref.value, id: copyId }] };
        break;
      case 'sparkJob':
        next = {
          ...next,
          sparkJobs: [
            ...next.sparkJobs,
            { ...ref.value, id: copyId, stages: ref.value.stages.map(copyStage) },
          ],
        };
        break;
      case 'broker':
        next = {
          ...next,
          cluster: { ...next.cluster, brokers: [...next.cluster.brokers, { ...ref.value, id: copyId }] },
        };
        break;
    }
  }
  next = { ...next, layout };
  for (const e of doc.edges) {
    const from = renamed.get(e.from);
    const to = renamed.get(e.to);
    if (!from && !to) continue;
    const edge = { from: from ?? e.from, to: to ?? e.to };
    if (!refuseConnection(next, edge.from, edge.to)) next = { ...next, edges: [...next.edges, edge] };
  }
  return { doc: next, ids: created };
}

/** Writes canvas positions (rounded: the document is saved and shared, sub-pixels mean nothing). */
export function moveNodes(doc: Pipeline, positions: ReadonlyMap<string, XY>): Pipeline {
  let changed = false;
  const layout = { ...doc.layout };
  for (const [id, p] of positions) {
    const x = Math.round(p.x);
    const y = Math.round(p.y);
    const old = layout[id];
    if (old && old.x === x && old.y === y) continue;
    layout[id] = { x, y };
    changed = true;
  }
  return changed ? { ...doc, layout } : doc;
}

/** Whether a stage can move by `delta` (-1 up, +1 down): the sink stage stays last. */
export function canMoveStage(stages: readonly SparkStage[], index: number, delta: -1 | 1): boolean {
  const target = index + delta;
  const stage = stages[index];
  const other = stages[target];
  if (!stage || !other) return false;
  return stage.kind !== 'sink' && other.kind !== 'sink';
}

export function moveStage(doc: Pipeline, stageId: string, delta: -1 | 1): Pipeline {
  const ref = findEntity(doc, stageId);
  if (ref?.kind !== 'sparkStage' || !canMoveStage(ref.job.stages, ref.index, delta)) return doc;
  const stages = [...ref.job.stages];
  const [stage] = stages.splice(ref.index, 1);
  if (!stage) return doc;
  stages.splice(ref.index + delta, 0, stage);
  return { ...doc, sparkJobs: doc.sparkJobs.map((j) => (j.id === ref.job.id ? { ...j, stages } : j)) };
}
