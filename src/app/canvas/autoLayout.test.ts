import { describe, expect, it } from 'vitest';
import { autoLayout } from './autoLayout';
import { jobSize, NODE_HEIGHT, NODE_WIDTH } from './flowView';
import { addNode } from './nodeFactory';
import { testDoc } from './testDoc';

describe('auto-layout', () => {
  it('places every node, left to right along the edges, with no two overlapping', () => {
    // A messy start: everything piled on one spot, plus two unconnected nodes.
    let doc = testDoc();
    doc = { ...doc, layout: Object.fromEntries(Object.keys(doc.layout).map((id) => [id, { x: 7, y: 7 }])) };
    doc = addNode(doc, 'producer', { x: 7, y: 7 }).doc;
    doc = addNode(doc, 'dashboard', { x: 7, y: 7 }).doc;
    const positions = autoLayout(doc);
    const sizeOf = (id: string) => (id === 'job' ? jobSize(2) : { width: NODE_WIDTH, height: NODE_HEIGHT });
    const boxes = [...positions].map(([id, p]) => ({ id, ...p, ...sizeOf(id) }));
    expect(boxes.map((b) => b.id).sort()).toEqual([
      'audit',
      'clicks',
      'db',
      'job',
      'producer-1',
      'sink-1',
      'web',
    ]);
    for (const a of boxes)
      for (const b of boxes) {
        if (a === b) continue;
        const apart =
          a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
      }
    const x = (id: string) => positions.get(id)!.x;
    expect(x('web')).toBeLessThan(x('clicks'));
    expect(x('clicks')).toBeLessThan(x('job'));
    expect(x('job')).toBeLessThan(x('db'));
  });

  it('uses measured sizes when it has them', () => {
    const doc = testDoc();
    const tall = autoLayout(doc, new Map([['audit', { width: 190, height: 600 }]]));
    const plain = autoLayout(doc);
    const gap = (p: Map<string, { y: number }>) => Math.abs(p.get('audit')!.y - p.get('job')!.y);
    expect(gap(tall)).toBeGreaterThan(gap(plain));
  });
});
