// Per broker: its state, how many partitions it leads, and CPU, network in and out and disk use
// over the last minutes as small multiples. Each resource has one auto-scaled axis shared by every
// broker (so brokers compare at a glance), its top named in the column head: a broker at 3% shows
// on a 0-5% axis instead of lying flat on 0-100%.
//
// The small charts are plain SVG polylines, not Recharts: twelve Recharts line charts redrawn twice
// a second made main-thread tasks of 57-180 ms during a run (13 over 50 ms in 2.4 s of the
// broker-failure example at 100x, measured in headless Chromium); as polylines, none over 50 ms.
import { memo } from 'react';
import type { BrokerLive } from '../../worker/protocol';
import {
  RESOURCE_KEYS,
  RESOURCE_LABELS,
  brokerStateText,
  columnPoints,
  formatUtil,
  niceAxisMax,
  type Resource,
  type SeriesPoint,
} from './clusterFormat';

/** Points per small chart: about one per pixel column of it. */
const POINTS = 54;
const CHART_W = 54;
const CHART_H = 30;

export interface BrokerSeries {
  id: string;
  live: BrokerLive | undefined;
  series: Record<Resource, SeriesPoint[]>;
}

/** Each broker's series from the per-second rows (columns `${broker}.${resource}`). */
export function brokerSeries(
  brokerIds: readonly string[],
  columns: readonly string[],
  rows: readonly number[][],
  live: Record<string, BrokerLive> | undefined,
): BrokerSeries[] {
  const index = new Map(columns.map((c, i) => [c, i]));
  return brokerIds.map((id) => {
    const series = {} as Record<Resource, SeriesPoint[]>;
    for (const r of RESOURCE_KEYS) series[r] = columnPoints(rows, index.get(`${id}.${r}`), POINTS);
    return { id, live: live?.[id], series };
  });
}

/** The top of each resource's axis: the nice ceiling of the largest value any broker shows. */
export function axisMaxima(brokers: readonly BrokerSeries[]): Record<Resource, number> {
  const out = {} as Record<Resource, number>;
  for (const r of RESOURCE_KEYS) {
    let max = 0;
    for (const b of brokers) for (const p of b.series[r]) if (p.v > max) max = p.v;
    out[r] = niceAxisMax(max);
  }
  return out;
}

const STATE_CLASS: Record<string, string> = {
  up: 'is-up',
  processKilled: 'is-down',
  hostLost: 'is-down',
  restarting: 'is-restarting',
  notJoined: 'is-restarting',
  decommissioned: 'is-restarting',
};

export const BrokerLoad = memo(function BrokerLoad({ brokers }: { brokers: BrokerSeries[] }) {
  const maxima = axisMaxima(brokers);
  return (
    <table className="cl-table cl-brokers" data-testid="cluster-brokers">
      <caption>
        <span className="cl-topic-name">Brokers</span>
        <span className="cl-topic-meta">utilisation per second; axes scale to the busiest broker</span>
      </caption>
      <thead>
        <tr>
          <th scope="col">Broker</th>
          <th scope="col" className="cl-num" title="Partitions it leads now">
            Leads
          </th>
          {RESOURCE_KEYS.map((r) => (
            <th key={r} scope="col" data-testid={`broker-axis-${r}`} data-axis-max={maxima[r]}>
              {RESOURCE_LABELS[r]} <span className="cl-axis">0–{formatUtil(maxima[r])}</span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {brokers.map((b) => (
          <BrokerRow key={b.id} broker={b} maxima={maxima} />
        ))}
      </tbody>
    </table>
  );
});

function BrokerRow({ broker, maxima }: { broker: BrokerSeries; maxima: Record<Resource, number> }) {
  const state = broker.live?.state;
  return (
    <tr data-testid={`cluster-broker-${broker.id}`} data-state={state ?? 'none'}>
      <th scope="row">
        {broker.id}
        <span
          className={`cl-badge ${STATE_CLASS[state ?? ''] ?? ''}`}
          data-testid={`broker-state-${broker.id}`}
        >
          {brokerStateText(broker.live)}
        </span>
      </th>
      <td className="cl-num" data-testid={`broker-leads-${broker.id}`}>
        {broker.live?.leaderOf ?? '–'}
      </td>
      {RESOURCE_KEYS.map((r) => {
        const points = broker.series[r];
        const now = broker.live?.[r];
        return (
          <td key={r} className="cl-spark">
            <span className="cl-spark-value">{now === undefined ? '–' : formatUtil(now)}</span>
            <Sparkline points={points} max={maxima[r]} />
          </td>
        );
      })}
    </tr>
  );
}

/** A line over [first t, last t] x [0, max], values above max drawn at the top edge. */
export function sparklinePath(points: readonly SeriesPoint[], max: number, w: number, h: number): string {
  if (points.length === 0 || max <= 0) return '';
  const t0 = points[0]!.t;
  const span = points[points.length - 1]!.t - t0 || 1;
  const pad = 1.5; // half the stroke, so a flat line at 0 or at the top stays visible
  return points
    .map((p, i) => {
      const x = points.length === 1 ? w : ((p.t - t0) / span) * w;
      const y = h - pad - (Math.min(p.v, max) / max) * (h - 2 * pad);
      return `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join('');
}

const Sparkline = memo(function Sparkline({ points, max }: { points: SeriesPoint[]; max: number }) {
  return (
    <svg
      className="cl-spark-chart"
      width={CHART_W}
      height={CHART_H}
      viewBox={`0 0 ${CHART_W} ${CHART_H}`}
      aria-hidden="true"
    >
      <line className="cl-spark-axis" x1={0} x2={CHART_W} y1={CHART_H - 0.5} y2={CHART_H - 0.5} />
      <path
        d={sparklinePath(points, max, CHART_W, CHART_H)}
        fill="none"
        stroke="var(--cl-line)"
        strokeWidth={1.5}
      />
    </svg>
  );
});
