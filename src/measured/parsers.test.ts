import { describe, expect, it } from 'vitest';
import { parseConsumerGroups } from './consumerGroups';
import { parseConsumerPerf } from './consumerPerf';
import { detectMeasurement, parseMeasurement } from './detect';
import { parseProducerPerf, perfOverall } from './producerPerf';
import {
  CONSUMER_PERF_RUN,
  GROUPS_DESCRIBE,
  PRODUCER_PERF_RUN,
  PRODUCER_PERF_SUMMARY,
  SPARK_PROGRESS_LINES,
  SPARK_PROGRESS_LOG,
} from './samples';
import { parseSparkProgress } from './sparkProgress';

const ok = <T>(r: { ok: true; value: T } | { ok: false; errors: string[] }): T => {
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.value;
};
const errorsOf = (r: { ok: boolean; errors?: string[] }) => (r.ok ? [] : r.errors!);

describe('kafka-producer-perf-test', () => {
  it('reads progress lines and the summary, skipping a log line', () => {
    const m = ok(parseProducerPerf(PRODUCER_PERF_RUN));
    expect(m.skipped).toEqual([1]);
    expect(m.progress).toHaveLength(3);
    expect(m.progress[1]).toEqual({
      line: 3,
      records: 1302010,
      recordsPerSec: 260402.0,
      mbPerSec: 24.83,
      avgLatencyMs: 88.1,
      maxLatencyMs: 301.0,
    });
    expect(m.summary).toMatchObject({
      line: 5,
      records: 4000000,
      recordsPerSec: 253172.9374,
      mbPerSec: 24.14,
      avgLatencyMs: 92.31,
      maxLatencyMs: 412,
      p50Ms: 71,
      p95Ms: 244,
      p99Ms: 331,
      p999Ms: 398,
    });
  });

  it('reads a lone summary line, and progress lines alone weighted by their records', () => {
    expect(ok(parseProducerPerf(PRODUCER_PERF_SUMMARY)).summary?.recordsPerSec).toBe(180000.5);
    const onlyProgress = ok(
      parseProducerPerf(
        '100 records sent, 10.0 records/sec (0.01 MB/sec), 5.0 ms avg latency, 9.0 ms max latency.\n' +
          '300 records sent, 30.0 records/sec (0.03 MB/sec), 1.0 ms avg latency, 20.0 ms max latency.',
      ),
    );
    const all = perfOverall(onlyProgress);
    // 400 records in 10 s + 10 s.
    expect(all.recordsPerSec).toBeCloseTo(20, 10);
    expect(all.avgLatencyMs).toBeCloseTo((100 * 5 + 300 * 1) / 400, 10);
    expect(all.maxLatencyMs).toBe(20);
    expect(all.p99Ms).toBeUndefined();
  });

  it('names the line and the missing piece', () => {
    const text = `${PRODUCER_PERF_SUMMARY.replace('180000.5 records/sec', '180000.5 recs/s')}`;
    expect(errorsOf(parseProducerPerf(`\n\n${text}`))).toEqual([
      "line 3: expected 'records/sec' after the rate, found 'recs/s (17.17 MB/sec), 12.50 ms avg late…'",
    ]);
    expect(errorsOf(parseProducerPerf('12 records sent, fast records/sec'))).toEqual([
      "line 1: expected the rate after 'records sent,', found 'fast records/sec'",
    ]);
    expect(
      errorsOf(
        parseProducerPerf(
          '5 records sent, 1.0 records/sec (0.00 MB/sec), 1.0 ms avg latency, 2.0 ms max latency, 1 ms 50th, 1 ms 95th, 2 ms 99th.',
        ),
      ),
    ).toEqual(["line 1: expected ',' after '99th', found '.'"]);
    expect(errorsOf(parseProducerPerf('hello\n5 records sent'))[0]).toMatch(
      /^line 1: expected a line of kafka-producer-perf-test/,
    );
    expect(errorsOf(parseProducerPerf(`${PRODUCER_PERF_SUMMARY}\n${PRODUCER_PERF_SUMMARY}`))).toEqual([
      'line 2: a second summary line (the first is on line 1); paste one run at a time',
    ]);
  });

  it('reads the command that ran the test, when it was pasted with the output: its --throughput', () => {
    // A shell prompt's line, as load.sh runs it (docker compose exec into the tools container).
    const prompt = `$ docker compose exec -T tools /opt/kafka/bin/kafka-producer-perf-test.sh --topic orders --num-records 600000 --record-size 300 --throughput 20000 --producer-props bootstrap.servers=broker-1:9092 acks=all\n${PRODUCER_PERF_SUMMARY}`;
    const a = ok(parseProducerPerf(prompt));
    expect(a.command).toEqual({ line: 1, throughput: 20000 });
    expect(a.summary?.line).toBe(2);
    // Continued over several lines with backslashes, the value after '=', and -1.
    const continued = [
      'bin/kafka-producer-perf-test.sh --topic orders \\',
      '    --num-records 5000000 --record-size 100 \\',
      '    --throughput=-1 --producer-props bootstrap.servers=localhost:9092',
      PRODUCER_PERF_SUMMARY,
    ].join('\n');
    const b = ok(parseProducerPerf(continued));
    expect(b.command).toEqual({ line: 1, throughput: -1 });
    expect(b.summary?.line).toBe(4);
    // The class run directly, without --throughput: no rate known.
    const c = ok(
      parseProducerPerf(
        `java org.apache.kafka.tools.ProducerPerformance --topic t --num-records 10\n${PRODUCER_PERF_SUMMARY}`,
      ),
    );
    expect(c.command).toEqual({ line: 1, throughput: null });
    // The detector sends it to this parser, and the output alone has no command.
    expect(detectMeasurement(prompt)).toBe('producerPerf');
    expect(ok(parseProducerPerf(PRODUCER_PERF_SUMMARY)).command).toBeNull();
    expect(
      errorsOf(
        parseProducerPerf(
          `kafka-producer-perf-test.sh --throughput 5\nkafka-producer-perf-test.sh --throughput 6\n${PRODUCER_PERF_SUMMARY}`,
        ),
      ),
    ).toEqual([
      'line 2: a second kafka-producer-perf-test command (the first is on line 1); paste one run at a time',
    ]);
  });
});

