// Every way of replacing the whole document (file, link, example, New) ends here, so each one can
// be undone and each one says what happened.
import type { Pipeline } from '../../model';
import { emptyDocument } from '../store/emptyDocument';
import { useDocumentStore } from '../store/documentStore';

const same = (a: Pipeline, b: Pipeline): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * Whether Ctrl+Z after opening `next` over `previous` brings back anything worth the sentence: not
 * the untouched empty canvas of a first visit, nor the very same document.
 */
export const undoBringsBack = (previous: Pipeline, next: Pipeline): boolean =>
  !same(previous, next) && !same(previous, emptyDocument());

export function openDocument(doc: Pipeline, what: string, warnings: readonly string[] = []): void {
  const store = useDocumentStore.getState();
  const previous = store.doc;
  store.replaceDocument(doc);
  const undo = undoBringsBack(previous, doc) ? ' Ctrl+Z brings back the previous pipeline.' : '';
  const note = warnings.length > 0 ? ` Note: ${warnings.slice(0, 3).join('; ')}.` : '';
  store.setNotice({ kind: 'info', text: `${what}.${undo}${note}` });
}

export function reportError(text: string): void {
  useDocumentStore.getState().setNotice({ kind: 'error', text });
}
