// Measured figures drawn over the run's charts: what the Measured tab read (a perf test's rate, a
// group's described lag, Spark's batches), as a line across the chart for the figure the tool
// summed up and points where it printed several over time. This module is the charts' side: a small
// store the Measured tab fills (its code loads with the tab) and the charts read, by chart.
import { create } from 'zustand';

export interface MeasuredMark {
  key: string;
  /** What the mark is, with the tool: "web, kafka-producer-perf-test: 253,173 records/s". */
  label: string;
  /** A few words written on the line itself ("measured 3,002/s"); the legend has the label. */
  short: string;
  /** The figure the tool gives for the whole measurement, drawn across the chart; null: none. */
  y: number | null;
  /** Figures at moments (progress lines, batches), placed on the run's time axis (seconds). */
  points: { x: number; y: number }[];
}

/** The chart a mark belongs on: the throughput or lag chart, or a Spark job's two charts. */
export type MarkTarget = 'throughput' | 'lag' | `sparkInput:${string}` | `sparkTimes:${string}`;

export type MarksByChart = Partial<Record<MarkTarget, MeasuredMark[]>>;

interface MarksState {
  /** The Measured tab's "draw on the charts" switch. */
  shown: boolean;
  marks: MarksByChart;
}

export const useMeasuredMarks = create<MarksState>()(() => ({ shown: true, marks: {} }));

const NONE: MeasuredMark[] = [];

/** The marks of one chart (the same empty array while there are none, so nothing redraws). */
export function useMarksFor(target: MarkTarget): MeasuredMark[] {
  return useMeasuredMarks((s) => (s.shown ? (s.marks[target] ?? NONE) : NONE));
}

/** The colour of every measured mark: the text's ink, apart from the palette the simulated lines use. */
export const MEASURED_COLOR = 'var(--fg)';

/** The highest value the marks draw (for the y axis). */
export function marksMax(marks: readonly MeasuredMark[]): number {
  let max = 0;
  for (const m of marks) {
    if (m.y !== null && m.y > max) max = m.y;
    for (const p of m.points) if (p.y > max) max = p.y;
  }
  return max;
}
