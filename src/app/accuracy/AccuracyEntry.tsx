// "How accurate is this?" in the top bar: opens the validation report (docs/accuracy.md's table) in
// a dialog. The report loads on first open: designing and running a pipeline never needs it.
import { lazy, Suspense, useRef, useState } from 'react';
import './accuracy.css';

const AccuracyDialog = lazy(() => import('./AccuracyDialog').then((m) => ({ default: m.AccuracyDialog })));

export function AccuracyEntry() {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    // The dialog leaves the page on close, so focus goes back to where it was opened from by hand.
    buttonRef.current?.focus();
  };
  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className="accuracy-entry"
        data-testid="accuracy-open"
        aria-haspopup="dialog"
        title="What the simulator is checked against (queueing theory, Spark's rules, published benchmarks) and how close it comes"
        onClick={() => setOpen(true)}
      >
        {/* Narrow windows show the mark alone (the top bar is full at 1280 px); the name stays for assistive technology. */}
        <span className="accuracy-entry-mark" aria-hidden="true">
          ?
        </span>
        <span className="accuracy-entry-text">How accurate is this?</span>
      </button>
      {open && (
        <Suspense fallback={null}>
          <AccuracyDialog onClose={close} />
        </Suspense>
      )}
    </>
  );
}
