// The Sweep view: sweep one or two settings over their values with N seeds per point, or find the
// limit (the highest rate sustained, the fewest partitions/members/executors/brokers meeting a
// target). Runs go to a pool of workers; the page only orchestrates and draws.
import { memo, useDeferredValue, useEffect, useId, useLayoutEffect, useMemo, useRef } from 'react';
import {
  listSettings,
  METRICS,
  sweepToCsv,
  type MetricId,
  type SettingInfo,
  type SweepPoint,
} from '../../whatif';
import type { Pipeline } from '../../model';
import { downloadText } from '../persist/fileIo';
import { useDocumentStore } from '../store/documentStore';
import {
  readSweepDraft,
  rangeDraftAround,
  runLengthWarning,
  unlimitedNote,
  valuesDraftFor,
  type SweepDraft,
} from './draft';
import { openBatchRun } from './openRun';
import { Cell, Field, ReplicationFields, RunBar, SettingOptions } from './controls';
import { SearchSection } from './SearchSection';
import { copySpecLink } from './shareSpec';
import { SweepChart } from './SweepChart';
import { ensureDrafts, startSweep, useSweepStore, type SweepState } from './sweepStore';
import { cellParts, curvesFor, errorOf, pointKey, shortNumber } from './sweepView';
import { useWidth } from './useWidth';
import type { ValuesDraft } from './valueInput';
import './sweep.css';

export function SweepPanel() {
  const doc = useDocumentStore((s) => s.doc);
  const mode = useSweepStore((s) => s.mode);
  const linkNote = useSweepStore((s) => s.linkNote);
  const ready = useSweepStore((s) => s.sweepDraft !== null && s.searchDraft !== null);
  useEffect(() => ensureDrafts(doc), [doc]);
  if (!ready) return null;
  return (
    <div className="sweep-panel" data-testid="sweep-panel">
      <div className="sweep-modes" role="group" aria-label="What to run">
        <button
          type="button"
          aria-pressed={mode === 'sweep'}
          onClick={() => useSweepStore.getState().setMode('sweep')}
          data-testid="sweep-mode-sweep"
        >
          Sweep a setting
        </button>
        <button
          type="button"
          aria-pressed={mode === 'search'}
          onClick={() => useSweepStore.getState().setMode('search')}
          data-testid="sweep-mode-search"
        >
          Find the limit
        </button>
      </div>
      {linkNote && (
        <p className={`sweep-note is-${linkNote.kind}`} role="status" data-testid="sweep-link-note">
          {linkNote.text}
        </p>
      )}
      {mode === 'sweep' ? <SweepSection /> : <SearchSection />}
    </div>
  );
}

