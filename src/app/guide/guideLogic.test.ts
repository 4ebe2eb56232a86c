import { describe, expect, it } from 'vitest';
import {
  DONE,
  LAG_WATCH_MS,
  breakTimeMs,
  guideReducer,
  idleObservation,
  initialGuideState,
  type GuideAction,
  type GuideState,
  type Observation,
} from './guideLogic';

const obs = (over: Partial<Observation> = {}): Observation => ({ ...idleObservation, ...over });

/** Runs actions from an open guide at step 1 with the app at `start`. */
function play(start: Observation, ...actions: GuideAction[]): GuideState {
  return actions.reduce(guideReducer, guideReducer(initialGuideState(start), { type: 'open' }));
}
const see = (o: Partial<Observation>): GuideAction => ({ type: 'observe', obs: obs(o) });

describe('the guide follows what the person does', () => {
  it('opens at the first step and waits there while nothing happens', () => {
    const s = play(obs(), see({}), see({}));
    expect(s.open).toBe(true);
    expect(s.step).toBe(0);
  });

  it('walks all four steps as an example is opened, run, broken and watched', () => {
    // The broker-failure example's own fault: broker-1 down from 30 s.
    const faults = [30];
    let s = play(obs());
    s = guideReducer(s, see({ generation: 1, faultStartsSec: faults }));
    expect(s.step).toBe(1);
    s = guideReducer(s, see({ generation: 1, faultStartsSec: faults, status: 'running', simMs: 100 }));
    expect(s.step).toBe(2);
    s = guideReducer(s, see({ generation: 1, faultStartsSec: faults, status: 'running', simMs: 29_900 }));
    expect(s.step).toBe(2);
    s = guideReducer(
      s,
      see({ generation: 1, faultStartsSec: faults, status: 'running', simMs: 30_000, brokersDown: 1 }),
    );
    expect(s.step).toBe(3);
    expect(s.lagUntilMs).toBe(30_000 + LAG_WATCH_MS);
    s = guideReducer(
      s,
      see({ generation: 1, faultStartsSec: faults, status: 'running', simMs: 30_000 + LAG_WATCH_MS - 1 }),
    );
    expect(s.step).toBe(3);
    s = guideReducer(
      s,
      see({ generation: 1, faultStartsSec: faults, status: 'running', simMs: 30_000 + LAG_WATCH_MS }),
    );
    expect(s.step).toBe(DONE);
    expect(s.open).toBe(true); // the closing card stays until it is closed
  });

  it('counts a paused run that has moved (Step) as run, but not a paused one at 0 s', () => {
    let s = play(obs(), { type: 'next' });
    s = guideReducer(s, see({ status: 'paused', simMs: 0 }));
    expect(s.step).toBe(1);
    s = guideReducer(s, see({ status: 'paused', simMs: 1000 }));
    expect(s.step).toBe(2);
  });

  it('counts a fault added from the Faults panel as breaking a broker, and waits for it', () => {
    let s = play(obs({ status: 'running', simMs: 5000 }), { type: 'next' });
    // Running already: the run step is met at once, so Next from step 1 lands on step 3.
    expect(s.step).toBe(2);
    s = guideReducer(s, see({ status: 'running', simMs: 6000, faultStartsSec: [50] }));
    expect(s.step).toBe(3);
    expect(s.lagUntilMs).toBe(50_000 + LAG_WATCH_MS);
  });

  it('ends the lag step when the run finishes before the watch time', () => {
    let s = play(obs(), { type: 'next' }, { type: 'next' }, { type: 'next' });
    expect(s.step).toBe(3);
    s = guideReducer(s, see({ status: 'finished', simMs: 10_000 }));
    expect(s.step).toBe(DONE);
  });

  it('settles several met steps at once (opening an example while a run goes on)', () => {
    const s = play(obs(), see({ generation: 3, status: 'running', simMs: 40_000, brokersDown: 1 }));
    expect(s.step).toBe(3);
    expect(s.lagUntilMs).toBe(40_000 + LAG_WATCH_MS);
  });
});

