// Keyboard shortcuts of the designer. They stay out of the way while someone types in a field, so
// Backspace edits text and Ctrl+Z undoes typing there instead of undoing the document.
import { useEffect } from 'react';
import { useDocumentStore } from '../store/documentStore';
import { deleteSelection, duplicateSelection } from './canvasActions';
import { useCanvasStore } from './canvasStore';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}

export function handleShortcut(e: KeyboardEvent): boolean {
  if (isTyping(e.target) || e.altKey) return false;
  const key = e.key.toLowerCase();
  const mod = e.ctrlKey || e.metaKey;
  const store = useDocumentStore.getState();
  if (mod && key === 'z' && !e.shiftKey) store.undo();
  else if (mod && ((key === 'z' && e.shiftKey) || key === 'y')) store.redo();
  else if (mod && key === 'd') duplicateSelection();
  else if (!mod && (e.key === 'Delete' || e.key === 'Backspace')) deleteSelection();
  else if (
    !mod &&
    e.key === 'Escape' &&
    (store.selection.length > 0 || useCanvasStore.getState().selectedEdges.length > 0)
  ) {
    store.setSelection([]);
    useCanvasStore.getState().setSelectedEdges([]);
  } else return false;
  return true;
}

export function useCanvasShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (handleShortcut(e)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
