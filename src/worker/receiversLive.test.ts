// The live snapshot of a job reading a receiver source: its receivers for the Spark UI, the source
// node's rate on the canvas and its edge to the job.
import { describe, expect, it } from 'vitest';
import { parsePipeline } from '../model/parse';
import { Simulation } from '../core/engine/simulation';
import { loadExample } from '../core/testing/examples';
import { sparkPipeline } from '../core/testing/pipelines';
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

  it('says where the records in flight are, and the parts add up to the in-flight total', () => {
    // The iot-receivers example just after a 2 s batch was cut at 60 s: it is running.
    const d = loadExample('iot-receivers');
    const sim = new Simulation(d);
    const frames = new FrameBuilder(d, sim);
    sim.runUntil(60_050);
    const totals = frames.totals();
    const parts = totals.receiverInFlight!;
    // In flight by the ledger: what arrived and is neither processed, dropped nor lost.
    const inFlight = totals.produced - totals.acknowledged - totals.dropped - (totals.lost ?? 0);
    expect(totals.inFlight).toBe(inFlight);
    // No producer: the four places hold all of it.
    expect(parts.atSource + parts.buffered + parts.inBlocks + parts.inBatches).toBe(inFlight);
    // The batch cut at 60 s holds about 2 s of 4,000 readings/s; the Spark UI shows the same parts.
    expect(parts.inBatches).toBeGreaterThan(6000);
    const r = frames.live().spark!['building-monitor']!.receivers!;
    expect(r.inBatches).toBe(parts.inBatches);
    expect(r.inBlocks).toBe(parts.inBlocks);
  });

  it('has no receiver parts without a receiver source', () => {
    const d = sparkPipeline({ ratePerSec: 1000, costPerRecordUs: 10, durationSec: 5 });
    const sim = new Simulation(d);
    sim.runUntil(3000);
    expect(new FrameBuilder(d, sim).totals().receiverInFlight).toBeUndefined();
  });
});
