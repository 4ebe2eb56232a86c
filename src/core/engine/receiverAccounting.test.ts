// The run totals of a receiver source (a Spark job reading a socket, Kinesis or Flume-style stream
// instead of a topic): every arrived record is processed (acknowledged: no broker confirms it, and
// a stored block is not safe until processed), in flight (at the source, in a receiver's buffer,
// in a stored block or in a batch not finished), dropped or lost. So for such a pipeline
//   produced = consumed + inFlight + refused + dropped + lost
// and the producers' balance produced = acknowledged + inFlight + refused + dropped + lost both
// hold. Expected values come from the source's rate, the block and batch intervals.
import { describe, expect, it } from 'vitest';
import type { PipelineInput } from '../../model/types';
import { RECEIVER_LOSS } from '../spark/receiverInput';
import { loadExample } from '../testing/examples';
import { pipeline } from '../testing/pipelines';
import { recordTotals, type RecordTotals } from './probe';
import { Simulation } from './simulation';

/** 1,000 records/s, constant, to one receiver; 2 s batches of 200 ms blocks; cheap processing. */
function constantFeed(): Simulation {
  const doc = pipeline({
    version: 1,
    cluster: { brokers: [{ id: 'b1' }] },
    sparkSources: [
      {
        id: 'feed',
        kind: 'kinesis',
        rate: { kind: 'constant', recordsPerSec: 1000 },
        recordBytes: 100,
        receivers: 1,
      },
    ],
    sparkJobs: [
      {
        id: 'job',
        batchIntervalMs: 2000,
        stages: [{ id: 'm', kind: 'map', costPerRecordUs: 1 }],
        config: { 'spark.executor.instances': 2, 'spark.executor.cores': 2 },
      },
    ],
    edges: [{ from: 'feed', to: 'job' }],
    run: { durationSec: 20 },
  } as PipelineInput);
  return new Simulation(doc);
}

const balance = (r: RecordTotals) => r.consumed + r.inFlight + r.refused + r.dropped + r.lost;

describe('run totals of a receiver source', () => {
  it('counts records in blocks and in batches as in flight: 9.5 s of 1,000 records/s', () => {
    const sim = constantFeed();
    sim.runUntil(9500);
    const r = recordTotals(sim);
    // The receiver takes its arrivals in as it cuts a block (every 200 ms), so produced counts to
    // the last cut, 9.4 s: 9,400. A block counts as stored just after it is cut, so the batch of
    // 8 s took the blocks cut at 6.0 .. 7.8 s: the completed batches hold what arrived by 7.8 s,
    // 7,800 records. In flight: the blocks cut at 8.0 .. 9.4 s, 8 x 200.
    expect(r.produced).toBe(9400);
    expect(r.consumed).toBe(7800);
    expect(r.inFlight).toBe(1600);
    expect(r.acknowledged).toBe(7800);
    expect(r.produced).toBe(balance(r));
  });

  it('counts a batch still running as in flight', () => {
    const sim = constantFeed();
    // Just after the batch of 8 s was cut: its 2,000 records are in it, not yet processed.
    sim.runUntil(8001);
    expect(sim.jobs[0]!.recordsInFlight).toBe(2000);
    const r = recordTotals(sim);
    // Arrived to the cut at 8.0 s; processed: the batches of 2, 4 and 6 s, what arrived by 5.8 s.
    expect(r.produced).toBe(8000);
    expect(r.consumed).toBe(5800);
    expect(r.inFlight).toBe(2200);
    expect(r.produced).toBe(balance(r));
    expect(r.produced).toBe(r.acknowledged + r.inFlight + r.refused + r.dropped + r.lost);
  });

  it('iot-receivers: the totals add up at every moment, the driver failure lost with its reason', () => {
    const sim = new Simulation(loadExample('iot-receivers'));
    // Before the executor loss (40.1 s), while it is down, while the driver is down (70.5 to
    // 85.5 s), after, and at the end.
    for (const sec of [30, 45.3, 80, 100.7, 120]) {
      sim.runUntil(sec * 1000);
      const r = recordTotals(sim);
      expect(r.produced).toBe(balance(r));
      expect(r.produced).toBe(r.acknowledged + r.inFlight + r.refused + r.dropped + r.lost);
      expect(r.acknowledged).toBe(r.consumedBy['building-monitor']);
    }
    const r = recordTotals(sim);
    // 120 s of 4,000 readings/s (Poisson: within 4 standard deviations, 4 x 693).
    expect(Math.abs(r.produced - 480_000)).toBeLessThan(2800);
    // At 120 s the batch of 120 s (the blocks cut at 118.0 .. 119.8 s, 2 s of readings) is running
    // and the block cut at 120 s is being stored: between one batch and one batch and a block.
    expect(r.inFlight).toBeGreaterThan(0.9 * 8000);
    expect(r.inFlight).toBeLessThan(1.1 * (8000 + 800));
    // The blocks cut at 70.0, 70.2 and 70.4 s: about 0.6 s of readings.
    expect(r.lostReasons).toEqual({ [RECEIVER_LOSS.driverBlocks]: r.lost });
    expect(r.lost).toBeGreaterThan(2000);
    expect(r.lost).toBeLessThan(2800);
  });

  it('the summary states where the in-flight records are', () => {
    const sim = new Simulation(loadExample('iot-receivers'));
    sim.runUntil(80_000);
    const s = sim.summary();
    const rec = s.sparkJobs['building-monitor']!.receivers!;
    // The driver is down since 70.5 s: nothing is in a batch, the receivers are stopped and about
    // 9.5 s of readings wait at the source.
    expect(rec.inBatches).toBe(0);
    expect(rec.atSource).toBeGreaterThan(0.9 * 9.5 * 4000);
    expect(s.records.inFlight).toBe(rec.atSource + rec.buffered + rec.inBlocks + rec.inBatches);
  });
});
