// The recent rows of the per-second series, read by column name: what every bottleneck rule sees.
export type Rows = readonly (readonly number[])[];

export class SeriesWindow {
  constructor(
    readonly rows: Rows,
    private readonly index: ReadonlyMap<string, number>,
  ) {}

  get length(): number {
    return this.rows.length;
  }

  has(name: string): boolean {
    return this.index.has(name);
  }

  /** The column's values, oldest first, or undefined when the series has no such column. */
  column(name: string): number[] | undefined {
    const i = this.index.get(name);
    if (i === undefined) return undefined;
    return this.rows.map((r) => r[i] ?? 0);
  }

  /** The column's value in the newest row (0 when absent). */
  last(name: string): number {
    const i = this.index.get(name);
    const row = this.rows[this.rows.length - 1];
    return i === undefined || !row ? 0 : (row[i] ?? 0);
  }

  /** The newest `n` rows as a window of their own. */
  tail(n: number): SeriesWindow {
    return new SeriesWindow(this.rows.slice(-n), this.index);
  }

  /**
   * Whether a reader that starts at `startAtSec` (0: with the run) has run for less than the whole
   * window: such a reader owes nothing yet, so no rule marks it.
   */
  startsWithin(startAtSec: number): boolean {
    return startAtSec > 0 && this.last('second') - this.length < startAtSec;
  }

  /** The rows from `start` on (an index into this window). */
  from(start: number): SeriesWindow {
    return new SeriesWindow(this.rows.slice(start), this.index);
  }
}

export function sum(values: readonly number[] | undefined): number {
  let total = 0;
  for (const v of values ?? []) total += v;
  return total;
}

export function mean(values: readonly number[]): number {
  return values.length ? sum(values) / values.length : 0;
}

/** Whole numbers with thousands separators: "12,480". */
export const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
/** Milliseconds as seconds with one decimal: "1.2 s". */
export const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
/** A share as a whole percentage: "97%". */
export const pct = (share: number): string => `${Math.round(share * 100)}%`;
