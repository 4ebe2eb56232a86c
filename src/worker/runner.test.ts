// The runner paces virtual time against an injected clock; these tests drive it with a fake one.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePipelineText, type Pipeline } from '../model';
import { SimRunner } from './runner';
import type { Speed } from './protocol';

function example(name: string, durationSec?: number): Pipeline {
  const r = parsePipelineText(readFileSync(`examples/${name}.json`, 'utf8'));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return durationSec === undefined ? r.doc : { ...r.doc, run: { ...r.doc.run, durationSec } };
}

/** A wall clock that only moves when told to, plus a cost per read to mimic work taking time. */
class FakeClock {
  t = 0;
  constructor(private readonly costPerRead = 0) {}
  now = (): number => {
    this.t += this.costPerRead;
    return this.t;
  };
}

/** Calls work() like the worker's loop does, moving the fake clock `sleepMs` on each wait. */
function drive(runner: SimRunner, clock: FakeClock, opts: { sleepMs: number; maxCalls?: number }): number {
  let calls = 0;
  while (calls++ < (opts.maxCalls ?? 1_000_000)) {
    const r = runner.work();
    if (r === 'idle') break;
    if (r === 'waiting') clock.t += opts.sleepMs;
  }
  return calls;
}

const doc = example('clickstream-personalisation', 20);

