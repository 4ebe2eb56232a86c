// A producer's live figures carry its produce requests: how many a second, and how many records
// each request and each batch carries, so a learner can see what linger.ms does to them.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../core/engine/simulation';
import { parsePipeline } from '../model/parse';
import type { Pipeline } from '../model/types';
import { FrameBuilder } from './frames';
import type { ProduceRequestsLive } from './protocol';

/** 15,000 records/s over six partitions (2,500 each) on one broker, with the given linger.ms. */
function metrics(lingerMs: number): Pipeline {
  const r = parsePipeline({
    version: 1,
    cluster: { brokers: [{ id: 'b1' }] },
    topics: [{ id: 't', partitions: 6, replicationFactor: 1 }],
    producers: [
      {
        id: 'agents',
        rate: { kind: 'constant', recordsPerSec: 15_000 },
        recordBytes: 200,
        keys: { kind: 'uniform', count: 10_000 },
        config: { 'linger.ms': lingerMs },
      },
    ],
    consumerGroups: [{ id: 'g', members: 1, processing: { distribution: 'fixed', meanMs: 0.005 } }],
    edges: [
      { from: 'agents', to: 't' },
      { from: 't', to: 'g' },
    ],
    run: { seed: 1, durationSec: 10 },
  });
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.doc;
}

/** The producer's request figures in frames every 250 ms (as a 10x run sees them) from 3 s to 10 s. */
function requestFrames(doc: Pipeline): ProduceRequestsLive[] {
  const sim = new Simulation(doc);
  const frames = new FrameBuilder(doc, sim);
  const seen: ProduceRequestsLive[] = [];
  for (let t = 250; t <= 10_000; t += 250) {
    sim.runUntil(t);
    const live = frames.live().nodes.agents!.produceRequests;
    if (t >= 3000) seen.push(live!);
  }
  return seen;
}

describe('a producer’s produce requests in its live figures', () => {
  it('linger.ms = 5 gathers about a dozen records per batch, and the requests carry every record', () => {
    for (const r of requestFrames(metrics(5))) {
      // 2,500 records/s per partition wait about 5 ms: some 12 records a batch.
      expect(r.recordsPerBatch).toBeGreaterThan(8);
      expect(r.recordsPerBatch).toBeLessThan(25);
      // A request holds one batch or more (one request per broker, batches of several partitions).
      expect(r.recordsPerRequest!).toBeGreaterThanOrEqual(r.recordsPerBatch!);
      // Requests times records per request is what the producer sends: 15,000 a second.
      expect(r.perSec * r.recordsPerRequest!).toBeGreaterThan(13_500);
      expect(r.perSec * r.recordsPerRequest!).toBeLessThan(16_500);
    }
  });

  it('linger.ms = 0 sends many more requests, each carrying fewer records', () => {
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const zero = requestFrames(metrics(0));
    const five = requestFrames(metrics(5));
    expect(mean(zero.map((r) => r.perSec))).toBeGreaterThan(3 * mean(five.map((r) => r.perSec)));
    expect(mean(zero.map((r) => r.recordsPerRequest!))).toBeLessThan(
      mean(five.map((r) => r.recordsPerRequest!)) / 3,
    );
  });

  it('reads no records per request before any request went', () => {
    const doc = metrics(5);
    const sim = new Simulation(doc);
    const live = new FrameBuilder(doc, sim).live().nodes.agents!.produceRequests!;
    expect(live.perSec).toBe(0);
    expect(live.recordsPerRequest).toBeNull();
    expect(live.recordsPerBatch).toBeNull();
  });

  it('the run summary counts the records and batches the requests carried over the whole run', () => {
    const doc = metrics(5);
    const sim = new Simulation(doc);
    sim.runUntil(10_000);
    const p = sim.summary().producers.agents!;
    // Every record sent went in one request; only those still waiting in a batch at the end are not in one.
    expect(p.requestRecords).toBeLessThanOrEqual(p.produced);
    expect(p.requestRecords).toBeGreaterThan(p.produced - 1000);
    expect(p.requestRecords / p.requestBatches).toBeGreaterThan(8);
    expect(p.requestRecords / p.requests).toBeGreaterThan(p.requestRecords / p.requestBatches);
  });
});
