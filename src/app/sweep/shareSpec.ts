// Copy link for a sweep or a search: the document and the spec (never results) in one address. The
// first seed is written out, so the link gives the same runs even if the document's seed is edited.
import type { Pipeline } from '../../model';
import type { SearchSpec, SweepSpec } from '../../whatif';
import { shareUrl } from '../persist/shareLink';
import { useDocumentStore } from '../store/documentStore';

export async function specLink(doc: Pipeline, spec: SweepSpec | SearchSpec, base: string): Promise<string> {
  return shareUrl(doc, base, { ...spec, baseSeed: spec.baseSeed ?? doc.run.seed });
}

export async function copySpecLink(doc: Pipeline, spec: SweepSpec | SearchSpec): Promise<void> {
  const url = await specLink(doc, spec, window.location.href);
  const what = spec.kind === 'sweep' ? 'sweep' : 'search';
  const notice = useDocumentStore.getState().setNotice;
  try {
    await navigator.clipboard.writeText(url);
    notice({
      kind: 'info',
      text: `Link to this ${what} copied: the pipeline and the ${what}, not its results.`,
    });
  } catch {
    notice({ kind: 'info', text: `Copy this link to the ${what}: ${url}` });
  }
}
