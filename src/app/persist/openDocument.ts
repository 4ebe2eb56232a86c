// Every way of replacing the whole document (file, link, example, New) ends here, so each one can
// be undone and each one says what happened.
import type { Pipeline } from '../../model';
import { useDocumentStore } from '../store/documentStore';

export function openDocument(doc: Pipeline, what: string, warnings: readonly string[] = []): void {
  const store = useDocumentStore.getState();
  store.replaceDocument(doc);
  const note = warnings.length > 0 ? ` Note: ${warnings.slice(0, 3).join('; ')}.` : '';
  store.setNotice({ kind: 'info', text: `${what}. Ctrl+Z brings back the previous pipeline.${note}` });
}

export function reportError(text: string): void {
  useDocumentStore.getState().setNotice({ kind: 'error', text });
}
