// Live node rates are means over a window that holds whole batches, so a Spark job with 2 s
// batches, and the sink it writes to, never read 0 between batches; readers carry their lag
// readings and per-partition tables.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../core/engine/simulation';
import { sparkPipeline } from '../core/testing/pipelines';
import { FrameBuilder, sinkWindowSec } from './frames';

describe('live rates and lag', () => {
  it('averages what a windowed job writes over whole slides: a 10 s slide never reads 0 in between', () => {
    // 2 s batches ending in a window sliding every 10 s: the job writes to its sink once per 10 s.
    const doc = sparkPipeline({
      ratePerSec: 1000,
      costPerRecordUs: 1,
      batchIntervalMs: 2000,
      stages: [
        { id: 'w', kind: 'window', windowLengthMs: 10_000, slideMs: 10_000, keyCardinality: 50 },
        { id: 'out', kind: 'sink' },
      ],
      sink: { id: 'dash', kind: 'dashboard', writeLatencyMs: 1 },
    });
    const sim = new Simulation(doc);
    const frames = new FrameBuilder(doc, sim);
    for (let t = 500; t <= 60_000; t += 500) {
      sim.runUntil(t);
      const live = frames.live();
      // The job's input still goes by its batches; what reaches the sink, by whole slides.
      expect(live.nodes.job!.rateWindowSec).toBe(2);
      expect(live.nodes.dash!.rateWindowSec).toBe(10);
      if (t >= 25_000) expect(live.nodes.dash!.recordsPerSec).toBeGreaterThan(0);
    }
  });

  it('shows a 2 s batch job and its sink at their mean rate over 2 s, frame after frame', () => {
    const doc = sparkPipeline({
      ratePerSec: 10_000,
      costPerRecordUs: 1,
      batchIntervalMs: 2000,
      stages: [{ id: 'out', kind: 'sink' }],
      sink: { id: 'dash', kind: 'dashboard', writeLatencyMs: 1 },
    });
    const sim = new Simulation(doc);
    const frames = new FrameBuilder(doc, sim);
    const seen = { job: [] as number[], sink: [] as number[], edge: [] as number[] };
    // Frames every 250 ms of simulated time, as a 10x run would see them.
    for (let t = 250; t <= 30_000; t += 250) {
      sim.runUntil(t);
      const live = frames.live();
      if (t < 10_000) continue;
      seen.job.push(live.nodes.job!.recordsPerSec);
      seen.sink.push(live.nodes.dash!.recordsPerSec);
      seen.edge.push(live.edges['job->dash']!.recordsPerSec);
      expect(live.nodes.job!.rateWindowSec).toBe(2);
      // Three whole batch windows, long enough to hold several writes.
      expect(live.nodes.dash!.rateWindowSec).toBe(6);
    }
    // A whole batch interval always holds one batch of 20,000 records: 10,000/s, never 0 or 20,000.
    for (const rate of seen.job) {
      expect(rate).toBeGreaterThan(9800);
      expect(rate).toBeLessThan(10_200);
    }
    // The sink and the edge to it: 20,000 records land once per 2 s, a 6 s window holds three.
    for (const rate of [...seen.sink, ...seen.edge]) {
      expect(rate).toBeGreaterThan(9000);
      expect(rate).toBeLessThan(11_000);
    }
  });

  it('averages a sink over whole batch windows of every job feeding it, 5 s at least', () => {
    expect(sinkWindowSec([])).toBe(5);
    expect(sinkWindowSec([1])).toBe(5);
    expect(sinkWindowSec([2])).toBe(6);
    expect(sinkWindowSec([2, 3])).toBe(6);
    expect(sinkWindowSec([7])).toBe(7);
  });

  it('carries the lag readings and a per-partition table for each reader', () => {
    const doc = sparkPipeline({ ratePerSec: 1000, costPerRecordUs: 1500, partitions: 2 });
    const sim = new Simulation(doc);
    const frames = new FrameBuilder(doc, sim);
    sim.runUntil(30_000);
    const live = frames.live();
    const reading = live.nodes.job!.reading!;
    // Batches queue (1.5 s of work per 1 s batch): see core/metrics/readings.test.ts.
    expect(reading.seconds).toBeGreaterThan(10);
    expect(reading.drainSec).toBe(Infinity);
    const table = live.lagTables!.job!;
    expect(table).toHaveLength(2);
    expect(table.reduce((a, r) => a + r.lag, 0)).toBe(reading.records);
  });
});
