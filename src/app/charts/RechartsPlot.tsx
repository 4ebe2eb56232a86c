// The Recharts side of a run chart, in a module of its own so Recharts loads only when a chart is
// first drawn with it (once a run stops; the custom SVG renderer draws while it plays).
import { CartesianGrid, Line, LineChart, ReferenceArea, ReferenceLine, XAxis, YAxis } from 'recharts';
import { formatClock } from '../run/format';
import type { Point } from './derive';
import type { FaultMark } from './faultMarks';
import {
  LABEL_FONT_PX,
  LABEL_ROW_PX,
  LABEL_TOP_PX,
  REFERENCE_FONT_PX,
  referenceLabelY,
  type PlacedLabel,
} from './labelLayout';
import { HEIGHT, PLOT, tickLabel } from './plotGeometry';
import { dashOf, paintOrder, widthOf } from './lineStyle';
import { BASELINE_DASH, type LineSpec } from './TimeChart';

export interface RechartsPlotProps {
  width: number;
  drawn: Point[];
  lines: LineSpec[];
  range: [number, number];
  xTicks: number[];
  yTicks: number[];
  yTop: number;
  suffix: string;
  marks: FaultMark[];
  reference?: { y: number; label: string };
  /** The pinned baseline run's points (same keys as `drawn`), drawn dashed under the current lines. */
  baseline?: Point[];
  /** Where each mark's label goes (layoutLabels), by mark key. */
  labels: Map<string, PlacedLabel>;
}

/** A mark's label as laid out: its row, its x, cut to its room; the whole text in its title. */
function markLabel(placed: PlacedLabel | undefined, color: string) {
  if (!placed || !placed.text) return undefined;
  return () => (
    <text
      className="fault-label"
      x={PLOT.left + placed.x}
      y={PLOT.top + LABEL_TOP_PX + placed.row * LABEL_ROW_PX + LABEL_FONT_PX - 1}
      fontSize={LABEL_FONT_PX}
      fill={color}
    >
      {placed.text !== placed.full && <title>{placed.full}</title>}
      {placed.text}
    </text>
  );
}

export default function RechartsPlot({
  width,
  drawn,
  lines,
  range,
  xTicks,
  yTicks,
  yTop,
  suffix,
  marks,
  reference,
  baseline,
  labels,
}: RechartsPlotProps) {
  const plotW = Math.max(0, width - PLOT.left - PLOT.right);
  const plotH = HEIGHT - PLOT.top - PLOT.bottom;
  const refY = reference ? plotH - (Math.min(reference.y, yTop) / yTop) * plotH : 0;
  return (
    <LineChart
      width={width}
      height={HEIGHT}
      data={drawn}
      margin={{ top: PLOT.top, right: PLOT.right, bottom: 0, left: 0 }}
      accessibilityLayer={false}
    >
      <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--border)" />
      <XAxis
        dataKey="t"
        type="number"
        domain={range}
        allowDataOverflow
        ticks={xTicks}
        tickFormatter={(t: number) => formatClock(t * 1000)}
        height={PLOT.bottom}
        tick={{ fontSize: 11, fill: 'var(--muted)' }}
        tickSize={3}
        interval={0}
      />
      <YAxis
        type="number"
        domain={[0, yTop]}
        allowDataOverflow
        ticks={yTicks}
        width={PLOT.left}
        tickFormatter={(v: number) => tickLabel(v) + suffix}
        tick={{ fontSize: 11, fill: 'var(--muted)' }}
        tickSize={3}
        interval={0}
      />
      {marks.map((m) =>
        m.instant ? (
          <ReferenceLine
            key={m.key}
            x={m.from}
            stroke={m.color}
            strokeDasharray="4 3"
            ifOverflow="hidden"
            className="fault-mark"
            label={markLabel(labels.get(m.key), m.color)}
          />
        ) : (
          <ReferenceArea
            key={m.key}
            x1={m.from}
            x2={Math.max(m.to, m.from + 0.5)}
            fill={m.color}
            fillOpacity={0.1}
            stroke={m.color}
            strokeOpacity={0.4}
            ifOverflow="hidden"
            className="fault-mark"
            label={markLabel(labels.get(m.key), m.color)}
          />
        ),
      )}
      {reference && (
        <ReferenceLine
          y={reference.y}
          stroke="var(--muted)"
          strokeDasharray="6 4"
          ifOverflow="hidden"
          label={() => (
            <text
              className="chart-reference-label"
              x={PLOT.left + plotW - 4}
              y={PLOT.top + referenceLabelY(refY).baseline}
              textAnchor="end"
              fontSize={REFERENCE_FONT_PX}
              fill="var(--muted)"
            >
              {reference.label}
            </text>
          )}
        />
      )}
      {baseline &&
        lines.map((l) => (
          <Line
            key={`baseline:${l.key}`}
            data={baseline}
            dataKey={l.key}
            name={`baseline ${l.name}`}
            stroke={l.color}
            strokeWidth={1.5}
            strokeOpacity={0.6}
            strokeDasharray={BASELINE_DASH}
            dot={false}
            activeDot={false}
            isAnimationActive={false}
            connectNulls
            className="chart-baseline"
          />
        ))}
      {paintOrder(lines).map((l) => (
        <Line
          key={l.key}
          dataKey={l.key}
          name={l.name}
          stroke={l.color}
          strokeWidth={widthOf(l)}
          strokeOpacity={l.opacity}
          strokeDasharray={dashOf(l)}
          dot={false}
          activeDot={false}
          isAnimationActive={false}
          connectNulls
          className={`chart-line line-${l.key}`}
        />
      ))}
    </LineChart>
  );
}
