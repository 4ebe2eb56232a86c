// The document seen as React Flow nodes and edges. Pure: the canvas derives this from `doc` and
// writes every edit back to the document, never to these objects.
import type { Edge, Node } from '@xyflow/react';
import type {
  ConsumerGroup,
  MirrorMaker,
  Pipeline,
  Producer,
  Sink,
  SparkJob,
  SparkSource,
  SparkStage,
  Topic,
} from '../../model';
import type { HTMLAttributes } from 'react';
import { displayName } from './entities';
import type { XY } from './nodeFactory';

export type ProducerNode = Node<{ producer: Producer }, 'producer'>;
export type TopicNode = Node<{ topic: Topic; index: number }, 'topic'>;
export type ConsumerGroupNode = Node<{ group: ConsumerGroup }, 'consumerGroup'>;
export type SparkJobNode = Node<{ job: SparkJob }, 'sparkJob'>;
export type StageNode = Node<{ stage: SparkStage; jobId: string; index: number }, 'sparkStage'>;
export type SinkNode = Node<{ sink: Sink }, 'sink'>;
export type SparkSourceNode = Node<{ source: SparkSource }, 'sparkSource'>;
export type MirrorMakerNode = Node<{ mirror: MirrorMaker }, 'mirrorMaker'>;
export type FlowNode =
  | ProducerNode
  | TopicNode
  | ConsumerGroupNode
  | SparkJobNode
  | StageNode
  | SinkNode
  | SparkSourceNode
  | MirrorMakerNode;
export type FlowEdge = Edge<{ from: string; to: string }, 'flow'>;

/** Sizes the layout code relies on; the CSS in canvas.css uses the same numbers. */
export const NODE_WIDTH = 190;
export const NODE_HEIGHT = 78;
export const STAGE_WIDTH = 118;
export const STAGE_HEIGHT = 62;
export const STAGE_GAP = 10;
export const JOB_PADDING = 12;
export const JOB_HEADER = 40;
export const JOB_MIN_WIDTH = 260;
/** Room under the stage row for the job's live rate. */
export const JOB_FOOTER = 16;

export function jobSize(stageCount: number): { width: number; height: number } {
  const row = stageCount * STAGE_WIDTH + Math.max(0, stageCount - 1) * STAGE_GAP;
  return {
    width: Math.max(JOB_MIN_WIDTH, row + 2 * JOB_PADDING),
    height: JOB_HEADER + STAGE_HEIGHT + JOB_PADDING + JOB_FOOTER,
  };
}

export const stagePosition = (index: number): XY => ({
  x: JOB_PADDING + index * (STAGE_WIDTH + STAGE_GAP),
  y: JOB_HEADER,
});

/** Columns a node without a saved position falls into, left to right in the direction of flow. */
const FALLBACK_COLUMN = {
  producer: 0,
  topic: 1,
  consumerGroup: 2,
  sparkJob: 2,
  sink: 3,
  sparkSource: 1,
  mirrorMaker: 2,
} as const;
const COLUMN_WIDTH = 300;
const ROW_HEIGHT = 150;

export const KIND_LABELS = {
  producer: 'Producer',
  topic: 'Topic',
  consumerGroup: 'Consumer group',
  sparkJob: 'Spark job',
  sink: 'Sink',
  sparkSource: 'Receiver source',
  mirrorMaker: 'MirrorMaker 2',
} as const;

export const STAGE_LABELS: Record<SparkStage['kind'], string> = {
  map: 'Map',
  flatMap: 'FlatMap',
  filter: 'Filter',
  aggregate: 'Aggregate',
  window: 'Window',
  join: 'Join',
  streamJoin: 'Stream join',
  cep: 'Pattern',
  score: 'ML score',
  sink: 'Output',
};

// React Flow's own wrapper element carries the test id (so tests click and drag the real node) and
// points at the text that explains a bottleneck or an invalid setting (rendered by the node itself).
const testId = (id: string) =>
  ({ 'data-testid': `node-${id}`, 'aria-describedby': `node-desc-${id}` }) as HTMLAttributes<HTMLDivElement>;

export const edgeId = (from: string, to: string): string => `${from}->${to}`;

