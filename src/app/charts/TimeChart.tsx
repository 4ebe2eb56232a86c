// One line chart over simulated time, the building block of every chart in the panel: plain SVG,
// one <path> per line. Recharts redrew each chart through its own store, selectors and measured
// labels, 10-30 ms a chart on this machine, which made long tasks during fast runs; this draws the
// same picture in well under a millisecond. Memoised: it redraws only when its inputs change.
import { memo, useEffect, useMemo, useRef, useState, type PointerEvent, type RefObject } from 'react';
import { formatClock, formatShort } from '../run/format';
import { linePath, niceTicks, timeTicks } from './axes';
import type { Point } from './derive';
import { referenceLabelY } from './labelLayout';
import { dashOf, paintOrder, widthOf, type LineSpec } from './lineStyle';

export type { LineSpec } from './lineStyle';

export interface TimeChartProps {
  points: Point[];
  lines: LineSpec[];
  domain: [number, number];
  /** Unit shown on the y axis and in the tooltip ('records/s', 'ms', '%', ...). */
  unit: string;
  yMax?: number;
  /** A horizontal line, e.g. the batch interval on a delay chart. */
  reference?: { y: number; label: string };
  height?: number;
  /** Show values on hover (off while running: the chart moves on under the pointer anyway). */
  tooltip?: boolean;
  /** Draw the legend above the plot (off when the caller draws its own). */
  legend?: boolean;
  /** The pinned baseline run's points (same keys), drawn dashed under the current lines. */
  baseline?: Point[];
}

export const CHART_COLORS = [
  '#2f6fde',
  '#d9480f',
  '#2b9a66',
  '#8e44ad',
  '#c2255c',
  '#0b7285',
  '#e67700',
  '#5c5f66',
];

const MARGIN = { top: 8, right: 14, bottom: 18, left: 48 };

function formatValue(v: number | null | undefined, unit: string): string {
  if (typeof v !== 'number') return '–';
  const text = v >= 100 ? Math.round(v).toLocaleString('en-US') : String(Number(v.toFixed(2)));
  return `${text} ${unit}`;
}

/** Axis labels: 20k, 1.5M, but 0.25 stays 0.25 (formatShort keeps one decimal). */
const tickLabel = (v: number) => (Math.abs(v) >= 1000 ? formatShort(v) : String(Number(v.toFixed(2))));

