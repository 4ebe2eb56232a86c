// One metric over the swept values: a curve per value of the second setting (or one curve), each
// point the mean over its seeds with its 95% interval as an error bar. Recharts, animation off. A
// click on a point calls `onPoint` with that point's key. The search's probes use the same chart,
// with the limit marked as a vertical band.
import { memo, useCallback, useLayoutEffect, useRef } from 'react';
import { useOneAtATime } from './oneAtATime';
import {
  CartesianGrid,
  ErrorBar,
  Legend,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

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

const sameChart = (a: SweepChartProps, b: SweepChartProps): boolean =>
  a.curves === b.curves &&
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

const ChartBody = memo(function ChartBody({
  title,
  xLabel,
  yLabel,
  curves,
  logX,
  width,
  height = DEFAULT_HEIGHT,
  onPoint,
  limit,
  bound,
  highlight,
}: SweepChartProps) {
  // Few distinct x values (a sweep's points): tick exactly at them.
  const xs = [...new Set(curves.flatMap((c) => c.points.map((p) => p.x)))].sort((a, b) => a - b);
  const span = xs.length > 1 ? xs[xs.length - 1]! - xs[0]! : 0;
  const spread = xs.every((x, i) => i === 0 || (logX ? x / xs[i - 1]! >= 1.25 : x - xs[i - 1]! >= span / 14));
  const ticks = xs.length > 0 && xs.length <= 12 && spread ? xs : undefined;
  // A metric that is never negative keeps its axis at 0 and up, even where an interval reaches below.
  const nonNegative = curves.every((c) => c.points.every((p) => p.mean === null || p.mean >= 0));
  return (
    <figure className="sweep-chart" data-testid="sweep-chart">
      <figcaption className="sweep-chart-title">{title}</figcaption>
      <LineChart
        width={width}
        height={height}
        margin={{ top: 8, right: 16, bottom: 18, left: 4 }}
        accessibilityLayer={false}
      >
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
        <XAxis
          dataKey="x"
          type="number"
          scale={logX ? 'log' : 'auto'}
          domain={['dataMin', 'dataMax']}
          allowDuplicatedCategory={false}
          ticks={ticks}
          interval={0}
          tickFormatter={tick}
          tick={{ fontSize: 11, fill: 'var(--muted)' }}
          label={{ value: xLabel, position: 'insideBottom', offset: -12, fontSize: 11, fill: 'var(--muted)' }}
        />
        <YAxis
          type="number"
          domain={nonNegative ? [0, 'auto'] : ['auto', 'auto']}
          allowDataOverflow={nonNegative}
          width={56}
          tickFormatter={tick}
          tick={{ fontSize: 11, fill: 'var(--muted)' }}
          label={{ value: yLabel, angle: -90, position: 'insideLeft', fontSize: 11, fill: 'var(--muted)' }}
        />
        <Tooltip
          isAnimationActive={false}
          formatter={(value, _name, item) => {
            const p = item.payload as ChartPoint;
            const v = typeof value === 'number' ? value : Number(value);
            return p.error[0] > 0 || p.error[1] > 0 ? `${tick(v)} ± ${tick(Math.max(...p.error))}` : tick(v);
          }}
          labelFormatter={(x) => `${xLabel}: ${tick(Number(x))}`}
        />
        {curves.length > 1 && <Legend verticalAlign="top" height={22} wrapperStyle={{ fontSize: 12 }} />}
        {limit && (
          <ReferenceArea
            x1={limit.low}
            x2={limit.high}
            fill="#2b8a3e"
            fillOpacity={0.12}
            ifOverflow="hidden"
          />
        )}
        {limit && (
          <ReferenceLine
            x={limit.x}
            stroke="#2b8a3e"
            strokeDasharray="5 3"
            ifOverflow="hidden"
            label={{ value: limit.label, position: 'insideTopRight', fontSize: 11, fill: '#2b8a3e' }}
          />
        )}
        {bound && (
          <ReferenceLine
            y={bound.y}
            stroke="var(--muted)"
            strokeDasharray="6 4"
            ifOverflow="extendDomain"
            label={{ value: bound.label, position: 'insideTopLeft', fontSize: 11, fill: 'var(--muted)' }}
          />
        )}
        {curves.map((c, i) => {
          const color = COLORS[i % COLORS.length]!;
          return (
            <Line
              key={c.name}
              data={c.points}
              dataKey="mean"
              name={c.name}
              stroke={color}
              strokeWidth={1.8}
              isAnimationActive={false}
              connectNulls={false}
              dot={(props: { cx?: number; cy?: number; payload?: ChartPoint; index?: number }) => {
                const { cx, cy, payload } = props;
                if (cx === undefined || cy === undefined || !payload || payload.mean === null)
                  return <g key={`${c.name}-${props.index}`} />;
                const big = payload.key === highlight;
                return (
                  <circle
                    key={payload.key}
                    cx={cx}
                    cy={cy}
                    r={big ? 7 : 4}
                    fill={big ? '#2b8a3e' : color}
                    stroke="#fff"
                    strokeWidth={1}
                    className="sweep-point"
                    data-key={payload.key}
                    style={{ cursor: onPoint ? 'pointer' : undefined }}
                    onClick={onPoint ? () => onPoint(payload.key) : undefined}
                  />
                );
              }}
              activeDot={false}
            >
              <ErrorBar
                dataKey="error"
                width={5}
                stroke={color}
                strokeWidth={1.2}
                direction="y"
                isAnimationActive={false}
              />
            </Line>
          );
        })}
      </LineChart>
    </figure>
  );
}, sameChart);
