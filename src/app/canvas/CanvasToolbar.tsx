// Buttons for what the keyboard shortcuts do, plus fit view and auto-layout.
import { useReactFlow } from '@xyflow/react';
import { useStructureLocked } from '../lessons/lessonMode';
import { useDocumentStore } from '../store/documentStore';
import { autoLayout, type Size } from './autoLayout';
import { deleteSelection, duplicateSelection } from './canvasActions';
import { useCanvasStore } from './canvasStore';
import { moveNodes } from './editing';
import { FIT_VIEW } from './flowView';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl+';

export function CanvasToolbar() {
  const canUndo = useDocumentStore((s) => s.past.length > 0);
  const canRedo = useDocumentStore((s) => s.future.length > 0);
  const undo = useDocumentStore((s) => s.undo);
  const redo = useDocumentStore((s) => s.redo);
  const hasSelection = useDocumentStore((s) => s.selection.length > 0);
  const hasEdgeSelection = useCanvasStore((s) => s.selectedEdges.length > 0);
  const isEmpty = useDocumentStore(
    (s) => Object.keys(s.doc.layout).length === 0 && s.doc.producers.length === 0,
  );
  const { fitView, getNodes } = useReactFlow();
  // An open lesson that keeps the nodes and connections as they are: nothing to duplicate or delete.
  const structureLocked = useStructureLocked();
  const lockedTitle = structureLocked ? ' (not in this lesson: it keeps the nodes as they are)' : '';

  const tidy = () => {
    const sizes = new Map<string, Size>();
    for (const n of getNodes()) {
      if (n.measured?.width && n.measured.height)
        sizes.set(n.id, { width: n.measured.width, height: n.measured.height });
    }
    const { change } = useDocumentStore.getState();
    change((doc) => moveNodes(doc, autoLayout(doc, sizes)));
    // Fit after React Flow has the new positions.
    requestAnimationFrame(() => void fitView({ ...FIT_VIEW, duration: 200 }));
  };

  return (
    <div className="sl-toolbar" role="toolbar" aria-label="Canvas tools">
      <button
        type="button"
        data-testid="canvas-undo"
        onClick={undo}
        disabled={!canUndo}
        title={`Undo (${MOD}Z)`}
      >
        Undo
      </button>
      <button
        type="button"
        data-testid="canvas-redo"
        onClick={redo}
        disabled={!canRedo}
        title={`Redo (${MOD}Shift+Z or ${MOD}Y)`}
      >
        Redo
      </button>
      <span className="sl-toolbar-gap" />
      <button
        type="button"
        data-testid="canvas-duplicate"
        onClick={duplicateSelection}
        disabled={!hasSelection || structureLocked}
        title={`Duplicate the selection (${MOD}D)${lockedTitle}`}
      >
        Duplicate
      </button>
      <button
        type="button"
        data-testid="canvas-delete"
        onClick={deleteSelection}
        disabled={(!hasSelection && !hasEdgeSelection) || structureLocked}
        title={`Delete the selection (Delete or Backspace)${lockedTitle}`}
      >
        Delete
      </button>
      <span className="sl-toolbar-gap" />
      <button
        type="button"
        data-testid="canvas-fit"
        onClick={() => void fitView({ ...FIT_VIEW, duration: 200 })}
        title="Zoom to show the whole pipeline"
      >
        Fit view
      </button>
      <button
        type="button"
        data-testid="canvas-autolayout"
        onClick={tidy}
        disabled={isEmpty}
        title="Arrange the nodes left to right in the direction records flow (undoable)"
      >
        Auto-layout
      </button>
      <span className="sl-toolbar-hint">Shift-drag to select several · {MOD}Z undo</span>
    </div>
  );
}
