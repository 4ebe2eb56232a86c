// The one message the app has for the user right now: a refused connection, a broken link, ...
// Errors stay until dismissed, except one saying why an edit was refused, which goes with the next
// edit that goes through (documentStore's untilNextEdit). Information ("Opened the example ...",
// "the run restarted") goes by itself after INFO_NOTICE_MS, so it does not keep a row of a small
// screen, unless the pointer or the keyboard focus is on it (then it waits until they leave).
import { useEffect, useState } from 'react';
import { useDocumentStore } from './store/documentStore';

export const INFO_NOTICE_MS = 12_000;

export function NoticeBanner() {
  const notice = useDocumentStore((s) => s.notice);
  const setNotice = useDocumentStore((s) => s.setNotice);
  const [held, setHeld] = useState(false);

  useEffect(() => {
    if (!notice || notice.kind !== 'info' || held) return;
    const timer = window.setTimeout(() => {
      // Only this notice: a newer one set meanwhile has its own timer.
      if (useDocumentStore.getState().notice === notice) setNotice(null);
    }, INFO_NOTICE_MS);
    return () => window.clearTimeout(timer);
  }, [notice, held, setNotice]);

  if (!notice) return null;
  return (
    <div
      className={`notice notice-${notice.kind}`}
      role={notice.kind === 'error' ? 'alert' : 'status'}
      data-testid="notice"
      onPointerEnter={() => setHeld(true)}
      onPointerLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
    >
      <span data-testid="notice-text">{notice.text}</span>
      <button type="button" aria-label="Dismiss message" onClick={() => setNotice(null)}>
        ×
      </button>
    </div>
  );
}
