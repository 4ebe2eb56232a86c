// Where a fitted value came from: the calibration note "Fit to measurement" (the Measured tab)
// writes on a producer or a Spark stage, shown under the settings it explains.
import type { Pipeline } from '../../../model';

type Calibration = NonNullable<Pipeline['producers'][number]['calibration']>;

const figure = (x: number) =>
  Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-US') : String(+x.toPrecision(4));

/**
 * `current`: the setting's value now, when it is this node's own (to say it was changed since).
 * `warning`: a sentence on why the fit may be wrong (a producer fitted to a run held to its rate).
 */
export function CalibrationNote({
  note,
  current,
  warning,
}: {
  note: Calibration | undefined;
  current?: number;
  warning?: string | null;
}) {
  if (!note) return null;
  const changed = current !== undefined && current !== note.value;
  const setting = note.setting.split('.').pop();
  return (
    <div className="sl-calibration" role="note" data-testid="inspector-calibration">
      <div className="sl-calibration-head">
        Fitted to a measurement{note.date ? ` on ${note.date.slice(0, 10)}` : ''}
      </div>
      <div>
        <code>{setting}</code> = {figure(note.value)}{' '}
        {note.previous === undefined
          ? "(was unset: the engine's estimate)"
          : `(was ${figure(note.previous)})`}
        {changed && (
          <strong data-testid="inspector-calibration-changed">
            ; changed by hand since: now {figure(current)}
          </strong>
        )}
      </div>
      <div className="sl-muted">
        from {note.source}: measured {figure(note.measured)}, simulated {figure(note.simulated)} at the fitted
        value.
      </div>
      {warning && (
        <div className="sl-calibration-warn" data-testid="inspector-calibration-held">
          {warning}
        </div>
      )}
    </div>
  );
}
