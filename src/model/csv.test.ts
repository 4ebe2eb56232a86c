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
});
