// Slicing the run (so Ctrl+C is heard) changes none of the numbers, and stopping stops.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../core';
import { parsePipelineText } from '../model';
import { runSliced, type Steppable } from './slicedRun';

function example(name: string) {
  const parsed = parsePipelineText(
    readFileSync(new URL(`../../examples/${name}.json`, import.meta.url), 'utf8'),
  );
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return parsed.doc;
}

/** A clock that moves 3 ms per reading: slices are sized from it, not from the machine. */
function fakeClock() {
  let t = 0;
  return () => (t += 3);
}

const immediately = () => Promise.resolve();

describe('runSliced', () => {
  it.each(['broker-failure', 'clickstream-personalisation'])(
    'gives %s the same summary as one runUntil',
    async (name) => {
      const doc = example(name);
      const endMs = 35_000; // past broker-failure's broker outage at 30 s
      const whole = new Simulation(doc);
      whole.runUntil(endMs);
      const sliced = new Simulation(doc);
      let slices = 0;
      const finished = await runSliced(sliced, endMs, {
        sliceWallMs: 1,
        wallMs: fakeClock(),
        yieldToEventLoop: immediately,
        onSlice: () => slices++,
      });
      expect(finished).toBe(true);
      expect(slices).toBeGreaterThan(3); // it really was cut up
      expect(sliced.summary()).toEqual(whole.summary());
      expect(sliced.metrics.series()).toEqual(whole.metrics.series());
    },
  );

  it('stops between slices when asked, where it is, and says so', async () => {
    const sim = new Simulation(example('clickstream-personalisation'));
    let slices = 0;
    const finished = await runSliced(sim, 600_000, {
      wallMs: fakeClock(),
      yieldToEventLoop: immediately,
      onSlice: () => slices++,
      shouldStop: () => slices >= 4,
    });
    expect(finished).toBe(false);
    expect(slices).toBe(4);
    expect(sim.nowMs).toBeGreaterThan(0);
    expect(sim.nowMs).toBeLessThan(600_000);
  });

  it('grows slices at most tenfold, and ends exactly at the end time', async () => {
    const reached: number[] = [];
    const sim: Steppable & { nowMs: number } = {
      nowMs: 0,
      runUntil(t: number) {
        this.nowMs = t;
      },
    };
    // Every slice "takes" 3 ms of a 1,000 ms budget, so only the tenfold cap limits growth.
    await runSliced(sim, 50_000, {
      sliceWallMs: 1000,
      wallMs: fakeClock(),
      yieldToEventLoop: immediately,
      onSlice: (t) => reached.push(t),
    });
    expect(reached).toEqual([1, 11, 111, 1111, 11_111, 50_000]);
  });
});
