// The picture frame must hold every node, whatever the canvas is currently showing.
import { getNodesBounds, type Node } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { frameForBounds } from './pngExport';

const frameForNodes = (nodes: Node[]) => frameForBounds(nodes.length > 0 ? getNodesBounds(nodes) : undefined);

const node = (id: string, x: number, y: number, width = 100, height = 50): Node => ({
  id,
  position: { x, y },
  data: {},
  measured: { width, height },
});

/** Where a graph point lands in the picture under a `translate(x, y) scale(z)` transform. */
function project(transform: string, x: number, y: number): [number, number] {
  const m = /translate\((-?[\d.e+-]+)px, (-?[\d.e+-]+)px\) scale\(([\d.e+-]+)\)/.exec(transform);
  if (!m) throw new Error(`unexpected transform ${transform}`);
  const [tx, ty, zoom] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return [tx + x * zoom, ty + y * zoom];
}

describe('frameForBounds', () => {
  it('has nothing to frame on an empty canvas', () => {
    expect(frameForNodes([])).toBeUndefined();
    expect(frameForBounds({ x: 0, y: 0, width: 0, height: 0 })).toBeUndefined();
  });

  it('fits every node inside the picture at natural size', () => {
    const frame = frameForNodes([node('a', -300, 40), node('b', 500, 400)]);
    if (!frame) throw new Error('no frame');
    // Nodes span x -300..600 and y 40..450; 32 px of margin on each side.
    expect(frame.width).toBe(900 + 64);
    expect(frame.height).toBe(410 + 64);
    const [left, top] = project(frame.transform, -300, 40);
    const [right, bottom] = project(frame.transform, 600, 450);
    expect(left).toBeGreaterThanOrEqual(0);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(right).toBeLessThanOrEqual(frame.width);
    expect(bottom).toBeLessThanOrEqual(frame.height);
  });

  it('scales a huge graph down to at most 4096 pixels a side', () => {
    const frame = frameForNodes([node('a', 0, 0), node('b', 20_000, 1_000)]);
    if (!frame) throw new Error('no frame');
    expect(frame.width).toBeLessThanOrEqual(4096);
    const [right] = project(frame.transform, 20_100, 1_050);
    expect(right).toBeLessThanOrEqual(frame.width);
  });
});
