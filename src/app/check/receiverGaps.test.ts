import { describe, expect, it } from 'vitest';
import { parsePipeline, type Pipeline } from '../../model';
import { checkPipeline, holdsPlay } from './gaps';

function doc(receivers: number, config: Record<string, unknown> = {}): Pipeline {
  const r = parsePipeline({
    version: 1,
    cluster: { brokers: [{ id: 'b1' }] },
    sparkSources: [{ id: 'feed', rate: { kind: 'constant', recordsPerSec: 100 }, receivers }],
    sparkJobs: [
      {
        id: 'job',
        stages: [{ id: 'm', kind: 'map' }],
        config: { 'spark.executor.instances': 2, 'spark.executor.cores': 2, ...config },
      },
    ],
    sinks: [{ id: 'out', kind: 'dashboard' }],
    edges: [
      { from: 'feed', to: 'job' },
      { from: 'job', to: 'out' },
    ],
  });
  if (!r.ok) throw new Error(r.errors.join('; '));
  return r.doc;
}

describe('pipeline check: receiver sources', () => {
  it('a job fed by a receiver source reads something: no gap', () => {
    expect(checkPipeline(doc(1))).toEqual([]);
  });

  it('receivers holding all 4 cores hold Play, with fixes that leave a core for tasks', () => {
    const gaps = checkPipeline(doc(4));
    expect(gaps.map((g) => g.key)).toEqual(['receivers-hold-every-core:job']);
    expect(holdsPlay(gaps[0]!)).toBe(true);
    // 4 receivers + 1 task core on 2-core executors: 3 executors.
    expect(gaps[0]!.fixes.map((f) => f.label)).toEqual(['Set executors to 3', 'Set receivers to 3']);
    for (const fix of gaps[0]!.fixes) expect(checkPipeline(fix.apply(doc(4)).doc)).toEqual([]);
  });

  it('a block interval over the batch interval is a risk, fixed to a fifth of the batch', () => {
    const gaps = checkPipeline(doc(1, { 'spark.streaming.blockInterval': 1500 }));
    expect(gaps.map((g) => g.key)).toEqual(['block-interval-over-batch:job']);
    expect(holdsPlay(gaps[0]!)).toBe(false);
    const fixed = gaps[0]!.fixes[0]!.apply(doc(1, { 'spark.streaming.blockInterval': 1500 })).doc;
    expect(fixed.sparkJobs[0]!.config['spark.streaming.blockInterval']).toBe(200);
  });
});
