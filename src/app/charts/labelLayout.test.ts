import { describe, expect, it } from 'vitest';
import { faultMarks, type FaultMark } from './faultMarks';
import {
  fitText,
  LABEL_ROWS,
  layoutLabels,
  referenceLabelY,
  referenceReserved,
  type PlacedLabel,
} from './labelLayout';

/** Every character 6 px wide, so the widths below can be worked out by hand. */
const six = (text: string) => text.length * 6;

const mark = (key: string, from: number, to = from, label = key): FaultMark => ({
  key,
  from,
  to,
  instant: from === to,
  label,
  color: '#000',
});

const overlap = (a: PlacedLabel, b: PlacedLabel) =>
  a.row === b.row && a.x < b.x + b.width && b.x < a.x + a.width;

describe('layoutLabels', () => {
  it('gives a long label a row of its own when the next mark starts under it, however far apart in time', () => {
    // The iot-receivers case: 120 s over 600 px (5 px a second). 'building-monitor executors lost'
    // (31 characters, 186 px) starts at 42 s: x = 210 + 4 = 214, to 400. The driver failure at 72 s
    // starts at x = 364, under it: 30 s apart (a quarter of the range) yet its label must go a row down.
    const labels = layoutLabels(
      [
        mark('lost', 42, 60, 'building-monitor executors lost'),
        mark('driver', 72, 85, 'building-monitor driver fails'),
      ],
      [0, 120],
      600,
      six,
    );
    expect(labels.get('lost')).toMatchObject({ row: 0, x: 214, width: 186 });
    expect(labels.get('driver')).toMatchObject({ row: 1, x: 364, text: 'building-monitor driver fails' });
  });

  it('stacks a network cut at 25 s and a broker down at 30 s, which would print over each other', () => {
    // The labels as faultMarks writes them. 90 s over 300 px (10 px per 3 s): the cut's label starts
    // at 25 x 10/3 + 4 = 87 px and is 16 x 6 = 96 px wide, to 183; the broker's starts at 104, under it.
    const [cut, down] = faultMarks(
      [
        { kind: 'networkPartition', atSec: 25, broker: 'broker-1', from: 'clients', durationSec: 20 },
        { kind: 'brokerDown', atSec: 30, broker: 'broker-1' },
      ],
      90,
    );
    expect([cut!.label, down!.label]).toEqual(['broker-1 cut off', 'broker-1 down']);
    const labels = layoutLabels([cut!, down!], [0, 90], 300, six);
    const a = labels.get(cut!.key)!;
    const b = labels.get(down!.key)!;
    expect(a).toMatchObject({ row: 0, text: 'broker-1 cut off' });
    expect(b).toMatchObject({ row: 1, text: 'broker-1 down' });
    expect(overlap(a, b)).toBe(false);
  });

  it('reuses a row once the earlier label has ended', () => {
    // 100 s over 1000 px: 'ab' (12 px) at x = 104 ends at 116; the next mark at 12 s starts at 124.
    const labels = layoutLabels([mark('ab', 10), mark('cd', 12)], [0, 100], 1000, six);
    expect([labels.get('ab')!.row, labels.get('cd')!.row]).toEqual([0, 0]);
  });

  it('keeps labels off the reference label: a line at the top puts its label below, over rows 0 and 1', () => {
    // A line at y = 0: its 11 px label goes below it, baseline 13. Its glyph box runs from
    // 13 - 0.95 * 11 = 2.55 to 2.55 + 1.25 * 11 = 16.3 px: row 0 (3..15) and row 1 (15..27), not row 2.
    expect(referenceLabelY(0)).toEqual({ baseline: 13, top: 2 });
    // Lower down there is room above the line: baseline 4 px over it.
    expect(referenceLabelY(80).baseline).toBe(76);
    // 'batch interval' is 14 characters: 84 px at 10 px, 92.4 px at 11 px, right-aligned 4 px from the edge.
    const reserved = referenceReserved(0, 'batch interval', 600, six);
    expect(reserved.map((r) => r.row)).toEqual([0, 1]);
    expect(reserved[0]!.x).toBeCloseTo(600 - 4 - 92.4, 6);
    // A mark at 100 s of 120 (x = 500 + 4) has its 36 px label in the reserved box's place: row 2.
    const labels = layoutLabels([mark('x down', 100, 110)], [0, 120], 600, six, reserved);
    expect(labels.get('x down')).toMatchObject({ row: 2, x: 504 });
    // One left of the reference label keeps row 0.
    expect(layoutLabels([mark('y', 10)], [0, 120], 600, six, reserved).get('y')!.row).toBe(0);
    // A line in the middle of the plot does not touch the label rows.
    expect(referenceReserved(72, 'batch interval', 600, six)).toEqual([]);
  });

  it('when every row is taken, cuts the earlier label short where the new one starts', () => {
    // 100 s over 1000 px: four 60 px labels at x = 104, 124, 144, 164. The first three fill the rows;
    // the fourth goes on row 0 (whose label ends soonest, at 164), and row 0's label is cut to
    // 164 - 4 - 104 = 56 px: 'abcdefgh…' (54 px) fits, 'abcdefghi…' (60 px) does not.
    const marks = ['a', 'b', 'c', 'd'].map((k, i) => mark(k, 10 + 2 * i, 10 + 2 * i, 'abcdefghij'));
    const labels = layoutLabels(marks, [0, 100], 1000, six);
    expect(['a', 'b', 'c', 'd'].map((k) => labels.get(k)!.row)).toEqual([0, 1, 2, 0]);
    expect(labels.get('a')).toMatchObject({ text: 'abcdefgh…', full: 'abcdefghij', width: 56 });
    expect(labels.get('d')).toMatchObject({ text: 'abcdefghij', x: 164 });
    const all = [...labels.values()];
    for (const a of all) for (const b of all) if (a !== b) expect(overlap(a, b)).toBe(false);
  });

  it('when every row is taken, picks the row where the least text is lost', () => {
    // 100 s over 400 px, 'batch interval' reserved on rows 0 and 1 from 400 - 4 - 92.4 = 303.6.
    const reserved = referenceReserved(0, 'batch interval', 400, six);
    // A at 40 s: x = 164, 156 px to 320, past 303.6 - 4: rows 0 and 1 are blocked, row 2.
    // B at 70 s: 138 px, moved left to end at the edge: x = 262. On row 0 it would keep only
    // 303.6 - 4 - 262 = 37.6 px (100.4 lost); on row 2 A loses 320 - 258 = 62 px and B nothing (it
    // reaches the plot's edge): row 2, with A cut to 262 - 4 - 164 = 94 px (14 letters and '…', 90 px).
    const labels = layoutLabels(
      [mark('A', 40, 40, 'a'.repeat(26)), mark('B', 70, 70, 'b'.repeat(23))],
      [0, 100],
      400,
      six,
      reserved,
    );
    expect(labels.get('A')).toMatchObject({ row: 2, x: 164, width: 94, text: `${'a'.repeat(14)}…` });
    expect(labels.get('B')).toMatchObject({ row: 2, x: 262, width: 138, text: 'b'.repeat(23) });
  });

  it('moves the label of a mark near the right edge left to end at the edge, and leaves out marks outside the range', () => {
    // 'broker-1 down' is 78 px; its mark at 95 s of 100 is at 950 px of 1000: 954 + 78 would pass the
    // edge, so it starts at 1000 - 78 = 922.
    const labels = layoutLabels([mark('k', 95, 95, 'broker-1 down'), mark('out', 500)], [0, 100], 1000, six);
    expect(labels.get('k')).toMatchObject({ x: 922, row: 0, text: 'broker-1 down' });
    expect(labels.has('out')).toBe(false);
    // A label wider than the whole plot (78 px on 60) starts at 0 and is cut: 'broker-1…' is 54 px.
    expect(layoutLabels([mark('k', 50, 50, 'broker-1 down')], [0, 100], 60, six).get('k')).toMatchObject({
      x: 0,
      width: 60,
      text: 'broker-1…',
    });
  });

  it('never lets two labels or a label and the reference box meet, whatever the marks', () => {
    // A small deterministic generator: many crowded marks with labels of varied lengths.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let trial = 0; trial < 50; trial++) {
      const marks = Array.from({ length: 2 + Math.floor(next() * 10) }, (_, i) => {
        const from = next() * 120;
        return mark(`m${i}`, from, from + next() * 30, 'x'.repeat(3 + Math.floor(next() * 30)));
      });
      const reserved = referenceReserved(0, 'batch interval', 500, six);
      const labels = [...layoutLabels(marks, [0, 120], 500, six, reserved).values()].filter((l) => l.text);
      for (const a of labels) {
        expect(a.row).toBeLessThan(LABEL_ROWS);
        expect(six(a.text)).toBeLessThanOrEqual(a.width + 1e-9);
        expect(a.x + a.width).toBeLessThanOrEqual(500);
        for (const r of reserved)
          expect(a.row === r.row && a.x < r.x + r.width && r.x < a.x + a.width).toBe(false);
        for (const b of labels) if (a !== b) expect(overlap(a, b)).toBe(false);
      }
    }
  });
});

describe('fitText', () => {
  it('keeps a text that fits, cuts one that does not with an ellipsis, and gives up below one letter', () => {
    expect(fitText('broker-2 down', 78, six)).toBe('broker-2 down');
    // 77 px: 12 characters at most, 11 letters and the ellipsis.
    expect(fitText('broker-2 down', 77, six)).toBe('broker-2 do…');
    // 60 px: 9 letters, 'broker-2 ', and the cut drops the trailing space.
    expect(fitText('broker-2 down', 60, six)).toBe('broker-2…');
    expect(fitText('broker-2 down', 11, six)).toBe('');
  });
});