export function docToFlow(
  doc: Pipeline,
  selection: ReadonlySet<string>,
  selectedEdges: ReadonlySet<string> = new Set(),
): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const rows = [0, 0, 0, 0];
  const place = (id: string, kind: keyof typeof FALLBACK_COLUMN): XY => {
    const saved = doc.layout[id];
    if (saved) return saved;
    const column = FALLBACK_COLUMN[kind];
    const row = rows[column] ?? 0;
    rows[column] = row + 1;
    return { x: column * COLUMN_WIDTH, y: row * ROW_HEIGHT };
  };
  const base = (entity: { id: string; name?: string | undefined }, kind: keyof typeof FALLBACK_COLUMN) => ({
    id: entity.id,
    position: place(entity.id, kind),
    selected: selection.has(entity.id),
    ariaLabel: `${KIND_LABELS[kind]} ${displayName(entity)}`,
    domAttributes: testId(entity.id),
  });

  const nodes: FlowNode[] = [];
  for (const producer of doc.producers)
    nodes.push({ ...base(producer, 'producer'), type: 'producer', data: { producer } });
  doc.topics.forEach((topic, index) =>
    nodes.push({ ...base(topic, 'topic'), type: 'topic', data: { topic, index } }),
  );
  for (const group of doc.consumerGroups)
    nodes.push({ ...base(group, 'consumerGroup'), type: 'consumerGroup', data: { group } });
  for (const job of doc.sparkJobs) {
    const size = jobSize(job.stages.length);
    nodes.push({ ...base(job, 'sparkJob'), type: 'sparkJob', data: { job }, ...size });
    job.stages.forEach((stage, index) =>
      // Stages sit in a fixed row inside their job: their order is the pipeline order, so they are not dragged.
      nodes.push({
        id: stage.id,
        type: 'sparkStage',
        parentId: job.id,
        position: stagePosition(index),
        selected: selection.has(stage.id),
        ariaLabel: `${STAGE_LABELS[stage.kind]} stage ${stage.id}`,
        domAttributes: testId(stage.id),
        draggable: false,
        connectable: false,
        width: STAGE_WIDTH,
        height: STAGE_HEIGHT,
        data: { stage, jobId: job.id, index },
      }),
    );
  }
  for (const sink of doc.sinks) nodes.push({ ...base(sink, 'sink'), type: 'sink', data: { sink } });
  for (const source of doc.sparkSources)
    nodes.push({ ...base(source, 'sparkSource'), type: 'sparkSource', data: { source } });
  for (const mirror of doc.mirrorMakers ?? [])
    nodes.push({ ...base(mirror, 'mirrorMaker'), type: 'mirrorMaker', data: { mirror } });

  const edges: FlowEdge[] = doc.edges.map((e) => {
    const id = edgeId(e.from, e.to);
    return {
      id,
      source: e.from,
      target: e.to,
      type: 'flow',
      selected: selectedEdges.has(id),
      data: { from: e.from, to: e.to },
    };
  });
  return { nodes, edges };
}

const shallowEqual = (a: Record<string, unknown>, b: Record<string, unknown>): boolean => {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.is(a[k], b[k]));
};

function sameNode(a: FlowNode, b: FlowNode): boolean {
  return (
    a.type === b.type &&
    a.position.x === b.position.x &&
    a.position.y === b.position.y &&
    (a.selected ?? false) === (b.selected ?? false) &&
    a.parentId === b.parentId &&
    a.width === b.width &&
    a.height === b.height &&
    shallowEqual(a.data, b.data)
  );
}

/**
 * Keeps the previous object for every node that did not change, so React Flow (which compares node
 * objects by identity) skips them, and carries over measured sizes so nothing flickers while a
 * changed node is measured again.
 */
export function reconcileNodes(prev: readonly FlowNode[], next: FlowNode[]): FlowNode[] {
  const byId = new Map(prev.map((n) => [n.id, n]));
  return next.map((n) => {
    const old = byId.get(n.id);
    if (!old) return n;
    if (sameNode(old, n)) return old;
    return old.measured ? ({ ...n, measured: old.measured } as FlowNode) : n;
  });
}

export function reconcileEdges(prev: readonly FlowEdge[], next: FlowEdge[]): FlowEdge[] {
  const byId = new Map(prev.map((e) => [e.id, e]));
  return next.map((e) => {
    const old = byId.get(e.id);
    return old && (old.selected ?? false) === (e.selected ?? false) ? old : e;
  });
}

/** The Spark job whose box contains `point` (flow coordinates), for dropping a stage onto it. */
export function jobAt(nodes: readonly FlowNode[], point: XY): string | undefined {
  // Later nodes are drawn on top, so the last match is the one under the pointer.
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i];
    if (n?.type !== 'sparkJob') continue;
    const width = n.measured?.width ?? n.width ?? 0;
    const height = n.measured?.height ?? n.height ?? 0;
    const { x, y } = n.position;
    if (point.x >= x && point.x <= x + width && point.y >= y && point.y <= y + height) return n.id;
  }
  return undefined;
}

