// Where the plot sits inside a run chart, shared by both renderers and the HTML layer over them.
import { formatShort } from '../run/format';

/** The plot's place inside the chart, in pixels: the same as the custom SVG chart's margins. */
export const PLOT = { top: 8, right: 14, bottom: 18, left: 48 };
/** Height of a chart's drawing, axes included. */
export const HEIGHT = 170;

/** Axis labels: 20k, 1.5M, but 0.25 stays 0.25. */
export const tickLabel = (v: number) => (Math.abs(v) >= 1000 ? formatShort(v) : String(Number(v.toFixed(2))));
