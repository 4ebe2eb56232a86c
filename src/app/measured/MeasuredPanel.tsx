// The Measured tab: paste or drop what a real tool printed, see what it reads as, compare it with
// the simulation (a table of each figure simulated and measured with the error, and a chart), and
// fit a cost to it.
import { useId, useMemo, type DragEvent } from 'react';
import {
  heldCalibrationWarning,
  MEASUREMENT_TOOLS,
  perfOverall,
  sparkProcessedRate,
  sparkQueries,
  type ComparisonRow,
  type Measurement,
} from '../../measured';
import { useMeasuredMarks } from '../charts/measuredMarks';
import { useWidth } from '../sweep/useWidth';
import { useDocumentStore } from '../store/documentStore';
import { measuredChartData } from './chartData';
import { MeasuredChart } from './MeasuredChart';
import {
  assign,
  cancelMeasured,
  chooseProducerFit,
  chooseStage,
  currentPerfMode,
  fitPlanFor,
  runComparison,
  runFit,
  setText,
  setThrottled,
  showOnCharts,
  useMeasuredStore,
  type Comparison,
  type FitState,
} from './measuredStore';
import './measured.css';

const n0 = (x: number) => Math.round(x).toLocaleString('en-US');

function num(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return '–';
  const a = Math.abs(x);
  const digits = a >= 100 ? 0 : a >= 10 ? 1 : 2;
  return x.toLocaleString('en-US', { maximumFractionDigits: digits });
}

function percent(e: number | null): string {
  if (e === null) return '–';
  const p = e * 100;
  const text = Math.abs(p).toFixed(Math.abs(p) >= 10 ? 0 : 1);
  const sign = Number(text) === 0 ? '' : p > 0 ? '+' : '−';
  return `${sign}${text}%`;
}

/** One sentence on what the text reads as. */
function describe(m: Measurement): string {
  switch (m.kind) {
    case 'producerPerf': {
      const a = perfOverall(m);
      const where = m.summary
        ? `summary on line ${m.summary.line}`
        : `${m.progress.length} progress lines, no summary`;
      const pct = m.summary ? `, p50 ${m.summary.p50Ms} ms, p99 ${m.summary.p99Ms} ms` : '';
      const progress = m.summary && m.progress.length ? `; ${m.progress.length} progress lines` : '';
      return `${where}: ${n0(a.records)} records at ${n0(a.recordsPerSec)} records/s (${a.mbPerSec} MB/s), avg latency ${a.avgLatencyMs} ms, max ${a.maxLatencyMs} ms${pct}${progress}.`;
    }
    case 'consumerPerf': {
      const r = m.rows[m.rows.length - 1]!;
      return `line ${r.line}: ${n0(r.consumedRecords)} records at ${n0(r.recordsPerSec)} records/s (${r.mbPerSec} MB/s).`;
    }
    case 'consumerGroups': {
      const groups = [...new Set(m.rows.map((r) => r.group))];
      const lag = m.rows.reduce((a, r) => a + (r.lag ?? 0), 0);
      const idle = m.inactiveGroups.length ? `; no active members: ${m.inactiveGroups.join(', ')}` : '';
      return `${groups.length} group${groups.length > 1 ? 's' : ''} (${groups.join(', ')}), ${m.rows.length} partitions, lag ${n0(lag)} in all${idle}.`;
    }
    case 'sparkProgress': {
      return sparkQueries(m.progress)
        .map(({ items }) => {
          const first = items[0]!;
          const last = items[items.length - 1]!;
          const rate = sparkProcessedRate(items);
          const name = first.name ?? first.id ?? 'a query';
          const range =
            items.length > 1 ? `batches ${first.batchId}–${last.batchId}` : `batch ${first.batchId}`;
          return `${name}: ${range}, ${rate === null ? 'no processed rate' : `${n0(rate)} rows/s processed`}`;
        })
        .join('; ')
        .concat('.');
    }
  }
}