/**
 * How "fit view" frames the pipeline everywhere: a margin of 10% (enough for handles; a larger one
 * costs type size on a short canvas) and never zoomed past 1.2. Above the nodes a fixed 24 px: the
 * Bottleneck badge sits on top of its node, outside the node's box, and a short canvas's 10% (a few
 * pixels) cut it in half. On the left a fixed 48 px, just past React Flow's zoom buttons at the
 * bottom left (a 15 px margin and 26 px buttons, so 41 px from the edge): 10% leaves about
 * 4.5% of the width on each side, which on a narrow canvas (a lesson open at 1280 px) put the
 * left-most node under them. No more than that: every pixel of margin costs type size, and the
 * widest example (two-stage-jobs) is near the 11 px floor at 1280x720.
 */
export const FIT_VIEW = {
  padding: { top: '24px', bottom: 0.1, left: '48px', right: 0.1 },
  maxZoom: 1.2,
} as const;

/** How close (in screen pixels) to a Spark job a stage may be dropped and still join it. */
export const JOB_DROP_REACH_PX = 60;

/**
 * The Spark job a stage dropped at `point` (flow coordinates) belongs to: the one under the pointer,
 * or else the nearest whose box is within `reach` (flow units) of it. Dropping just outside a job's
 * border means "put it in there" far more often than "start another job".
 */
export function jobNear(nodes: readonly FlowNode[], point: XY, reach: number): string | undefined {
  const under = jobAt(nodes, point);
  if (under) return under;
  let best: { id: string; distance: number } | undefined;
  for (const n of nodes) {
    if (n.type !== 'sparkJob') continue;
    const width = n.measured?.width ?? n.width ?? 0;
    const height = n.measured?.height ?? n.height ?? 0;
    const dx = Math.max(n.position.x - point.x, 0, point.x - (n.position.x + width));
    const dy = Math.max(n.position.y - point.y, 0, point.y - (n.position.y + height));
    const distance = Math.hypot(dx, dy);
    if (distance <= reach && (!best || distance < best.distance)) best = { id: n.id, distance };
  }
  return best?.id;
}

/** Where a new node's top-left goes so that its middle lands on `point`. */
export function centredAt(point: XY, size: { width: number; height: number }): XY {
  return { x: point.x - size.width / 2, y: point.y - size.height / 2 };
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlaps = (a: Rect, b: Rect, margin: number): boolean =>
  a.x < b.x + b.width + margin &&
  b.x < a.x + a.width + margin &&
  a.y < b.y + b.height + margin &&
  b.y < a.y + a.height + margin;

/**
 * The spot nearest to `at` (in growing rings, right and below first) where a box of
 * `size` overlaps none of `taken`, so nodes added by click never land on top of each other.
 */
export function findFreeSpot(taken: readonly Rect[], at: XY, size: { width: number; height: number }): XY {
  const stepX = size.width + 30;
  const stepY = size.height + 24;
  for (let ring = 0; ring < 30; ring++) {
    const spots: { dx: number; dy: number }[] = [];
    for (let dx = -ring; dx <= ring; dx++)
      for (let dy = -ring; dy <= ring; dy++)
        if (Math.max(Math.abs(dx), Math.abs(dy)) === ring) spots.push({ dx, dy });
    // Right first, then below: the flow runs that way, and above the middle is often out of view.
    const rank = (s: { dx: number; dy: number }) =>
      2 * (Number(s.dx < 0) + Number(s.dy < 0)) + Math.abs(s.dy);
    spots.sort((a, b) => rank(a) - rank(b));
    for (const { dx, dy } of spots) {
      const box = { x: at.x + dx * stepX, y: at.y + dy * stepY, ...size };
      if (!taken.some((r) => overlaps(box, r, 10))) return { x: box.x, y: box.y };
    }
  }
  return at;
}

/** Boxes of the top-level nodes, from measured sizes where React Flow has them. */
export function nodeRects(nodes: readonly FlowNode[]): Rect[] {
  return nodes
    .filter((n) => !n.parentId)
    .map((n) => ({
      x: n.position.x,
      y: n.position.y,
      width: n.measured?.width ?? n.width ?? NODE_WIDTH,
      height: n.measured?.height ?? n.height ?? NODE_HEIGHT,
    }));
}
