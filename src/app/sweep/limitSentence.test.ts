// The search's result line and throughput chart: numbers to the precision searched for, with
// thousands separators; an interval below a passing probe says why; processed throughput leads.
import { describe, expect, it } from 'vitest';
import { parseSearchSpec, type Probe, type SearchResult } from '../../whatif';
import { limitSentence, throughputCurves } from './SearchSection';
import { roundedText, shortNumber, significantDigits } from './sweepView';

const spec = (() => {
  const r = parseSearchSpec({
    kind: 'search',
    setting: 'producers[orders-in].rate.recordsPerSec',
    low: 2000,
    high: 8000,
    tolerance: 0.05,
  });
  if (!r.ok) throw new Error(r.errors.join('; '));
  return r.spec;
})();

const stat = (mean: number) => ({
  mean,
  low: mean - 10,
  high: mean + 10,
  halfWidth: 10,
  relHalfWidth: 10 / mean,
  sd: 4,
  n: 3,
});
function probe(value: number, passed: boolean, processed: number | null, acked: number): Probe {
  return {
    value,
    passed,
    reasons: [],
    runs: [],
    stats: { throughput: stat(acked), ...(processed === null ? {} : { processed: stat(processed) }) },
  };
}

describe('the limit sentence', () => {
  const result: SearchResult = {
    spec,
    probes: [],
    outcome: 'found',
    best: 6200,
    low: 6200,
    high: 6375,
    value: 6287.11,
    interval: { low: 6108.53, high: 6375 },
    runs: 30,
  };

  it('gives 3 significant figures for a 5% search, with thousands separators, and says why the interval reaches below a passing rate', () => {
    const text = limitSentence(result, 'orders-in: rate (records/s)');
    expect(text).toContain('about 6,290 records/s (6,200 records/s passed, 6,375 records/s did not)');
    // The interval one figure finer, rounded outwards: 6108.53 down to 6,108; 6,375 stays.
    expect(text).toContain('between 6,108 records/s and 6,375 records/s');
    expect(text).toContain('below the rate that passed because');
    expect(text).not.toMatch(/\d{4}\.\d/);
  });

  it('probes found by bisection print to the same precision, not to six figures', () => {
    const text = limitSentence(
      { ...result, low: 987.5, high: 1015.625, value: 1001.5625, interval: { low: 966.31, high: 1015.625 } },
      'orders-in: rate (records/s)',
    );
    expect(text).toContain('about 1,000 records/s (987.5 records/s passed, 1,016 records/s did not)');
    expect(text).toContain('between 966.3 records/s and 1,016 records/s');
  });

  it('an interval inside the bracket needs no explanation', () => {
    const text = limitSentence(
      { ...result, interval: { low: 6200, high: 6375 } },
      'orders-in: rate (records/s)',
    );
    expect(text).toContain('Interval 6,200 records/s to 6,375 records/s.');
    expect(text).not.toContain('because');
  });

  it('rounds to the precision searched for, the interval outwards', () => {
    expect(significantDigits(0.05)).toBe(3);
    expect(significantDigits(0.02)).toBe(3);
    expect(significantDigits(0.005)).toBe(4);
    expect(roundedText(6108.53, 3, 'down')).toBe('6,100');
    expect(roundedText(6108.53, 3, 'up')).toBe('6,110');
    expect(roundedText(6287.11, 3)).toBe('6,290');
    expect(roundedText(0.01234, 3)).toBe('0.0123');
    expect(shortNumber(6287.125)).toBe('6,287.13');
  });
});

describe('the throughput chart of a search', () => {
  it('leads with processed throughput, acknowledged faint beside it', () => {
    const curves = throughputCurves([probe(4000, true, 4000, 4000), probe(8000, false, 6300, 8000)]);
    expect(curves.map((c) => [c.name.split(' ')[0], c.faint])).toEqual([
      ['processed', false],
      ['acknowledged', true],
    ]);
    expect(curves[0]!.points.map((p) => p.mean)).toEqual([4000, 6300]);
  });

  it('without readers, draws acknowledged alone', () => {
    const curves = throughputCurves([probe(4000, true, null, 4000)]);
    expect(curves).toHaveLength(1);
    expect(curves[0]).toMatchObject({ faint: false });
    expect(curves[0]!.name).toMatch(/^acknowledged/);
  });
});