describe('kafka-consumer-perf-test', () => {
  it('reads the row under the header', () => {
    const m = ok(parseConsumerPerf(CONSUMER_PERF_RUN));
    expect(m.rows).toEqual([
      {
        line: 2,
        startTime: '2026-03-02 09:20:11:042',
        endTime: '2026-03-02 09:20:24:518',
        consumedMB: 381.4697,
        mbPerSec: 28.3073,
        consumedRecords: 4000000,
        recordsPerSec: 296823.8,
        rebalanceMs: 3021,
        fetchMs: 10455,
      },
    ]);
  });

  it('names the line and the column of a bad value, and a row with too few values', () => {
    const bad = CONSUMER_PERF_RUN.replace('296823.8', 'many');
    expect(errorsOf(parseConsumerPerf(bad))).toEqual([
      "line 2, column nMsg.sec: expected a number, found 'many'",
    ]);
    expect(errorsOf(parseConsumerPerf(`${CONSUMER_PERF_RUN}1, 2, 3`))).toEqual([
      'line 3: expected 10 values as the header on line 1 names, found 3',
    ]);
  });
});

describe('kafka-consumer-groups --describe', () => {
  it('reads several groups, "-" as unknown, and the group without members', () => {
    const m = ok(parseConsumerGroups(GROUPS_DESCRIBE));
    expect(m.inactiveGroups).toEqual(['audit-replay']);
    expect(m.rows).toHaveLength(5);
    expect(m.rows[0]).toEqual({
      line: 5,
      group: 'audit-replay',
      topic: 'payments',
      partition: 0,
      currentOffset: 10400,
      logEndOffset: 10950,
      lag: 550,
      consumerId: null,
      host: null,
      clientId: null,
    });
    expect(m.rows[4]).toMatchObject({
      line: 11,
      group: 'fulfilment',
      partition: 2,
      currentOffset: null,
      lag: null,
      host: '/10.1.4.22',
    });
  });

  it('names the line and the column of a bad value, a short row, a LAG that does not add up, a row before a header', () => {
    const bad = GROUPS_DESCRIBE.replace(
      '879954          880301          347',
      '879954          880301          lots',
    );
    expect(errorsOf(parseConsumerGroups(bad))).toEqual([
      "line 10, column LAG: expected a whole number or '-', found 'lots'",
    ]);
    const wrong = GROUPS_DESCRIBE.replace('882412          312', '882412          300');
    expect(errorsOf(parseConsumerGroups(wrong))).toEqual([
      'line 9, column LAG: 300 is not LOG-END-OFFSET 882412 minus CURRENT-OFFSET 882100',
    ]);
    const short = GROUPS_DESCRIBE.replace('/10.1.4.22      consumer-fulfilment-2', '');
    expect(errorsOf(parseConsumerGroups(short))).toEqual([
      'line 11: expected 9 columns as the header on line 8 has, found 7',
    ]);
    expect(errorsOf(parseConsumerGroups('fulfilment orders 0 1 2 1 - - -'))[0]).toMatch(
      /^line 1: expected the header of kafka-consumer-groups --describe/,
    );
  });
});

