import { describe, expect, it } from 'vitest';
import { LATENCY_LINES } from './latencyLines';
import {
  DASH,
  DEFAULT_LINE_WIDTH,
  dashOf,
  paintOrder,
  stackedStyles,
  widthOf,
  type LineSpec,
} from './lineStyle';

const line = (key: string, more: Partial<LineSpec> = {}): LineSpec => ({
  key,
  name: key,
  color: '#000',
  ...more,
});

describe('paintOrder', () => {
  it('paints lower layers first and keeps the list order within a layer', () => {
    const lines = [
      line('a', { layer: 2 }),
      line('b'),
      line('c', { layer: -1 }),
      line('d'),
      line('e', { layer: 2 }),
    ];
    expect(paintOrder(lines).map((l) => l.key)).toEqual(['c', 'b', 'd', 'a', 'e']);
  });

  it('leaves the list itself alone (the legend keeps its order)', () => {
    const lines = [line('a', { layer: 1 }), line('b')];
    paintOrder(lines);
    expect(lines.map((l) => l.key)).toEqual(['a', 'b']);
  });
});

describe('dashOf and widthOf', () => {
  it('read the defaults when a line names none', () => {
    expect(dashOf(line('a'))).toBeUndefined();
    expect(dashOf(line('a', { dashed: true }))).toBe(DASH);
    expect(dashOf(line('a', { dashed: true, dash: '1 2' }))).toBe('1 2');
    expect(widthOf(line('a'))).toBe(DEFAULT_LINE_WIDTH);
    expect(widthOf(line('a', { width: 4 }))).toBe(4);
  });
});

describe('the latency percentiles', () => {
  const byKey = new Map(LATENCY_LINES.map((l) => [l.key, l]));
  const painted = paintOrder(LATENCY_LINES).map((l) => l.key);

  it('are listed p50, p95, p99 in the legend', () => {
    expect(LATENCY_LINES.map((l) => l.name)).toEqual(['p50', 'p95', 'p99']);
  });

  it('paint the lower percentile over the higher one: p99 first, then p95, p50 on top', () => {
    expect(painted).toEqual(['p99', 'p95', 'p50']);
  });

  it('differ in colour, and in width or dash as well, so they part where they coincide', () => {
    const keys = ['p50', 'p95', 'p99'];
    for (const a of keys)
      for (const b of keys) {
        if (a === b) continue;
        const la = byKey.get(a)!;
        const lb = byKey.get(b)!;
        expect(la.color, `${a} and ${b}`).not.toBe(lb.color);
        const sameStroke = widthOf(la) === widthOf(lb) && dashOf(la) === dashOf(lb);
        expect(sameStroke, `${a} and ${b} stroked alike`).toBe(false);
      }
  });

  it('leave the line underneath showing on both sides of the one painted over it', () => {
    // Each later-painted line is narrower than every line under it, by at least a pixel in all.
    for (let i = 1; i < painted.length; i++)
      for (let j = 0; j < i; j++) {
        const over = byKey.get(painted[i]!)!;
        const under = byKey.get(painted[j]!)!;
        expect(widthOf(under) - widthOf(over), `${under.key} under ${over.key}`).toBeGreaterThanOrEqual(0.8);
      }
  });

  it('dash p95, the line most often on top of p99, so p99 shows through its gaps', () => {
    expect(dashOf(byKey.get('p95')!)).toBeDefined();
    expect(dashOf(byKey.get('p99')!)).toBeUndefined();
  });
});

describe('stackedStyles', () => {
  it('gives each line of a plot its own width, dash and layer, widest first and underneath', () => {
    const styled = stackedStyles([line('view'), line('restore'), line('third')]);
    // Widths strictly narrower down the list, so the line painted over another never hides it.
    expect(styled.map(widthOf)).toEqual([5, 2.4, 1.3]);
    expect(styled.map(dashOf)).toEqual([undefined, '8 4', '2 3']);
    expect(paintOrder(styled).map((l) => l.key)).toEqual(['view', 'restore', 'third']);
    // No two lines share a stroke.
    const strokes = styled.map((l) => `${widthOf(l)}|${dashOf(l)}`);
    expect(new Set(strokes).size).toBe(3);
  });

  it('leaves a single line as it is and keeps a style a line asks for', () => {
    expect(stackedStyles([line('only')])).toEqual([line('only')]);
    const [a, b] = stackedStyles([line('a', { width: 3 }), line('b', { dashed: true })]);
    expect(widthOf(a!)).toBe(3);
    expect(dashOf(b!)).toBe(DASH);
  });
});
