// A killed broker process is not a lost host (rule 3 of Kafka's failure rules). A killed process's
// machine answers for it: open connections are reset and new ones refused at once, so clients fail
// their in-flight requests, back off and ask for metadata again and again. A lost host is silence:
// a client learns nothing until request.timeout.ms. The KRaft controller notices neither; it fences
// the broker once its heartbeats have been missing for broker.session.timeout.ms, in both cases.
import { describe, expect, it } from 'vitest';
import {
  FAULT_RATE as RATE,
  FENCE_MS,
  ackedBetween,
  faultDoc,
  partitionState,
  unbalanced,
} from '../testing/faultPipeline';
import { Simulation } from './simulation';

const DIES_SEC = 10;
const FENCED_SEC = DIES_SEC + FENCE_MS / 1000;
/** Kafka's default request.timeout.ms, so that the two cases are far apart. */
const REQUEST_TIMEOUT_MS = 30_000;

function run(mode?: 'processKilled' | 'hostLost') {
  const fault = { kind: 'brokerDown', atSec: DIES_SEC, broker: 'b0', ...(mode ? { mode } : {}) };
  const sim = new Simulation(
    faultDoc({ acks: 'all', rf: 3, minIsr: 2, requestTimeoutMs: REQUEST_TIMEOUT_MS, faults: [fault] }),
  );
  sim.runUntil(60_000);
  return sim;
}

describe('brokerDown: processKilled and hostLost', () => {
  it('processKilled: the producer fails fast and writes to the new leader soon after the election', () => {
    const sim = run('processKilled');
    const s = sim.summary();
    // The controller fences the dead broker on its session timeout, not sooner: nothing is
    // acknowledged between the kill and the election.
    expect(ackedBetween(sim, DIES_SEC + 1, Math.floor(FENCED_SEC))).toBe(0);
    // Within a reconnect backoff (at most 1 s) of the election, everything held back is acknowledged.
    const by = Math.ceil(FENCED_SEC + 1);
    expect(ackedBetween(sim, 0, by)).toBeGreaterThan(RATE * by - 50);
    expect(partitionState(sim).leader).toBe('b1');
    expect(s.records.lost).toBe(0);
    expect(s.records.duplicatesWritten).toBe(0);
    expect(unbalanced(sim)).toBe(0);
  });

  it('hostLost: the producer hears nothing until request.timeout.ms, long after the election', () => {
    const sim = run('hostLost');
    const s = sim.summary();
    expect(partitionState(sim).leader).toBe('b1');
    // Requests sent just before the host vanished time out 30 s later; only then does the producer
    // ask for metadata and find b1, elected 20 s earlier.
    const timedOutSec = DIES_SEC + REQUEST_TIMEOUT_MS / 1000;
    expect(ackedBetween(sim, DIES_SEC + 1, Math.floor(timedOutSec) - 1)).toBe(0);
    const by = Math.ceil(timedOutSec + 1);
    expect(ackedBetween(sim, 0, by)).toBeGreaterThan(RATE * by - 50);
    expect(s.records.lost).toBe(0);
    expect(unbalanced(sim)).toBe(0);
  });

  it('a brokerDown without a mode is a lost host, as documents written before the modes meant', () => {
    const plain = run(undefined);
    const lost = run('hostLost');
    expect(plain.summary()).toEqual(lost.summary());
    expect(plain.metrics.series()).toEqual(lost.metrics.series());
  });
});
