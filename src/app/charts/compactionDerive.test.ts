import { describe, expect, it } from 'vitest';
import { compactionRolesOf, logSizePoints, ranRestoreMarks, restorePoints } from './compactionDerive';

const columns = [
  'second',
  'state.appendedBytes',
  'state.logBytes',
  'state.logRecords',
  'cleaner.readBytes',
  'cleaner.writeBytes',
  'view.restoreSec',
];

describe('compacted-topic points', () => {
  const roles = compactionRolesOf(columns);

  it('finds the compacted topics and their readers by their columns', () => {
    expect(roles.topics).toEqual(['state']);
    expect(roles.restorers).toEqual(['view']);
    expect(compactionRolesOf(['second', 'x.appendedBytes']).topics).toEqual([]);
  });

  it('gives the log size in MB and the cleaner I/O in MB/s', () => {
    const [p] = logSizePoints([[3, 0, 4_500_000, 21_000, 12_000_000, 1_500_000, 1.05]], roles);
    expect(p).toEqual({ t: 3, state: 4.5, cleanerRead: 12, cleanerWrite: 1.5 });
  });

  it('gives each reader’s restore time', () => {
    expect(restorePoints([[3, 0, 0, 0, 0, 0, 1.05]], roles)).toEqual([{ t: 3, view: 1.05 }]);
  });
});

describe('the restores a run simulated', () => {
  it('marks each finished one at the second it ended, as high as it took; a running one not yet', () => {
    const marks = ranRestoreMarks(
      {
        restore: { startSec: 300, records: 30_000, seconds: 1.51 },
        late: { startSec: 500, records: 100, seconds: null },
      },
      ['view', 'restore', 'late'],
    );
    expect(marks).toHaveLength(1);
    expect(marks[0]!.points).toEqual([{ x: 301.51, y: 1.51 }]);
    expect(marks[0]!.y).toBeNull();
    expect(marks[0]!.label).toBe('restore ran one from 300 s: 1.5 s, 30,000 records');
    expect(ranRestoreMarks(undefined, ['view'])).toEqual([]);
  });
});
