// One line chart over simulated time, the building block of every chart in the panel. Memoised:
// it redraws only when its points or its time window change.
import { memo, useCallback, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { formatClock, formatShort } from '../run/format';
import type { Point } from './derive';

export interface LineSpec {
  key: string;
  name: string;
  color: string;
  dashed?: boolean;
}

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
  /** Show values on hover (off while running: the chart moves on anyway, and it is costly). */
  tooltip?: boolean;
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

const tickTime = (t: number) => formatClock(t * 1000);

// Plain SVG tick labels with fixed positions: Recharts' own labels measure their text in the DOM
// on every redraw, which is most of a chart's cost at ten redraws a second.
interface TickProps {
  x: number | string;
  y: number | string;
  payload: { value: unknown };
}
const TimeTick = ({ x, y, payload }: TickProps) => (
  <text x={x} y={Number(y) + 12} textAnchor="middle" fontSize={11} fill="var(--muted)">
    {tickTime(Number(payload.value))}
  </text>
);
const makeValueTick =
  (suffix: string) =>
  ({ x, y, payload }: TickProps) => (
    <text x={Number(x) - 4} y={Number(y) + 4} textAnchor="end" fontSize={11} fill="var(--muted)">
      {formatShort(Number(payload.value)) + suffix}
    </text>
  );
const VALUE_TICK = makeValueTick('');
const PERCENT_TICK = makeValueTick('%');

/** A tick every 10 s (every minute for long windows) inside the window. */
function timeTicks([from, to]: [number, number]): number[] {
  const step = to - from > 120 ? 60 : 10;
  const ticks: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) ticks.push(t);
  return ticks;
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
}: TimeChartProps) {
  const ticks = useMemo(() => timeTicks(domain), [domain]);
  const formatValue = useCallback(
    (v: unknown) =>
      typeof v === 'number'
        ? `${v >= 100 ? Math.round(v).toLocaleString('en-US') : Number(v.toFixed(2))} ${unit}`
        : '–',
    [unit],
  );
  return (
    <div className="time-chart">
      <Legend lines={lines} unit={unit} />
      <LineChart
        responsive
        style={{ width: '100%', height }}
        data={points}
        margin={{ top: 6, right: 14, bottom: 0, left: 0 }}
        accessibilityLayer={false}
      >
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
        <XAxis
          dataKey="t"
          type="number"
          domain={domain}
          allowDataOverflow
          ticks={ticks}
          interval={0}
          tick={TimeTick}
          stroke="var(--muted)"
        />
        <YAxis
          width={48}
          stroke="var(--muted)"
          domain={[0, yMax ?? 'auto']}
          allowDataOverflow={yMax !== undefined}
          interval={0}
          tickCount={5}
          tick={unit === '%' ? PERCENT_TICK : VALUE_TICK}
        />
        {tooltip && (
          <Tooltip
            isAnimationActive={false}
            labelFormatter={(t) => `at ${tickTime(Number(t))}`}
            formatter={formatValue}
            contentStyle={{ fontSize: 12, background: 'var(--card)', border: '1px solid var(--border)' }}
          />
        )}
        {reference && (
          <ReferenceLine
            y={reference.y}
            stroke="var(--muted)"
            strokeDasharray="6 4"
            label={{ value: reference.label, position: 'insideTopRight', fontSize: 11, fill: 'var(--muted)' }}
          />
        )}
        {lines.map((l) => (
          <Line
            key={l.key}
            dataKey={l.key}
            name={l.name}
            stroke={l.color}
            strokeWidth={1.8}
            strokeDasharray={l.dashed ? '5 3' : undefined}
            dot={false}
            type="linear"
            connectNulls
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </div>
  );
}

/** Plain HTML legend: cheaper than Recharts' own, which re-measures itself on every redraw. */
const Legend = memo(function Legend({ lines, unit }: { lines: LineSpec[]; unit: string }) {
  return (
    <ul className="chart-legend">
      <li className="chart-unit">{unit}</li>
      {lines.map((l) => (
        <li key={l.key}>
          <svg width="16" height="6" aria-hidden="true">
            <line
              x1="0"
              y1="3"
              x2="16"
              y2="3"
              stroke={l.color}
              strokeWidth="2"
              strokeDasharray={l.dashed ? '5 3' : undefined}
            />
          </svg>
          {l.name}
        </li>
      ))}
    </ul>
  );
});

export const TimeChart = memo(TimeChartView);
