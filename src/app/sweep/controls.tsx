// The pieces both sections share: a labelled text field, the run bar (Run, Cancel, Copy link, the
// reason the form cannot run, the progress with the time left), and a table figure.
import type { SettingInfo } from '../../whatif';
import { progressOf } from './pool';
import { progressText } from './progressText';
import { cancelBatch, useSweepStore, type BatchProgress } from './sweepStore';
import { shortNumber } from './sweepView';

export function Field(props: {
  label: string;
  value: string;
  onChange(v: string): void;
  placeholder?: string;
  disabled?: boolean;
  wide?: boolean;
  testId?: string;
}) {
  return (
    <label className={`sweep-field${props.wide ? ' is-wide' : ''}`}>
      <span>{props.label}</span>
      <input
        type="text"
        inputMode="decimal"
        value={props.value}
        placeholder={props.placeholder}
        disabled={props.disabled}
        onChange={(e) => props.onChange(e.target.value)}
        data-testid={props.testId}
      />
    </label>
  );
}

/** The options of a setting picker: each sweepable setting with its current value. */
export function SettingOptions({ settings, chosen }: { settings: readonly SettingInfo[]; chosen: string }) {
  return (
    <>
      {!settings.some((s) => s.path === chosen) && <option value="">Choose…</option>}
      {settings.map((s) => (
        <option key={s.path} value={s.path}>
          {s.label} (now {shortNumber(s.value)})
        </option>
      ))}
    </>
  );
}

/** The replication fields a sweep and a search share, as they stand in either form's draft. */
export interface ReplicationDraft {
  seeds: string;
  warmupSec: string;
  durationSec: string;
}

/** Seeds, warm-up and run length in one row; `prefix` names the test ids (sweep-seeds, ...). */
export function ReplicationFields<D extends ReplicationDraft>(props: {
  draft: D;
  set(d: D): void;
  seedsLabel: string;
  /** The document's own run length, shown while the field is empty. */
  defaultDurationSec: number;
  prefix: 'sweep' | 'search';
  /** Said under the fields: what the run length leaves out (faults, spikes, late readers). */
  warning?: string | null;
  /** Said under the fields too, as a plain note: what a run of that length means for the result. */
  note?: string | null;
}) {
  const { draft, set, prefix } = props;
  return (
    <>
      <div className="sweep-row">
        <Field
          label={props.seedsLabel}
          value={draft.seeds}
          onChange={(seeds) => set({ ...draft, seeds })}
          testId={`${prefix}-seeds`}
        />
        <Field
          label="Warm-up (s)"
          value={draft.warmupSec}
          onChange={(warmupSec) => set({ ...draft, warmupSec })}
          testId={`${prefix}-warmup`}
        />
        <Field
          label="Run length (s)"
          value={draft.durationSec}
          placeholder={String(props.defaultDurationSec)}
          onChange={(durationSec) => set({ ...draft, durationSec })}
          testId={`${prefix}-duration`}
        />
      </div>
      {props.warning && (
        <p className="sweep-note is-error" role="status" data-testid={`${prefix}-run-length-warning`}>
          {props.warning}
        </p>
      )}
      {props.note && (
        <p className="sweep-note" data-testid={`${prefix}-run-length-note`}>
          {props.note}
        </p>
      )}
    </>
  );
}

/** Run / Cancel, the reason the form cannot run, the progress bar with the time left. */
export function RunBar(props: {
  kind: 'sweep' | 'search';
  canRun: boolean;
  problem: string | null;
  runLabel: string;
  onCopyLink?: (() => void) | undefined;
}) {
  const batch = useSweepStore((s) => s.batch);
  const anyStatus = useSweepStore((s) => s.status);
  // Another kind's batch: this form cannot run meanwhile, and shows none of its progress.
  const status = batch === props.kind ? anyStatus : anyStatus === 'running' ? 'busy' : 'idle';
  const progress = useSweepStore((s) => s.progress);
  const error = useSweepStore((s) => s.error);
  const running = status === 'running' || status === 'busy';
  return (
    <div className="sweep-runbar">
      <div className="sweep-row">
        <button
          type="submit"
          className="sweep-run"
          disabled={!props.canRun || running}
          data-testid="sweep-run"
        >
          {props.runLabel}
        </button>
        <button
          type="button"
          onClick={cancelBatch}
          disabled={status !== 'running'}
          data-testid="sweep-cancel"
        >
          Cancel
        </button>
        {props.onCopyLink && (
          <button type="button" onClick={props.onCopyLink} data-testid="sweep-copy-link">
            Copy link
          </button>
        )}
      </div>
      {props.problem && (
        <p className="sweep-problem" data-testid="sweep-problem">
          {props.problem}
        </p>
      )}
      {status === 'busy' && (
        <p className="sweep-hint">The other batch is running; it can be cancelled there.</p>
      )}
      {progress && status !== 'idle' && status !== 'busy' && (
        <ProgressLine progress={progress} status={status} />
      )}
      {status === 'error' && error && (
        <p className="sweep-problem" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function ProgressLine({ progress, status }: { progress: BatchProgress; status: string }) {
  const p = progressOf(progress.done, progress.total, progress.lastAt - progress.startedAt);
  return (
    <div className="sweep-progress" data-testid="sweep-progress" data-status={status}>
      <progress max={Math.max(1, p.total)} value={p.done} aria-label="Runs done" />
      <span>{progressText(progress, status)}</span>
    </div>
  );
}

/** A table figure: the mean, and its 95% half-width under it in small type. */
export function Cell({ parts }: { parts: { mean: string; pm: string } }) {
  return (
    <td>
      {parts.mean}
      {parts.pm && <span className="sweep-pm"> {parts.pm}</span>}
    </td>
  );
}
