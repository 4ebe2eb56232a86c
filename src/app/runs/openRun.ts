// Opens a kept run: its document goes to the editor (Ctrl+Z brings back the previous one) and its
// kept series to the charts and totals as a finished run; Play runs the document again from 0 s.
import { openDocument } from '../persist/openDocument';
import { runClient } from '../run/simClient';
import { useDocumentStore } from '../store/documentStore';
import type { SavedRun } from './types';

export function openSavedRun(run: SavedRun, what = `Opened run ${run.name} with its charts`): void {
  openDocument(run.doc, what);
  runClient.showRun(useDocumentStore.getState().doc, run);
}
