// One metric over the swept values: a curve per value of the second setting (or one curve), each
// point the mean over its seeds with its 95% interval as an error bar. A click on a point calls
// `onPoint` with that point's key; hovering one shows its value and interval. The search's probes
// use the same chart, with the limit marked as a vertical band.
//
// Drawn as plain SVG (layout in sweepGeometry.ts) rather than with Recharts: a Recharts chart took
// 50 to 300 ms of the main thread to redraw, and a sweep redraws its charts while it runs; this one
// takes a millisecond or two.
import { memo, useCallback, useId, useLayoutEffect, useRef } from 'react';
import { useOneAtATime } from './oneAtATime';
import { curvePath, place, xAxis, yAxis } from './sweepGeometry';

export interface ChartPoint {
  x: number;
  /** NaN or null: the metric does not apply at this point (no line drawn through it). */
  mean: number | null;
  /** Half-widths below and above the mean (finite; 0 when there is no interval). */
  error: [number, number];
  /** What `onPoint` receives. */
  key: string;
}

export interface ChartCurve {
  name: string;
  points: ChartPoint[];
  /** Drawn thin and dashed under the others, without error bars: context, not the figure read. */
  faint?: boolean;
}

export interface SweepChartProps {
  title: string;
  xLabel: string;
  yLabel: string;
  curves: ChartCurve[];
  logX?: boolean;
  width: number;
  height?: number;
  onPoint?: (key: string) => void;
  /** A vertical line (the limit found) with a band for its interval. */
  limit?: { x: number; low: number; high: number; label: string };
  /** A horizontal line (a bound the user set, say p99 <= 500 ms). */
  bound?: { y: number; label: string };
  /** A point drawn larger (the cheapest design meeting the target). */
  highlight?: string;
}

const DEFAULT_HEIGHT = 240;

const COLORS = ['#1f6fd1', '#d9480f', '#2b8a3e', '#9c36b5', '#c2255c', '#0b7285', '#5f3dc4', '#e67700'];

const tick = (v: number): string => {
  const a = Math.abs(v);
  if (a >= 1e6) return `${+(v / 1e6).toPrecision(3)}M`;
  if (a >= 1e3) return `${+(v / 1e3).toPrecision(3)}k`;
  return `${+v.toPrecision(3)}`;
};

/**
 * The chart takes up new curves in a task of its own (see oneAtATime.ts). Its body redraws only
 * when what it draws changes: not for a new click handler, nor for curves not yet taken up.
 */
export function SweepChart(props: SweepChartProps) {
  // Even the first drawing waits for its own task: several charts appearing together would be one
  // long task.
  const curves = useOneAtATime(props.curves, null);
  const handler = useRef(props.onPoint);
  useLayoutEffect(() => {
    handler.current = props.onPoint;
  });
  const clickable = props.onPoint !== undefined;
  const onPoint = useCallback((key: string) => handler.current?.(key), []);
  if (curves === null)
    return (
      <figure className="sweep-chart" data-testid="sweep-chart">
        <figcaption className="sweep-chart-title">{props.title}</figcaption>
        <div style={{ width: props.width, height: props.height ?? DEFAULT_HEIGHT }} />
      </figure>
    );
  return <ChartBody {...props} curves={curves} onPoint={clickable ? onPoint : undefined} />;
}

const sameBand = (a?: { x: number; low: number; high: number; label: string }, b?: typeof a) =>
  a === b || (!!a && !!b && a.x === b.x && a.low === b.low && a.high === b.high && a.label === b.label);

