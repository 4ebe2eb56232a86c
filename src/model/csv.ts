// The per-second series as CSV: a header of column names, then one row per simulated second.
// Shared by the CLI (--csv) and the app's "Download CSV", so both files look the same.

export interface SeriesTable {
  columns: readonly string[];
  rows: readonly (readonly number[])[];
}

export function seriesToCsv(series: SeriesTable): string {
  const lines = [series.columns.join(',')];
  for (const row of series.rows)
    lines.push(row.map((v) => (Number.isInteger(v) ? String(v) : v.toPrecision(6))).join(','));
  return lines.join('\n') + '\n';
}
