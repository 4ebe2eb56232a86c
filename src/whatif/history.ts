// The whole run's per-second series as the page keeps it, in bounded memory. Up to MAX_ROWS rows
// every second is kept as it came. Past that, the oldest rows are merged in pairs: a merged row
// stands for the seconds of both (its span), rates become their mean over those seconds, and the
// columns whose peaks matter (latency percentiles, lag, Spark batch times) keep the larger value.
// The newest RECENT_ROWS rows are never merged, so the last minutes stay exact to the second.
//
// Each pass merges neighbouring pairs of the finest span found among the old rows, oldest first,
// so the old part of the run coarsens evenly rather than its first minutes alone.
//
// It lives in the what-if core (pure, no DOM) because two sides thin a series the same way: the
// page's charts as a run plays, and a sweep's worker when it hands back a run for the run list.

/** Rows kept before any merging. */
export const MAX_ROWS = 4096;
/** The newest rows, always kept at full resolution. */
export const RECENT_ROWS = 1024;

export interface History {
  /** Rows oldest first; column 0 is the simulated second the row ends at. */
  rows: number[][];
  /** Seconds each row stands for (1 until it has been merged). */
  spans: number[];
}

export const EMPTY_HISTORY: History = { rows: [], spans: [] };

export type MergeRule = 'mean' | 'max' | 'last';

/** How a column merges: its time is the later row's, peaks keep their maximum, the rest a mean. */
export function mergeRule(column: string): MergeRule {
  if (column === 'second') return 'last';
  if (column.startsWith('latency.')) return 'max';
  if (/\.lag(Position|Unprocessed|Sec)?$/.test(column) || /\.lag\.p\d+$/.test(column)) return 'max';
  if (/\.(schedulingDelayMs|processingMs|totalDelayMs)$/.test(column)) return 'max';
  return 'mean';
}

/** One row standing for both `a` (older, `spanA` seconds) and `b` (newer, `spanB` seconds). */
export function mergeRows(
  a: readonly number[],
  spanA: number,
  b: readonly number[],
  spanB: number,
  rules: readonly MergeRule[],
): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    const rule = rules[i] ?? 'mean';
    out[i] =
      rule === 'last' ? y : rule === 'max' ? Math.max(x, y) : (x * spanA + y * spanB) / (spanA + spanB);
  }
  return out;
}

/**
 * Merges old rows until at most `maxRows` are left (or nothing more can merge). Returns the same
 * history when it is small enough.
 */
export function compact(
  h: History,
  rules: readonly MergeRule[],
  maxRows = MAX_ROWS,
  recentRows = RECENT_ROWS,
): History {
  let { rows, spans } = h;
  while (rows.length > maxRows) {
    const old = Math.max(0, rows.length - recentRows);
    // The finest span first; when its rows cannot pair up (one left), the next finest.
    const levels = [...new Set(spans.slice(0, old))].sort((x, y) => x - y);
    let next: History | null = null;
    for (const level of levels) {
      next = mergeLevel(rows, spans, old, level, rows.length - maxRows, rules);
      if (next) break;
    }
    // Every level has one row left: merge the two neighbours that stand for the fewest seconds.
    next ??= mergeFinestPair(rows, spans, old, rules);
    if (!next) break;
    rows = next.rows;
    spans = next.spans;
  }
  return rows === h.rows ? h : { rows, spans };
}

function mergeFinestPair(
  rows: number[][],
  spans: number[],
  old: number,
  rules: readonly MergeRule[],
): History | null {
  let best = -1;
  for (let i = 0; i + 1 < old; i++)
    if (best < 0 || spans[i]! + spans[i + 1]! < spans[best]! + spans[best + 1]!) best = i;
  if (best < 0) return null;
  const merged = mergeRows(rows[best]!, spans[best]!, rows[best + 1]!, spans[best + 1]!, rules);
  return {
    rows: [...rows.slice(0, best), merged, ...rows.slice(best + 2)],
    spans: [...spans.slice(0, best), spans[best]! + spans[best + 1]!, ...spans.slice(best + 2)],
  };
}

/** Merges up to `wanted` pairs of neighbouring rows of span `level` among the first `old` rows. */
function mergeLevel(
  rows: number[][],
  spans: number[],
  old: number,
  level: number,
  wanted: number,
  rules: readonly MergeRule[],
): History | null {
  const nextRows: number[][] = [];
  const nextSpans: number[] = [];
  let merged = 0;
  for (let i = 0; i < old; i++) {
    if (merged < wanted && i + 1 < old && spans[i] === level && spans[i + 1] === level) {
      nextRows.push(mergeRows(rows[i]!, level, rows[i + 1]!, level, rules));
      nextSpans.push(level * 2);
      merged++;
      i++;
    } else {
      nextRows.push(rows[i]!);
      nextSpans.push(spans[i]!);
    }
  }
  if (merged === 0) return null;
  return { rows: nextRows.concat(rows.slice(old)), spans: nextSpans.concat(spans.slice(old)) };
}

/** The history with `fresh` per-second rows added at the end (a new object when anything came). */
export function appendHistory(
  h: History,
  fresh: readonly number[][],
  rules: readonly MergeRule[],
  maxRows = MAX_ROWS,
  recentRows = RECENT_ROWS,
): History {
  if (fresh.length === 0) return h;
  const grown = {
    rows: h.rows.concat(fresh as number[][]),
    spans: h.spans.concat(fresh.map(() => 1)),
  };
  return compact(grown, rules, maxRows, recentRows);
}

/**
 * A finished run's series thinned to at most `maxRows` rows for keeping (the run list, a sweep's
 * runs): every row may merge, none is held back as recent.
 */
export function thinSeries(
  columns: readonly string[],
  rows: number[][],
  spans: number[],
  maxRows: number,
): History {
  return compact({ rows, spans }, columns.map(mergeRule), maxRows, 0);
}
