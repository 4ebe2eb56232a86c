// acks=0 when the leader dies (rule 2 of Kafka's failure rules). Nobody waits for an answer, so the
// producer learns of the failure only from the connection: a killed process resets it at once, a
// lost host says nothing until the socket's send buffer is full and the blocked request times out.
// Either way the producer then refreshes its metadata and moves to the new leader; what it wrote
// into the dead connection is lost, with the reason. Expected counts come from the rate, the
// controller's timing and Kafka's client defaults, not from runs.
import { describe, expect, it } from 'vitest';
import { LOST_ACKS_0_RESET, LOST_ACKS_0_SILENT } from '../kafka/producer/producer';
import {
  FAULT_RATE as RATE,
  FAULT_WIRE_BYTES_PER_RECORD,
  FENCE_MS,
  ackedBetween,
  faultDoc,
  partitionState,
  unbalanced,
} from '../testing/faultPipeline';
import { Simulation } from './simulation';

/** send.buffer.bytes, Kafka's producer default: what the kernel accepts into a connection nobody drains. */
const SEND_BUFFER_BYTES = 131_072;
/** socket.connection.setup.timeout.ms, Kafka's client default: how long a connection attempt to a silent host hangs. */
const CONNECTION_SETUP_TIMEOUT_MS = 10_000;
/** request.timeout.ms of the test producer. */
const REQUEST_TIMEOUT_MS = 3000;
const DIES_SEC = 10;
const FENCED_SEC = DIES_SEC + FENCE_MS / 1000;

function run(mode?: 'processKilled' | 'hostLost') {
  const fault = { kind: 'brokerDown', atSec: DIES_SEC, broker: 'b0', ...(mode ? { mode } : {}) };
  const sim = new Simulation(faultDoc({ acks: '0', rf: 3, faults: [fault] }));
  sim.runUntil(60_000);
  return sim;
}

describe('acks=0: the leader dies', () => {
  it('a killed process: the producer sees the reset, waits for the new leader and loses almost nothing', () => {
    const sim = run('processKilled');
    const s = sim.summary();
    expect(partitionState(sim).leader).toBe('b1');
    // Only what was on its way when the process died, if anything: a request every linger.ms (5 ms)
    // and a network latency of 0.25 ms, so at most a batch or two.
    expect(s.records.lost).toBeLessThan(20);
    for (const reason of Object.keys(s.records.lostReasons)) expect(reason).toBe(LOST_ACKS_0_RESET);
    // Nothing is written while the metadata still names the dead leader...
    expect(ackedBetween(sim, DIES_SEC + 1, Math.floor(FENCED_SEC))).toBe(0);
    // ...and within reconnect.backoff.max.ms (1 s) of the election the backlog goes to b1.
    const by = Math.ceil(FENCED_SEC + 1);
    expect(ackedBetween(sim, 0, by)).toBeGreaterThan(RATE * by - s.records.lost - 50);
    expect(ackedBetween(sim, by, 60)).toBeGreaterThan(0.99 * RATE * (60 - by));
    expect(unbalanced(sim)).toBe(0);
  });

  for (const mode of ['hostLost', undefined] as const) {
    it(`a lost host${mode ? '' : ' (the default)'}: the send buffer's worth is lost, then the producer moves`, () => {
      const sim = run(mode);
      const s = sim.summary();
      expect(partitionState(sim).leader).toBe('b1');
      // Written into the silent connection until the kernel's send buffer was full, which at
      // 100 kB/s takes 1.3 s.
      const buffered = SEND_BUFFER_BYTES / FAULT_WIRE_BYTES_PER_RECORD;
      expect(s.records.lost).toBeGreaterThanOrEqual(buffered);
      expect(s.records.lost).toBeLessThan(buffered + 20);
      expect(Object.keys(s.records.lostReasons)).toEqual([LOST_ACKS_0_SILENT]);
      const fullSec = DIES_SEC + buffered / RATE;
      // The blocked write times out (request.timeout.ms), the metadata still names b0 (fenced only
      // at 19.3 s), the attempt to reconnect to the silent host hangs for the connection setup
      // timeout; then the metadata names b1 and the backlog goes there.
      const resumeSec = fullSec + (REQUEST_TIMEOUT_MS + CONNECTION_SETUP_TIMEOUT_MS) / 1000;
      expect(ackedBetween(sim, Math.ceil(fullSec), Math.floor(resumeSec))).toBe(0);
      const by = Math.ceil(resumeSec + 0.5);
      expect(ackedBetween(sim, 0, by)).toBeGreaterThan(RATE * by - s.records.lost - 50);
      expect(ackedBetween(sim, by, 60)).toBeGreaterThan(0.99 * RATE * (60 - by));
      expect(unbalanced(sim)).toBe(0);
    });
  }
});
