// The one message the app has for the user right now: a refused connection, a broken link, ...
import { useDocumentStore } from './store/documentStore';

export function NoticeBanner() {
  const notice = useDocumentStore((s) => s.notice);
  const setNotice = useDocumentStore((s) => s.setNotice);
  if (!notice) return null;
  return (
    <div
      className={`notice notice-${notice.kind}`}
      role={notice.kind === 'error' ? 'alert' : 'status'}
      data-testid="notice"
    >
      <span data-testid="notice-text">{notice.text}</span>
      <button type="button" aria-label="Dismiss message" onClick={() => setNotice(null)}>
        ×
      </button>
    </div>
  );
}
