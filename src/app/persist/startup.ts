// Loads the first document and keeps it safe: a share link in the address wins, then the autosave,
// then the store's empty document. Links opened later (hashchange) replace the document the same way.
import { useDocumentStore } from '../store/documentStore';
import { browserStorage, restoreAutosave, startAutosave, type Autosave } from './autosave';
import { loadExamples } from './examples';
import { openDocument, reportError } from './openDocument';
import { decodeShareHash, hashHasLink } from './shareLink';
import {
  forgetRememberedLesson,
  lessonIdInHash,
  openLessonById,
  openLessonFromLink,
  resumeRememberedLesson,
} from '../lessons/lessonStartup';

/** Called once when the app mounts. Returns a function that stops autosave and link handling. */
export function startPersistence(): () => void {
  let stopped = false;
  const storage = browserStorage();

  // The autosave is restored first even when a link is opened, so Ctrl+Z after the link brings back
  // the work that was there, and a broken link leaves that work on the canvas.
  const restored = restoreAutosave(storage);
  if (restored.kind === 'restored')
    useDocumentStore.setState({ doc: restored.doc, past: [], future: [], selection: [] });
  else if (restored.kind === 'failed') reportError(restored.notice.text);

  let autosave: Autosave | undefined;
  if (storage && restored.canSave)
    autosave = startAutosave({
      storage,
      subscribe: (onDocument) =>
        useDocumentStore.subscribe((state, previous) => {
          if (state.doc !== previous.doc) onDocument(state.doc);
        }),
      getDocument: () => useDocumentStore.getState().doc,
      report: (notice) => useDocumentStore.getState().setNotice(notice),
    });

  // Only the latest link counts if several arrive while one is still being decoded.
  let latestLink = 0;
  const forgetLink = (hash: string) => {
    // Forget the link once read, so a reload brings back the autosaved work and not the link again.
    if (window.location.hash === hash)
      window.history.replaceState(
        window.history.state,
        '',
        window.location.pathname + window.location.search,
      );
  };
  const openLinkInAddress = async () => {
    const hash = window.location.hash;
    if (!hashHasLink(hash)) return;
    const ticket = ++latestLink;
    // `#lesson=<id>`: a lesson of the built-in course.
    const lessonId = lessonIdInHash(hash);
    if (lessonId !== undefined) {
      forgetLink(hash);
      const error = await openLessonById(lessonId);
      if (error && !stopped && ticket === latestLink) reportError(error);
      return;
    }
    const result = await decodeShareHash(hash);
    if (stopped || ticket !== latestLink) return;
    forgetLink(hash);
    if (!result.ok) {
      reportError(result.error);
      return;
    }
    // A lesson link: the lesson is checked before anything replaces the user's pipeline.
    if (result.lessonError !== undefined) {
      reportError(result.lessonError);
      return;
    }
    if (result.lesson !== undefined) {
      const error = await openLessonFromLink(result.lesson, result.doc);
      if (error && !stopped) reportError(error);
      return;
    }
    forgetRememberedLesson();
    openDocument(result.doc, `Opened "${result.doc.name}" from a link`, result.warnings);
    // A sweep or search carried by the link: its view fills it in, ready to run.
    if (result.spec !== undefined || result.specError !== undefined)
      void import('../sweep/linkSpec').then((m) => m.openLinkSpec(result));
  };
  const onHashChange = () => void openLinkInAddress();
  const onHide = () => autosave?.flush();
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') autosave?.flush();
  };

  // Without a link, a lesson open before the reload comes back over the autosaved pipeline.
  if (hashHasLink(window.location.hash)) void openLinkInAddress();
  else void resumeRememberedLesson();
  window.addEventListener('hashchange', onHashChange);
  window.addEventListener('pagehide', onHide);
  document.addEventListener('visibilitychange', onVisibility);
  // Fetch the examples while the network is surely there, so the menu also works offline later.
  const prefetch = setTimeout(() => void loadExamples(), 100);

  return () => {
    stopped = true;
    clearTimeout(prefetch);
    window.removeEventListener('hashchange', onHashChange);
    window.removeEventListener('pagehide', onHide);
    document.removeEventListener('visibilitychange', onVisibility);
    autosave?.stop();
  };
}
