import { describe, expect, it } from 'vitest';
import type { Fault } from '../../model';
import { faultMarks } from './faultMarks';

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