export function MeasuredPanel() {
  const base = useId();
  const s = useMeasuredStore();
  const doc = useDocumentStore((d) => d.doc);
  const onCharts = useMeasuredMarks((m) => m.shown);
  const drawn = useMeasuredMarks((m) => Object.values(m.marks).reduce((a, l) => a + (l?.length ?? 0), 0));
  const running = s.status === 'running' || s.fit.status === 'running';
  const onDrop = (e: DragEvent) => {
    const file = e.dataTransfer.files[0];
    if (!file) return;
    e.preventDefault();
    void file.text().then((text) => {
      setText(text, file.name);
      void runComparison();
    });
  };
  const measurement = s.parsed.state === 'ok' ? s.parsed.measurement : null;
  const mode = currentPerfMode(s, doc);
  const nodesOf = (kind: string) =>
    kind === 'producer' ? doc.producers : kind === 'consumerGroup' ? doc.consumerGroups : doc.sparkJobs;
  return (
    <div className="measured-panel" data-testid="measured-panel">
      <section className="measured-input" aria-labelledby={`${base}-h`}>
        <h2 id={`${base}-h`} className="measured-heading">
          Measured figures
        </h2>
        <label htmlFor={`${base}-text`} className="measured-hint">
          Paste or drop what kafka-producer-perf-test (with the command that ran it, if you have it),
          kafka-consumer-perf-test, kafka-consumer-groups --describe or Spark's StreamingQueryProgress (JSON)
          printed:
        </label>
        <textarea
          id={`${base}-text`}
          className="measured-text"
          data-testid="measured-text"
          spellCheck={false}
          wrap="off"
          value={s.text}
          placeholder="4000000 records sent, 253172.9 records/sec (24.14 MB/sec), 92.31 ms avg latency, ..."
          onChange={(e) => setText(e.target.value)}
          onPaste={() => {
            // Compare as soon as the pasted text reads; typing waits for the button.
            setTimeout(() => {
              if (useMeasuredStore.getState().parsed.state === 'ok') void runComparison();
            }, 0);
          }}
          onDragOver={(e) => e.preventDefault()}
          onDrop={onDrop}
        />
        <div className="measured-row">
          <label className="measured-file">
            Open a file…
            <input
              type="file"
              accept=".txt,.log,.json,.csv,text/*,application/json"
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file)
                  void file.text().then((text) => {
                    setText(text, file.name);
                    void runComparison();
                  });
                e.target.value = '';
              }}
            />
          </label>
          {s.text !== '' && (
            <button type="button" className="measured-link" onClick={() => setText('')}>
              Clear
            </button>
          )}
        </div>
        {s.parsed.state === 'error' && (
          <ul className="measured-errors" role="alert" data-testid="measured-errors">
            {s.parsed.errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        )}
        {measurement && (
          <p className="measured-read" data-testid="measured-read">
            <strong>{MEASUREMENT_TOOLS[measurement.kind]}</strong>
            {s.origin !== 'pasted' ? ` (${s.origin})` : ''}: {describe(measurement)}
          </p>
        )}
        {measurement &&
          s.subjects.map((sub) =>
            sub.candidates.length === 0 ? (
              <p key={sub.key} className="measured-warn">
                The document has no{' '}
                {sub.nodeKind === 'sparkJob'
                  ? 'Spark job'
                  : sub.nodeKind === 'producer'
                    ? 'producer'
                    : 'consumer group'}{' '}
                to compare {sub.label} with.
              </p>
            ) : (
              <label key={sub.key} className="measured-field">
                {sub.label} is{' '}
                <select
                  value={s.assignment[sub.key] ?? ''}
                  data-testid="measured-subject"
                  onChange={(e) => assign(sub.key, e.target.value)}
                >
                  {sub.nodeKind !== 'producer' && <option value="">(leave out)</option>}
                  {sub.candidates.map((id) => {
                    const node = nodesOf(sub.nodeKind).find((x) => x.id === id);
                    return (
                      <option key={id} value={id}>
                        {node?.name ? `${node.name} (${id})` : id}
                      </option>
                    );
                  })}
                </select>
                {sub.ambiguous && <span className="measured-choose"> (a guess: choose)</span>}
                {!s.assignment[sub.key] && sub.guess === null && (
                  <span className="measured-choose"> (no name or topic matches: choose)</span>
                )}
              </label>
            ),
          )}
        {measurement && (
          <label className="measured-field">
            <input
              type="checkbox"
              checked={onCharts}
              data-testid="measured-on-charts"
              onChange={(e) => showOnCharts(e.target.checked)}
            />{' '}
            draw the measured figures over the run on the Charts tab (dashed ink line, diamonds)
            {onCharts && drawn === 0 && ': nothing to draw until a node is chosen'}
          </label>
        )}
        {measurement?.kind === 'producerPerf' && mode && (
          <div className="measured-field" data-testid="measured-run-mode">
            <label>
              <input
                type="checkbox"
                checked={mode.throttled}
                disabled={mode.decidedBy === 'command' || running}
                data-testid="measured-throttled"
                onChange={(e) => setThrottled(e.target.checked)}
              />{' '}
              the test was held to the producer's rate (--throughput N, as the exported load.sh runs it), not
              run as fast as it could (--throughput -1)
            </label>
            <div className="measured-note" data-testid="measured-run-note">
              {mode.note}
            </div>
            {mode.warning && (
              <p className="measured-warn" role="status" data-testid="measured-run-warning">
                {mode.warning}
              </p>
            )}
          </div>
        )}
        {measurement && (
          <div className="measured-row">
            <button
              type="button"
              data-testid="measured-compare"
              disabled={running}
              onClick={() => void runComparison()}
            >
              Compare with the simulation
            </button>
            {s.status === 'running' && (
              <>
                <span className="measured-progress" role="status" data-testid="measured-progress">
                  Simulating…
                </span>
                <button type="button" onClick={cancelMeasured}>
                  Cancel
                </button>
              </>
            )}
            {s.status === 'cancelled' && <span className="measured-progress">Cancelled.</span>}
          </div>
        )}
        {s.status === 'error' && (
          <p className="measured-errors" role="alert">
            The simulation failed: {s.error}
          </p>
        )}
      </section>
      {s.comparison && <Results comparison={s.comparison} />}
      <Calibrations />
    </div>
  );
}

