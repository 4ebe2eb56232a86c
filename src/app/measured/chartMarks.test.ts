import { describe, expect, it } from 'vitest';
import { parseMeasurement, type Measurement } from '../../measured';
import {
  CONSUMER_PERF_RUN,
  GROUPS_DESCRIBE,
  PRODUCER_PERF_RUN,
  SPARK_PROGRESS_LINES,
} from '../../measured/samples';
import { sparkDocument } from '../../measured/testDocs';
import { marksMax } from '../charts/measuredMarks';
import { chartMarks } from './chartMarks';

const read = (text: string): Measurement => {
  const r = parseMeasurement(text);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.value;
};

describe('measured figures drawn over the run charts', () => {
  const doc = sparkDocument(100);

  it("puts a perf test's rate on the throughput chart, its progress lines at the seconds they end", () => {
    const marks = chartMarks(read(PRODUCER_PERF_RUN), { perf: 'web' }, doc);
    expect(Object.keys(marks)).toEqual(['throughput']);
    const [m] = marks.throughput!;
    expect(m!.y).toBeCloseTo(253172.9374, 4);
    expect(m!.label).toBe('measured web (kafka-producer-perf-test): 253,173 records/s');
    expect(m!.short).toBe('measured web: 253,173/s');
    // Each line covers its records over its rate: 1228701 / 245740.2 = 5.0000 s, then about 5 more.
    expect(m!.points.map((p) => p.y)).toEqual([245740.2, 260402.0, 253857.8]);
    expect(m!.points[0]!.x).toBeCloseTo(1228701 / 245740.2, 6);
    expect(m!.points[2]!.x).toBeCloseTo(1228701 / 245740.2 + 1302010 / 260402.0 + 1269289 / 253857.8, 6);
    expect(marksMax(marks.throughput!)).toBe(260402.0);
    // Not matched to a producer of this document: nothing to draw.
    expect(chartMarks(read(PRODUCER_PERF_RUN), {}, doc)).toEqual({});
    expect(chartMarks(read(PRODUCER_PERF_RUN), { perf: 'gone' }, doc)).toEqual({});
  });

  it("puts a consumer perf test's rate on the throughput chart, as the group it was matched to", () => {
    const marks = chartMarks(read(CONSUMER_PERF_RUN), { perf: 'audit' }, doc);
    expect(marks.throughput).toEqual([
      {
        key: 'consumerPerf:audit',
        label: 'measured audit (kafka-consumer-perf-test): 296,824 records/s read',
        short: 'measured audit: 296,824/s',
        y: 296823.8,
        points: [],
      },
    ]);
    expect(chartMarks(read(CONSUMER_PERF_RUN), { perf: 'web' }, doc)).toEqual({});
  });

  it("sums a described group's lag over the partitions matched to one group, on the lag chart", () => {
    const m = read(GROUPS_DESCRIBE);
    // fulfilment on orders is taken as the document's group "audit"; the replay group is left out.
    const marks = chartMarks(m, { 'fulfilment\u0000orders': 'audit' }, doc);
    expect(marks.lag).toHaveLength(1);
    // 312 + 347, the third partition's lag is "-" (unknown): not counted.
    expect(marks.lag![0]!.y).toBe(659);
    expect(marks.lag![0]!.label).toBe('measured audit lag (kafka-consumer-groups --describe): 659 records');
    // Both described groups on the same node: one mark, their partitions summed (550 + 580 + 659).
    const both = chartMarks(
      m,
      { 'fulfilment\u0000orders': 'audit', 'audit-replay\u0000payments': 'audit' },
      doc,
    );
    expect(both.lag![0]!.y).toBe(1789);
  });

  it("draws a Spark query's batches on its job's charts: input rate and triggerExecution, from the first batch's end", () => {
    const marks = chartMarks(
      read(SPARK_PROGRESS_LINES),
      { '6a1f0c2e-4b7d-4e11-9c55-2f0d8e7a3b10': 'job' },
      doc,
    );
    const input = marks['sparkInput:job']![0]!;
    const times = marks['sparkTimes:job']![0]!;
    // The job's batch interval is 1 s; the sample's batches are 2 s apart by their timestamps.
    expect(input.points).toEqual([
      { x: 1, y: 2990.5 },
      { x: 3, y: 3050.0 },
      { x: 5, y: 2950.0 },
    ]);
    expect(input.y).toBeCloseTo((2990.5 + 3050 + 2950) / 3, 9);
    expect(times.points.map((p) => p.y)).toEqual([1300, 1300, 1300]);
    expect(times.y).toBe(1300);
    expect(times.label).toMatch(
      /^measured batch duration \(Spark StreamingQueryProgress, triggerExecution\): 1,300 ms/,
    );
  });
});
