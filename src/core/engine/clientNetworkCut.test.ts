// A short cut between a broker and its clients (rule 4 of Kafka's failure rules). TCP keeps
// retransmitting: requests and answers caught in the cut arrive once it heals, and nothing is
// written twice unless a request really timed out (request.timeout.ms) and was sent again.
import { describe, expect, it } from 'vitest';
import {
  FAULT_RATE as RATE,
  FAULT_WIRE_BYTES_PER_RECORD,
  ackedBetween,
  faultDoc,
  unbalanced,
} from '../testing/faultPipeline';
import { Simulation } from './simulation';

const CUT_SEC = 10;
/** send.buffer.bytes, Kafka's producer default. */
const SEND_BUFFER_BYTES = 131_072;
/** request.timeout.ms of the test producer. */
const REQUEST_TIMEOUT_SEC = 3;

function run(durationSec: number, idempotence: boolean, acks: 'all' | '0' = 'all') {
  const sim = new Simulation(
    faultDoc({
      acks,
      rf: 3,
      minIsr: 2,
      idempotence,
      faults: [{ kind: 'networkPartition', atSec: CUT_SEC, broker: 'b0', from: 'clients', durationSec }],
    }),
  );
  sim.runUntil(40_000);
  return sim;
}

describe('networkPartition from clients', () => {
  it('shorter than request.timeout.ms: what was in flight arrives when it heals, nothing is duplicated', () => {
    const sim = run(1, false);
    const s = sim.summary();
    expect(s.records.duplicatesWritten).toBe(0);
    expect(s.records.lost).toBe(0);
    // The records of the cut second are acknowledged as soon as it heals, with the next second's.
    expect(ackedBetween(sim, CUT_SEC, CUT_SEC + 1)).toBe(0);
    expect(ackedBetween(sim, CUT_SEC + 1, CUT_SEC + 2)).toBeGreaterThan(0.99 * RATE * 2);
    expect(s.records.acknowledged).toBeGreaterThan(s.records.produced - 50);
    expect(unbalanced(sim)).toBe(0);
  });

  it('longer than request.timeout.ms: the requests time out and are sent again, a second copy without idempotence', () => {
    const off = run(REQUEST_TIMEOUT_SEC + 2, false);
    expect(off.summary().records.duplicatesWritten).toBeGreaterThan(0);
    expect(unbalanced(off)).toBe(0);
    const on = run(REQUEST_TIMEOUT_SEC + 2, true);
    expect(on.summary().records.duplicatesWritten).toBe(0);
    expect(on.summary().records.acknowledged).toBeGreaterThan(on.summary().records.produced - 50);
    expect(unbalanced(on)).toBe(0);
  });

  it('acks=0: the held writes arrive when it heals; the full send buffer only pauses the producer', () => {
    // A 3 s cut at 100 kB/s fills the 128 KiB send buffer (send.buffer.bytes) after 1.31 s; the
    // blocked write would time out 3 s later (request.timeout.ms), after the heal: nothing is lost.
    const sim = run(3, false, '0');
    const s = sim.summary();
    expect(s.records.lost).toBe(0);
    expect(s.records.acknowledged).toBeGreaterThan(s.records.produced - 50);
    expect(s.topics.t!.appended).toBe(s.records.acknowledged);
    // Written into the cut until the buffer was full, then nothing until the heal at 13 s, when
    // the records held back meanwhile go at once.
    const fullSec = CUT_SEC + SEND_BUFFER_BYTES / (RATE * FAULT_WIRE_BYTES_PER_RECORD);
    expect(
      Math.abs(ackedBetween(sim, CUT_SEC + 1, CUT_SEC + 2) - RATE * (fullSec - CUT_SEC - 1)),
    ).toBeLessThan(10);
    // (The held records leave microseconds after the heal at 13 s, which may fall in the next second.)
    const held = RATE * (CUT_SEC + 3 - fullSec);
    expect(ackedBetween(sim, CUT_SEC + 2, CUT_SEC + 4)).toBeGreaterThan(held + RATE - 10);
    expect(unbalanced(sim)).toBe(0);
  });
});
