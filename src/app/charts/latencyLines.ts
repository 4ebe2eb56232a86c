// The end-to-end latency chart's percentiles. p95 and p99 are often equal, or a pixel apart at
// the chart's scale (a Spark batch finishes all its records at once): p99 is a wide, faded line
// painted first, p95 a dashed one over it and p50 a thin one on top, each in its own colour, so
// where they coincide the wide p99 shows around the p95 dashes.
import { CHART_COLORS } from './TimeChart';
import type { LineSpec } from './lineStyle';

export const LATENCY_LINES: LineSpec[] = [
  { key: 'p50', name: 'p50', color: CHART_COLORS[2]!, width: 1.4, layer: 2 },
  { key: 'p95', name: 'p95', color: CHART_COLORS[0]!, width: 2.2, dash: '7 4', layer: 1 },
  { key: 'p99', name: 'p99', color: CHART_COLORS[4]!, width: 4.5, opacity: 0.6, layer: 0 },
];
