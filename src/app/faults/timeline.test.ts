import { describe, expect, it } from 'vitest';
import type { Fault } from '../../model';
import { axisTicks, faultEndSec, isBrokerDownAt, layoutTimeline, timeToPct } from './timeline';

const down = (atSec: number, broker: string, durationSec?: number): Fault =>
  durationSec === undefined
    ? { kind: 'brokerDown', atSec, broker }
    : { kind: 'brokerDown', atSec, broker, durationSec };

describe('isBrokerDownAt', () => {
  const faults: Fault[] = [
    down(10, 'b1', 5),
    down(40, 'b1'),
    { kind: 'slowDisk', atSec: 0, broker: 'b2', factor: 10 },
  ];
  it('is down from the start up to (not including) the end of a timed fault', () => {
    expect(isBrokerDownAt(faults, 'b1', 9.99)).toBe(false);
    expect(isBrokerDownAt(faults, 'b1', 10)).toBe(true);
    expect(isBrokerDownAt(faults, 'b1', 14.9)).toBe(true);
    expect(isBrokerDownAt(faults, 'b1', 15)).toBe(false);
  });
  it('stays down to the end of the run without a duration', () => {
    expect(isBrokerDownAt(faults, 'b1', 39)).toBe(false);
    expect(isBrokerDownAt(faults, 'b1', 40)).toBe(true);
    expect(isBrokerDownAt(faults, 'b1', 10_000)).toBe(true);
  });
  it('ignores other brokers and other kinds of fault', () => {
    expect(isBrokerDownAt(faults, 'b2', 12)).toBe(false);
    expect(isBrokerDownAt(faults, 'b3', 12)).toBe(false);
  });
});

describe('layoutTimeline', () => {
  const faults: Fault[] = [
    down(30, 'b1', 15),
    { kind: 'memberCrash', atSec: 6, group: 'g', count: 1 },
    down(6, 'b2'),
    { kind: 'producerSpike', atSec: 50, producer: 'p', factor: 5, durationSec: 30 },
    down(90, 'b3', 1),
  ];
  const rows = layoutTimeline(faults, 60);
  it('sorts by start time, ties in document order, and keeps each fault index', () => {
    expect(rows.map((r) => r.index)).toEqual([1, 2, 0, 3, 4]);
  });
  it('places bars in % of the run and clips them at its end', () => {
    expect(rows[2]).toMatchObject({ startPct: 50, widthPct: 25, openEnded: false });
    expect(rows[1]).toMatchObject({ startPct: 10, widthPct: 90, openEnded: true });
    expect(rows[3]!.startPct).toBeCloseTo(83.333, 2);
    expect(rows[3]!.widthPct).toBeCloseTo(16.667, 2);
  });
  it('draws instant faults as ticks and flags faults after the run', () => {
    expect(rows[0]).toMatchObject({ startPct: 10, widthPct: 0 });
    expect(rows[4]).toMatchObject({ startPct: 100, widthPct: 0, beyondRun: true });
  });
  it('knows when faults end', () => {
    expect(faultEndSec(faults[0]!)).toBe(45);
    expect(faultEndSec(faults[1]!)).toBe(6);
    expect(faultEndSec(faults[2]!)).toBe(Infinity);
  });
});

describe('axis', () => {
  it('maps time to % and clamps', () => {
    expect(timeToPct(15, 60)).toBe(25);
    expect(timeToPct(-1, 60)).toBe(0);
    expect(timeToPct(100, 60)).toBe(100);
    expect(timeToPct(5, 0)).toBe(0);
  });
  it('picks round ticks', () => {
    expect(axisTicks(60)).toEqual([0, 10, 20, 30, 40, 50, 60]);
    expect(axisTicks(900)).toEqual([0, 200, 400, 600, 800]);
    expect(axisTicks(1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });
});
