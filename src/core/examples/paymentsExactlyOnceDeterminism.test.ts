// Transactions keep the engine's promise: the payments example with a producer crash and a driver
// failure gives the same summary (aborted records, commits, lag to the LSO) and series in one go
// and in slices of odd sizes.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../engine/simulation';
import { editedExample } from '../testing/examples';

describe('payments-exactly-once: determinism with transactions', () => {
  it('gives identical results in one go and sliced', () => {
    const doc = editedExample('payments-exactly-once', (d) => {
      (d as unknown as { faults: unknown[] }).faults.push({
        kind: 'producerCrash',
        atSec: 12.05,
        producer: 'payment-gateway',
        durationSec: 3,
      });
    });
    const whole = new Simulation(doc);
    whole.runUntil(40_000);
    const sliced = new Simulation(doc);
    for (let t = 0; t < 40_000; t += 733.3) sliced.runUntil(t);
    sliced.runUntil(40_000);
    const a = whole.summary();
    expect(a.records.aborted).toBeGreaterThan(0);
    expect(sliced.summary()).toEqual(a);
    expect(sliced.metrics.series().rows).toEqual(whole.metrics.series().rows);
  });
});
