// The sweep command's thread pool gives the engine's own numbers: the same runs on two threads and
// in this process agree exactly, and a cancelled run is refused without stopping the others.
import { afterAll, describe, expect, it } from 'vitest';
import type { Pipeline } from '../model/types';
import { queueDocument } from '../validation/queueing/documents';
import { runLocally } from '../whatif/local';
import { createThreadPool } from './threadPool';

/** A one-partition queue: Poisson arrivals at `rate` records/s into one member taking 2 ms each. */
function smallDoc(rate: number): Pipeline {
  return queueDocument({ arrivalsPerSec: rate, service: 'fixed', serviceMs: 2, durationSec: 5, seed: 1 });
}

describe('sweep thread pool', () => {
  const pool = createThreadPool(2);
  afterAll(() => pool.close());

  it('runs on threads give exactly what the same runs give in process', async () => {
    const cases = [
      { doc: smallDoc(200), seed: 1 },
      { doc: smallDoc(400), seed: 2 },
      { doc: smallDoc(200), seed: 3 },
    ];
    const threaded = await Promise.all(cases.map((c) => pool.runFn(c.doc, c.seed)));
    for (let i = 0; i < cases.length; i++) {
      const here = await runLocally(cases[i]!.doc, cases[i]!.seed);
      expect(threaded[i]!.columns).toEqual(here.columns);
      expect(threaded[i]!.rows).toEqual(here.rows);
      expect(threaded[i]!.totals).toEqual(here.totals);
    }
    // Different seeds and rates really differ, so the comparison above could fail.
    expect(threaded[0]!.rows).not.toEqual(threaded[2]!.rows);
  }, 60_000);

  it('a cancelled run is refused; the pool goes on running the next', async () => {
    const controller = new AbortController();
    const doomed = pool.runFn(smallDoc(300), 5, controller.signal);
    controller.abort();
    await expect(doomed).rejects.toThrow(/cancelled/);
    const after = await pool.runFn(smallDoc(300), 5);
    expect(after.rows.length).toBeGreaterThan(0);
  }, 60_000);

  it('a run cancelled while its thread works on it is refused, and its thread is replaced', async () => {
    const long = queueDocument({
      arrivalsPerSec: 400,
      service: 'fixed',
      serviceMs: 2,
      durationSec: 3000,
      seed: 1,
    });
    const controller = new AbortController();
    const doomed = pool.runFn(long, 1, controller.signal);
    setTimeout(() => controller.abort(), 300);
    await expect(doomed).rejects.toThrow(/cancelled/);
    // Both threads serve again: two runs at once finish.
    const again = await Promise.all([pool.runFn(smallDoc(200), 7), pool.runFn(smallDoc(200), 8)]);
    expect(again.every((r) => r.rows.length > 0)).toBe(true);
  }, 60_000);
});
