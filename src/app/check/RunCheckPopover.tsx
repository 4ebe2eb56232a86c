// What Play shows first when the pipeline has gaps: the pipeline check in a small panel under the run
// controls, with "Run anyway". Not modal: the canvas and the inspector stay usable, so a gap can be
// fixed by hand while the list stays open. Escape or Close puts the keyboard back on Play.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useDocumentStore } from '../store/documentStore';
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
  const all = useShownGaps().all;
  const open = all.length;
  // The simulator refuses the document: running it anyway would only say so again.
  const refused = all.some((g) => g.severity === 'error');

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
      <p className={`sl-run-check-intro${refused ? ' is-refused' : ''}`} data-testid="run-check-intro">
        {refused
          ? 'Before this run: the simulator refuses this pipeline as it is. Change what is marked “Cannot run” (here, or in the inspector), then run.'
          : open > 0
            ? 'Before this run: parts of the pipeline look unfinished. Fix them here, or run it as it is.'
            : 'Nothing left open. Run when ready.'}
      </p>
      <PipelineCheck headingId="run-check-heading" level={2} />
      <div className="sl-run-check-actions">
        {!refused && (
          <button
            type="button"
            className="sl-run-check-run"
            data-testid="check-run-anyway"
            onClick={runAnyway}
          >
            {open > 0 ? 'Run anyway' : 'Run'}
          </button>
        )}
        <button type="button" data-testid="check-close" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
