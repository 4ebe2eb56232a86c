// "At 30 s broker-4 joins ... takes no partition by itself ... At 40 s a reassignment generated over
// the four brokers ... moves four replicas onto broker-4, throttled at 30 MB/s ... about 2.2 GB /
// (30 - 3.5) MB/s, about 80 s: near 120 s the new replicas join the ISR, the old ones are dropped
// and broker-4 leads a partition. Meanwhile the source brokers' network out rises two to four
// times and p99 barely moves. Delete the throttle and the move is over in about 20 s, but
// broker-4's network in runs full ...; set the throttle to 3000000 ... it never finishes."
import { describe, expect, it } from 'vitest';
import { editedExample, loadExample, runFor, seriesColumn } from '../testing/examples';
import type { Simulation } from '../engine/simulation';

const NAME = 'scale-out-reassignment';
const ADDED = 3; // broker-4's index: after the cluster's three

/** Mean of a series column over the whole seconds in (from, to]. */
function meanOver(sim: Simulation, column: string, from: number, to: number): number {
  const t = seriesColumn(sim, 'second');
  const v = seriesColumn(sim, column);
  const picked = v.filter((_, i) => t[i]! > from && t[i]! <= to);
  return picked.reduce((a, x) => a + x, 0) / picked.length;
}

const moved = (sim: Simulation) => sim.summary().reassignments.filter((m) => m.bytesToCopy > 0);

describe(NAME, () => {
  let throttled: Simulation | undefined;
  const run = () => (throttled ??= runFor(loadExample(NAME), 180));

  it('broker-4 joins at 30 s holding nothing, and serves nothing until the reassignment', () => {
    const sim = runFor(loadExample(NAME), 39);
    expect(sim.brokers[ADDED]!.absent).toBe(false);
    const added = sim.clusterEvents.all().find((e) => e.kind === 'brokerAdded');
    expect(added?.atMs).toBe(30_000);
    for (const p of sim.topics.get('events')!.partitions) expect(p.replicas).not.toContain(ADDED);
    expect(meanOver(sim, 'broker-4.networkIn', 31, 39)).toBe(0);
  });

  it('moves four replicas to broker-4 in about B / (T - W), then it leads a partition', () => {
    const sim = run();
    const moves = moved(sim);
    expect(moves).toHaveLength(4);
    for (const m of moves) expect(m.to).toContain('broker-4');
    // Derived from the document, not the engine: B = what the four moving partitions hold at 40 s;
    // W = their share (4 of 6) of the producer's bytes; T = 30 MB/s, broker-4's follower throttle.
    const B = moves.reduce((a, m) => a + m.bytesToCopy, 0);
    const wireBytes = meanOver(sim, 'tracker.producedBytes', 10, 40);
    const W = (wireBytes * 4) / 6;
    const T = 30e6;
    expect(B).toBeGreaterThan(2.0e9);
    expect(B).toBeLessThan(2.4e9);
    const expectedEnd = 40 + B / (T - W);
    for (const m of moves) {
      expect(m.finishedSec).not.toBeNull();
      expect(m.finishedSec!).toBeGreaterThan(expectedEnd - 3);
      expect(m.finishedSec!).toBeLessThan(expectedEnd + 3);
    }
    const leaders = sim.topics.get('events')!.partitions.map((p) => p.leader);
    expect(leaders).toContain(ADDED);
    expect(sim.summary().records.lost).toBe(0);
  });

  it('the sources send two to four times more during the move; p99 barely moves', () => {
    const sim = run();
    for (const b of ['broker-1', 'broker-2', 'broker-3']) {
      const before = meanOver(sim, `${b}.networkOut`, 10, 40);
      const during = meanOver(sim, `${b}.networkOut`, 45, 100);
      expect(during / before).toBeGreaterThan(1.8);
      expect(during / before).toBeLessThan(4.5);
    }
    const before = meanOver(sim, 'latency.p99', 10, 40);
    const during = meanOver(sim, 'latency.p99', 45, 100);
    expect(during).toBeLessThan(before * 1.25);
  });

  it('unthrottled it is over in about 20 s with broker-4’s network in full', () => {
    const sim = runFor(
      editedExample(NAME, (d) => delete d.faults![1]!.throttle),
      75,
    );
    for (const m of moved(sim)) {
      expect(m.finishedSec).not.toBeNull();
      expect(m.finishedSec! - 40).toBeLessThan(30);
    }
    expect(meanOver(sim, 'broker-4.networkIn', 42, 55)).toBeGreaterThan(0.85);
  });

  it('at 3 MB/s, below the writes, it never finishes', () => {
    const sim = runFor(
      editedExample(NAME, (d) => (d.faults![1]!.throttle = 3_000_000)),
      100,
    );
    for (const m of moved(sim)) {
      expect(m.finishedSec).toBeNull();
      const p = sim.topics.get('events')!.partitions[Number(m.partition.split('-')[1])]!;
      expect(sim.reassigner.estimate(sim.reassigner.active.get(p)!).secondsLeft).toBe(Infinity);
    }
  });

  it('gives the same numbers however the run is sliced', () => {
    const whole = runFor(loadExample(NAME), 60);
    const sliced = new (whole.constructor as new (d: typeof whole.doc) => Simulation)(loadExample(NAME));
    for (let t = 0; t < 60_000; t += 777.7) sliced.runUntil(t);
    sliced.runUntil(60_000);
    expect(sliced.summary()).toEqual(whole.summary());
    expect(sliced.metrics.series().rows).toEqual(whole.metrics.series().rows);
  });
});
