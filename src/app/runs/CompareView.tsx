// Two kept runs side by side: the settings that differ (left to right), then every headline metric
// with both values, the change and whether it is for the better. The verdict is written out and
// marked with an arrow as well as a colour, so it reads without colour too.
import { forwardRef, useId, useMemo } from 'react';
import { METRICS, formatMetric, type MetricId } from '../../whatif/metrics';
import { diffDocuments } from '../../whatif/settings';
import { formatCount } from '../run/format';
import {
  compareFigures,
  compareOrder,
  compareReaders,
  compareRecordCounts,
  formatShare,
  spanMismatch,
  type MetricComparison,
  type Verdict,
} from './compare';
import { warmupCaption } from './warmupCaption';
import type { SavedRun } from './types';

const VERDICT_TEXT: Record<Verdict, string> = {
  better: '▲ better',
  worse: '▼ worse',
  same: '≈ same (within 1%)',
  none: '–',
  unfair: 'not judged (spans differ)',
};

/** A change with its sign and the metric's unit: "+200 records/s", "−60 ms", "±0 ms". */
function formatDelta(id: MetricId, delta: number | null): string {
  if (delta === null) return '–';
  if (delta === 0) return `±${formatMetric(id, 0)}`;
  const text = formatMetric(id, Math.abs(delta));
  return delta > 0 ? `+${text}` : `−${text}`;
}

export const CompareView = forwardRef<
  HTMLElement,
  { a: SavedRun; b: SavedRun; baselineId: string | null; onClose: () => void }
>(function CompareView({ a, b, baselineId, onClose }, ref) {
  const [left, right] = compareOrder(a, b, baselineId);
  const headingId = useId();
  const changes = useMemo(() => diffDocuments(left.doc, right.doc), [left.doc, right.doc]);
  const mismatch = spanMismatch(left, right);
  // A metric neither run has (a Spark scheduling delay without a Spark job) is left out.
  const rows = useMemo(
    () =>
      compareFigures(left.headline, right.headline, METRICS, mismatch === null).filter(
        (r) => r.left !== null || r.right !== null,
      ),
    [left, right, mismatch],
  );
  const counts = useMemo(
    () => compareRecordCounts(left.totals, right.totals, mismatch === null),
    [left, right, mismatch],
  );
  const readers = useMemo(() => compareReaders(left, right, mismatch === null), [left, right, mismatch]);
  // One reader: its figures are the headline's already.
  const readerRows = readers.length > 2 ? readers : [];
  return (
    <section
      ref={ref}
      className="runs-compare"
      aria-labelledby={headingId}
      tabIndex={-1}
      data-testid="runs-compare-view"
      data-left={left.id}
      data-right={right.id}
    >
      <div className="runs-compare-head">
        <h3 id={headingId}>
          {left.name} <span className="runs-muted">against</span> {right.name}
        </h3>
        <button type="button" onClick={onClose} data-testid="runs-compare-close">
          Close comparison
        </button>
      </div>
      {mismatch ? (
        <p className="runs-warning" role="status" data-testid="compare-span-warning">
          {mismatch}
        </p>
      ) : (
        <p className="runs-muted" data-testid="compare-span">
          {warmupCaption(left.warmupSec ?? 0, left.doc.run.durationSec)}
        </p>
      )}
      <h4>
        Settings that differ ({left.name} → {right.name})
      </h4>
      {changes.length === 0 ? (
        <p className="runs-muted" data-testid="compare-same-settings">
          The two runs have the same settings.
        </p>
      ) : (
        <ul className="runs-compare-changes" data-testid="compare-changes">
          {changes.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      <table className="runs-table runs-compare-table" data-testid="compare-table">
        <caption className="visually-hidden">Headline figures of both runs and the change</caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col" className="runs-num">
              {left.name}
            </th>
            <th scope="col" className="runs-num">
              {right.name}
            </th>
            <th scope="col" className="runs-num">
              Change
            </th>
            <th scope="col">Verdict</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const id = row.metric.id as MetricId;
            return (
              <CompareRow
                key={id}
                row={row}
                format={(v) => formatMetric(id, v)}
                delta={formatDelta(id, row.delta)}
              />
            );
          })}
          {counts.map((row) => (
            <CompareRow
              key={row.metric.id}
              row={row}
              title={row.metric.definition}
              format={formatRecords}
              delta={formatRecordDelta(row.delta)}
            />
          ))}
          {readerRows.length > 0 && (
            <tr className="runs-compare-group">
              <th scope="rowgroup" colSpan={5}>
                Each reader{' '}
                <span className="runs-sub">
                  processed throughput above is the slowest reader&apos;s and p99 merges every reader&apos;s
                  records: here each on its own
                </span>
              </th>
            </tr>
          )}
          {readerRows.map((row) => (
            <CompareRow
              key={row.metric.id}
              row={row}
              format={(v) => formatMetric(row.figure, v)}
              delta={formatDelta(row.figure, row.delta)}
            />
          ))}
        </tbody>
      </table>
    </section>
  );
});

const formatRecords = (v: number | null): string => (v === null ? '–' : `${formatCount(v)} records`);

function formatRecordDelta(delta: number | null): string {
  if (delta === null) return '–';
  if (delta === 0) return '±0 records';
  return `${delta > 0 ? '+' : '−'}${formatRecords(Math.abs(delta))}`;
}

/** One metric's row: both values, the change and the verdict. */
function CompareRow({
  row,
  format,
  delta,
  title,
}: {
  row: MetricComparison;
  format: (v: number | null) => string;
  delta: string;
  title?: string;
}) {
  return (
    <tr
      className={`is-${row.verdict}`}
      data-testid={`compare-${row.metric.id}`}
      data-left={row.left ?? ''}
      data-right={row.right ?? ''}
      data-delta={row.delta ?? ''}
      data-verdict={row.verdict}
    >
      <th scope="row" title={title}>
        {row.metric.label}{' '}
        <span className="runs-sub">
          {row.metric.better === 'higher' ? 'higher is better' : 'lower is better'}
        </span>
      </th>
      <td className="runs-num">{format(row.left)}</td>
      <td className="runs-num">{format(row.right)}</td>
      <td className="runs-num runs-delta">
        {delta}
        <span className="runs-sub">{formatShare(row.left, row.delta)}</span>
      </td>
      <td className="runs-verdict">{VERDICT_TEXT[row.verdict]}</td>
    </tr>
  );
}
