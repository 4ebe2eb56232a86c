// Tidies the canvas left to right in the direction records flow (producers, topics, readers, sinks)
// with dagre's layered layout. Returns positions only; the caller writes them as one undoable edit.
import dagre from '@dagrejs/dagre';
import type { Pipeline } from '../../model';
import { jobSize, NODE_HEIGHT, NODE_WIDTH } from './flowView';
import type { XY } from './nodeFactory';

export interface Size {
  width: number;
  height: number;
}

const RANK_GAP = 90;
const NODE_GAP = 40;

export function autoLayout(doc: Pipeline, measured: ReadonlyMap<string, Size> = new Map()): Map<string, XY> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', ranksep: RANK_GAP, nodesep: NODE_GAP, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));

  const sizeOf = (id: string, fallback: Size): Size => {
    const m = measured.get(id);
    return m && m.width > 0 && m.height > 0 ? m : fallback;
  };
  const simple = { width: NODE_WIDTH, height: NODE_HEIGHT };
  const ids: string[] = [];
  const add = (id: string, size: Size) => {
    ids.push(id);
    g.setNode(id, { ...size });
  };
  doc.producers.forEach((p) => add(p.id, sizeOf(p.id, simple)));
  doc.topics.forEach((t) => add(t.id, sizeOf(t.id, simple)));
  doc.consumerGroups.forEach((c) => add(c.id, sizeOf(c.id, simple)));
  doc.sparkJobs.forEach((j) => add(j.id, sizeOf(j.id, jobSize(j.stages.length))));
  doc.sinks.forEach((s) => add(s.id, sizeOf(s.id, simple)));
  for (const e of doc.edges) if (g.hasNode(e.from) && g.hasNode(e.to)) g.setEdge(e.from, e.to);

  dagre.layout(g);
  const positions = new Map<string, XY>();
  for (const id of ids) {
    const n = g.node(id);
    // dagre gives centres; the document stores top-left corners like React Flow.
    positions.set(id, { x: Math.round(n.x - n.width / 2), y: Math.round(n.y - n.height / 2) });
  }
  return positions;
}
