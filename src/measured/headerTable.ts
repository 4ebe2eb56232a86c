// Tools that print a line of column names and then rows under it (kafka-consumer-groups --describe,
// kafka-consumer-perf-test) are read by one loop: find a header, check it, read each row by column
// name, and name the line (and column) of whatever does not fit. What differs from tool to tool is
// passed in: how a line splits into cells, what a header must hold, which other lines are read
// past, and the wording of each message.
import { MAX_ERRORS, isLogNoise, numberedLines, type ParseResult } from './types';

/** The header in force: where it was, and its column names in order. */
export interface TableHeader {
  line: number;
  names: string[];
}

/** A row's cell under a column name, or null when the header has no such column. */
export type CellOf = (name: string) => string | null;

export interface HeaderTableFormat<Row> {
  split: (line: string) => string[];
  isHeader: (line: string) => boolean;
  /** What is wrong with a header's cells, or null when they can be read. A refused header is forgotten. */
  headerProblem: (cells: string[]) => string | null;
  /**
   * Lines the tool prints around its table. Asked first for every line that is not blank:
   * 'skip' reads it past and counts it as skipped, 'taken' reads it past uncounted (the format
   * kept what it says), null reads on.
   */
  aside?: (line: string, header: TableHeader | null) => 'skip' | 'taken' | null;
  /**
   * Which log lines (isLogNoise) are read past: 'beforeHeader', any until a header is read, even
   * one that looks like a header; 'outsideRows', any that is neither a header nor a row of the
   * header's width.
   */
  logLines: 'beforeHeader' | 'outsideRows';
  /** The message for a line before any header; the loop puts "line n: " before each. */
  noHeader: (line: string) => string;
  /** The message for a row whose width is not the header's. */
  wrongWidth: (header: TableHeader, cells: number) => string;
  /** Reads one row; a problem pushed (a whole message) leaves the row out. */
  row: (cell: CellOf, n: number, problems: string[]) => Row;
  /** The one error when the text holds no row. */
  noRows: () => string;
}

export function readHeaderTable<Row>(
  text: string,
  format: HeaderTableFormat<Row>,
): ParseResult<{ rows: Row[]; skipped: number[] }> {
  const errors: string[] = [];
  const rows: Row[] = [];
  const skipped: number[] = [];
  let header: TableHeader | null = null;
  for (const { n, text: raw } of numberedLines(text)) {
    if (errors.length >= MAX_ERRORS) break;
    const line = raw.trim();
    if (line === '') continue;
    const aside = format.aside?.(line, header) ?? null;
    if (aside === 'taken') continue;
    if (aside === 'skip' || (format.logLines === 'beforeHeader' && !header && isLogNoise(line))) {
      skipped.push(n);
      continue;
    }
    const cells = format.split(line);
    if (format.isHeader(line)) {
      const problem = format.headerProblem(cells);
      if (problem !== null) {
        errors.push(`line ${n}: ${problem}`);
        header = null;
      } else header = { line: n, names: cells };
      continue;
    }
    if (!header || cells.length !== header.names.length) {
      if (format.logLines === 'outsideRows' && isLogNoise(line)) skipped.push(n);
      else
        errors.push(`line ${n}: ${header ? format.wrongWidth(header, cells.length) : format.noHeader(line)}`);
      continue;
    }
    const names = header.names;
    const cell: CellOf = (name) => {
      const i = names.indexOf(name);
      return i < 0 ? null : cells[i]!;
    };
    const problems: string[] = [];
    const row = format.row(cell, n, problems);
    if (problems.length) errors.push(...problems);
    else rows.push(row);
  }
  if (errors.length) return { ok: false, errors: errors.slice(0, MAX_ERRORS) };
  if (rows.length === 0) return { ok: false, errors: [format.noRows()] };
  return { ok: true, value: { rows, skipped } };
}
