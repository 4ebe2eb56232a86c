// "Did you mean": edit distance and the choice of the nearest allowed name.
import { describe, expect, it } from 'vitest';
import { editDistance, nearest } from './nearest';

describe('editDistance', () => {
  it('counts inserts, deletes and replacements (kitten -> sitting is 3)', () => {
    expect(editDistance('kitten', 'sitting', 10)).toBe(3);
    expect(editDistance('', 'abc', 10)).toBe(3);
    expect(editDistance('same', 'same', 10)).toBe(0);
  });

  it('stops at the limit instead of finishing the table', () => {
    expect(editDistance('kitten', 'sitting', 2)).toBe(3); // limit + 1
    expect(editDistance('a', 'abcdefgh', 3)).toBe(4);
  });
});

const STAGES = [
  'map',
  'flatMap',
  'filter',
  'aggregate',
  'window',
  'join',
  'streamJoin',
  'cep',
  'score',
  'sink',
];

describe('nearest', () => {
  it('finds a name one slip away', () => {
    expect(nearest('windw', STAGES)).toBe('window');
    expect(nearest('fliter', STAGES)).toBe('filter');
    expect(nearest('acs', ['acks', 'retries'])).toBe('acks');
  });

  it('ignores case and separators', () => {
    expect(nearest('FLATMAP', STAGES)).toBe('flatMap');
    expect(nearest('LINGER_MS', ['linger.ms', 'batch.size'])).toBe('linger.ms');
  });

  it('completes a unique prefix', () => {
    expect(nearest('cloud', ['commodity-2014', 'cloud-2024', 'laptop'])).toBe('cloud-2024');
    // Two names start with "co": no guess.
    expect(nearest('co', ['commodity-2014', 'cloud-2024', 'cores'])).toBeUndefined();
  });

  it('offers nothing when nothing is close', () => {
    expect(nearest('database', STAGES)).toBeUndefined();
    expect(nearest('q', ['x', 'id'])).toBeUndefined();
    expect(nearest('', STAGES)).toBeUndefined();
  });

  it('does not compare very long input', () => {
    expect(nearest('window' + 'x'.repeat(100), STAGES)).toBeUndefined();
  });
});
