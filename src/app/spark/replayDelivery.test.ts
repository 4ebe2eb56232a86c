// The Spark UI's account of a driver failure's replay: the same replayed output reads as written
// twice only where the output's delivery writes it again.
import { describe, expect, it } from 'vitest';
import type { SparkJobLive } from '../../worker/protocol';
import { replayLines, writtenTwiceOf } from './replayDelivery';

const totals = (outputDelivery?: SparkJobLive['totals']['outputDelivery']): SparkJobLive['totals'] => ({
  batches: 60,
  records: 127_756,
  output: 127_756,
  filtered: 0,
  droppedLate: 0,
  replayedRecords: 10_034,
  replayedOutput: 10_034,
  checkpoints: 6,
  failedBatches: 0,
  recomputedBatches: 0,
  ...(outputDelivery && { outputDelivery }),
});

describe('replay by delivery', () => {
  it('transactional Kafka sink: replayed, committed already, nothing written twice', () => {
    const t = totals({
      kafkaSink: { topic: 'settlements', delivery: 'transactional', writtenTwice: 0, abortedRecords: 0 },
      sinks: [],
    });
    expect(writtenTwiceOf(t)).toBe(0);
    const [line, ...rest] = replayLines(t);
    expect(rest).toEqual([]);
    expect(line!.twice).toBe(false);
    expect(line!.text).toContain('settlements (transactional)');
    expect(line!.text).toContain('not sent again');
    expect(line!.text).toContain('the interrupted batch had written nothing yet');
    expect(line!.text).toContain('nothing written twice');
  });

  it("names the interrupted batch's aborted transaction with its records", () => {
    const t = totals({
      kafkaSink: { topic: 't2', delivery: 'transactional', writtenTwice: 0, abortedRecords: 500 },
      sinks: [],
    });
    expect(replayLines(t)[0]!.text).toContain("the interrupted batch's transaction was aborted (500 records");
  });

  it('at-least-once Kafka sink and sinks: written twice, summed over the outputs', () => {
    const t = totals({
      kafkaSink: { topic: 'settlements', delivery: 'atLeastOnce', writtenTwice: 10_034, abortedRecords: 0 },
      sinks: [
        { id: 'db', delivery: 'atLeastOnce', writtenTwice: 10_034 },
        { id: 'kv', delivery: 'idempotent', writtenTwice: 0 },
      ],
    });
    expect(writtenTwiceOf(t)).toBe(20_068);
    const lines = replayLines(t);
    expect(lines.map((l) => [l.key, l.twice])).toEqual([
      ['kafka', true],
      ['sink-db', true],
      ['sink-kv', false],
    ]);
    expect(lines[0]!.text).toContain('10,034 records written twice');
    expect(lines[2]!.text).toContain('nothing written twice');
  });

  it('says nothing without a driver failure, or from an engine that does not tell', () => {
    expect(replayLines(totals())).toEqual([]);
    expect(writtenTwiceOf(totals())).toBeUndefined();
  });
});