/** Curves that draw the same (the view makes new arrays on every redraw; most hold the same points). */
export function sameCurves(a: readonly ChartCurve[], b: readonly ChartCurve[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((c, i) => {
    const d = b[i]!;
    return (
      c.name === d.name &&
      c.points.length === d.points.length &&
      c.points.every((p, j) => {
        const q = d.points[j]!;
        return (
          p.key === q.key &&
          Object.is(p.x, q.x) &&
          Object.is(p.mean, q.mean) &&
          Object.is(p.error[0], q.error[0]) &&
          Object.is(p.error[1], q.error[1])
        );
      })
    );
  });
}

const sameChart = (a: SweepChartProps, b: SweepChartProps): boolean =>
  sameCurves(a.curves, b.curves) &&
  a.title === b.title &&
  a.xLabel === b.xLabel &&
  a.yLabel === b.yLabel &&
  a.logX === b.logX &&
  a.width === b.width &&
  a.height === b.height &&
  a.onPoint === b.onPoint &&
  a.highlight === b.highlight &&
  sameBand(a.limit, b.limit) &&
  a.bound?.y === b.bound?.y &&
  a.bound?.label === b.bound?.label;

/** Room around the plot for the ticks and the axis labels. */
const MARGIN = { top: 10, right: 16, bottom: 34, left: 62 };
const CAP = 5;
/** Pixels between the curves of a two-setting sweep at the same x. */
const DODGE = 6;

/** "26k ± 1.2k", or the mean alone when there is no interval. */
function valueText(p: ChartPoint): string {
  if (p.mean === null) return 'no value';
  const spread = Math.max(...p.error);
  return spread > 0 ? `${tick(p.mean)} ± ${tick(spread)}` : tick(p.mean);
}

const ChartBody = memo(function ChartBody({
  title,
  xLabel,
  yLabel,
  curves,
  logX = false,
  width,
  height = DEFAULT_HEIGHT,
  onPoint,
  limit,
  bound,
  highlight,
}: SweepChartProps) {
  const clipId = useId();
  const plotW = Math.max(10, width - MARGIN.left - MARGIN.right);
  const plotH = Math.max(10, height - MARGIN.top - MARGIN.bottom);
  const x = xAxis(
    curves.flatMap((c) => c.points.map((p) => p.x)),
    plotW,
    logX,
  );
  const y = yAxis(curves, plotH, bound ? [bound.y] : []);
  const px = (v: number) => place(x.scale, v);
  const py = (v: number) => place(y.scale, y.clipAtZero ? Math.max(v, y.scale.domain[0]) : v);
  const inX = (v: number) => v >= x.scale.domain[0] && v <= x.scale.domain[1];
  return (
    <figure className="sweep-chart" data-testid="sweep-chart">
      <figcaption className="sweep-chart-title">{title}</figcaption>
      {curves.length > 1 && (
        <ul className="sweep-legend">
          {curves.map((c, i) => (
            <li key={c.name} className="sweep-legend-item">
              <span
                className="sweep-swatch"
                style={{ background: COLORS[i % COLORS.length] }}
                aria-hidden="true"
              />
              {c.name}
            </li>
          ))}
        </ul>
      )}
      <svg width={width} height={height} role="img" aria-label={title} className="sweep-svg">
        <defs>
          <clipPath id={clipId}>
            <rect x={-CAP} y={-2} width={plotW + 2 * CAP} height={plotH + 4} />
          </clipPath>
        </defs>
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          <g className="sweep-grid">
            {y.ticks.map((t) => (
              <line key={`y${t}`} x1={0} x2={plotW} y1={py(t)} y2={py(t)} />
            ))}
            {x.ticks.map((t) => (
              <line key={`x${t}`} x1={px(t)} x2={px(t)} y1={0} y2={plotH} />
            ))}
          </g>
          <g className="sweep-axis">
            <line x1={0} x2={plotW} y1={plotH} y2={plotH} />
            <line x1={0} x2={0} y1={0} y2={plotH} />
            {x.ticks.map((t) => (
              <text key={`xt${t}`} x={px(t)} y={plotH + 13} textAnchor="middle">
                {tick(t)}
              </text>
            ))}
            {y.ticks.map((t) => (
              <text key={`yt${t}`} x={-6} y={py(t) + 4} textAnchor="end">
                {tick(t)}
              </text>
            ))}
            <text x={plotW / 2} y={plotH + 29} textAnchor="middle">
              {xLabel}
            </text>
            <text transform={`translate(${-50},${plotH / 2}) rotate(-90)`} textAnchor="middle">
              {yLabel}
            </text>
          </g>
          <g clipPath={`url(#${clipId})`}>
            {limit && (
              <rect
                className="sweep-limit-band"
                x={px(Math.max(limit.low, x.scale.domain[0]))}
                width={Math.max(
                  0,
                  px(Math.min(limit.high, x.scale.domain[1])) - px(Math.max(limit.low, x.scale.domain[0])),
                )}
                y={0}
                height={plotH}
              />
            )}
            {limit && inX(limit.x) && (
              <line className="sweep-limit-line" x1={px(limit.x)} x2={px(limit.x)} y1={0} y2={plotH} />
            )}
            {bound && (
              <line className="sweep-bound-line" x1={0} x2={plotW} y1={py(bound.y)} y2={py(bound.y)} />
            )}
            {/* Faint curves first, so the ones to read lie on top; colours follow the legend. */}
            {curves
              .map((c, i) => [c, i] as const)
              .sort(([a], [b]) => Number(b.faint === true) - Number(a.faint === true))
              .map(([c, i]) => {
                const color = COLORS[i % COLORS.length]!;
                // Points and error bars side by side a few pixels apart, so equal points stay visible
                // and clickable; the line goes through the true x, so equal curves lie on each other.
                const dx = (i - (curves.length - 1) / 2) * DODGE;
                const drawn = c.points.map((p) => ({
                  ...p,
                  px: px(p.x) + dx,
                  py: p.mean === null ? null : py(p.mean),
                }));
                return (
                  <g key={c.name} className="sweep-curve">
                    <path
                      d={curvePath(drawn.map((p) => ({ x: px(p.x), y: p.py })))}
                      fill="none"
                      stroke={color}
                      strokeWidth={c.faint ? 1.2 : 1.8}
                      strokeDasharray={c.faint ? '5 4' : undefined}
                      opacity={c.faint ? 0.7 : undefined}
                    />
                    {drawn.map((p) =>
                      c.faint ||
                      p.mean === null ||
                      p.py === null ||
                      (p.error[0] === 0 && p.error[1] === 0) ? null : (
                        <g key={`e${p.key}`} className="sweep-errorbar" stroke={color} strokeWidth={1.2}>
                          <line
                            x1={p.px}
                            x2={p.px}
                            y1={py(p.mean - p.error[0])}
                            y2={py(p.mean + p.error[1])}
                          />
                          <line
                            x1={p.px - CAP}
                            x2={p.px + CAP}
                            y1={py(p.mean - p.error[0])}
                            y2={py(p.mean - p.error[0])}
                          />
                          <line
                            x1={p.px - CAP}
                            x2={p.px + CAP}
                            y1={py(p.mean + p.error[1])}
                            y2={py(p.mean + p.error[1])}
                          />
                        </g>
                      ),
                    )}
                    {drawn.map((p) => {
                      if (p.py === null) return null;
                      const big = p.key === highlight;
                      return (
                        <circle
                          key={p.key}
                          cx={p.px}
                          cy={p.py}
                          r={big ? 7 : c.faint ? 2.5 : 4}
                          fill={big ? '#2b8a3e' : color}
                          stroke="#fff"
                          strokeWidth={1}
                          className="sweep-point"
                          data-key={p.key}
                          style={{ cursor: onPoint ? 'pointer' : undefined }}
                          onClick={onPoint ? () => onPoint(p.key) : undefined}
                        >
                          <title>{`${xLabel}: ${tick(p.x)}\n${c.name}: ${valueText(p)}${onPoint ? '\n(click to open this run)' : ''}`}</title>
                        </circle>
                      );
                    })}
                  </g>
                );
              })}
          </g>
          {limit && inX(limit.x) && (
            <text className="sweep-limit-label" x={px(limit.x) - 4} y={12} textAnchor="end">
              {limit.label}
            </text>
          )}
          {bound && (
            <text className="sweep-bound-label" x={4} y={py(bound.y) - 4}>
              {bound.label}
            </text>
          )}
        </g>
      </svg>
    </figure>
  );
}, sameChart);
