import { describe, expect, it } from 'vitest';
import type { Pipeline } from '../../model';
import { parseLesson } from '../../lessons/parse';
import { tinyLesson } from '../../lessons/testing/tinyLesson';
import type { RunOutcome } from '../../whatif/run';
import { checkedRunToShow, produceRequestsOf } from './checkedRun';

function pipeline(): Pipeline {
  const r = parseLesson(tinyLesson());
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.lesson.pipeline;
}

/** A made-up run: `seconds` rows whose second column tells the seed apart. */
const outcome = (seed: number, seconds: number): RunOutcome => ({
  columns: ['second', 'p.produced'],
  rows: Array.from({ length: seconds }, (_, i) => [i + 1, seed * 1000]),
  totals: {
    produced: seed,
    acknowledged: seed,
    consumed: seed,
    inFlight: 0,
    refused: 0,
    dropped: 0,
  } as RunOutcome['totals'],
});

describe('the checked run on the charts', () => {
  const doc = pipeline(); // run.seed 1 (the default)

  it('is the run of the document’s own seed, its totals included', () => {
    const outcomes = new Map([
      [2, outcome(2, 20)],
      [1, outcome(1, 20)],
    ]);
    const shown = checkedRunToShow(doc, doc, outcomes);
    expect(shown?.seed).toBe(1);
    expect(shown?.view.rows.every((r) => r[1] === 1000)).toBe(true);
    expect(shown?.view.rows).toHaveLength(20);
    expect(shown?.view.spans).toEqual(Array(20).fill(1));
    expect(shown?.view.totals?.produced).toBe(1);
  });

  it('leaves the learner’s run alone when their seed was not one the check ran', () => {
    const own = { ...doc, run: { ...doc.run, seed: 7 } };
    expect(checkedRunToShow(own, own, new Map([[1, outcome(1, 20)]]))).toBeNull();
  });

  it('leaves it alone when the pipeline changed during the check, but not for a moved node', () => {
    const outcomes = new Map([[1, outcome(1, 20)]]);
    const edited = { ...doc, topics: doc.topics.map((t) => ({ ...t, partitions: t.partitions + 1 })) };
    expect(checkedRunToShow(doc, edited, outcomes)).toBeNull();
    const moved = { ...doc, layout: { p: { x: 500, y: 500 } } };
    expect(checkedRunToShow(doc, moved, outcomes)?.seed).toBe(1);
  });

  it('keeps a long run within the rows the run list keeps', () => {
    const shown = checkedRunToShow(doc, doc, new Map([[1, outcome(1, 3600)]]));
    expect(shown!.view.rows.length).toBeLessThanOrEqual(600);
    // Every second is still accounted for by the spans.
    expect(shown!.view.spans.reduce((a, b) => a + b, 0)).toBe(3600);
  });
});

describe('produce requests of the checked run, from its summary', () => {
  const doc = pipeline(); // producer p, 20 s
  it('gives each producer its requests a second and the records per request and per batch over the run', () => {
    // 4,000 requests in 20 s carrying 40,000 records in 10,000 batches.
    const summary = { producers: { p: { requests: 4000, requestRecords: 40_000, requestBatches: 10_000 } } };
    expect(produceRequestsOf(summary, doc)).toEqual({
      p: { perSec: 200, recordsPerRequest: 10, recordsPerBatch: 4 },
    });
    const shown = checkedRunToShow(doc, doc, new Map([[1, { ...outcome(1, 20), summary }]]));
    expect(shown?.view.produceRequests?.p?.perSec).toBe(200);
  });

  it('leaves out what the summary does not have, and reads no records per request without requests', () => {
    expect(produceRequestsOf(undefined, doc)).toEqual({});
    expect(produceRequestsOf({ producers: { p: { requests: 5 } } }, doc)).toEqual({});
    const none = { producers: { p: { requests: 0, requestRecords: 0, requestBatches: 0 } } };
    expect(produceRequestsOf(none, doc).p).toEqual({
      perSec: 0,
      recordsPerRequest: null,
      recordsPerBatch: null,
    });
  });
});
