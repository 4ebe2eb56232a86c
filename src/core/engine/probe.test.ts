// Consumption per reader: with two readers of one topic the total counts each record twice, so the
// totals name what each reader took.
import { describe, expect, it } from 'vitest';
import { pipeline, sparkPipelineInput } from '../testing/pipelines';
import { recordTotals } from './probe';
import { Simulation } from './simulation';

describe('record totals', () => {
  it('gives consumption per reader, each at most what its topic received', () => {
    const input = sparkPipelineInput({ ratePerSec: 2000, costPerRecordUs: 1 });
    input.consumerGroups = [{ id: 'g', members: 1, processing: { distribution: 'fixed', meanMs: 0.01 } }];
    input.edges.push({ from: 't', to: 'g' });
    const sim = new Simulation(pipeline(input));
    sim.runUntil(20_000);
    const totals = recordTotals(sim);
    const appended = sim.summary().topics.t!.appended;
    expect(Object.keys(totals.consumedBy).sort()).toEqual(['g', 'job']);
    // Both readers keep up with 2,000 records/s: each took nearly all of the topic, not more.
    for (const n of Object.values(totals.consumedBy)) {
      expect(n).toBeLessThanOrEqual(appended);
      expect(n).toBeGreaterThan(appended - 2000 * 2);
    }
    expect(totals.consumed).toBe(totals.consumedBy.g! + totals.consumedBy.job!);
    // The sum is what "consumed" was: more than was produced.
    expect(totals.consumed).toBeGreaterThan(totals.produced);
  });
});
