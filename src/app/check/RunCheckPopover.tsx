// What Play shows first when the pipeline has gaps: the pipeline check in a small panel under the run
// controls, with "Run anyway". Not modal: the canvas and the inspector stay usable, so a gap can be
// fixed by hand while the list stays open. Escape or Close puts the keyboard back on Play.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useDocumentStore } from '../store/documentStore';
import { useRunStore } from '../run/runStore';
import { PipelineCheck } from './PipelineCheck';
import { acceptGaps } from './playGate';
import { useShownGaps } from './shownGaps';
import './check.css';

interface Props {
  /** Starts the run (the run controls' own play). */
  onRun(): void;
  onClose(): void;
}

export function RunCheckPopover({ onRun, onClose }: Props) {
  const panelRef = useRef<HTMLDivElement>(null);
  const open = useShownGaps().all.length;
  const blocked = useRunStore((s) => s.problems.length > 0);

  useEffect(() => {
    panelRef.current?.querySelector<HTMLElement>('#run-check-heading')?.focus();
  }, []);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    onClose();
  };

  const runAnyway = () => {
    acceptGaps(useDocumentStore.getState().doc);
    onClose();
    onRun();
  };

  return (
    <div
      ref={panelRef}
      className="sl-run-check"
      role="dialog"
      aria-labelledby="run-check-heading"
      data-testid="run-check"
      onKeyDown={onKeyDown}
    >
      <p className="sl-run-check-intro">
        {open > 0
          ? 'Before this run: parts of the pipeline look unfinished. Fix them here, or run it as it is.'
          : 'Nothing left open. Run when ready.'}
      </p>
      <PipelineCheck headingId="run-check-heading" level={2} />
      {blocked && (
        <p className="sl-run-check-blocked" data-testid="run-check-blocked">
          Entries marked “Cannot run” must be fixed first: the simulator refuses the document until then.
        </p>
      )}
      <div className="sl-run-check-actions">
        <button type="button" className="sl-run-check-run" data-testid="check-run-anyway" onClick={runAnyway}>
          {open > 0 ? 'Run anyway' : 'Run'}
        </button>
        <button type="button" data-testid="check-close" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
