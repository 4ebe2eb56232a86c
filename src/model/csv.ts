// The per-second series as CSV: a header of column names, then one row per simulated second.
// Shared by the CLI (--csv) and the app's "Download CSV", so both files look the same. A cell with
// no data that second (seriesGaps.ts: no latency, no completed batch) is left empty, not 0.
import { noDataCells } from './seriesGaps';

export interface SeriesTable {
  columns: readonly string[];
  rows: readonly (readonly number[])[];
}

const cell = (v: number): string => (Number.isInteger(v) ? String(v) : v.toPrecision(6));

export function seriesToCsv(series: SeriesTable): string {
  const lines = [series.columns.join(',')];
  const gaps = noDataCells(series.columns);
  for (const row of series.rows) {
    const cells = row.map(cell);
    for (const i of gaps(row)) cells[i] = '';
    lines.push(cells.join(','));
  }
  return lines.join('\n') + '\n';
}
