import { describe, expect, it } from 'vitest';
import { MAX_VALUES, parseValueList } from './valueInput';

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