/** Every value in the document fitted to a measurement, with where it came from. */
function Calibrations() {
  const doc = useDocumentStore((d) => d.doc);
  const notes = [
    ...doc.producers.flatMap((p) =>
      p.calibration ? [{ node: p.id, note: p.calibration, warning: heldCalibrationWarning(p) }] : [],
    ),
    ...doc.sparkJobs.flatMap((j) =>
      j.stages.flatMap((st) =>
        st.calibration ? [{ node: `${j.id} / ${st.id}`, note: st.calibration, warning: null }] : [],
      ),
    ),
  ];
  if (notes.length === 0) return null;
  return (
    <section
      className="measured-calibrations"
      aria-label="Fitted values in the document"
      data-testid="measured-calibrations"
    >
      <h3 className="measured-heading">Fitted to measurements in this document</h3>
      <ul>
        {notes.map(({ node, note, warning }) => (
          <li key={node} data-testid="measured-calibration">
            <strong>{node}</strong>: <code>{note.setting}</code> = {note.value} (
            {note.previous === undefined ? "was unset: the engine's estimate" : `was ${note.previous}`}), from{' '}
            {note.source}: measured {num(note.measured)}, simulated {num(note.simulated)}
            {note.date ? `, ${note.date.slice(0, 10)}` : ''}
            {warning && (
              <div className="measured-warn" data-testid="measured-calibration-held">
                {warning}
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Results({ comparison: c }: { comparison: Comparison }) {
  const doc = useDocumentStore((d) => d.doc);
  const state = useMeasuredStore();
  const { stageChoice, fit, status, producerFit } = state;
  const [ref, width] = useWidth<HTMLDivElement>(420);
  const chart = useMemo(() => measuredChartData(c), [c]);
  const running = status === 'running' || fit.status === 'running';
  // The run is now taken otherwise (the box, another node) than when it was compared.
  const modeNow = currentPerfMode(state, doc);
  const stale =
    doc !== c.doc ||
    (modeNow !== null &&
      (modeNow.throttled !== c.mode?.throttled || modeNow.throughput !== (c.mode?.throughput ?? null)));
  const held = c.mode?.throttled && c.mode.throughput !== null;
  const simulatedWhat =
    c.measurement.kind === 'producerPerf'
      ? `a perf test of ${c.assignment.perf ?? 'the producer'} alone, ${held ? `held to ${n0(c.mode!.throughput!)} records/s (--throughput ${c.mode!.throughput})` : 'as fast as it can (--throughput -1)'}, ${c.run.summary.simulatedSeconds} simulated s`
      : `the document, ${c.run.summary.simulatedSeconds} simulated s`;
  return (
    <section
      className="measured-results"
      ref={ref}
      aria-label="Simulated against measured"
      data-testid="measured-results"
    >
      {stale && status === 'running' && (
        <p className="measured-progress" role="status">
          Comparing again with the document as it is now…
        </p>
      )}
      {stale && status !== 'running' && (
        <p className="measured-warn" data-testid="measured-stale">
          {doc !== c.doc
            ? 'The document changed since this comparison: Compare again for figures of the current one.'
            : 'The run is taken otherwise than when it was compared: Compare again.'}
        </p>
      )}
      <FitBar
        comparison={c}
        disabled={running || stale}
        stageChoice={stageChoice}
        producerFit={producerFit}
      />
      <FitBox fit={fit} />
      <div className="measured-table-wrap">
        <table className="measured-table" data-testid="measured-table">
          <caption>Simulated ({simulatedWhat}) against measured</caption>
          <thead>
            <tr>
              <th scope="col">node</th>
              <th scope="col">figure</th>
              <th scope="col">simulated</th>
              <th scope="col">measured</th>
              <th scope="col">error</th>
              <th scope="col">line</th>
            </tr>
          </thead>
          <tbody>
            {c.rows.map((r, i) => (
              <Row key={`${r.node}-${r.metric}-${i}`} row={r} />
            ))}
          </tbody>
        </table>
      </div>
      {chart && <MeasuredChart data={chart} width={Math.min(width, 720)} />}
    </section>
  );
}

function Row({ row: r }: { row: ComparisonRow }) {
  const size = r.error === null ? '' : Math.abs(r.error) <= 0.1 ? 'is-close' : 'is-off';
  return (
    <tr data-testid="measured-row" title={r.note}>
      <td className="measured-node">
        {r.node}
        {r.measuredAs && <div className="measured-note">measured: {r.measuredAs}</div>}
      </td>
      <td className="measured-metric">
        {r.metric} <span className="measured-unit">{r.unit}</span>
        {r.note && <div className="measured-note">{r.note}</div>}
      </td>
      <td>{num(r.simulated)}</td>
      <td>{num(r.measured)}</td>
      <td className={`measured-error ${size}`} data-testid="measured-error">
        {percent(r.error)}
      </td>
      <td>{r.line ?? ''}</td>
    </tr>
  );
}

/** The fits the table's figures offer: one line each, with the stage to change for a Spark job. */
function FitBar({
  comparison: c,
  disabled,
  stageChoice,
  producerFit,
}: {
  comparison: Comparison;
  disabled: boolean;
  stageChoice: Record<string, string>;
  producerFit: 'cost' | 'machine';
}) {
  const offers = c.rows.flatMap((r) => {
    const plan = r.fit ? fitPlanFor(c, r, stageChoice, producerFit) : null;
    return plan ? [{ row: r, plan }] : [];
  });
  if (offers.length === 0) return null;
  // The user said the run went flat out against what its rate suggests: say so where the fit is.
  const doubt = c.mode?.decidedBy === 'user' && !c.mode.throttled ? c.mode.warning : null;
  return (
    <div className="measured-fitbar">
      {doubt && (
        <p className="measured-warn" data-testid="measured-fit-doubt">
          Before fitting: {doubt}
        </p>
      )}
      {offers.map(({ row: r, plan }) => {
        if ('refused' in plan)
          return (
            <p key={`${r.node}-${r.metric}`} className="measured-warn" data-testid="measured-fit-refused">
              {plan.refused}
            </p>
          );
        const job = plan.kind === 'stageCost' ? c.doc.sparkJobs.find((j) => j.id === r.node) : undefined;
        return (
          <div key={`${r.node}-${r.metric}`} className="measured-row">
            <span>
              Match {r.node}&apos;s {r.metric} by its{' '}
            </span>
            {plan.kind !== 'stageCost' && (
              <select
                aria-label={`What to fit for ${r.node}`}
                data-testid="measured-producer-fit"
                value={producerFit}
                onChange={(e) => chooseProducerFit(e.target.value === 'machine' ? 'machine' : 'cost')}
              >
                <option value="cost">client cost per record (clientCostPerRecordUs)</option>
                <option value="machine">machine&apos;s speed (cpuGHz)</option>
              </select>
            )}
            {job && <span>cost per record in</span>}
            {job && (
              <select
                aria-label={`Stage of ${job.id} whose cost to fit`}
                value={plan.stageId}
                onChange={(e) => chooseStage(job.id, e.target.value)}
              >
                {job.stages.map((st) => (
                  <option key={st.id} value={st.id}>
                    {st.id} ({st.costPerRecordUs} µs)
                  </option>
                ))}
              </select>
            )}
            <button
              type="button"
              data-testid="measured-fit"
              disabled={disabled}
              title={plan.explanation}
              onClick={() => void runFit(plan)}
            >
              Fit to measurement
            </button>
          </div>
        );
      })}
    </div>
  );
}

function FitBox({ fit }: { fit: FitState }) {
  if (fit.status === 'idle') return null;
  if (fit.status === 'error')
    return (
      <p className="measured-errors" role="alert">
        The fit failed: {fit.message}
      </p>
    );
  const { plan } = fit;
  const setting = plan.path.split('.').pop();
  return (
    <div className="measured-fitbox" data-testid="measured-fitbox">
      {fit.status === 'running' && (
        <p className="measured-progress" role="status" data-testid="measured-fit-progress">
          {fit.progress === null
            ? 'Starting…'
            : `Run ${fit.progress.probes.length + 1}: ${setting} = ${+fit.progress.value.toPrecision(4)}` +
              (fit.progress.probes.length
                ? `; last ${+fit.progress.probes[fit.progress.probes.length - 1]!.value.toPrecision(4)} gave ${num(fit.progress.probes[fit.progress.probes.length - 1]!.simulated)} (measured ${num(plan.target)})`
                : '') +
              (fit.progress.low !== null && fit.progress.high !== null
                ? `; between ${+fit.progress.low.toPrecision(4)} and ${+fit.progress.high.toPrecision(4)}`
                : '')}{' '}
          <button type="button" onClick={cancelMeasured}>
            Cancel
          </button>
        </p>
      )}
      {fit.status === 'done' && (
        <p
          className={fit.written ? 'measured-done' : 'measured-warn'}
          role="status"
          data-testid="measured-fit-result"
        >
          {fit.message}
          {fit.result.outcome === 'found' &&
            fit.result.simulated !== null &&
            ` At that value the simulation gives ${num(fit.result.simulated)} against the measured ${num(fit.result.target)} (${fit.result.probes.length} runs).`}
        </p>
      )}
      <details className="measured-explain">
        <summary>What the fit changes</summary>
        {plan.explanation}
      </details>
    </div>
  );
}
