// Fewer points to draw, the same picture: a chart a few hundred pixels wide cannot show more than
// a couple of values per pixel column, so the points between the first and the last are cut into
// buckets, and each bucket gives two points that carry, for every line, its lowest and its highest
// value in the bucket (in the order they happened). Spikes and dips survive; the ends stay exact.
import type { Point } from './derive';

/**
 * At most `2 * buckets + 2` points of `points` (sorted by t) for the lines `keys`. Input that is
 * small enough comes back as it is. Nulls (gaps) are skipped; a bucket where a line has no value
 * at all keeps the gap.
 */
export function downsample(points: readonly Point[], keys: readonly string[], buckets: number): Point[] {
  const n = points.length;
  const b = Math.max(1, Math.floor(buckets));
  if (n <= 2 * b + 2) return points.slice();
  const out: Point[] = [points[0]!];
  const inner = n - 2;
  for (let k = 0; k < b; k++) {
    const start = 1 + Math.floor((k * inner) / b);
    const end = 1 + Math.floor(((k + 1) * inner) / b); // exclusive
    if (end <= start) continue;
    const first: Point = { t: points[start]!.t };
    const last: Point = { t: points[end - 1]!.t };
    for (const key of keys) {
      let lo = -1;
      let hi = -1;
      for (let i = start; i < end; i++) {
        const v = points[i]![key];
        if (typeof v !== 'number') continue;
        if (lo < 0 || v < (points[lo]![key] as number)) lo = i;
        if (hi < 0 || v > (points[hi]![key] as number)) hi = i;
      }
      if (lo < 0) {
        first[key] = null;
        last[key] = null;
        continue;
      }
      const [early, late] = lo <= hi ? [lo, hi] : [hi, lo];
      first[key] = points[early]![key] as number;
      last[key] = points[late]![key] as number;
    }
    out.push(first);
    if (end - start > 1) out.push(last);
  }
  out.push(points[n - 1]!);
  return out;
}

/** Index of the row (by its second, column 0) nearest to `t`; -1 when there are none. */
export function nearestRow(rows: readonly (readonly number[])[], t: number): number {
  if (rows.length === 0) return -1;
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((rows[mid]![0] ?? 0) < t) lo = mid + 1;
    else hi = mid;
  }
  if (lo === rows.length) return rows.length - 1;
  if (lo > 0 && t - (rows[lo - 1]![0] ?? 0) <= (rows[lo]![0] ?? 0) - t) return lo - 1;
  return lo;
}

/** Rows whose second lies in [from, to], plus one on each side (rows are sorted by column 0). */
export function rowsInRange(rows: readonly number[][], from: number, to: number): number[][] {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((rows[mid]![0] ?? 0) < from) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  hi = rows.length;
  while (end < hi) {
    const mid = (end + hi) >> 1;
    if ((rows[mid]![0] ?? 0) <= to) end = mid + 1;
    else hi = mid;
  }
  return rows.slice(Math.max(0, lo - 1), Math.min(rows.length, end + 1));
}
