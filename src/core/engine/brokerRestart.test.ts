// A restarted broker serves a partition only once it leads it again (rule 5 of Kafka's failure
// rules). A new broker process must register with the KRaft controller, which refuses a second
// incarnation while the first one's session is alive (ClusterControlManager.registerBroker), and the
// broker opens its listeners only once registered, caught up and ready to be unfenced
// (BrokerServer.startup). So a broker back within broker.session.timeout.ms is still fenced when its
// session expires: its partitions move to in-sync followers, and it comes back as their follower.
import { describe, expect, it } from 'vitest';
import {
  FAULT_RATE as RATE,
  FENCE_MS,
  UNFENCE_MS,
  ackedBetween,
  faultDoc,
  partitionState,
  unbalanced,
} from '../testing/faultPipeline';
import { Simulation } from './simulation';

const DIES_SEC = 10;
/** Back well before its session expires. */
const BACK_AFTER_SEC = 2;
const FENCED_SEC = DIES_SEC + FENCE_MS / 1000;

describe('a broker restarted before the controller noticed', () => {
  it('does not lead again: its partitions move to a follower, and it rejoins the ISR as one', () => {
    const sim = new Simulation(
      faultDoc({
        acks: 'all',
        rf: 3,
        minIsr: 2,
        faults: [
          {
            kind: 'brokerDown',
            atSec: DIES_SEC,
            broker: 'b0',
            durationSec: BACK_AFTER_SEC,
            mode: 'processKilled',
          },
        ],
      }),
    );
    sim.runUntil(20_000);
    // Back at 12 s, b0 answered nothing: the producer had to wait for the election at 19.3 s.
    expect(ackedBetween(sim, DIES_SEC + 1, Math.floor(FENCED_SEC))).toBe(0);
    sim.runUntil(60_000);
    expect(partitionState(sim).leader).toBe('b1');
    expect(partitionState(sim).isr).toEqual(['b0', 'b1', 'b2']);
    const s = sim.summary();
    expect(s.records.lost).toBe(0);
    expect(ackedBetween(sim, Math.ceil(FENCED_SEC + 1), 60)).toBeGreaterThan(0.99 * RATE * 39);
    expect(unbalanced(sim)).toBe(0);
  });

  it('with no other replica, serves again only once the controller has made it leader again', () => {
    const sim = new Simulation(
      faultDoc({
        acks: '1',
        rf: 1,
        faults: [
          {
            kind: 'brokerDown',
            atSec: DIES_SEC,
            broker: 'b0',
            durationSec: BACK_AFTER_SEC,
            mode: 'processKilled',
          },
        ],
      }),
    );
    sim.runUntil(60_000);
    // Offline from the fence until b0 is registered again and elected (unfenced 2 s later).
    const leadsAgainSec = FENCED_SEC + UNFENCE_MS / 1000;
    expect(ackedBetween(sim, DIES_SEC + 1, Math.floor(leadsAgainSec))).toBe(0);
    const by = Math.ceil(leadsAgainSec + 1);
    expect(ackedBetween(sim, 0, by)).toBeGreaterThan(RATE * by - 50);
    expect(partitionState(sim).leader).toBe('b0');
    expect(sim.summary().records.lost).toBe(0);
    expect(unbalanced(sim)).toBe(0);
  });
});
