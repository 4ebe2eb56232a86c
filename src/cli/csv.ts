// The per-second series as CSV: a header of column names, then one row per simulated second.
import type { Series } from '../core';

export function seriesToCsv(series: Series): string {
  const lines = [series.columns.join(',')];
  for (const row of series.rows)
    lines.push(row.map((v) => (Number.isInteger(v) ? String(v) : v.toPrecision(6))).join(','));
  return lines.join('\n') + '\n';
}
