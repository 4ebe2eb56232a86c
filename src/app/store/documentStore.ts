// The one pipeline document the whole app edits, with undo/redo. React Flow nodes, the share link,
// autosave and the worker are all views of `doc`; nothing else is the source of truth.
import { create } from 'zustand';
import { nodeKinds, type Pipeline } from '../../model';
import { emptyDocument } from './emptyDocument';

/** Undo keeps at most this many steps, so a long session cannot grow memory without bound. */
export const HISTORY_LIMIT = 200;

export interface Notice {
  kind: 'error' | 'info';
  text: string;
  /**
   * Says why an edit was refused (a connection, a locked setting): it has nothing more to say once
   * an edit goes through, so the next successful change() takes it away.
   */
  untilNextEdit?: boolean;
}

export interface DocumentState {
  doc: Pipeline;
  past: Pipeline[];
  future: Pipeline[];
  /** Ids of the selected nodes (any kind, including Spark stages). */
  selection: string[];
  /** One message for the user (a refused connection, a broken link, ...), shown in a banner. */
  notice: Notice | null;
  /** Counts replaceDocument calls, so views can react to a new document (the canvas fits it in view). */
  generation: number;

  /**
   * Applies an edit. `recipe` returns a new document (never mutates its argument). Edits with the
   * same non-empty `mergeKey` in a row (typing in one field, dragging one node) form one undo step.
   */
  change(recipe: (doc: Pipeline) => Pipeline, mergeKey?: string): void;
  /** Replaces the whole document (open a file, a link, an example). Undo can bring the old one back. */
  replaceDocument(doc: Pipeline): void;
  undo(): void;
  redo(): void;
  setSelection(ids: string[]): void;
  setNotice(notice: Notice | null): void;
}

let lastMergeKey: string | undefined;

/**
 * A rule that may refuse an edit made through `change` (an open lesson keeps most settings fixed):
 * it returns the reason, shown as the notice, or null to let the edit through. Replacing the whole
 * document, undo and redo are not edits and are never refused.
 */
export type EditGuard = (prev: Pipeline, next: Pipeline) => string | null;
let editGuard: EditGuard | null = null;

export function setEditGuard(guard: EditGuard | null): void {
  editGuard = guard;
}

/** Undo and redo can remove selected nodes; the selection keeps only those that still exist. */
function stillThere(selection: string[], doc: Pipeline): string[] {
  if (selection.length === 0) return selection;
  const ids = nodeKinds(doc);
  const kept = selection.filter((id) => ids.has(id));
  return kept.length === selection.length ? selection : kept;
}

export const useDocumentStore = create<DocumentState>()((set, get) => ({
  doc: emptyDocument(),
  past: [],
  future: [],
  selection: [],
  notice: null,
  generation: 0,

  change(recipe, mergeKey) {
    const { doc, past } = get();
    const next = recipe(doc);
    if (next === doc) return;
    const refusal = editGuard?.(doc, next);
    if (refusal) {
      set({ notice: { kind: 'error', text: refusal, untilNextEdit: true } });
      return;
    }
    const merge = mergeKey !== undefined && mergeKey === lastMergeKey && past.length > 0;
    lastMergeKey = mergeKey;
    set({
      doc: next,
      past: merge ? past : [...past, doc].slice(-HISTORY_LIMIT),
      future: [],
      ...(get().notice?.untilNextEdit ? { notice: null } : {}),
    });
  },

  replaceDocument(next) {
    const { doc, past, generation } = get();
    lastMergeKey = undefined;
    set({
      doc: next,
      past: [...past, doc].slice(-HISTORY_LIMIT),
      future: [],
      selection: [],
      generation: generation + 1,
    });
  },

  undo() {
    const { doc, past, future } = get();
    const prev = past[past.length - 1];
    if (!prev) return;
    lastMergeKey = undefined;
    set({
      doc: prev,
      past: past.slice(0, -1),
      future: [doc, ...future],
      selection: stillThere(get().selection, prev),
    });
  },

  redo() {
    const { doc, past, future } = get();
    const next = future[0];
    if (!next) return;
    lastMergeKey = undefined;
    set({
      doc: next,
      past: [...past, doc].slice(-HISTORY_LIMIT),
      future: future.slice(1),
      selection: stillThere(get().selection, next),
    });
  },

  setSelection(ids) {
    set({ selection: ids });
  },

  setNotice(notice) {
    set({ notice });
  },
}));
