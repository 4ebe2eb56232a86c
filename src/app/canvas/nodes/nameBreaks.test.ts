import { describe, expect, it } from 'vitest';
import { LEAST_TITLE_FIT, nameParts, titleFit } from './nameBreaks';

describe('where a node name may wrap', () => {
  it('after each -, _ and ., never inside a word', () => {
    expect(nameParts('recommendations-db')).toEqual(['recommendations-', 'db']);
    expect(nameParts('orders_v2.eu-west')).toEqual(['orders_', 'v2.', 'eu-', 'west']);
    expect(nameParts('settlements')).toEqual(['settlements']);
  });

  it('keeps the name whole when joined, separators at the end stay with their piece', () => {
    for (const name of ['a--b', 'trailing-', '.hidden', 'two words-here', ''])
      expect(nameParts(name).join('')).toBe(name);
    expect(nameParts('trailing-')).toEqual(['trailing-']);
    expect(nameParts('a--b')).toEqual(['a-', '-', 'b']);
  });
});

describe('type of a compact title with a long word', () => {
  // 10 px per character, a 100 px wide title.
  const width = (piece: string) => piece.length * 10;

  it('stays full size when every piece fits', () => {
    expect(titleFit('payment-gateway', 100, width)).toBe(1);
    expect(titleFit('two words', 100, width)).toBe(1);
  });

  it('shrinks a little for a word slightly too wide, so it is not cut', () => {
    // "settlements" is 110 px: 100 / 110.
    expect(titleFit('settlements', 100, width)).toBeCloseTo(100 / 110, 6);
    expect(titleFit('recommendations-db', 100, width)).toBe(LEAST_TITLE_FIT);
  });
});
