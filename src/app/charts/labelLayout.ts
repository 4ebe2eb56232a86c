// Where each fault mark's label goes on a run chart, in pixels, so no two labels print over each
// other nor over the chart's reference label ("batch interval"). Labels sit in a few rows at the
// top of the plot. A label takes the first row where its whole width is free; the rows are judged
// by the labels' measured widths, not by the time between marks, since a long label ("building-monitor
// executors lost") reaches well past a mark that starts a few seconds later. When every row is
// taken, the label goes on the row whose earlier label ends soonest, and that earlier label is
// shortened with an ellipsis to end where the new one starts (its whole text stays in its title).
import type { FaultMark } from './faultMarks';

/** Label rows a chart has room for at its top. */
export const LABEL_ROWS = 3;
/** Font size of a mark label, px. */
export const LABEL_FONT_PX = 10;
/** Height of one label row, px. */
export const LABEL_ROW_PX = 12;
/** The first row's top, px below the plot's top edge. */
export const LABEL_TOP_PX = 3;
/** Space between a mark's line and its label, and between two labels in a row, px. */
export const LABEL_PAD_PX = 4;
/** Font size of the reference line's label ("batch interval"), px. */
export const REFERENCE_FONT_PX = 11;

/** Width in px of a text at the label font. */
export type Measure = (text: string) => number;

/** A width estimate when nothing can measure text: 6.2 px a character (wide sans-serif at 10 px). */
export const roughMeasure: Measure = (text) => text.length * 6.2;

export interface PlacedLabel {
  row: number;
  /** Left edge of the text, px from the plot's left edge. */
  x: number;
  /** Room the text may take, px: the whole label's width, or less when it had to be shortened. */
  width: number;
  /** The label as drawn: whole, or cut with an ellipsis. */
  text: string;
  /** The whole label (for a title). */
  full: string;
}

/** A box the labels must keep clear of, in one row: from x to x + width, px from the plot's left. */
export interface Reserved {
  row: number;
  x: number;
  width: number;
}

/**
 * The reference label's place: above its line when there is room, below it when the line is at the
 * top of the plot. `lineY` is the line's y from the plot's top, px; returns the text's baseline y
 * and its box's top.
 */
export function referenceLabelY(lineY: number): { baseline: number; top: number } {
  const above = lineY - REFERENCE_FONT_PX - 4 >= 0;
  const baseline = above ? lineY - 4 : lineY + REFERENCE_FONT_PX + 2;
  return { baseline, top: baseline - REFERENCE_FONT_PX };
}

/** The label rows a box from `top` to `top + height` (px from the plot's top) crosses. */
export function rowsCrossed(top: number, height: number): number[] {
  const rows: number[] = [];
  for (let r = 0; r < LABEL_ROWS; r++) {
    const rowTop = LABEL_TOP_PX + r * LABEL_ROW_PX;
    if (top < rowTop + LABEL_ROW_PX && top + height > rowTop) rows.push(r);
  }
  return rows;
}

/**
 * The boxes a reference label at `lineY` takes in the label rows, right-aligned in a plot `plotW`
 * wide. Its height is the glyphs' whole box as the browser reports it (ascent and descent, about
 * 1.25 of the font size from 0.95 above the baseline), not the font size alone: with the line at the
 * top, the label's descenders reach into the second row.
 */
export function referenceReserved(lineY: number, text: string, plotW: number, measure: Measure): Reserved[] {
  const { baseline } = referenceLabelY(lineY);
  const width = measure(text) * (REFERENCE_FONT_PX / LABEL_FONT_PX);
  return rowsCrossed(baseline - 0.95 * REFERENCE_FONT_PX, 1.25 * REFERENCE_FONT_PX).map((row) => ({
    row,
    x: plotW - LABEL_PAD_PX - width,
    width,
  }));
}

/** `text` cut to at most `room` px, with an ellipsis; empty when not even one letter fits. */
export function fitText(text: string, room: number, measure: Measure): string {
  if (measure(text) <= room) return text;
  for (let n = text.length - 1; n > 0; n--) {
    const cut = `${text.slice(0, n).trimEnd()}…`;
    if (measure(cut) <= room) return cut;
  }
  return '';
}

interface Taken {
  key?: string;
  x: number;
  end: number;
}

/**
 * Places the labels of the marks shown in `range` on a plot `plotW` px wide. Marks outside the range
 * get no label. `reserved`: boxes kept clear (the reference label).
 */
