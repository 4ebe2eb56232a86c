// One line chart over a span of the run, drawn with Recharts (no animation, no dots; loaded on
// first use) or, while a run plays, with the custom SVG renderer, from points thinned to about two
// per pixel column. The pointer's second (the shared crosshair), the drag
// selection and the wheel zoom live in a thin layer of plain HTML over the plot, so hovering moves
// a line and a small box, and never redraws a chart.
import {
  lazy,
  memo,
  Suspense,
  useEffect,
  useMemo,
  useRef,
  useState,
  type MouseEvent as ReactMouseEvent,
  type ReactNode,
} from 'react';
import { formatClock } from '../run/format';
import { niceTicks, timeTicks } from './axes';
import type { Point } from './derive';
import { downsample, nearestRow } from './downsample';
import type { FaultMark } from './faultMarks';
import {
  LABEL_ROW_PX,
  LABEL_TOP_PX,
  layoutLabels,
  measureLabel,
  referenceReserved,
  type PlacedLabel,
} from './labelLayout';
import { MeasuredLayer, MeasuredLegend } from './MeasuredLayer';
import { marksMax, type MeasuredMark } from './measuredMarks';
import { HEIGHT, PLOT } from './plotGeometry';
import { timeRangeActions, useTimeRange } from './timeRange';
import { Legend, TimeChart, useWidth, type LineSpec } from './TimeChart';

const RechartsPlot = lazy(() => import('./RechartsPlot'));

export interface RunChartProps {
  /** Points of the rows in the range (not yet thinned). */
  points: Point[];
  lines: LineSpec[];
  range: [number, number];
  unit: string;
  /** What the values are, after the unit in the legend (see Legend). */
  unitNote?: string;
  yMax?: number;
  reference?: { y: number; label: string };
  marks: FaultMark[];
  /** Every row of the run, to read exact values at the crosshair's second. */
  rows: number[][];
  /** The chart's values for one row. */
  pointOf: (row: number[]) => Point;
  /** Draw with the custom SVG renderer instead of Recharts (for the figures that compare them). */
  svg?: boolean;
  /** The pinned baseline run's points in the range (same keys as `points`), drawn dashed. */
  baseline?: { name: string; points: Point[] } | null;
  /** Figures measured on the real system (the Measured tab), drawn over the simulated lines. */
  measured?: readonly MeasuredMark[];
}

function formatValue(v: number | null | undefined, unit: string): string {
  if (typeof v !== 'number') return '–';
  const text = v >= 100 ? Math.round(v).toLocaleString('en-US') : String(Number(v.toFixed(2)));
  return unit === '%' ? `${text}%` : `${text} ${unit}`;
}