function SweepSection() {
  const doc = useDocumentStore((s) => s.doc);
  const draft = useSweepStore((s) => s.sweepDraft)!;
  const status = useSweepStore((s) => s.status);
  const settings = useMemo(() => listSettings(doc), [doc]);
  const read = useMemo(() => readSweepDraft(draft, doc), [draft, doc]);
  const set = (d: SweepDraft) => useSweepStore.getState().setSweepDraft(d);
  const running = status === 'running';
  const base = useId();

  return (
    <section aria-labelledby={`${base}-h`} className="sweep-section">
      <h2 id={`${base}-h`} className="sweep-heading">
        Sweep and replicate
      </h2>
      <form
        className="sweep-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (read.ok && !running) void startSweep(read.spec, doc);
        }}
      >
        {draft.axes.map((axis, i) => (
          <AxisFields
            key={i}
            index={i}
            doc={doc}
            settings={settings}
            setting={axis.setting}
            values={axis.values}
            onSetting={(path) => {
              const info = settings.find((s) => s.path === path);
              const axes = draft.axes.slice();
              axes[i] = {
                setting: path,
                values: info ? valuesDraftFor(doc, info) : axis.values,
              };
              set({ ...draft, axes });
            }}
            onValues={(values) => {
              const axes = draft.axes.slice();
              axes[i] = { ...axis, values };
              set({ ...draft, axes });
            }}
            onRemove={i === 1 ? () => set({ ...draft, axes: draft.axes.slice(0, 1) }) : undefined}
          />
        ))}
        {draft.axes.length === 1 && (
          <button
            type="button"
            className="sweep-link-button"
            onClick={() => {
              const other = settings.find((s) => s.path !== draft.axes[0]!.setting);
              if (other)
                set({
                  ...draft,
                  axes: [
                    ...draft.axes,
                    { setting: other.path, values: { mode: 'list', text: String(other.value) } },
                  ],
                });
            }}
          >
            + a second setting
          </button>
        )}
        <ReplicationFields
          draft={draft}
          set={set}
          seedsLabel="Seeds per point"
          defaultDurationSec={doc.run.durationSec}
          warning={runLengthWarning(doc, draft.durationSec)}
          prefix="sweep"
        />
        <fieldset className="sweep-metrics">
          <legend>Metrics</legend>
          {METRICS.map((m) => (
            <label key={m.id} title={m.definition}>
              <input
                type="checkbox"
                checked={draft.metrics.includes(m.id)}
                onChange={(e) =>
                  set({
                    ...draft,
                    metrics: e.target.checked
                      ? METRICS.map((x) => x.id).filter((id) => id === m.id || draft.metrics.includes(id))
                      : draft.metrics.filter((id) => id !== m.id),
                  })
                }
                data-testid={`sweep-metric-${m.id}`}
              />
              {m.label}
            </label>
          ))}
        </fieldset>
        <div className="sweep-stopping">
          <label className="sweep-check">
            <input
              type="checkbox"
              checked={draft.stopping.on}
              onChange={(e) => set({ ...draft, stopping: { ...draft.stopping, on: e.target.checked } })}
              data-testid="sweep-stopping"
            />
            Add seeds until the 95% interval is within
          </label>{' '}
          <input
            type="text"
            inputMode="decimal"
            className="sweep-inline"
            aria-label="Interval target, % of the mean"
            value={draft.stopping.relErrPct}
            disabled={!draft.stopping.on}
            onChange={(e) => set({ ...draft, stopping: { ...draft.stopping, relErrPct: e.target.value } })}
          />{' '}
          % of the mean, at most{' '}
          <input
            type="text"
            inputMode="numeric"
            className="sweep-inline"
            aria-label="Most seeds per point"
            value={draft.stopping.maxReps}
            disabled={!draft.stopping.on}
            onChange={(e) => set({ ...draft, stopping: { ...draft.stopping, maxReps: e.target.value } })}
          />{' '}
          seeds
        </div>
        <RunBar
          kind="sweep"
          canRun={read.ok}
          problem={read.ok ? null : read.error}
          runLabel="Run sweep"
          onCopyLink={read.ok ? () => void copySpecLink(doc, read.spec) : undefined}
        />
      </form>
      <SweepResults />
    </section>
  );
}