describe('Spark StreamingQueryProgress', () => {
  it('reads one object per line', () => {
    const m = ok(parseSparkProgress(SPARK_PROGRESS_LINES));
    expect(m.progress.map((p) => [p.line, p.batchId, p.numInputRows])).toEqual([
      [1, 41, 6000],
      [2, 42, 6100],
      [3, 43, 5900],
    ]);
    const first = m.progress[0]!;
    expect(first.name).toBe('fraud-scoring');
    expect(first.inputRowsPerSecond).toBe(2990.5);
    expect(first.processedRowsPerSecond).toBe(4615.4);
    expect(first.durationMs.triggerExecution).toBe(1300);
    expect(first.sources[0]!.topics).toEqual(['payments']);
    expect(first.watermark).toBe('2026-03-02T09:29:50.000Z');
    expect(first.timeMs).toBe(Date.parse('2026-03-02T09:30:10.000Z'));
    expect(m.progress[2]!.timeMs! - first.timeMs!).toBe(4000);
  });

  it('reads a pretty-printed progress inside a driver log, a JSON array and an event log', () => {
    const fromLog = ok(parseSparkProgress(SPARK_PROGRESS_LOG));
    expect(fromLog.progress).toHaveLength(1);
    expect(fromLog.progress[0]).toMatchObject({ line: 1, batchId: 7, numInputRows: 1500, name: null });
    expect(fromLog.progress[0]!.sources[0]!.topics).toEqual(['clicks']);
    const lines = SPARK_PROGRESS_LINES.split('\n');
    const array = ok(parseSparkProgress(`[\n${lines.join(',\n')}\n]`));
    expect(array.progress.map((p) => p.batchId)).toEqual([41, 42, 43]);
    const eventLog = [
      '{"Event":"SparkListenerApplicationStart","App Name":"fraud"}',
      ...lines.map(
        (l) =>
          `{"Event":"org.apache.spark.sql.streaming.StreamingQueryListener$QueryProgressEvent","progress":${l}}`,
      ),
    ].join('\n');
    const events = ok(parseSparkProgress(eventLog));
    expect(events.progress).toHaveLength(3);
    expect(events.otherEvents).toBe(1);
    expect(events.progress[0]!.line).toBe(2);
  });

  it("reads PySpark's printed lastProgress (a Python dict's repr)", () => {
    const text = `{'id': '6a1f0c2e', 'runId': 'c3d2e1f0', 'name': None, 'timestamp': '2026-03-02T09:30:10.000Z',
 'batchId': 12, 'numInputRows': 800, 'inputRowsPerSecond': 400.0, 'processedRowsPerSecond': nan,
 'durationMs': {'addBatch': 150, 'triggerExecution': 200}, 'stateOperators': [],
 'sources': [{'description': "KafkaV2[Subscribe[clicks]] it's", 'numInputRows': 800}],
 'sink': {'description': 'MemorySink', 'numOutputRows': 800}}`;
    expect(detectMeasurement(text)).toBe('sparkProgress');
    const m = ok(parseSparkProgress(text));
    expect(m.progress[0]).toMatchObject({
      batchId: 12,
      name: null,
      numInputRows: 800,
      inputRowsPerSecond: 400,
      processedRowsPerSecond: null,
      durationMs: { addBatch: 150, triggerExecution: 200 },
    });
    expect(m.progress[0]!.sources[0]!.topics).toEqual(['clicks']);
  });

  it('names the line and the field that is wrong', () => {
    const lines = SPARK_PROGRESS_LINES.split('\n');
    lines[1] = lines[1]!.replace('"numInputRows":6100', '"numInputRows":"6100"');
    expect(errorsOf(parseSparkProgress(lines.join('\n')))).toEqual([
      'line 2 (progress 2), field numInputRows: expected a number, found "6100"',
    ]);
    const log = SPARK_PROGRESS_LOG.replace('"triggerExecution" : 400', '"triggerExecution" : "slow"');
    expect(errorsOf(parseSparkProgress(log))).toEqual([
      'line 1 (progress 1), field durationMs.triggerExecution: expected a number, found "slow"',
    ]);
    const broken = SPARK_PROGRESS_LOG.replace('"batchId" : 7,', '"batchId" : 7,,');
    expect(errorsOf(parseSparkProgress(broken))[0]).toMatch(/^line 6: not valid JSON/);
    expect(errorsOf(parseSparkProgress('{"batchId": 1, "numInputRows": 3'))).toEqual([
      'line 1: a JSON object starts here and is never closed',
    ]);
  });
});

describe('the detector', () => {
  it('tells the four tools apart and refuses anything else with what it reads', () => {
    expect(detectMeasurement(PRODUCER_PERF_RUN)).toBe('producerPerf');
    expect(detectMeasurement(CONSUMER_PERF_RUN)).toBe('consumerPerf');
    expect(detectMeasurement(GROUPS_DESCRIBE)).toBe('consumerGroups');
    expect(detectMeasurement(SPARK_PROGRESS_LINES)).toBe('sparkProgress');
    expect(detectMeasurement(SPARK_PROGRESS_LOG)).toBe('sparkProgress');
    expect(detectMeasurement('TOPIC PARTITION LEADER\nclicks 0 1')).toBeNull();
    const r = parseMeasurement('hello world');
    expect(r.kind).toBeNull();
    expect(errorsOf(r)[0]).toMatch(/could not tell which tool printed this/);
    const p = parseMeasurement(PRODUCER_PERF_SUMMARY);
    expect(p.ok && p.value.kind).toBe('producerPerf');
  });
});
