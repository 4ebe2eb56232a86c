// Canvas-only view state that other canvas parts (toolbar, shortcuts) need: which edges are selected.
// Node selection lives in the document store, because the inspector and others read it too.
import { create } from 'zustand';

interface CanvasState {
  /** Ids `${from}->${to}` of the selected edges. */
  selectedEdges: readonly string[];
  setSelectedEdges(ids: readonly string[]): void;
}

export const useCanvasStore = create<CanvasState>()((set) => ({
  selectedEdges: [],
  setSelectedEdges(ids) {
    set({ selectedEdges: ids });
  },
}));
