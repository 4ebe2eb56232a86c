// The two header-then-rows readers (kafka-consumer-groups --describe, kafka-consumer-perf-test) share
// one loop; these pin where they differ: how a line splits, what a header must hold, which log lines
// are read past, and what each says when nothing could be read.
import { describe, expect, it } from 'vitest';
import { parseConsumerGroups } from './consumerGroups';
import { parseConsumerPerf } from './consumerPerf';
import { MAX_ERRORS } from './types';

const errorsOf = (r: { ok: boolean; errors?: string[] }) => (r.ok ? [] : r.errors!);

const GROUP_HEADER = 'GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG CONSUMER-ID HOST CLIENT-ID';
const GROUP_ROW = 'g orders 0 10 15 5 - - -';
const PERF_HEADER = 'start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec';
const PERF_ROW = '2026-03-02 09:20:11:042, 2026-03-02 09:20:21:042, 9.5, 0.95, 10000, 1000';

describe('kafka-consumer-groups --describe: header and lines around the table', () => {
  it('names what a header lacks and the columns it does not know', () => {
    expect(errorsOf(parseConsumerGroups('GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET FOO'))).toEqual([
      'line 1: a header of kafka-consumer-groups --describe needs LAG; has unknown column FOO',
    ]);
    expect(errorsOf(parseConsumerGroups(`${GROUP_HEADER} FOO BAR`))).toEqual([
      'line 1: a header of kafka-consumer-groups --describe has unknown columns FOO, BAR',
    ]);
  });

  it('forgets a refused header, so the rows under it are rows before any header', () => {
    const errors = errorsOf(parseConsumerGroups(`${GROUP_HEADER} FOO\n${GROUP_ROW}`));
    expect(errors).toHaveLength(2);
    expect(errors[1]).toBe(
      "line 2: expected the header of kafka-consumer-groups --describe (GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG ...) before any row, found 'g orders 0 10 15 5 - - -'",
    );
  });

  it('reads past log lines before the header and the tool’s notes anywhere, not log lines among rows', () => {
    const r = parseConsumerGroups(
      `INFO connecting\n${GROUP_HEADER}\nWarning: Consumer group 'g' is rebalancing.\n${GROUP_ROW}`,
    );
    expect(r.ok && r.value.skipped).toEqual([1, 3]);
    expect(r.ok && r.value.rows.map((row) => row.line)).toEqual([4]);
    expect(errorsOf(parseConsumerGroups(`${GROUP_HEADER}\nINFO connecting\n${GROUP_ROW}`))).toEqual([
      'line 2: expected 9 columns as the header on line 1 has, found 2',
    ]);
  });

  it('reads past a header-like log line before any header (the log check comes first)', () => {
    expect(errorsOf(parseConsumerGroups(`[main] ${GROUP_HEADER}`))).toEqual([
      'no kafka-consumer-groups --describe table found (expected a GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG ... header)',
    ]);
  });

  it('says so when only groups without members were described', () => {
    expect(
      errorsOf(
        parseConsumerGroups(
          "Consumer group 'a' has no active members.\nConsumer group 'b' has no active members.",
        ),
      ),
    ).toEqual(['no partition rows: only "no active members" for a, b']);
  });

  it('reads a table without the GROUP column, the group then empty', () => {
    const r = parseConsumerGroups('TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG\norders 3 7 9 2');
    expect(r.ok && r.value.rows).toEqual([
      {
        line: 2,
        group: '',
        topic: 'orders',
        partition: 3,
        currentOffset: 7,
        logEndOffset: 9,
        lag: 2,
        consumerId: null,
        host: null,
        clientId: null,
      },
    ]);
  });

  it(`stops listing errors at ${MAX_ERRORS}`, () => {
    const text = Array.from({ length: MAX_ERRORS + 5 }, () => GROUP_ROW).join('\n');
    const errors = errorsOf(parseConsumerGroups(text));
    expect(errors).toHaveLength(MAX_ERRORS);
    expect(errors[MAX_ERRORS - 1]).toMatch(new RegExp(`^line ${MAX_ERRORS}: `));
  });
});

describe('kafka-consumer-perf-test: header and lines around the row', () => {
  it('names what a header lacks, and says detailed stats are not read', () => {
    expect(
      errorsOf(parseConsumerPerf('data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec')),
    ).toEqual(['line 1: a kafka-consumer-perf-test header needs start.time, end.time']);
    expect(
      errorsOf(
        parseConsumerPerf('time, threadId, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec'),
      ),
    ).toEqual([
      'line 1: a kafka-consumer-perf-test header needs start.time, end.time (detailed stats, --show-detailed-stats, are not read: paste the final summary)',
    ]);
  });

  it('reads a header whatever its extra columns are', () => {
    const r = parseConsumerPerf(`${PERF_HEADER}, some.new.column\n${PERF_ROW}, 1`);
    expect(r.ok && r.value.rows[0]?.recordsPerSec).toBe(1000);
  });

  it('reads past log lines before the header and log lines of another width after it', () => {
    const r = parseConsumerPerf(`$ bin/kafka-consumer-perf-test.sh\n${PERF_HEADER}\nWARN slow\n${PERF_ROW}`);
    expect(r.ok && r.value.skipped).toEqual([1, 3]);
    expect(r.ok && r.value.rows.map((row) => [row.line, row.rebalanceMs, row.fetchMs])).toEqual([
      [4, null, null],
    ]);
    expect(errorsOf(parseConsumerPerf(`${PERF_HEADER}\nslow, down`))).toEqual([
      'line 2: expected 6 values as the header on line 1 names, found 2',
    ]);
    expect(errorsOf(parseConsumerPerf('nothing here'))).toEqual([
      "line 1: expected the kafka-consumer-perf-test header (start.time, end.time, data.consumed.in.MB, ...) first, found 'nothing here'",
    ]);
  });

  it('reads a header-like log line as a header (the header check comes first)', () => {
    expect(errorsOf(parseConsumerPerf(`[main] ${PERF_HEADER}`))).toEqual([
      'line 1: a kafka-consumer-perf-test header needs start.time',
    ]);
  });

  it('says so when a header has no row', () => {
    expect(errorsOf(parseConsumerPerf(PERF_HEADER))).toEqual([
      'no kafka-consumer-perf-test row found (expected a header, then a row of values)',
    ]);
  });
});
