// The Runs view: every finished run kept in this browser (the newest 50), with what changed against
// the pinned baseline and the headline figures; pin a baseline (the charts draw it dashed), open a
// run's document, delete a run, or choose two to set side by side.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { METRICS, formatMetric, type MetricId } from '../../whatif/metrics';
import { diffDocuments } from '../../whatif/settings';
import { KEEP_RUNS } from './archive';
import { CompareView } from './CompareView';
import { openSavedRun } from './openRun';
import { startRecorder } from './recorder';
import { clearSelected, deleteRun, pinBaseline, toggleSelected, useRunsStore } from './runsStore';
import type { SavedRun } from './types';
import { commonWarmup, ownWarmupNote, warmupCaption } from './warmupCaption';
import './runs.css';

/** The figures the list shows (lag growth only in the comparison). */
export const LIST_METRICS: readonly MetricId[] = [
  'throughput',
  'processed',
  'p99',
  'maxLagRecords',
  'maxLagSec',
  'lost',
  'schedulingDelay',
  'costPerHour',
];

/** At most this many changes are listed in a row; the rest are counted. */
const CHANGES_SHOWN = 3;

const timeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** A figure for the list, its unit left to the column head: "19,999", "1,698", but "$3.90/h". */
function figureText(id: MetricId, value: number | null): string {
  const text = formatMetric(id, value);
  const unit = ` ${METRICS.find((m) => m.id === id)?.unit ?? ''}`;
  return text.endsWith(unit) ? text.slice(0, -unit.length) : text;
}

export function RunsPanel() {
  useEffect(() => startRecorder(), []);
  const { ready, persistent, runs, baselineId, selected, error } = useRunsStore();
  const [comparing, setComparing] = useState(false);
  const baseline = runs.find((r) => r.id === baselineId) ?? null;
  const pair = selected.length === 2 ? selected.map((id) => runs.find((r) => r.id === id)) : [];
  const canCompare = pair.length === 2 && pair.every(Boolean);
  const headingId = useId();
  const compareRef = useRef<HTMLElement>(null);

  const openCompare = () => {
    setComparing(true);
    requestAnimationFrame(() => compareRef.current?.focus());
  };

  return (
    <div className="runs-panel" data-testid="runs-panel" data-ready={ready} data-count={runs.length}>
      <div className="runs-head">
        <h2 id={headingId} className="runs-title">
          Kept runs{' '}
          <span className="runs-count">
            {runs.length} of the last {KEEP_RUNS}
          </span>
        </h2>
        <p className="runs-note">
          Every run that reaches its end is kept here, and every sweep point you open from the Sweep tab. Pin
          one as the baseline: the charts draw it dashed beside the current run, and each run lists what
          changed against it.
        </p>
        {persistent === false && (
          <p className="runs-warning" role="status" data-testid="runs-no-storage">
            This browser does not let the page store data (a private window, perhaps): runs are kept only
            until the page is reloaded.
          </p>
        )}
        {error && (
          <p className="runs-warning" role="alert">
            {error}
          </p>
        )}
        <div className="runs-actions">
          <button
            type="button"
            disabled={!canCompare}
            onClick={openCompare}
            data-testid="runs-compare"
            aria-describedby={`${headingId}-compare-hint`}
          >
            Compare the two chosen
          </button>
          <span id={`${headingId}-compare-hint`} className="runs-hint">
            {selected.length === 2
              ? '2 runs chosen'
              : `choose two runs with their boxes (${selected.length} chosen)`}
          </span>
          {selected.length > 0 && (
            <button type="button" onClick={clearSelected} data-testid="runs-clear-selection">
              Clear choice
            </button>
          )}
          {baseline && (
            <button type="button" onClick={() => pinBaseline(null)} data-testid="runs-unpin">
              Unpin baseline
            </button>
          )}
        </div>
      </div>
      {comparing && canCompare && (
        <CompareView
          ref={compareRef}
          a={pair[0]!}
          b={pair[1]!}
          baselineId={baselineId}
          onClose={() => setComparing(false)}
        />
      )}
      {!ready ? (
        <p className="runs-empty">Opening the kept runs…</p>
      ) : runs.length === 0 ? (
        <p className="runs-empty" data-testid="runs-empty">
          No runs kept yet. Press <span aria-hidden="true">▶</span> Play and let a run reach its end: it is
          kept here with its document, seed, series and headline figures.
        </p>
      ) : (
        <>
          <p className="runs-muted runs-caption" data-testid="runs-warmup-caption">
            {warmupCaption(commonWarmup(runs))}
          </p>
          <div
            className="runs-table-wrap sl-scroll-cue"
            tabIndex={0}
            role="region"
            aria-labelledby={headingId}
          >
            <RunsTable runs={runs} baseline={baseline} selected={selected} />
          </div>
        </>
      )}
    </div>
  );
}