function AxisFields(props: {
  index: number;
  doc: Pipeline;
  settings: SettingInfo[];
  setting: string;
  values: ValuesDraft;
  onSetting(path: string): void;
  onValues(values: ValuesDraft): void;
  onRemove: (() => void) | undefined;
}) {
  const { index, doc, settings, setting, values, onSetting, onValues, onRemove } = props;
  const id = useId();
  const current = settings.find((s) => s.path === setting);
  const note = unlimitedNote(doc, current);
  return (
    <fieldset className="sweep-axis" data-testid={`sweep-axis-${index}`}>
      <legend>{index === 0 ? 'Setting' : 'Second setting (one curve per value)'}</legend>
      <div className="sweep-row">
        <label htmlFor={`${id}-s`} className="sweep-field">
          <span>Setting</span>
          <select
            id={`${id}-s`}
            value={setting}
            onChange={(e) => onSetting(e.target.value)}
            data-testid={`sweep-setting-${index}`}
          >
            <SettingOptions settings={settings} chosen={setting} />
          </select>
        </label>
        <label className="sweep-field">
          <span>Values</span>
          <select
            value={values.mode}
            onChange={(e) =>
              onValues(
                e.target.value === 'list'
                  ? { mode: 'list', text: current ? String(current.value) : '' }
                  : current
                    ? valuesDraftFor(doc, current)
                    : rangeDraftAround(1, false),
              )
            }
            data-testid={`sweep-values-mode-${index}`}
          >
            <option value="range">a range</option>
            <option value="list">a list</option>
          </select>
        </label>
        {onRemove && (
          <button type="button" className="sweep-link-button" onClick={onRemove}>
            Remove
          </button>
        )}
      </div>
      {note && (
        <p className="sweep-hint" data-testid={`sweep-unlimited-${index}`}>
          {note}
        </p>
      )}
      {values.mode === 'list' ? (
        <Field
          label="Values (commas or spaces between)"
          wide
          value={values.text}
          onChange={(text) => onValues({ mode: 'list', text })}
          testId={`sweep-list-${index}`}
        />
      ) : (
        <div className="sweep-row">
          <Field
            label="From"
            value={values.from}
            onChange={(from) => onValues({ ...values, from })}
            testId={`sweep-from-${index}`}
          />
          <Field
            label="To"
            value={values.to}
            onChange={(to) => onValues({ ...values, to })}
            testId={`sweep-to-${index}`}
          />
          <Field
            label="Points"
            value={values.steps}
            onChange={(steps) => onValues({ ...values, steps })}
            testId={`sweep-steps-${index}`}
          />
          <label className="sweep-field">
            <span>Spacing</span>
            <select
              value={values.scale}
              onChange={(e) => onValues({ ...values, scale: e.target.value === 'log' ? 'log' : 'linear' })}
            >
              <option value="linear">even</option>
              <option value="log">log</option>
            </select>
          </label>
        </div>
      )}
    </fieldset>
  );
}

type SweepShown = NonNullable<SweepState['sweep']>;

function SweepResults() {
  // Drawn as a transition: React may split the redraw of the charts and table over several tasks.
  const sweep = useDeferredValue(useSweepStore((s) => s.sweep));
  const [ref, width] = useWidth<HTMLDivElement>();
  return (
    <div ref={ref} className="sweep-results" data-testid={sweep?.points.length ? 'sweep-results' : undefined}>
      {sweep && sweep.points.length > 0 && <ResultsBody sweep={sweep} width={width} />}
    </div>
  );
}

/**
 * The charts and table of a sweep. Memoised: the store's new value first renders the view with the
 * previous (deferred) one, which then costs nothing; only the deferred render draws.
 */