function RunChartView(props: RunChartProps) {
  const { points, lines, range, unit, unitNote, yMax, reference, marks, svg, baseline, measured } = props;
  const [boxRef, width] = useWidth();
  const plotW = Math.max(0, width - PLOT.left - PLOT.right);
  const keys = useMemo(() => lines.map((l) => l.key), [lines]);
  const drawn = useMemo(
    () => downsample(points, keys, Math.max(1, Math.floor(plotW / 2))),
    [points, keys, plotW],
  );
  const baseDrawn = useMemo(
    () => (baseline ? downsample(baseline.points, keys, Math.max(1, Math.floor(plotW / 2))) : undefined),
    [baseline, keys, plotW],
  );

  const yTicks = useMemo(() => {
    if (yMax !== undefined) return niceTicks(yMax);
    let max = Math.max(reference?.y ?? 0, measured ? marksMax(measured) : 0);
    for (const p of baseDrawn ? drawn.concat(baseDrawn) : drawn)
      for (const k of keys) {
        const v = p[k];
        if (typeof v === 'number' && v > max) max = v;
      }
    return niceTicks(max);
  }, [drawn, baseDrawn, keys, yMax, reference, measured]);
  const yTop = yTicks[yTicks.length - 1] ?? 1;
  const xTicks = useMemo(() => timeTicks(range), [range]);
  // The marks' labels, clear of each other and of the reference label (its line's y in the plot).
  const labels = useMemo(() => {
    const measure = measureLabel();
    const plotH = HEIGHT - PLOT.top - PLOT.bottom;
    const reserved =
      reference && reference.y <= yTop
        ? referenceReserved(plotH - (reference.y / yTop) * plotH, reference.label, plotW, measure)
        : [];
    return layoutLabels(marks, range, plotW, measure, reserved);
  }, [marks, range, plotW, reference, yTop]);
  const suffix = unit === '%' ? '%' : '';
  const svgPlot = (
    <TimeChart
      points={drawn}
      lines={lines}
      domain={range}
      unit={unit}
      yMax={yMax}
      reference={reference}
      tooltip={false}
      legend={false}
      baseline={baseDrawn}
    />
  );

  return (
    <div className="time-chart run-chart">
      <Legend lines={lines} unit={unit} unitNote={unitNote} baselineName={baseline?.name} />
      {measured && measured.length > 0 && <MeasuredLegend marks={measured} />}
      <div
        className="run-chart-plot"
        ref={boxRef}
        data-testid="chart-plot"
        data-from={Math.round(range[0])}
        data-to={Math.round(range[1])}
        data-y-max={yTop}
      >
        {width > 0 &&
          (svg ? (
            svgPlot
          ) : (
            <Suspense
              fallback={
                <>
                  {svgPlot}
                  <div className="run-chart-layer is-passive" style={layerStyle(width)}>
                    <FaultSpans marks={marks} range={range} width={width} labels={labels} />
                  </div>
                </>
              }
            >
              <RechartsPlot
                width={width}
                drawn={drawn}
                lines={lines}
                range={range}
                xTicks={xTicks}
                yTicks={yTicks}
                yTop={yTop}
                suffix={suffix}
                marks={marks}
                reference={reference}
                baseline={baseDrawn}
                labels={labels}
              />
            </Suspense>
          ))}
        {width > 0 && measured && measured.length > 0 && (
          <MeasuredLayer marks={measured} range={range} yTop={yTop} style={layerStyle(width)} />
        )}
        {width > 0 && <PlotLayer {...props} width={width} labels={labels} />}
      </div>
    </div>
  );
}

/** The HTML layer's box: over the plot area, inside the axes. */
const layerStyle = (width: number) => ({
  left: PLOT.left,
  width: Math.max(0, width - PLOT.left - PLOT.right),
  top: PLOT.top,
  bottom: PLOT.bottom,
});

/** Second at pixel `x` from the plot box's left edge. */
function secondAt(x: number, width: number, [from, to]: [number, number]): number {
  const plotW = Math.max(1, width - PLOT.left - PLOT.right);
  const share = Math.min(1, Math.max(0, (x - PLOT.left) / plotW));
  return from + share * (to - from);
}

/** Pixel of second `t` from the plot box's left edge. */
function xOf(t: number, width: number, [from, to]: [number, number]): number {
  const plotW = Math.max(0, width - PLOT.left - PLOT.right);
  return PLOT.left + (to > from ? ((t - from) / (to - from)) * plotW : 0);
}