function RunsTable({
  runs,
  baseline,
  selected,
}: {
  runs: SavedRun[];
  baseline: SavedRun | null;
  selected: string[];
}) {
  const metrics = useMemo(() => LIST_METRICS.map((id) => METRICS.find((m) => m.id === id)!), []);
  const common = commonWarmup(runs);
  return (
    <table className="runs-table" data-testid="runs-table">
      <thead>
        <tr>
          <th scope="col">
            <span className="visually-hidden">Compare</span>
          </th>
          <th scope="col">Run</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
          {baseline && <th scope="col">Changed against the baseline</th>}
          {metrics.map((m) => (
            <th key={m.id} scope="col" className="runs-num" title={`${m.label}: ${m.definition}`}>
              {m.short}
              <span className="runs-unit">{m.unit}</span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <RunRow
            key={run.id}
            run={run}
            ownWarmup={(run.warmupSec ?? 0) === common ? null : ownWarmupNote(run.warmupSec)}
            baseline={baseline}
            chosen={selected.includes(run.id)}
            metrics={LIST_METRICS}
          />
        ))}
      </tbody>
    </table>
  );
}

function RunRow({
  run,
  ownWarmup,
  baseline,
  chosen,
  metrics,
}: {
  run: SavedRun;
  /** Said when this run's warm-up is not the list's. */
  ownWarmup: string | null;
  baseline: SavedRun | null;
  chosen: boolean;
  metrics: readonly MetricId[];
}) {
  const isBaseline = baseline?.id === run.id;
  const changes = useMemo(
    () => (baseline && !isBaseline ? diffDocuments(baseline.doc, run.doc) : null),
    [baseline, isBaseline, run.doc],
  );
  return (
    <tr
      className={isBaseline ? 'is-baseline' : undefined}
      data-testid={`run-row-${run.seq}`}
      data-run-id={run.id}
      data-run-name={run.name}
    >
      <td>
        <input
          type="checkbox"
          checked={chosen}
          onChange={() => toggleSelected(run.id)}
          aria-label={`Compare ${run.name}`}
          data-testid="run-choose"
        />
      </td>
      <th scope="row" className="runs-name">
        {run.name}
        {isBaseline && <span className="runs-badge">baseline</span>}
        <span className="runs-sub">
          <time dateTime={new Date(run.finishedAt).toISOString()}>{timeFormat.format(run.finishedAt)}</time> ·
          seed {run.seed} · {run.doc.run.durationSec} s run · {run.wallSec.toFixed(1)} s wall
          {ownWarmup && (
            <span className="runs-own-warmup" data-testid="run-own-warmup">
              {' '}
              · {ownWarmup}
            </span>
          )}
        </span>
      </th>
      <td>
        <div className="runs-row-actions">
          <button
            type="button"
            aria-pressed={isBaseline}
            onClick={() => pinBaseline(isBaseline ? null : run.id)}
            data-testid="run-pin"
            aria-label={`${isBaseline ? 'Unpin' : 'Pin'} ${run.name} as the baseline`}
          >
            {isBaseline ? 'Unpin' : 'Pin'}
          </button>
          <button
            type="button"
            onClick={() => openSavedRun(run)}
            data-testid="run-open"
            aria-label={`Open ${run.name}: its document and its charts`}
          >
            Open
          </button>
          <button
            type="button"
            onClick={() => void deleteRun(run.id)}
            data-testid="run-delete"
            aria-label={`Delete ${run.name}`}
          >
            Delete
          </button>
        </div>
      </td>
      {/* Without a pinned baseline there is nothing to list: the column gives its room to the figures. */}
      {baseline && (
        <td className="runs-changes" data-testid="run-changes">
          {isBaseline ? (
            <span className="runs-muted">this is the baseline</span>
          ) : changes === null || changes.length === 0 ? (
            <span className="runs-muted">same settings</span>
          ) : (
            <ul title={changes.join('\n')}>
              {changes.slice(0, CHANGES_SHOWN).map((line) => (
                <li key={line}>{line}</li>
              ))}
              {changes.length > CHANGES_SHOWN && <li>and {changes.length - CHANGES_SHOWN} more</li>}
            </ul>
          )}
        </td>
      )}
      {metrics.map((id) => {
        const value = run.headline[id] ?? null;
        return (
          <td key={id} className="runs-num" data-testid={`run-metric-${id}`} data-value={value ?? ''}>
            {figureText(id, value)}
          </td>
        );
      })}
    </tr>
  );
}
