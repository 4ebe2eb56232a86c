// The editing commands the toolbar, the keyboard shortcuts, the palette and the inspector share.
// Each reads the current document from the store and applies one undoable change.
import { useDocumentStore } from '../store/documentStore';
import { useCanvasStore } from './canvasStore';
import { connect } from './connections';
import { deleteEdges, deleteNodes, duplicateNodes, moveStage } from './editing';
import type { XY } from './nodeFactory';
import { placeItem, type PaletteItem } from './paletteItems';

/** Notices the canvas raised, so a later success clears its own message but never someone else's. */
let ownNotice: string | undefined;

export function refuse(text: string): void {
  ownNotice = text;
  useDocumentStore.getState().setNotice({ kind: 'error', text, untilNextEdit: true });
}

function clearOwnNotice(): void {
  const { notice, setNotice } = useDocumentStore.getState();
  if (notice && notice.text === ownNotice) setNotice(null);
  ownNotice = undefined;
}

export function addFromPalette(item: PaletteItem, at: XY, jobId?: string): void {
  const store = useDocumentStore.getState();
  const result = placeItem(store.doc, item, at, jobId);
  if (!result.ok) return refuse(result.reason);
  clearOwnNotice();
  store.change(() => result.doc);
  store.setSelection([result.id]);
}

export function connectNodes(from: string, to: string): void {
  const store = useDocumentStore.getState();
  const result = connect(store.doc, from, to);
  if (!result.ok) return refuse(`Connection refused: ${result.reason}`);
  clearOwnNotice();
  store.change(() => result.doc);
}

export function deleteSelection(): void {
  const store = useDocumentStore.getState();
  const canvas = useCanvasStore.getState();
  const edges = canvas.selectedEdges.map((id) => {
    const [from = '', to = ''] = id.split('->');
    return { from, to };
  });
  if (store.selection.length === 0 && edges.length === 0) return;
  const removed = deleteNodes(deleteEdges(store.doc, edges), store.selection);
  store.change(() => removed.doc);
  // Refused (an open lesson keeps its nodes): the selection stays, the notice says why.
  if (useDocumentStore.getState().doc === store.doc && removed.doc !== store.doc) return;
  store.setSelection([]);
  canvas.setSelectedEdges([]);
  if (removed.kept) refuse(removed.kept);
}

export function duplicateSelection(): void {
  const store = useDocumentStore.getState();
  if (store.selection.length === 0) return;
  const result = duplicateNodes(store.doc, store.selection);
  if (result.ids.length === 0)
    return refuse('A job has one sink stage, so it cannot be duplicated inside the job.');
  store.change(() => result.doc);
  store.setSelection(result.ids);
}

export function shiftStage(stageId: string, delta: -1 | 1): void {
  useDocumentStore.getState().change((doc) => moveStage(doc, stageId, delta));
}

export function removeNode(id: string): void {
  const store = useDocumentStore.getState();
  const removed = deleteNodes(store.doc, [id]);
  store.change(() => removed.doc);
  store.setSelection(store.selection.filter((s) => s !== id));
  if (removed.kept) refuse(removed.kept);
}
