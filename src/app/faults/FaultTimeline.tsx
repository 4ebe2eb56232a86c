// The document's faults on a time axis from 0 to the run's length: a bar for each lasting fault, a
// tick for instant ones, and a line at the current simulated time while a run is under way.
import { memo, useMemo } from 'react';
import type { Fault } from '../../model';
import { useRunStore } from '../run/runStore';
import { describeFault, KIND_LABELS } from './faultForm';
import { axisTicks, layoutTimeline, timeToPct } from './timeline';

interface Props {
  faults: readonly Fault[];
  durationSec: number;
  editing: number | undefined;
  onEdit(index: number): void;
  onRemove(index: number): void;
}

export const FaultTimeline = memo(function FaultTimeline({
  faults,
  durationSec,
  editing,
  onEdit,
  onRemove,
}: Props) {
  const rows = useMemo(() => layoutTimeline(faults, durationSec), [faults, durationSec]);
  const ticks = useMemo(() => axisTicks(durationSec), [durationSec]);
  return (
    <div className="faults-timeline">
      <div className="faults-axis" aria-hidden="true">
        <span />
        <span className="faults-track">
          {ticks.map((t) => (
            <span key={t} className="faults-tick" style={{ left: `${timeToPct(t, durationSec)}%` }}>
              {t} s
            </span>
          ))}
          <NowLine durationSec={durationSec} />
        </span>
        <span />
      </div>
      <ol className="faults-rows" aria-label="Faults by start time">
        {rows.map((row) => {
          const text = describeFault(row.fault);
          return (
            <li
              key={row.index}
              className={`faults-row${editing === row.index ? ' is-editing' : ''}${row.beyondRun ? ' is-beyond' : ''}`}
              data-testid={`fault-row-${row.index}`}
              data-at-sec={row.fault.atSec}
            >
              <span className="faults-row-label">
                <strong>{KIND_LABELS[row.fault.kind]}</strong>
                <span>
                  {text}
                  {row.beyondRun ? ' (after the run ends)' : ''}
                </span>
              </span>
              <span className="faults-track" aria-hidden="true">
                <span
                  className={`faults-bar faults-bar-${row.fault.kind}${row.widthPct === 0 ? ' is-instant' : ''}${row.openEnded ? ' is-open' : ''}`}
                  style={{ left: `${row.startPct}%`, width: `${row.widthPct}%` }}
                />
                <NowLine durationSec={durationSec} />
              </span>
              <span className="faults-row-actions">
                <button
                  type="button"
                  className="sl-link-button"
                  data-testid={`fault-edit-${row.index}`}
                  aria-label={`Edit fault: ${text}`}
                  onClick={() => onEdit(row.index)}
                >
                  Edit
                </button>
                <button
                  type="button"
                  className="sl-link-button"
                  data-testid={`fault-remove-${row.index}`}
                  aria-label={`Remove fault: ${text}`}
                  onClick={() => onRemove(row.index)}
                >
                  Remove
                </button>
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
});

/** The current simulated time, redrawn at most about ten times a second and only while a run exists. */
function NowLine({ durationSec }: { durationSec: number }) {
  const tenths = useRunStore((s) => (s.status === 'idle' ? -1 : Math.floor(s.simMs / 100)));
  if (tenths < 0) return null;
  return (
    <span
      className="faults-now"
      data-testid="faults-now"
      style={{ left: `${timeToPct(tenths / 10, durationSec)}%` }}
    />
  );
}
