// Faults added to a running session: the same numbers as the fault in the document from the start
// (the engine's promise, checked through the worker), and refusals the page turns into a restart.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../core';
import { parsePipelineText, type Fault, type Pipeline } from '../model';
import type { Frame } from './protocol';
import { SimSession } from './session';

const engineAddsFaults =
  typeof (Simulation.prototype as unknown as { addFault?: unknown }).addFault === 'function';

function example(durationSec: number, faults: Fault[] = []): Pipeline {
  const r = parsePipelineText(readFileSync('examples/iot-sensor-monitoring.json', 'utf8'));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return { ...r.doc, faults, run: { ...r.doc.run, durationSec } };
}

/** A session whose loop is driven by hand: `drain` runs queued work until nothing is left. */
function manualSession() {
  const queue: (() => void)[] = [];
  let clock = 0;
  const session = new SimSession({
    now: () => clock,
    soon: (fn) => queue.push(fn),
    later: (fn) => queue.push(fn),
  });
  let last: Frame | null = null;
  session.connect((f) => (last = f));
  const drain = () => {
    for (let i = 0; i < 1_000_000 && queue.length > 0; i++) {
      clock += 1000;
      queue.shift()!();
    }
  };
  return { session, drain, frame: () => last! };
}

describe('SimSession.addFault', () => {
  it.runIf(engineAddsFaults)('a kill now gives the numbers of the same fault planned from the start', () => {
    const live = manualSession();
    live.session.setSpeed('max');
    expect(live.session.load(example(20), 1).ok).toBe(true);
    live.session.step();
    for (let i = 0; i < 4; i++) {
      live.drain();
      live.session.step();
    }
    live.drain();
    expect(live.frame().simMs).toBe(5000);
    const added = live.session.addFault({ kind: 'brokerDown', broker: 'broker-a' }, true);
    expect(added.ok).toBe(true);
    if (!added.ok) return;
    expect(added.fault.atSec).toBeGreaterThanOrEqual(5);
    live.session.play();
    live.drain();

    const planned = manualSession();
    planned.session.setSpeed('max');
    expect(planned.session.load(example(20, [added.fault]), 1).ok).toBe(true);
    planned.session.play();
    planned.drain();
    expect(live.frame().status).toBe('finished');
    expect(live.frame().totals).toEqual(planned.frame().totals);
  });

  it('refuses a fault in the past, a bad target, and anything before a load', () => {
    const { session, drain } = manualSession();
    expect(session.addFault({ kind: 'brokerDown', atSec: 1, broker: 'broker-a' }, false)).toEqual({
      ok: false,
      reason: 'no simulation is loaded',
    });
    session.setSpeed('max');
    session.load(example(10), 1);
    session.step();
    session.step();
    drain();
    const past = session.addFault({ kind: 'brokerDown', atSec: 0.5, broker: 'broker-a' }, false);
    expect(past.ok).toBe(false);
    const unknown = session.addFault({ kind: 'brokerDown', atSec: 9, broker: 'nope' }, false);
    expect(unknown.ok).toBe(false);
    const invalid = session.addFault({ kind: 'brokerDown', atSec: -1, broker: 'broker-a' }, false);
    expect(invalid).toEqual({ ok: false, reason: 'must be at least 0' });
  });
});
