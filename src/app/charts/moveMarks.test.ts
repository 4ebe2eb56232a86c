import { describe, expect, it } from 'vitest';
import type { Fault } from '../../model';
import type { ClusterEventLive } from '../../worker/protocol';
import { faultMarks } from './faultMarks';
import { moveEnds } from './moveMarks';

const started = (atMs: number, partition: number): ClusterEventLive => ({
  kind: 'reassignmentStarted',
  atMs,
  topic: 'events',
  partition,
  from: ['broker-1', 'broker-2', 'broker-3'],
  to: ['broker-4', 'broker-2', 'broker-3'],
  bytes: 5e8,
});
const finished = (atMs: number, partition: number): ClusterEventLive => ({
  kind: 'reassignmentFinished',
  atMs,
  topic: 'events',
  partition,
  to: ['broker-4', 'broker-2', 'broker-3'],
  tookMs: atMs - 40_000,
});

// As in the scale-out example: broker-4 joins at 30 s, a reassignment at 40 s moves replicas to it.
const faults = [
  { kind: 'addBroker', atSec: 30, broker: { id: 'broker-4', hardware: { preset: 'commodity-2014' } } },
  { kind: 'reassignPartitions', atSec: 40, brokers: ['broker-1', 'broker-2', 'broker-3', 'broker-4'] },
] as Fault[];

describe('moveEnds', () => {
  it('ends a reassignment at its last move: 40 s to 121.5 s', () => {
    const events = [
      { kind: 'brokerAdded', atMs: 30_000, broker: 'broker-4' },
      started(40_000, 0),
      started(40_000, 3),
      {
        kind: 'reassignmentProgress',
        atMs: 70_000,
        topic: 'events',
        partition: 0,
        percent: 50,
        bytesLeft: 1,
      },
      finished(95_000, 3),
      finished(121_500, 0),
    ] as ClusterEventLive[];
    expect([...moveEnds(faults, events)]).toEqual([[1, { endSec: 121.5 }]]);
  });

  it('has no end while one move still runs', () => {
    const events = [started(40_000, 0), started(40_000, 3), finished(95_000, 3)];
    expect(moveEnds(faults, events).get(1)).toEqual({ endSec: null });
  });

  it('leaves out a reassignment the run has not started (not reached, refused, or no events kept)', () => {
    const refused = [{ kind: 'reassignmentRefused', atMs: 40_000, reason: 'no' }] as ClusterEventLive[];
    expect(moveEnds(faults, refused).size).toBe(0);
    expect(moveEnds(faults, []).size).toBe(0);
  });

  it('gives each reassignment the moves started at its own time, and a finish after their start', () => {
    const two = [
      ...faults,
      { kind: 'reassignPartitions', atSec: 150, brokers: ['broker-1', 'broker-4'] },
    ] as Fault[];
    const events = [
      started(40_000, 0),
      finished(100_000, 0),
      // The second one moves partition 0 again: its end is the finish after 150 s, not the one at 100 s.
      started(150_000, 0),
      started(150_000, 1),
      finished(160_000, 1),
      finished(170_000, 0),
    ];
    const ends = moveEnds(two, events);
    expect(ends.get(1)).toEqual({ endSec: 100 });
    expect(ends.get(2)).toEqual({ endSec: 170 });
  });

  it('ends a decommission when the broker stops, after its last replica moved', () => {
    const decommission = [{ kind: 'decommissionBroker', atSec: 40, broker: 'broker-1' }] as Fault[];
    const events = [
      started(40_000, 0),
      finished(80_000, 0),
      { kind: 'brokerDecommissioned', atMs: 81_000, broker: 'broker-1' },
    ] as ClusterEventLive[];
    expect(moveEnds(decommission, events).get(0)).toEqual({ endSec: 81 });
  });
});

describe('faultMarks with the run’s moves', () => {
  it('draws a reassignment the run finished as a span from its start to its last move', () => {
    const marks = faultMarks(faults, 180, new Map([[1, { endSec: 121.5 }]]));
    expect(marks.map((m) => [m.from, m.to, m.instant, m.label])).toEqual([
      [30, 30, true, 'broker-4 joins'],
      [40, 121.5, false, 'broker-1,broker-2,broker-3,broker-4 reassignment'],
    ]);
  });

  it('spans a move still running to now, and says so; at the run end, that it never finished', () => {
    const running = new Map([[1, { endSec: null }]]);
    const now = faultMarks(faults, 180, running, 75)[1]!;
    expect([now.from, now.to, now.instant]).toEqual([40, 75, false]);
    expect(now.label).toMatch(/reassignment \(running\)$/);
    const end = faultMarks(faults, 180, running, 180)[1]!;
    expect([end.from, end.to]).toEqual([40, 180]);
    expect(end.label).toMatch(/unfinished/);
  });

  it('keeps a line at its start when the run has not started its moves', () => {
    const mark = faultMarks(faults, 180, new Map(), 20)[1]!;
    expect([mark.from, mark.to, mark.instant]).toEqual([40, 40, true]);
  });
});
