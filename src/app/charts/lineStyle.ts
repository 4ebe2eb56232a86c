// How each line of a chart is stroked and in what order the lines are painted. Lines that often
// run on top of each other (a latency's p95 and p99) need more than a colour to tell apart: a dash
// pattern, a width, and the narrower line painted over the wider one, so both stay in sight where
// they coincide.

export interface LineSpec {
  key: string;
  name: string;
  color: string;
  /** Dashed with the default pattern (DASH); `dash` names another pattern. */
  dashed?: boolean;
  /** An SVG stroke-dasharray of its own ('6 3'). */
  dash?: string;
  /** Stroke width in px (DEFAULT_LINE_WIDTH when absent). */
  width?: number;
  /** Stroke opacity, 0..1 (1 when absent). */
  opacity?: number;
  /** Paint order: lower layers first (underneath); equal layers keep the list's order. */
  layer?: number;
}

export const DEFAULT_LINE_WIDTH = 1.8;
export const DASH = '5 3';

export const dashOf = (l: LineSpec): string | undefined => l.dash ?? (l.dashed ? DASH : undefined);

export const widthOf = (l: LineSpec): number => l.width ?? DEFAULT_LINE_WIDTH;

/** The lines in the order to paint them: by layer, the list's order within a layer. */
export function paintOrder(lines: readonly LineSpec[]): LineSpec[] {
  return lines
    .map((line, i) => ({ line, i }))
    .sort((a, b) => (a.line.layer ?? 0) - (b.line.layer ?? 0) || a.i - b.i)
    .map((x) => x.line);
}

/**
 * Strokes for lines of one plot that may run exactly on top of each other (two readers of one
 * compacted topic restore in the same time): the first is wide and faded, painted first; each next
 * one narrower, with a dash pattern of its own, painted over the ones before. Where they coincide
 * every line still shows: the wide one around the dashes of the next, the thin one inside both.
 * A line's own width, dash or layer, when it has one, is kept.
 */
const STACK: readonly Pick<LineSpec, 'width' | 'opacity' | 'dash'>[] = [
  { width: 5, opacity: 0.5 },
  { width: 2.4, dash: '8 4' },
  { width: 1.3, dash: '2 3' },
  { width: 1.3, dash: '10 3 2 3' },
];

export function stackedStyles(lines: readonly LineSpec[]): LineSpec[] {
  if (lines.length < 2) return [...lines];
  return lines.map((l, i) => {
    const s = STACK[Math.min(i, STACK.length - 1)]!;
    return {
      ...l,
      width: l.width ?? s.width,
      opacity: l.opacity ?? s.opacity,
      dash: l.dash ?? (l.dashed ? undefined : s.dash),
      layer: l.layer ?? i,
    };
  });
}
