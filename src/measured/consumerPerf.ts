// kafka-consumer-perf-test's output: a header of comma-separated names
//   start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec,
//   rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
// then one row of values (times as yyyy-MM-dd HH:mm:ss:SSS). Older versions stop after nMsg.sec.
import { readHeaderTable } from './headerTable';
import { found, type ConsumerPerfMeasurement, type ConsumerPerfRow, type ParseResult } from './types';

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
  const read = readHeaderTable<ConsumerPerfRow>(text, {
    split: (line) => line.split(',').map((c) => c.trim()),
    isHeader: looksLikeConsumerPerfHeader,
    headerProblem: (cells) => {
      const missing = REQUIRED.filter((r) => !cells.includes(r));
      if (!missing.length) return null;
      return `a kafka-consumer-perf-test header needs ${missing.join(', ')}${cells.includes('time') ? ' (detailed stats, --show-detailed-stats, are not read: paste the final summary)' : ''}`;
    },
    logLines: 'outsideRows',
    noHeader: (line) =>
      `expected the kafka-consumer-perf-test header (start.time, end.time, data.consumed.in.MB, ...) first, found ${found(line)}`,
    wrongWidth: (header, cells) =>
      `expected ${header.names.length} values as the header on line ${header.line} names, found ${cells}`,
    row: (value, n, problems) => {
      const num = (name: string): number | null => {
        const v = value(name);
        if (v === null) return null;
        if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(v)) {
          problems.push(`line ${n}, column ${name}: expected a number, found '${v}'`);
          return null;
        }
        return Number(v);
      };
      return {
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
    },
    noRows: () => 'no kafka-consumer-perf-test row found (expected a header, then a row of values)',
  });
  if (!read.ok) return read;
  const { rows, skipped } = read.value;
  return { ok: true, value: { kind: 'consumerPerf', rows, skipped } };
}