describe('Next, Back and Skip', () => {
  it('Next moves on without the step being done, and Finish ends on the closing card', () => {
    const s = play(obs(), { type: 'next' }, { type: 'next' }, { type: 'next' });
    expect(s.step).toBe(3);
    const end = guideReducer(s, { type: 'next' });
    expect(end.step).toBe(DONE);
    expect(guideReducer(end, { type: 'next' })).toBe(end);
  });

  it('Back goes one step back and that step then waits for Next', () => {
    let s = play(obs(), see({ generation: 1 }), see({ generation: 1, status: 'running', simMs: 500 }));
    expect(s.step).toBe(2);
    s = guideReducer(s, { type: 'back' });
    expect(s.step).toBe(1);
    // Still running: were it automatic, it would skip straight forward again.
    s = guideReducer(s, see({ generation: 1, status: 'running', simMs: 900 }));
    expect(s.step).toBe(1);
    s = guideReducer(s, { type: 'next' });
    expect(s.step).toBe(2);
  });

  it('Back does nothing on the first step', () => {
    const s = play(obs());
    expect(guideReducer(s, { type: 'back' })).toBe(s);
  });

  it('a closed guide ignores Next and Back, and observing does not open it', () => {
    const closed = guideReducer(play(obs()), { type: 'close' });
    expect(closed.open).toBe(false);
    expect(guideReducer(closed, { type: 'next' })).toBe(closed);
    expect(guideReducer(closed, { type: 'back' })).toBe(closed);
    const later = guideReducer(closed, see({ generation: 5 }));
    expect(later.open).toBe(false);
    expect(later.step).toBe(0);
  });

  it('opening again starts from step 1, compared with the app as it is then', () => {
    let s = play(obs(), { type: 'next' }, { type: 'next' }, { type: 'close' });
    s = guideReducer(s, see({ generation: 4 }));
    s = guideReducer(s, { type: 'open' });
    expect(s.step).toBe(0);
    // The example opened before reopening does not count: only a new one does.
    s = guideReducer(s, see({ generation: 4 }));
    expect(s.step).toBe(0);
    s = guideReducer(s, see({ generation: 5 }));
    expect(s.step).toBe(1);
  });
});

describe('when the break happened', () => {
  it('is now when a broker is down', () => {
    expect(breakTimeMs(obs(), obs({ simMs: 12_345, brokersDown: 1, faultStartsSec: [30] }))).toBe(12_345);
  });
  it('is the earliest fault added during the step', () => {
    expect(breakTimeMs(obs({ faultStartsSec: [5] }), obs({ simMs: 1000, faultStartsSec: [5, 80, 45] }))).toBe(
      45_000,
    );
  });
  it('is the next planned fault when Next was pressed before it', () => {
    expect(
      breakTimeMs(obs({ faultStartsSec: [5, 30] }), obs({ simMs: 10_000, faultStartsSec: [5, 30] })),
    ).toBe(30_000);
  });
  it('is now when there is no fault at all', () => {
    expect(breakTimeMs(obs(), obs({ simMs: 7000 }))).toBe(7000);
  });
});

describe('steps left with Next', () => {
  it('are kept as skipped, not done; a step done after Back is done again', () => {
    const next: GuideAction = { type: 'next' };
    // Open an example (done by doing), then press Next twice without running or breaking anything.
    let s = play(obs(), see({ generation: 1 }), next, next);
    expect(s.step).toBe(3);
    expect([...s.skipped].sort()).toEqual([1, 2]);
    // Back to the break step, break a broker: it is done now, and no longer skipped.
    s = guideReducer(s, { type: 'back' });
    expect(s.step).toBe(2);
    s = guideReducer(s, see({ generation: 1, brokersDown: 1, simMs: 1_000, status: 'running' }));
    s = guideReducer(s, next);
    expect(s.step).toBe(3);
    expect(s.skipped).toEqual([1]);
  });
});
