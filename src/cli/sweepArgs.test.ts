import { describe, expect, it } from 'vitest';
import { parseCriteria, parseSweepArgs, parseValues } from './sweepArgs';

describe('sweep arguments', () => {
  it('a rate range with seeds, metric and CSV, as in the README', () => {
    const r = parseSweepArgs([
      'doc.json',
      '--set',
      'producers[orders].rate.recordsPerSec=10000..100000:10',
      '--seeds',
      '5',
      '--metric',
      'p99',
      '--csv',
      'out.csv',
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.args).toMatchObject({ file: 'doc.json', mode: 'sweep', csv: 'out.csv' });
    expect(r.args.sweep).toMatchObject({
      axes: [
        {
          setting: 'producers[orders].rate.recordsPerSec',
          values: { kind: 'range', from: 10000, to: 100000, steps: 10, scale: 'linear' },
        },
      ],
      seeds: 5,
      metrics: ['p99'],
    });
  });

  it('values: ranges (linear, log), lists; refuses a range without points', () => {
    expect(parseValues('1..1000:4:log')).toEqual({
      kind: 'range',
      from: 1,
      to: 1000,
      steps: 4,
      scale: 'log',
    });
    expect(parseValues('1,2,4,8')).toEqual({ kind: 'list', values: [1, 2, 4, 8] });
    expect(parseValues('12')).toEqual({ kind: 'list', values: [12] });
    expect(parseValues('1..10')).toMatch(/number of points/);
    expect(parseValues('a,b')).toMatch(/neither/);
  });

  it('a search with criteria and the stopping rule options', () => {
    const r = parseSweepArgs([
      'doc.json',
      '--search',
      'producers[p].rate.recordsPerSec=1000..200000',
      '--criteria',
      'lag<=0.02,p99<=250,noloss',
      '--seeds',
      '4',
    ]);
    expect(r.ok && r.args.search).toMatchObject({
      setting: 'producers[p].rate.recordsPerSec',
      low: 1000,
      high: 200000,
      direction: 'highest',
      seeds: 4,
      criteria: { maxLagGrowth: 0.02, maxP99Ms: 250, noLoss: true },
    });
    const f = parseSweepArgs(['doc.json', '--search', 'topics[t].partitions=1..64', '--fewest']);
    expect(f.ok && f.args.search?.direction).toBe('fewest');
    const s = parseSweepArgs(['d.json', '--set', 'x=1,2', '--rel-err', '0.05', '--max-seeds', '12']);
    expect(s.ok && s.args.sweep?.stopping).toEqual({ relErr: 0.05, minReps: 3, maxReps: 12 });
  });

  it('refuses typos and contradictions', () => {
    const err = (argv: string[]) => {
      const r = parseSweepArgs(argv);
      return r.ok ? '' : r.error;
    };
    expect(err(['d.json', '--set', 'x=1', '--metric', 'p98'])).toMatch(/unknown metric "p98"/);
    expect(err(['d.json'])).toMatch(/nothing to vary/);
    expect(err(['d.json', '--set', 'x=1', '--search', 'x=1..2'])).toMatch(/not both/);
    expect(err(['d.json', '--set', 'x=1', '--seeds', '0'])).toMatch(/--seeds/);
    expect(err(['d.json', '--search', 'x=5'])).toMatch(/LOW\.\.HIGH/);
    expect(err(['d.json', '--set', 'x=1', '--sets', '2'])).toMatch(/unknown option --sets/);
    expect(parseCriteria('lag<2')).toMatch(/unknown criterion/);
    expect(err(['d.json', '--set', 'x=1', '--jobs', '0'])).toMatch(/--jobs/);
    expect(err(['d.json', '--set', 'x=1', '--jobs', '1.5'])).toMatch(/--jobs/);
  });

  it('--jobs: how many runs at once; unset means one per core', () => {
    const jobs = (argv: string[]) => {
      const r = parseSweepArgs(argv);
      return r.ok ? r.args.jobs : 'error';
    };
    expect(jobs(['d.json', '--set', 'x=1'])).toBeUndefined();
    expect(jobs(['d.json', '--set', 'x=1', '--jobs', '3'])).toBe(3);
    expect(jobs(['d.json', '--search', 'x=1..2', '--jobs', '1'])).toBe(1);
  });
});