/** The crosshair, the values at it, the drag selection and the wheel zoom, over the plot. */
function PlotLayer({
  range,
  rows,
  pointOf,
  lines,
  unit,
  marks,
  svg,
  width,
  measured,
  labels,
}: RunChartProps & { width: number; labels: Map<string, PlacedLabel> }): ReactNode {
  const hoverSec = useTimeRange((s) => s.hoverSec);
  const layer = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<{ start: number; end: number } | null>(null);
  const rangeRef = useRef(range);
  useEffect(() => {
    rangeRef.current = range;
  }, [range]);

  // Ctrl + wheel (and a touchpad's pinch) zooms around the pointer; a plain wheel scrolls the page.
  useEffect(() => {
    const el = layer.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      if (!e.ctrlKey && !e.metaKey) return;
      e.preventDefault();
      const box = el.getBoundingClientRect();
      const at = secondAt(
        e.clientX - box.left + PLOT.left,
        box.width + PLOT.left + PLOT.right,
        rangeRef.current,
      );
      timeRangeActions.zoom(e.deltaY > 0 ? 1.25 : 0.8, at);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);

  /** The pointer's x in the plot box (the layer starts PLOT.left into it). */
  const boxX = (e: ReactMouseEvent<HTMLDivElement>) =>
    e.clientX - e.currentTarget.getBoundingClientRect().left + PLOT.left;
  const onMove = (e: ReactMouseEvent<HTMLDivElement>) => {
    const x = boxX(e);
    timeRangeActions.hover(secondAt(x, width, range));
    if (drag) setDrag({ ...drag, end: x });
  };
  const onUp = () => {
    if (drag && Math.abs(drag.end - drag.start) > 6)
      timeRangeActions.select(secondAt(drag.start, width, range), secondAt(drag.end, width, range));
    setDrag(null);
  };

  const index = hoverSec === null ? -1 : nearestRow(rows, hoverSec);
  const row = index >= 0 ? rows[index] : undefined;
  const t = row?.[0];
  const inside = t !== undefined && t >= range[0] - 1 && t <= range[1] + 1;
  const point = inside && row ? pointOf(row) : null;
  const x = inside && t !== undefined ? xOf(t, width, range) : 0;

  return (
    <div
      ref={layer}
      className="run-chart-layer"
      style={layerStyle(width)}
      onMouseMove={onMove}
      onMouseLeave={() => {
        timeRangeActions.hover(null);
        setDrag(null);
      }}
      onMouseDown={(e) => {
        if (e.button !== 0) return;
        e.preventDefault();
        const x0 = boxX(e);
        setDrag({ start: x0, end: x0 });
      }}
      onMouseUp={onUp}
    >
      {svg && <FaultSpans marks={marks} range={range} width={width} labels={labels} />}
      {drag && (
        <div
          className="run-chart-selection"
          style={{ left: Math.min(drag.start, drag.end) - PLOT.left, width: Math.abs(drag.end - drag.start) }}
        />
      )}
      {point && t !== undefined && (
        <>
          <div className="run-chart-cursor" style={{ left: x - PLOT.left }} />
          <div
            className="chart-tooltip run-chart-readout"
            data-testid="chart-readout"
            data-second={t}
            style={{ left: Math.min(x - PLOT.left + 10, Math.max(0, width - PLOT.left - PLOT.right - 190)) }}
          >
            <div className="chart-tooltip-time">at {formatClock(t * 1000)}</div>
            {lines.map((l) => (
              <div key={l.key}>
                <span style={{ color: l.color }}>■</span> {l.name}: {formatValue(point[l.key], unit)}
              </div>
            ))}
            {measured?.map((m) => (
              <div key={m.key} className="run-chart-readout-measured">
                ◆ {m.short}
              </div>
            ))}
          </div>
        </>
      )}
    </div>
  );
}

/** The fault marks in HTML, for the custom SVG renderer (Recharts draws its own). */
function FaultSpans({
  marks,
  range,
  width,
  labels,
}: {
  marks: FaultMark[];
  range: [number, number];
  width: number;
  labels: Map<string, PlacedLabel>;
}) {
  const [from, to] = range;
  return marks
    .filter((m) => m.to >= from && m.from <= to)
    .map((m) => {
      const left = xOf(Math.max(m.from, from), width, range) - PLOT.left;
      const right = xOf(Math.min(m.to, to), width, range) - PLOT.left;
      const placed = labels.get(m.key);
      return (
        <div
          key={m.key}
          className={`fault-mark run-chart-fault${m.instant ? ' is-instant' : ''}`}
          style={{
            left,
            width: Math.max(0, right - left),
            borderColor: m.color,
            background: m.instant ? undefined : `${m.color}1a`,
          }}
        >
          {placed && placed.text && (
            <span
              className="fault-label"
              title={placed.text === placed.full ? undefined : placed.full}
              style={{
                color: m.color,
                left: placed.x - left,
                top: LABEL_TOP_PX + placed.row * LABEL_ROW_PX,
                maxWidth: placed.width,
              }}
            >
              {placed.full}
            </span>
          )}
        </div>
      );
    });
}

export const RunChart = memo(RunChartView);