/** Width of the element, kept up to date as the layout changes. */
export function useWidth(): [RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement | null>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // No clientWidth read here: that forces a layout of the page in the middle of mounting, once
    // per chart. The observer reports the first size itself, after the browser's own layout.
    if (typeof ResizeObserver === 'undefined') return setWidth(el.clientWidth);
    const observer = new ResizeObserver((entries) => {
      for (const e of entries) setWidth(Math.round(e.contentRect.width));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

function TimeChartView({
  points,
  lines,
  domain,
  unit,
  yMax,
  reference,
  height = 170,
  tooltip = true,
  legend = true,
  baseline,
}: TimeChartProps) {
  const [boxRef, width] = useWidth();
  const [hover, setHover] = useState<number | null>(null);

  const plotW = Math.max(0, width - MARGIN.left - MARGIN.right);
  const plotH = height - MARGIN.top - MARGIN.bottom;

  const top = useMemo(() => {
    if (yMax !== undefined) return yMax;
    let max = reference?.y ?? 0;
    for (const p of baseline ? points.concat(baseline) : points)
      for (const l of lines) {
        const v = p[l.key];
        if (typeof v === 'number' && v > max) max = v;
      }
    return max;
  }, [points, baseline, lines, yMax, reference]);
  const yTicks = useMemo(() => niceTicks(top), [top]);
  const yTop = yTicks[yTicks.length - 1] ?? 1;
  const xTicks = useMemo(() => timeTicks(domain), [domain]);

  const [from, to] = domain;
  const x = (t: number) => (to > from ? ((t - from) / (to - from)) * plotW : 0);
  const y = (v: number) => plotH - (Math.min(v, yTop) / yTop) * plotH;

  const painted = useMemo(() => paintOrder(lines), [lines]);
  const paths = useMemo(
    () => painted.map((l) => linePath(points, l.key, domain, plotW, plotH, yTop)),
    [points, painted, domain, plotW, plotH, yTop],
  );
  const basePaths = useMemo(
    () => (baseline ? lines.map((l) => linePath(baseline, l.key, domain, plotW, plotH, yTop)) : []),
    [baseline, lines, domain, plotW, plotH, yTop],
  );

  const hovered = hover === null ? undefined : points[hover];
  const onMove = (e: PointerEvent<SVGRectElement>) => {
    if (!tooltip || points.length === 0) return;
    const rect = e.currentTarget.getBoundingClientRect();
    const t = from + ((e.clientX - rect.left) / Math.max(1, rect.width)) * (to - from);
    let best = 0;
    for (let i = 1; i < points.length; i++)
      if (Math.abs(points[i]!.t - t) < Math.abs(points[best]!.t - t)) best = i;
    setHover(best);
  };

  const suffix = unit === '%' ? '%' : '';
  return (
    <div className="time-chart" ref={boxRef}>
      {legend && <Legend lines={lines} unit={unit} />}
      {width > 0 && (
        <svg width={width} height={height} className="time-chart-svg" aria-hidden="true">
          <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
            {yTicks.map((v) => (
              <g key={v}>
                <line x1={0} x2={plotW} y1={y(v)} y2={y(v)} className="chart-grid" />
                <text x={-6} y={y(v) + 4} textAnchor="end" className="chart-tick">
                  {tickLabel(v) + suffix}
                </text>
              </g>
            ))}
            <line x1={0} x2={0} y1={0} y2={plotH} className="chart-axis" />
            <line x1={0} x2={plotW} y1={plotH} y2={plotH} className="chart-axis" />
            {xTicks.map((t) => (
              <text key={t} x={x(t)} y={plotH + 14} textAnchor="middle" className="chart-tick">
                {formatClock(t * 1000)}
              </text>
            ))}
            {reference && reference.y <= yTop && (
              <g>
                <line x1={0} x2={plotW} y1={y(reference.y)} y2={y(reference.y)} className="chart-reference" />
                <text
                  x={plotW - 4}
                  y={referenceLabelY(y(reference.y)).baseline}
                  textAnchor="end"
                  className="chart-tick chart-reference-label"
                >
                  {reference.label}
                </text>
              </g>
            )}
            {basePaths.map((d, i) =>
              d ? (
                <path
                  key={`baseline:${lines[i]!.key}`}
                  d={d}
                  className="chart-baseline"
                  stroke={lines[i]!.color}
                  strokeDasharray={BASELINE_DASH}
                />
              ) : null,
            )}
            {painted.map((l, i) => (
              <path
                key={l.key}
                d={paths[i]}
                className={`chart-line line-${l.key}`}
                stroke={l.color}
                strokeWidth={widthOf(l)}
                strokeOpacity={l.opacity}
                strokeDasharray={dashOf(l)}
              />
            ))}
            {hovered && (
              <line x1={x(hovered.t)} x2={x(hovered.t)} y1={0} y2={plotH} className="chart-cursor" />
            )}
            {tooltip && (
              <rect
                width={plotW}
                height={plotH}
                fill="transparent"
                onPointerMove={onMove}
                onPointerLeave={() => setHover(null)}
              />
            )}
          </g>
        </svg>
      )}
      {tooltip && hovered && (
        <div
          className="chart-tooltip"
          style={{ left: Math.min(MARGIN.left + x(hovered.t) + 10, Math.max(0, width - 170)) }}
        >
          <div className="chart-tooltip-time">at {formatClock(hovered.t * 1000)}</div>
          {lines.map((l) => (
            <div key={l.key}>
              <span style={{ color: l.color }}>■</span> {l.name}: {formatValue(hovered[l.key], unit)}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

/** How the baseline's lines are dashed: shorter than a current dashed line's, and faded (CSS). */
export const BASELINE_DASH = '2 4';

/** Plain HTML legend; with a baseline pinned, one entry for all its lines. */
export const Legend = memo(function Legend({
  lines,
  unit,
  unitNote,
  baselineName,
}: {
  lines: LineSpec[];
  unit: string;
  /** What the values are, after the unit ("s to restore from offset 0"), so the line names stay short. */
  unitNote?: string;
  baselineName?: string;
}) {
  return (
    <ul className="chart-legend">
      <li className="chart-unit">
        {unit}
        {unitNote && <span className="chart-unit-note"> {unitNote}</span>}
      </li>
      {lines.map((l) => (
        <li key={l.key} data-testid={`legend-${l.key}`}>
          <svg width="22" height="8" aria-hidden="true">
            <line
              x1="0"
              y1="4"
              x2="22"
              y2="4"
              stroke={l.color}
              strokeWidth={Math.max(2, widthOf(l))}
              strokeOpacity={l.opacity}
              strokeDasharray={dashOf(l)}
            />
          </svg>
          {l.name}
        </li>
      ))}
      {baselineName !== undefined && (
        <li className="chart-legend-baseline" data-testid="legend-baseline">
          <svg width="16" height="6" aria-hidden="true">
            <line
              x1="0"
              y1="3"
              x2="16"
              y2="3"
              stroke="currentColor"
              strokeWidth="2"
              strokeDasharray={BASELINE_DASH}
            />
          </svg>
          baseline: {baselineName}
        </li>
      )}
    </ul>
  );
});

export const TimeChart = memo(TimeChartView);
