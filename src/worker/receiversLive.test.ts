// The live snapshot of a job reading a receiver source: its receivers for the Spark UI, the source
// node's rate on the canvas and its edge to the job.
import { describe, expect, it } from 'vitest';
import { parsePipeline } from '../model/parse';
import { Simulation } from '../core/engine/simulation';
import { FrameBuilder } from './frames';

function doc() {
  const r = parsePipeline({
    version: 1,
    cluster: { brokers: [{ id: 'b1' }] },
    sparkSources: [{ id: 'feed', rate: { kind: 'constant', recordsPerSec: 3000 }, receivers: 3 }],
    sparkJobs: [
      {
        id: 'job',
        stages: [{ id: 'm', kind: 'map' }],
        config: {
          'spark.executor.instances': 2,
          'spark.executor.cores': 2,
          'spark.streaming.blockInterval': 250,
        },
      },
    ],
    edges: [{ from: 'feed', to: 'job' }],
  });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.doc;
}

describe('live receivers', () => {
  it('carries the receivers, the blocks per batch, the source rate and its edge', () => {
    const d = doc();
    const sim = new Simulation(d);
    const frames = new FrameBuilder(d, sim);
    sim.runUntil(10_000);
    frames.live();
    sim.runUntil(12_000);
    const live = frames.live();
    const r = live.spark!['job']!.receivers!;
    // 1000 ms / 250 ms x 3 receivers.
    expect(r.blocksPerBatch).toBe(12);
    expect(r.running).toBe(3);
    expect(r.limitPerReceiver).toBeNull();
    expect(r.lost).toBe(0);
    // 4 cores, 3 held by receivers: 1 for tasks.
    expect(live.spark!['job']!.slots).toBe(1);
    expect(live.spark!['job']!.batches[0]!.blocks).toBe(12);
    // The source took 3000 records/s.
    expect(live.nodes['feed']!.recordsPerSec).toBeCloseTo(3000, -1);
    expect(live.edges['feed->job']!.recordsPerSec).toBeCloseTo(3000, -1);
  });
});
