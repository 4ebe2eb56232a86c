import { describe, expect, it } from 'vitest';
import { seriesToCsv } from './csv';

describe('seriesToCsv', () => {
  it('writes a header and one line per row, integers as they are and fractions to 6 significant digits', () => {
    const csv = seriesToCsv({
      columns: ['second', 'p.produced', 'b1.cpu'],
      rows: [
        [1, 1000, 0.123456789],
        [2, 998, 1 / 3],
      ],
    });
    expect(csv).toBe('second,p.produced,b1.cpu\n1,1000,0.123457\n2,998,0.333333\n');
  });

  it('writes only the header for an empty series', () => {
    expect(seriesToCsv({ columns: ['second'], rows: [] })).toBe('second\n');
  });

  it('leaves empty the seconds with no data that the charts skip: no latency, no completed Spark batch, no estimate', () => {
    // A Spark job with a 2 s batch interval: batches complete in seconds 2 and 4 only. A consumer
    // group finishes records every second, so the merged percentiles always have a value.
    const columns = [
      'second',
      'job.batches',
      'job.schedulingDelayMs',
      'job.processingMs',
      'job.totalDelayMs',
      'job.estimatedRate',
      'latency.p50',
      'latency.p95',
      'latency.p99',
      'latency.p999',
      'group.latency.p50',
      'group.latency.p95',
      'group.latency.p99',
      'job.latency.p50',
      'job.latency.p95',
      'job.latency.p99',
    ];
    const csv = seriesToCsv({
      columns,
      rows: [
        [1, 0, 0, 0, 0, 0, 80, 90, 95, 99, 80, 90, 95, 0, 0, 0],
        [2, 1, 10, 1500, 1510, 5000, 90, 2500, 2540, 2560, 80, 90, 95, 2400, 2500, 2540],
        [3, 0, 0, 0, 0, 5000, 85, 92, 96, 99, 85, 92, 96, 0, 0, 0],
        [4, 1, 0, 1400, 1400, 5000, 88, 2450, 2530, 2550, 88, 91, 97, 2350, 2450, 2530],
      ],
    });
    expect(csv.split('\n')).toEqual([
      columns.join(','),
      '1,0,,,,,80,90,95,99,80,90,95,,,',
      '2,1,10,1500,1510,5000,90,2500,2540,2560,80,90,95,2400,2500,2540',
      '3,0,,,,5000,85,92,96,99,85,92,96,,,',
      '4,1,0,1400,1400,5000,88,2450,2530,2550,88,91,97,2350,2450,2530',
      '',
    ]);
    // A reader's p99 column averaged over the seconds that have it: the job's true mean, not half.
    const p99 = csv
      .split('\n')
      .slice(1, -1)
      .map((line) => line.split(',')[columns.indexOf('job.latency.p99')]!)
      .filter((v) => v !== '')
      .map(Number);
    expect(p99.reduce((a, b) => a + b, 0) / p99.length).toBe(2535);
  });

  it('keeps a measured 0 where data exists: a second with no record finished at all is blank everywhere', () => {
    const csv = seriesToCsv({
      columns: ['second', 'latency.p50', 'latency.p95', 'latency.p99', 'latency.p999', 'g.consumed'],
      rows: [
        [1, 0, 0, 0, 0, 0],
        [2, 3, 4, 5, 6, 100],
      ],
    });
    expect(csv).toBe(
      'second,latency.p50,latency.p95,latency.p99,latency.p999,g.consumed\n1,,,,,0\n2,3,4,5,6,100\n',
    );
  });
});
