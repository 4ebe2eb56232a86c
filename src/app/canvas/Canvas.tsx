// The React Flow canvas: a view of the document. Nodes and edges are derived from `doc`; every edit
// (move, connect, drop, delete) is written back to the document through the store.
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import {
  applyNodeChanges,
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  getNodesBounds,
  useReactFlow,
  useStore,
  type Connection,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './canvas.css';
import type { Pipeline } from '../../model';
import { useDocumentStore } from '../store/documentStore';
import { addFromPalette, connectNodes } from './canvasActions';
import { useCanvasStore } from './canvasStore';
import { CanvasToolbar } from './CanvasToolbar';
import { ClusterStrip } from './ClusterStrip';
import { MarkReason } from './MarkReason';
import { moveNodes } from './editing';
import {
  centredAt,
  docToFlow,
  JOB_DROP_REACH_PX,
  jobNear,
  FIT_VIEW,
  reconcileEdges,
  reconcileNodes,
  type FlowEdge,
  type FlowNode,
} from './flowView';
import type { XY } from './nodeFactory';
import { FlowEdgeView } from './nodes/FlowEdgeView';
import { LevelOfDetail, useMinimapRoom } from './nodes/levelOfDetail';
import { ConsumerGroupNodeView, ProducerNodeView, SinkNodeView } from './nodes/simpleNodes';
import { MirrorMakerNodeView } from './nodes/MirrorMakerNodeView';
import { SparkJobNodeView, StageNodeView } from './nodes/sparkNodes';
import { SparkSourceNodeView } from './nodes/SparkSourceNodeView';
import { TopicNodeView } from './nodes/TopicNodeView';
import { PALETTE_MIME, paletteItem, placedSize } from './paletteItems';
import { insidePane, RefitOnResize, type Size } from './refitOnResize';
import { useCanvasShortcuts } from './useCanvasShortcuts';

const nodeTypes = {
  producer: ProducerNodeView,
  topic: TopicNodeView,
  consumerGroup: ConsumerGroupNodeView,
  sparkJob: SparkJobNodeView,
  sparkStage: StageNodeView,
  sink: SinkNodeView,
  sparkSource: SparkSourceNodeView,
  mirrorMaker: MirrorMakerNodeView,
};
const edgeTypes = { flow: FlowEdgeView };
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
/** Small, so it hides little of a canvas that shares the screen with the charts. */
const MINIMAP_SIZE = { width: 120, height: 72 };

export function Canvas() {
  useCanvasShortcuts();
  const flowRef = useRef<HTMLDivElement>(null);
  return (
    <div className="sl-canvas" data-testid="canvas">
      <CanvasToolbar />
      <div className="sl-flow" ref={flowRef}>
        <FlowView />
        <LevelOfDetail target={flowRef} />
      </div>
      <ClusterStrip />
    </div>
  );
}

function FlowView() {
  const doc = useDocumentStore((s) => s.doc);
  const selection = useDocumentStore((s) => s.selection);
  const generation = useDocumentStore((s) => s.generation);
  // A document with no history was just loaded (first visit, restored autosave), not edited.
  const freshDoc = useDocumentStore((s) => (s.past.length === 0 && s.future.length === 0 ? s.doc : null));
  const selectedEdges = useCanvasStore((s) => s.selectedEdges);
  const { screenToFlowPosition, fitView, getViewport, getNodes } = useReactFlow();

  const selectedNodeSet = useMemo(() => new Set(selection), [selection]);
  const selectedEdgeSet = useMemo(() => new Set(selectedEdges), [selectedEdges]);
  const derived = useMemo(
    () => docToFlow(doc, selectedNodeSet, selectedEdgeSet),
    [doc, selectedNodeSet, selectedEdgeSet],
  );
  // React Flow keeps measured sizes and in-drag positions on the node objects it is given, so the
  // view holds its own copy, brought up to date (keeping unchanged objects) whenever the document does.
  const [view, setView] = useState(() => ({ derived, nodes: derived.nodes, edges: derived.edges }));
  let current = view;
  if (view.derived !== derived) {
    current = {
      derived,
      nodes: reconcileNodes(view.nodes, derived.nodes),
      edges: reconcileEdges(view.edges, derived.edges),
    };
    setView(current);
  }

  const dragSerial = useRef(0);
  const onNodeDragStart = useCallback(() => {
    dragSerial.current += 1;
  }, []);

  const onNodesChange = useCallback((changes: NodeChange<FlowNode>[]) => {
    const store = useDocumentStore.getState();
    const selects = changes.filter((c) => c.type === 'select');
    if (selects.length > 0) {
      const next = new Set(store.selection);
      for (const c of selects) {
        if (c.selected) next.add(c.id);
        else next.delete(c.id);
      }
      store.setSelection([...next]);
    }
    const local = changes.filter((c) => c.type === 'position' || c.type === 'dimensions');
    if (local.length > 0) setView((v) => ({ ...v, nodes: applyNodeChanges(local, v.nodes) }));
    // A finished drag (or an arrow-key nudge) is written to the document; one drag is one undo step.
    const moved = new Map<string, XY>();
    for (const c of changes) {
      if (c.type === 'position' && c.dragging === false && c.position && !isStage(store.doc, c.id))
        moved.set(c.id, c.position);
    }
    if (moved.size > 0)
      store.change((d) => moveNodes(d, moved), `move:${[...moved.keys()].join(',')}:${dragSerial.current}`);
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange<FlowEdge>[]) => {
    const selects = changes.filter((c) => c.type === 'select');
    if (selects.length === 0) return;
    const canvas = useCanvasStore.getState();
    const next = new Set(canvas.selectedEdges);
    for (const c of selects) {
      if (c.selected) next.add(c.id);
      else next.delete(c.id);
    }
    canvas.setSelectedEdges([...next]);
  }, []);

  const onConnect = useCallback((c: Connection) => connectNodes(c.source, c.target), []);

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(PALETTE_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }, []);

  const nodesRef = useRef(current.nodes);
  useEffect(() => {
    nodesRef.current = current.nodes;
  });
  const onDrop = useCallback(
    (e: DragEvent) => {
      const item = paletteItem(e.dataTransfer.getData(PALETTE_MIME));
      if (!item) return;
      e.preventDefault();
      const point = screenToFlowPosition({ x: e.clientX, y: e.clientY });
      const isStageItem = 'stage' in item.place;
      const zoom = getViewport().zoom;
      const jobId = isStageItem ? jobNear(nodesRef.current, point, JOB_DROP_REACH_PX / zoom) : undefined;
      // Dropped on or near a job, a stage joins it; elsewhere it starts a new job centred under the pointer.
      addFromPalette(item, centredAt(point, placedSize(item)), jobId);
    },
    [screenToFlowPosition, getViewport],
  );

  // A newly loaded document (restored autosave, file, link, example) is brought into view once its
  // nodes are measured; edits never move the view. Never on an empty canvas: React Flow would keep
  // the fit queued and jump to the first node someone drops, moving the canvas under their hand.
  const fitRef = useRef(fitView);
  useEffect(() => {
    fitRef.current = fitView;
  });
  const lastLoad = useRef<{ generation: number; doc: Pipeline | null }>({ generation: -1, doc: null });
  useEffect(() => {
    const isNew =
      generation !== lastLoad.current.generation || (freshDoc !== null && freshDoc !== lastLoad.current.doc);
    lastLoad.current = { generation, doc: freshDoc };
    if (!isNew || !hasNodes(useDocumentStore.getState().doc)) return;
    // The fit may cross the level-of-detail threshold, which changes node sizes: once the nodes are
    // measured again (two frames later), fit once more to the sizes now shown.
    void fitRef
      .current(FIT_VIEW)
      .then(() => requestAnimationFrame(() => requestAnimationFrame(() => void fitRef.current(FIT_VIEW))));
  }, [generation, freshDoc]);

  // The pane changed size (results enlarged or made smaller, a kept run opened, a divider dragged):
  // a view that showed the whole pipeline is fitted to the new size once it settles.
  const paneWidth = useStore((s) => s.width);
  const paneHeight = useStore((s) => s.height);
  const refitRef = useRef<RefitOnResize | null>(null);
  useEffect(() => {
    const allInView = (size: Size): boolean => {
      const nodes = getNodes();
      if (nodes.length === 0) return false;
      const b = getNodesBounds(nodes);
      const { x, y, zoom } = getViewport();
      const box = {
        left: b.x * zoom + x,
        top: b.y * zoom + y,
        right: (b.x + b.width) * zoom + x,
        bottom: (b.y + b.height) * zoom + y,
      };
      return insidePane(box, size);
    };
    // As after a load: once more when the nodes are measured again at the new level of detail.
    const fit = () =>
      void fitRef
        .current(FIT_VIEW)
        .then(() => requestAnimationFrame(() => requestAnimationFrame(() => void fitRef.current(FIT_VIEW))));
    const refit = new RefitOnResize({ allInView, fit });
    refitRef.current = refit;
    return () => refit.dispose();
  }, [getNodes, getViewport]);
  useEffect(() => {
    refitRef.current?.resized({ width: paneWidth, height: paneHeight });
  }, [paneWidth, paneHeight]);

  // Someone (the pipeline check's "Select") asked to see a node: bring it into view in full detail.
  const focusRequest = useCanvasStore((s) => s.focusRequest);
  useEffect(() => {
    if (focusRequest)
      void fitRef.current({
        nodes: [{ id: focusRequest.id }],
        padding: 0.4,
        minZoom: 1,
        maxZoom: 1.2,
        duration: 200,
      });
  }, [focusRequest]);

  return (
    <>
      <ReactFlow<FlowNode, FlowEdge>
        nodes={current.nodes}
        edges={current.edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onNodeDragStart={onNodeDragStart}
        onDrop={onDrop}
        onDragOver={onDragOver}
        deleteKeyCode={null}
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        selectionKeyCode="Shift"
        minZoom={0.1}
        maxZoom={2.5}
        colorMode="system"
        aria-label="Pipeline canvas"
      >
        <Background gap={20} />
        <Controls showInteractive={false} aria-label="Zoom controls" />
        <CanvasMinimap />
        <MarkReason />
      </ReactFlow>
      {current.nodes.length === 0 && (
        <div className="sl-canvas-empty" data-testid="canvas-empty">
          Drag a <b>producer</b>, a <b>topic</b> and a <b>Kafka source</b> from the palette (or press Enter on
          one), then connect their handles from left to right.
        </div>
      )}
    </>
  );
}

/** Only on a canvas big enough that fit view leaves it a corner of its own. */
function CanvasMinimap() {
  if (!useMinimapRoom()) return null;
  return (
    <MiniMap
      pannable
      zoomable
      ariaLabel="Minimap of the pipeline"
      className="sl-minimap"
      style={MINIMAP_SIZE}
    />
  );
}

const hasNodes = (doc: Pipeline): boolean =>
  doc.producers.length +
    doc.topics.length +
    doc.consumerGroups.length +
    doc.sparkJobs.length +
    doc.sinks.length >
  0;

function isStage(doc: Pipeline, id: string): boolean {
  return doc.sparkJobs.some((j) => j.stages.some((s) => s.id === id));
}