const ResultsBody = memo(function ResultsBody({ sweep, width }: { sweep: SweepShown; width: number }) {
  const docName = useDocumentStore((s) => s.doc.name);
  const labels = useMemo(() => {
    const settings = listSettings(sweep.doc);
    return (path: string) => settings.find((s) => s.path === path)?.label ?? path;
  }, [sweep.doc]);
  const { spec, points } = sweep;
  const xLabel = labels(spec.axes[0]!.setting);
  const second = spec.axes[1] ? labels(spec.axes[1].setting) : '';
  const logX = spec.axes[0]!.values.kind === 'range' && spec.axes[0]!.values.scale === 'log';
  const chartWidth = width >= 900 ? Math.floor((width - 16) / 2) : width;
  const open = (key: string) => {
    const point = points.find((p) => pointKey(p) === key);
    const seed = point?.runs[0]?.seed;
    if (!point || seed === undefined) return;
    openBatchRun({
      held: sweep.held,
      key,
      doc: point.doc,
      seed,
      durationSec: spec.durationSec,
      where: spec.axes.map((a, i) => `${labels(a.setting)} = ${shortNumber(point.values[i]!)}`).join(', '),
    });
  };
  // Cost against p99 when both were measured and the design's cost changes across the sweep.
  const priced = points.filter((p) => p.stats.costPerHour && p.stats.p99);
  const costCurve =
    new Set(priced.map((p) => p.stats.costPerHour!.mean)).size > 1
      ? {
          name: 'points',
          points: priced
            .map((p) => ({
              x: p.stats.costPerHour!.mean,
              mean: p.stats.p99!.mean,
              error: errorOf(p.stats.p99!),
              key: pointKey(p),
            }))
            .sort((a, b) => a.x - b.x),
        }
      : null;
  const csv = () => {
    if (sweep.result)
      downloadText(sweepToCsv(sweep.result), `${docName || 'pipeline'}-sweep.csv`, 'text/csv');
  };
  // The rows call the latest `open` without taking a new function (and redrawing) each time.
  const openRef = useRef(open);
  useLayoutEffect(() => {
    openRef.current = open;
  });
  return (
    <>
      <div className="sweep-charts">
        {spec.metrics.map((m: MetricId) => {
          const d = METRICS.find((x) => x.id === m)!;
          return (
            <SweepChart
              key={m}
              title={`${d.label} (${d.unit}), mean and 95% interval`}
              xLabel={xLabel}
              yLabel={d.unit}
              curves={curvesFor(points, spec, m, second)}
              logX={logX}
              width={chartWidth}
              onPoint={open}
            />
          );
        })}
        {costCurve && (
          <SweepChart
            title="Cost against p99 (each point; mean over its seeds)"
            xLabel="$/h"
            yLabel="p99 ms"
            curves={[costCurve]}
            width={chartWidth}
            onPoint={open}
          />
        )}
      </div>
      <p className="sweep-hint">
        A click on a point (or Open in the table) opens that point&apos;s first seed: its document in the
        editor, its charts, and a place in the Runs tab, where it can be pinned as the baseline or compared.
      </p>
      <div className="sweep-table-wrap sl-scroll-cue" data-testid="sweep-table-wrap">
        <table className="sweep-table" data-testid="sweep-table">
          <thead>
            <tr>
              <th scope="col">{xLabel}</th>
              {second && <th scope="col">{second}</th>}
              <th scope="col">Seeds</th>
              {spec.metrics.map((m) => {
                const d = METRICS.find((x) => x.id === m)!;
                return (
                  <th key={m} scope="col" title={d.definition}>
                    {d.label}
                    <span className="sweep-unit">{d.unit}</span>
                  </th>
                );
              })}
              <th scope="col" className="sweep-open-cell">
                <span className="visually-hidden">Open</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <PointRow key={p.index} point={p} metrics={spec.metrics} twoAxes={!!second} open={openRef} />
            ))}
          </tbody>
        </table>
      </div>
      <button type="button" onClick={csv} disabled={!sweep.result} data-testid="sweep-csv">
        Download CSV
      </button>
    </>
  );
});

/** One row of the table; a point whose runs did not change keeps its object, and its row is skipped. */
const PointRow = memo(function PointRow({
  point: p,
  metrics,
  twoAxes,
  open,
}: {
  point: SweepPoint;
  metrics: readonly MetricId[];
  twoAxes: boolean;
  open: { current: (key: string) => void };
}) {
  return (
    <tr>
      <td>{shortNumber(p.values[0]!)}</td>
      {twoAxes && <td>{shortNumber(p.values[1]!)}</td>}
      <td>{p.runs.length}</td>
      {metrics.map((m) => (
        <Cell key={m} parts={cellParts(m, p.stats[m])} />
      ))}
      <td className="sweep-open-cell">
        <button type="button" className="sweep-link-button" onClick={() => open.current(pointKey(p))}>
          Open
        </button>
      </td>
    </tr>
  );
});