export function layoutLabels(
  marks: readonly FaultMark[],
  range: [number, number],
  plotW: number,
  measure: Measure = roughMeasure,
  reserved: readonly Reserved[] = [],
): Map<string, PlacedLabel> {
  const [from, to] = range;
  const xOf = (t: number) => (to > from ? ((t - from) / (to - from)) * plotW : 0);
  const rows: Taken[][] = Array.from({ length: LABEL_ROWS }, () => []);
  for (const r of reserved) rows[r.row]?.push({ x: r.x, end: r.x + r.width });
  const placed = new Map<string, PlacedLabel>();
  const shown = marks
    .filter((m) => m.to >= from && m.from <= to)
    .map((m) => ({ m, at: xOf(Math.max(m.from, from)) }))
    .sort((a, b) => a.at - b.at);

  /** The free room right of x in a row: up to a gap before the next box that starts after x, or the plot's edge. */
  const roomRight = (row: Taken[], x: number) =>
    Math.min(plotW - x, ...row.filter((b) => b.x >= x).map((b) => b.x - x - LABEL_PAD_PX));
  const clear = (row: Taken[], x: number, end: number) =>
    row.every((b) => b.end + LABEL_PAD_PX <= x || b.x >= end + LABEL_PAD_PX);

  for (const { m, at } of shown) {
    // Right of the mark's line; near the plot's right edge it moves left just enough to end at the
    // edge (over its own mark as far as it can); one wider than the whole plot is cut to it.
    const whole = measure(m.label);
    const x = Math.max(0, Math.min(at + LABEL_PAD_PX, plotW - whole));
    const width = Math.min(whole, plotW - x);
    const row = rows.findIndex((r) => clear(r, x, x + width));
    if (row >= 0) {
      rows[row]!.push({ key: m.key, x, end: x + width });
      const text = width < whole ? fitText(m.label, width, measure) : m.label;
      placed.set(m.key, { row, x, width, text, full: m.label });
      continue;
    }
    // Every row is taken at x: the row where the least text is lost, counting what the new label
    // loses to the next box on its right and what the labels under x lose when cut to end before it
    // (a reserved box is never cut; ties go to the upper row).
    let best = -1;
    let bestLoss = Infinity;
    rows.forEach((r, i) => {
      const under = r.filter((b) => b.x < x && b.end + LABEL_PAD_PX > x);
      if (under.some((b) => !b.key)) return;
      const cut = under.reduce((sum, b) => sum + (b.end - Math.max(b.x, x - LABEL_PAD_PX)), 0);
      const loss = cut + width - Math.max(0, Math.min(width, roomRight(r, x)));
      if (loss < bestLoss) {
        bestLoss = loss;
        best = i;
      }
    });
    if (best < 0) best = LABEL_ROWS - 1;
    const r = rows[best]!;
    for (const b of r) {
      if (!b.key || b.x >= x || b.end + LABEL_PAD_PX <= x) continue;
      const earlier = placed.get(b.key)!;
      const room = Math.max(0, x - LABEL_PAD_PX - b.x);
      const text = fitText(earlier.full, room, measure);
      placed.set(b.key, { ...earlier, text, width: room });
      b.end = b.x + room;
    }
    const room = Math.max(0, Math.min(width, roomRight(r, x)));
    r.push({ key: m.key, x, end: x + room });
    placed.set(m.key, { row: best, x, width: room, text: fitText(m.label, room, measure), full: m.label });
  }
  return placed;
}

let measurer: Measure | null = null;
/**
 * Measures text as the browser draws it at the label font in the page's font (once per page),
 * falling back on the estimate where there is no canvas (tests).
 */
export function measureLabel(): Measure {
  if (measurer) return measurer;
  if (typeof document === 'undefined') return roughMeasure;
  const ctx = document.createElement('canvas').getContext?.('2d');
  if (!ctx) return roughMeasure;
  const family = getComputedStyle(document.body).fontFamily || 'sans-serif';
  ctx.font = `${LABEL_FONT_PX}px ${family}`;
  const cache = new Map<string, number>();
  measurer = (text) => {
    let w = cache.get(text);
    if (w === undefined) {
      w = Math.ceil(ctx.measureText(text).width) + 1;
      cache.set(text, w);
    }
    return w;
  };
  return measurer;
}
