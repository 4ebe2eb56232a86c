// One line chart over simulated time, the building block of every chart in the panel. Memoised:
// it redraws only when its points or its time window change.
import { memo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
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

function TimeChartView({ points, lines, domain, unit, yMax, reference, height = 170 }: TimeChartProps) {
  const formatValue = (v: unknown) =>
    typeof v === 'number'
      ? `${v >= 100 ? Math.round(v).toLocaleString('en-US') : Number(v.toFixed(2))} ${unit}`
      : '–';
  return (
    <LineChart
      responsive
      style={{ width: '100%', height }}
      data={points}
      margin={{ top: 6, right: 12, bottom: 0, left: 0 }}
      accessibilityLayer={false}
    >
      <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
      <XAxis
        dataKey="t"
        type="number"
        domain={domain}
        allowDataOverflow
        tickFormatter={tickTime}
        tickCount={7}
        fontSize={11}
        stroke="var(--muted)"
      />
      <YAxis
        width={62}
        fontSize={11}
        stroke="var(--muted)"
        domain={[0, yMax ?? 'auto']}
        allowDataOverflow={yMax !== undefined}
        tickFormatter={(v: number) => `${formatShort(v)}${unit === '%' ? '%' : ''}`}
        label={{
          value: unit,
          angle: -90,
          position: 'insideLeft',
          offset: 10,
          fontSize: 11,
          fill: 'var(--muted)',
          style: { textAnchor: 'middle' },
        }}
      />
      <Tooltip
        isAnimationActive={false}
        labelFormatter={(t) => `at ${tickTime(Number(t))}`}
        formatter={formatValue}
        contentStyle={{ fontSize: 12, background: 'var(--card)', border: '1px solid var(--border)' }}
      />
      <Legend iconType="plainline" wrapperStyle={{ fontSize: 12 }} />
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
  );
}

export const TimeChart = memo(TimeChartView);
