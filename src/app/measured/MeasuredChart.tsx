// The measured figure over the simulated series: a line per second, the measured value as a
// dashed reference line, measured points (perf-test progress lines, Spark batches) as dots.
import { CartesianGrid, ComposedChart, Line, ReferenceLine, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import type { MeasuredChartData } from './chartData';

const tick = (v: number): string => {
  const a = Math.abs(v);
  if (a >= 1e6) return `${+(v / 1e6).toPrecision(3)}M`;
  if (a >= 1e3) return `${+(v / 1e3).toPrecision(3)}k`;
  return `${+v.toPrecision(3)}`;
};

const MEASURED = '#d9480f';
const SIMULATED = '#1f6fd1';

export function MeasuredChart({
  data,
  width,
  height = 200,
}: {
  data: MeasuredChartData;
  width: number;
  height?: number;
}) {
  const ys = [...data.simulated.map((p) => p.y), ...data.points.map((p) => p.y), data.reference?.y ?? 0];
  const top = Math.max(1, ...ys) * 1.1;
  return (
    <figure className="measured-chart" data-testid="measured-chart">
      <figcaption className="measured-chart-title">{data.title}</figcaption>
      <ComposedChart
        width={width}
        height={height}
        margin={{ top: 8, right: 16, bottom: 18, left: 4 }}
        accessibilityLayer={false}
      >
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
        <XAxis
          dataKey="x"
          type="number"
          domain={['dataMin', 'dataMax']}
          allowDuplicatedCategory={false}
          tickFormatter={tick}
          tick={{ fontSize: 11, fill: 'var(--muted)' }}
          label={{
            value: 'simulated s',
            position: 'insideBottom',
            offset: -12,
            fontSize: 11,
            fill: 'var(--muted)',
          }}
        />
        <YAxis
          type="number"
          domain={[0, top]}
          width={56}
          tickFormatter={tick}
          tick={{ fontSize: 11, fill: 'var(--muted)' }}
          label={{
            value: data.yLabel,
            angle: -90,
            position: 'insideLeft',
            fontSize: 11,
            fill: 'var(--muted)',
          }}
        />
        <Tooltip
          isAnimationActive={false}
          formatter={(value) => tick(typeof value === 'number' ? value : Number(value))}
          labelFormatter={(x) => `${tick(Number(x))} s`}
        />
        <Line
          data={data.simulated}
          dataKey="y"
          name="simulated"
          stroke={SIMULATED}
          dot={false}
          strokeWidth={1.5}
          isAnimationActive={false}
        />
        {data.points.length > 0 && (
          <Scatter data={data.points} dataKey="y" name="measured" fill={MEASURED} isAnimationActive={false} />
        )}
        {data.reference && (
          <ReferenceLine
            y={data.reference.y}
            stroke={MEASURED}
            strokeDasharray="6 4"
            ifOverflow="extendDomain"
            label={{ value: data.reference.label, position: 'insideTopRight', fontSize: 11, fill: MEASURED }}
          />
        )}
      </ComposedChart>
      <p className="measured-legend">
        <span className="measured-key is-sim" /> simulated <span className="measured-key is-meas" /> measured
      </p>
    </figure>
  );
}
