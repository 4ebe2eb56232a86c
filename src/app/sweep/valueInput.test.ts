import { describe, expect, it } from 'vitest';
import { MAX_VALUES, parseValueList, rangeValues, readValues } from './valueInput';

const real = { integer: false, min: 0 };
const count = { integer: true, min: 1 };

describe('parseValueList', () => {
  it('reads numbers between commas, semicolons and spaces, in order', () => {
    expect(parseValueList('1000, 2000 5e3;0.5')).toEqual({ ok: true, values: [1000, 2000, 5000, 0.5] });
    expect(parseValueList(' 12_000 ')).toEqual({ ok: true, values: [12000] });
  });
  it.each([
    ['', 'at least one'],
    ['10, ten', '"ten" is not a number'],
    ['10, 0x10', '"0x10" is not a number'],
    ['1, Infinity', 'not a number'],
    ['1e999', 'not a number'],
    ['5, 5', 'given twice'],
    [Array.from({ length: MAX_VALUES + 1 }, (_, i) => i).join(','), `at most ${MAX_VALUES}`],
  ])('refuses %j with a reason', (text, words) => {
    const r = parseValueList(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(words);
  });
});

describe('rangeValues', () => {
  it('spaces points evenly, both ends included', () => {
    expect(rangeValues(10, 50, 5, 'linear')).toEqual([10, 20, 30, 40, 50]);
    expect(rangeValues(0.1, 0.4, 4, 'linear')).toEqual([0.1, 0.2, 0.3, 0.4]);
    expect(rangeValues(100, 0, 3, 'linear')).toEqual([100, 50, 0]);
  });
  it('on a log scale, evenly in the logarithm', () => {
    const v = rangeValues(1, 10_000, 5, 'log');
    expect(v).toHaveLength(5);
    [1, 10, 100, 1000, 10_000].forEach((x, i) => expect(v[i]).toBeCloseTo(x, 6));
  });
  it('rounds whole-number settings and drops repeats', () => {
    expect(rangeValues(1, 4, 7, 'linear', true)).toEqual([1, 2, 3, 4]);
    expect(rangeValues(1, 64, 7, 'log', true)).toEqual([1, 2, 4, 8, 16, 32, 64]);
  });
});

describe('readValues', () => {
  const range = (from: string, to: string, steps: string, scale: 'linear' | 'log' = 'linear') =>
    ({ mode: 'range', from, to, steps, scale }) as const;
  it('reads a range draft', () => {
    expect(readValues(range('1000', '4000', '4'), real)).toEqual({
      ok: true,
      values: [1000, 2000, 3000, 4000],
    });
  });
  it.each([
    [range('a', '5', '3'), real, '"from"'],
    [range('1', '', '3'), real, '"to"'],
    [range('1', '5', '1'), real, 'number of points'],
    [range('1', '5', '2.5'), real, 'number of points'],
    [range('1', '5', String(MAX_VALUES + 1)), real, 'number of points'],
    [range('3', '3', '3'), real, 'the same'],
    [range('0', '100', '3', 'log'), real, 'above 0'],
    [{ mode: 'list', text: '1, 2.5' } as const, count, 'not a whole number'],
    [{ mode: 'list', text: '0, 2' } as const, count, 'below 1'],
    [{ mode: 'list', text: '-5' } as const, real, 'below 0'],
  ])('refuses a bad draft with a reason (%#)', (draft, setting, words) => {
    const r = readValues(draft, setting);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(words);
  });
});
