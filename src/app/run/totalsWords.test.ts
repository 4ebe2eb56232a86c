// The in-flight breakdown of a pipeline of receivers alone, beside the In flight figure.
import { describe, expect, it } from 'vitest';
import { inFlightPartsText } from './TotalsBar';

describe('inFlightPartsText', () => {
  it('always names the batches and the blocks, the receivers and the source only when they hold some', () => {
    expect(inFlightPartsText({ atSource: 0, buffered: 0, inBlocks: 771, inBatches: 7991 })).toBe(
      '7,991 in batches · 771 in blocks',
    );
    expect(inFlightPartsText({ atSource: 12, buffered: 340, inBlocks: 0, inBatches: 0 })).toBe(
      '0 in batches · 0 in blocks · 340 in receivers · 12 at the source',
    );
  });
});
