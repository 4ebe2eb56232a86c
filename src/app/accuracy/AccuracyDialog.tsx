// The accuracy report in a modal dialog: the same sections, cases and figures as docs/accuracy.md,
// from the JSON `npm run validate` writes. A native <dialog> opened with showModal() keeps focus
// inside and closes on Escape; the title names it for assistive technology.
import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import type { AccuracyReport } from '../../validation/report';
import data from './accuracy.json';
import { CaseBlock, Inline, SummaryTable } from './AccuracyTables';

const REPORT = data as unknown as AccuracyReport;

export function AccuracyDialog({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  // Closed here first, so the page is no longer inert when the entry takes focus back.
  const close = () => {
    ref.current?.close();
    onClose();
  };

  // On the body, not in the top bar it is opened from: the bar is a landmark of its own.
  return createPortal(
    <dialog
      ref={ref}
      className="accuracy-dialog"
      aria-labelledby="accuracy-title"
      data-testid="accuracy-dialog"
      onCancel={(event) => {
        // Escape: let React close it, so the open state and the dialog agree.
        event.preventDefault();
        close();
      }}
    >
      <div className="accuracy-header">
        <h2 id="accuracy-title">How accurate is this?</h2>
        <button
          type="button"
          className="accuracy-close"
          data-testid="accuracy-close"
          aria-label="Close"
          title="Close (Esc)"
          onClick={close}
        >
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <div className="accuracy-body">
        {REPORT.intro.map((p, i) => (
          <p key={i}>
            <Inline text={p} />
          </p>
        ))}
        <SummaryTable report={REPORT} />
        {REPORT.sections.map((s) => (
          <section key={s.id} className="accuracy-section" aria-labelledby={`accuracy-section-${s.id}`}>
            <h3 id={`accuracy-section-${s.id}`}>{s.title}</h3>
            <p>{s.intro}</p>
            {s.cases.length === 0 ? (
              <p className="accuracy-empty" data-testid={`accuracy-empty-${s.id}`}>
                {s.whenEmpty}
              </p>
            ) : (
              s.cases.map((c) => <CaseBlock key={c.id} c={c} />)
            )}
          </section>
        ))}
      </div>
    </dialog>,
    document.body,
  );
}