describe('SimRunner', () => {
  it('seek catches up at once, then plays on at its pace from there', () => {
    const clock = new FakeClock(0.01);
    const runner = new SimRunner(doc, { now: clock.now });
    runner.setSpeed(1);
    runner.play();
    runner.seek(7_000);
    // The wall clock hardly moves (0.01 ms a read), yet 7 simulated seconds go by.
    let calls = 0;
    while (runner.simMs < 7_000 && calls++ < 100_000) expect(runner.work()).toBe('busy');
    expect(runner.simMs).toBe(7_000);
    expect(runner.status).toBe('running');
    // From there at 1x: half a wall second later, half a simulated second later.
    clock.t += 500;
    drive(runner, clock, { sleepMs: 0, maxCalls: 2000 });
    expect(runner.simMs).toBeGreaterThan(7_450);
    expect(runner.simMs).toBeLessThan(7_600);
  });

  it('refuses a broker added during the run: it needs a fresh run that includes it', () => {
    const runner = new SimRunner(doc, { now: new FakeClock().now });
    runner.play();
    const refusal = runner.addFault({
      kind: 'addBroker',
      atSec: 1,
      broker: { id: 'broker-9', hardware: doc.cluster.brokers[0]!.hardware },
    });
    expect(refusal).toMatch(/fresh run/);
  });

  it('runs to run.durationSec at max speed and finishes there', () => {
    const clock = new FakeClock(0.01);
    const runner = new SimRunner(doc, { now: clock.now });
    runner.setSpeed('max');
    runner.play();
    drive(runner, clock, { sleepMs: 5 });
    expect(runner.status).toBe('finished');
    expect(runner.simMs).toBe(20_000);
    expect(runner.sim.metrics.series().rows).toHaveLength(20);
    // Nothing more happens once finished, even if asked.
    runner.play();
    expect(runner.work()).toBe('idle');
    expect(runner.simMs).toBe(20_000);
  });

  it('stops at a duration that is not a whole number of seconds', () => {
    const clock = new FakeClock(0.01);
    const runner = new SimRunner(example('clickstream-personalisation', 2.5), { now: clock.now });
    runner.setSpeed('max');
    runner.play();
    drive(runner, clock, { sleepMs: 5 });
    expect(runner.status).toBe('finished');
    expect(runner.simMs).toBe(2500);
  });

  it('gives the same rows at 1x, 10x and max speed (slicing does not change the numbers)', () => {
    const rowsAt = (speed: Speed, sleepMs: number) => {
      const clock = new FakeClock(0.03);
      const runner = new SimRunner(example('iot-sensor-monitoring', 6), { now: clock.now, firstSliceMs: 7 });
      runner.setSpeed(speed);
      runner.play();
      drive(runner, clock, { sleepMs });
      expect(runner.status).toBe('finished');
      return { rows: runner.sim.metrics.series().rows, totals: runner.sim.summary().records };
    };
    const max = rowsAt('max', 1);
    expect(max.rows).toHaveLength(6);
    expect(rowsAt(1, 7)).toEqual(max);
    expect(rowsAt(10, 3)).toEqual(max);
  });

  it('keeps pace with the wall clock at 1x and 10x', () => {
    for (const speed of [1, 10] as const) {
      const clock = new FakeClock();
      const runner = new SimRunner(doc, { now: clock.now });
      runner.setSpeed(speed);
      runner.play();
      while (clock.t < 1000) {
        if (runner.work() === 'waiting') clock.t += 10;
      }
      // Within one pacing sleep of where the clock says it should be.
      expect(runner.simMs).toBeGreaterThan(speed * 1000 - speed * 10 - 1);
      expect(runner.simMs).toBeLessThanOrEqual(speed * 1000);
      expect(runner.status).toBe('running');
    }
  });

  it('stops advancing when paused and resumes without jumping over the paused time', () => {
    const clock = new FakeClock();
    const runner = new SimRunner(doc, { now: clock.now });
    runner.setSpeed(1);
    runner.play();
    while (clock.t < 500) if (runner.work() === 'waiting') clock.t += 10;
    runner.pause();
    const pausedAt = runner.simMs;
    clock.t += 60_000;
    expect(runner.work()).toBe('idle');
    expect(runner.simMs).toBe(pausedAt);
    runner.play();
    const resumedAt = clock.t;
    while (clock.t < resumedAt + 200) if (runner.work() === 'waiting') clock.t += 10;
    expect(runner.simMs).toBeLessThanOrEqual(pausedAt + 200);
    expect(runner.simMs).toBeGreaterThan(pausedAt + 150);
  });

  it('steps to the next whole simulated second and stays paused', () => {
    const clock = new FakeClock(0.01);
    const runner = new SimRunner(doc, { now: clock.now, firstSliceMs: 100 });
    runner.step();
    drive(runner, clock, { sleepMs: 5 });
    expect(runner.simMs).toBe(1000);
    expect(runner.status).toBe('paused');
    expect(runner.sim.metrics.series().rows).toHaveLength(1);
    runner.step();
    drive(runner, clock, { sleepMs: 5 });
    expect(runner.simMs).toBe(2000);
    // From the middle of a second, a step finishes that second.
    runner.setSpeed(1);
    runner.play();
    clock.t += 400;
    while (runner.simMs < 2400) if (runner.work() === 'waiting') clock.t += 10;
    runner.pause();
    runner.step();
    drive(runner, clock, { sleepMs: 5 });
    expect(runner.simMs).toBe(3000);
    expect(runner.status).toBe('paused');
  });

  it('does not step beyond the end of the run, and then reports finished', () => {
    const clock = new FakeClock(0.01);
    const runner = new SimRunner(example('clickstream-personalisation', 1.5), { now: clock.now });
    runner.step();
    drive(runner, clock, { sleepMs: 5 });
    runner.step();
    drive(runner, clock, { sleepMs: 5 });
    expect(runner.simMs).toBe(1500);
    expect(runner.status).toBe('finished');
  });

  it('resets to a fresh run at 0 s that repeats the same numbers', () => {
    const clock = new FakeClock(0.01);
    const runner = new SimRunner(doc, { now: clock.now });
    runner.setSpeed('max');
    runner.play();
    drive(runner, clock, { sleepMs: 5, maxCalls: 40 });
    expect(runner.simMs).toBeGreaterThan(0);
    runner.reset();
    expect(runner.status).toBe('idle');
    expect(runner.simMs).toBe(0);
    expect(runner.sim.metrics.series().rows).toHaveLength(0);
    runner.play();
    drive(runner, clock, { sleepMs: 5 });
    const first = runner.sim.metrics.series().rows;
    runner.reset();
    runner.play();
    drive(runner, clock, { sleepMs: 5 });
    expect(runner.sim.metrics.series().rows).toEqual(first);
  });

  it('sizes slices so each takes about the budget of worker time', () => {
    // Work costs 1 ms of wall time per 10 ms simulated: a 12 ms budget fits about 120 ms.
    let wall = 0;
    let lastSim = 0;
    const runner: SimRunner = new SimRunner(doc, {
      // Only called after construction, so `runner` is set by then.
      now: () => {
        wall += (runner.simMs - lastSim) / 10;
        lastSim = runner.simMs;
        return wall;
      },
      sliceBudgetMs: 12,
      firstSliceMs: 1,
    });
    runner.setSpeed('max');
    runner.play();
    const sizes: number[] = [];
    for (let i = 0; i < 30; i++) {
      runner.work();
      sizes.push(runner.currentSliceMs);
    }
    // Grows at most twofold per slice, then settles at the budget.
    sizes.forEach((s, i) => i > 0 && expect(s).toBeLessThanOrEqual(sizes[i - 1]! * 2 + 1e-9));
    expect(sizes[sizes.length - 1]).toBeCloseTo(120, 0);
  });

  it('reports an engine failure as status error with the message, instead of throwing', () => {
    const clock = new FakeClock();
    const runner = new SimRunner(doc, { now: clock.now });
    runner.sim.runUntil = () => {
      throw new Error('boom in the engine');
    };
    runner.setSpeed('max');
    runner.play();
    expect(runner.work()).toBe('idle');
    expect(runner.status).toBe('error');
    expect(runner.error).toBe('boom in the engine');
  });
});
