import { describe, expect, it } from 'vitest';
import type { Fault } from '../../model';
import { faultMarks, LABEL_ROWS, labelRows, type FaultMark } from './faultMarks';

describe('faultMarks', () => {
  it('spans a lasting fault to its end or the run end, marks an instant one, skips those past the run', () => {
    const faults = [
      { kind: 'brokerDown', atSec: 100, broker: 'broker-2', durationSec: 60 },
      { kind: 'brokerDown', atSec: 300, broker: 'broker-1' },
      { kind: 'memberCrash', atSec: 200, group: 'g', count: 1 },
      { kind: 'slowDisk', atSec: 700, broker: 'broker-1', factor: 3 },
    ] as Fault[];
    const marks = faultMarks(faults, 600);
    expect(marks.map((m) => [m.from, m.to, m.instant, m.label])).toEqual([
      [100, 160, false, 'broker-2 down'],
      [300, 600, false, 'broker-1 down'],
      [200, 200, true, 'g member crash'],
    ]);
    expect(marks[0]!.color).toBe(marks[1]!.color);
    expect(marks[2]!.color).not.toBe(marks[0]!.color);
  });
});

describe('fault mark label rows', () => {
  const mark = (key: string, from: number, to = from): FaultMark => ({
    key,
    from,
    to,
    instant: from === to,
    label: key,
    color: '#000',
  });

  it('puts labels of marks that start close together on separate rows, and reuses a row once far enough', () => {
    // Range 0-160 s: the default gap is an eighth, 20 s.
    const rows = labelRows(
      [mark('join', 40), mark('move', 41, 120), mark('later', 70), mark('far', 100)],
      [0, 160],
    );
    // 'move' starts 1 s after 'join': row 1. 'later' is 30 s after 'join': row 0 again. 'far' is 30 s
    // after 'later': row 0.
    expect(Object.fromEntries(rows)).toEqual({ join: 0, move: 1, later: 0, far: 0 });
  });

  it('stops at the last row and leaves out marks outside the range', () => {
    const marks = [mark('a', 10), mark('b', 11), mark('c', 12), mark('d', 13), mark('out', 500)];
    const rows = labelRows(marks, [0, 100]);
    expect([rows.get('a'), rows.get('b'), rows.get('c'), rows.get('d')]).toEqual([0, 1, 2, LABEL_ROWS - 1]);
    expect(rows.has('out')).toBe(false);
  });
});
