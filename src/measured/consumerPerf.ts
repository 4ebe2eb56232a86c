// kafka-consumer-perf-test's output: a header of comma-separated names
//   start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec,
//   rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
// then one row of values (times as yyyy-MM-dd HH:mm:ss:SSS). Older versions stop after nMsg.sec.
import {
  MAX_ERRORS,
  found,
  isLogNoise,
  numberedLines,
  type ConsumerPerfMeasurement,
  type ConsumerPerfRow,
  type ParseResult,
} from './types';

const REQUIRED = [
  'start.time',
  'end.time',
  'data.consumed.in.MB',
  'MB.sec',
  'data.consumed.in.nMsg',
  'nMsg.sec',
] as const;

export function looksLikeConsumerPerfHeader(line: string): boolean {
  return /\bdata\.consumed\.in\.nMsg\b/.test(line) && /\bnMsg\.sec\b/.test(line);
}

export function parseConsumerPerf(text: string): ParseResult<ConsumerPerfMeasurement> {
  const errors: string[] = [];
  const rows: ConsumerPerfRow[] = [];
  const skipped: number[] = [];
  let header: { line: number; names: string[] } | null = null;
  for (const { n, text: raw } of numberedLines(text)) {
    if (errors.length >= MAX_ERRORS) break;
    const line = raw.trim();
    if (line === '') continue;
    const cells = line.split(',').map((c) => c.trim());
    if (looksLikeConsumerPerfHeader(line)) {
      const missing = REQUIRED.filter((r) => !cells.includes(r));
      if (missing.length) {
        errors.push(
          `line ${n}: a kafka-consumer-perf-test header needs ${missing.join(', ')}${cells.includes('time') ? ' (detailed stats, --show-detailed-stats, are not read: paste the final summary)' : ''}`,
        );
        header = null;
      } else header = { line: n, names: cells };
      continue;
    }
    if (!header) {
      if (isLogNoise(line)) {
        skipped.push(n);
        continue;
      }
      errors.push(
        `line ${n}: expected the kafka-consumer-perf-test header (start.time, end.time, data.consumed.in.MB, ...) first, found ${found(line)}`,
      );
      continue;
    }
    if (cells.length !== header.names.length) {
      if (isLogNoise(line)) {
        skipped.push(n);
        continue;
      }
      errors.push(
        `line ${n}: expected ${header.names.length} values as the header on line ${header.line} names, found ${cells.length}`,
      );
      continue;
    }
    const lineErrors: string[] = [];
    const value = (name: string): string | null => {
      const i = header!.names.indexOf(name);
      return i < 0 ? null : cells[i]!;
    };
    const num = (name: string): number | null => {
      const v = value(name);
      if (v === null) return null;
      if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(v)) {
        lineErrors.push(`line ${n}, column ${name}: expected a number, found '${v}'`);
        return null;
      }
      return Number(v);
    };
    const row: ConsumerPerfRow = {
      line: n,
      startTime: value('start.time')!,
      endTime: value('end.time')!,
      consumedMB: num('data.consumed.in.MB') ?? 0,
      mbPerSec: num('MB.sec') ?? 0,
      consumedRecords: num('data.consumed.in.nMsg') ?? 0,
      recordsPerSec: num('nMsg.sec') ?? 0,
      rebalanceMs: num('rebalance.time.ms'),
      fetchMs: num('fetch.time.ms'),
    };
    if (lineErrors.length) errors.push(...lineErrors);
    else rows.push(row);
  }
  if (errors.length) return { ok: false, errors: errors.slice(0, MAX_ERRORS) };
  if (rows.length === 0)
    return {
      ok: false,
      errors: ['no kafka-consumer-perf-test row found (expected a header, then a row of values)'],
    };
  return { ok: true, value: { kind: 'consumerPerf', rows, skipped } };
}
