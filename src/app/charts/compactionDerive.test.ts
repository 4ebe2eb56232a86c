import { describe, expect, it } from 'vitest';
import { compactionRolesOf, logSizePoints, restorePoints } from './compactionDerive';

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
