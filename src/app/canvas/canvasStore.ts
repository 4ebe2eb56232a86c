// Canvas-only view state that other parts (toolbar, shortcuts, the pipeline check) need: which edges
// are selected, and a request to bring a node into view. Node selection lives in the document
// store, because the inspector and others read it too.
import { create } from 'zustand';

interface CanvasState {
  /** Ids `${from}->${to}` of the selected edges. */
  selectedEdges: readonly string[];
  setSelectedEdges(ids: readonly string[]): void;
  /** The latest "show this node" request; `serial` grows so asking twice for one node works twice. */
  focusRequest: { id: string; serial: number } | null;
  /** Asks the canvas to pan and zoom so that node `id` is in view (the canvas does it once mounted). */
  focusNode(id: string): void;
}

export const useCanvasStore = create<CanvasState>()((set, get) => ({
  selectedEdges: [],
  setSelectedEdges(ids) {
    set({ selectedEdges: ids });
  },
  focusRequest: null,
  focusNode(id) {
    set({ focusRequest: { id, serial: (get().focusRequest?.serial ?? 0) + 1 } });
  },
}));
