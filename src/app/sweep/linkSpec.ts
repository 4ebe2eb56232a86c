// A share link's sweep or search spec, handed over by the link's opener (persist/startup.ts) once
// the document is open: the view shows it filled in, ready to run, or says why it was refused.
import type { LinkResult } from '../persist/shareLink';
import { useDocumentStore } from '../store/documentStore';
import { openSpecFromLink, useSweepStore } from './sweepStore';

/** The results pane's Sweep tab: selected by clicking it, as a person would (layout owns the tabs). */
function showSweepTab(): void {
  document.querySelector<HTMLElement>('[data-testid="results-tab-sweep"]')?.click();
}

export function openLinkSpec(result: Extract<LinkResult, { ok: true }>): void {
  if (result.specError !== undefined) {
    useSweepStore.setState({ linkNote: { kind: 'error', text: result.specError } });
    useDocumentStore.getState().setNotice({ kind: 'error', text: result.specError });
  } else openSpecFromLink(result.spec, result.doc);
  showSweepTab();
}
