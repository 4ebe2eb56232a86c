import { describe, expect, it } from 'vitest';
import { findEntity, replaceEntity } from './entities';
import {
  docToFlow,
  findFreeSpot,
  jobAt,
  jobNear,
  jobSize,
  reconcileNodes,
  STAGE_WIDTH,
  stagePosition,
  type FlowNode,
} from './flowView';
import { testDoc } from './testDoc';

describe('document -> flow view', () => {
  it('makes one node per document node, stages as children of their job, in order', () => {
    const { nodes } = docToFlow(testDoc(), new Set(['web']));
    expect(nodes.map((n) => [n.id, n.type, n.parentId])).toEqual([
      ['web', 'producer', undefined],
      ['clicks', 'topic', undefined],
      ['audit', 'consumerGroup', undefined],
      ['job', 'sparkJob', undefined],
      ['parse', 'sparkStage', 'job'],
      ['write', 'sparkStage', 'job'],
      ['db', 'sink', undefined],
    ]);
    expect(nodes.find((n) => n.id === 'web')?.selected).toBe(true);
    expect(nodes.find((n) => n.id === 'clicks')?.position).toEqual({ x: 250, y: 0 });
    // The second stage sits one stage width (plus gap) to the right of the first, inside the box.
    const [first, second] = nodes.filter((n) => n.type === 'sparkStage');
    expect(second!.position.x - first!.position.x).toBeGreaterThan(STAGE_WIDTH);
    expect(second!.position.x + STAGE_WIDTH).toBeLessThan(jobSize(2).width);
  });

  it('edges carry the document ids, so live rates can be looked up by `${from}->${to}`', () => {
    const { edges } = docToFlow(testDoc(), new Set(), new Set(['web->clicks']));
    expect(edges.map((e) => e.id)).toEqual(['web->clicks', 'clicks->job', 'clicks->audit', 'job->db']);
    expect(edges[0]?.selected).toBe(true);
    expect(edges[1]?.selected).toBe(false);
  });

  it('nodes without a saved position get distinct ones, in flow order', () => {
    const doc = { ...testDoc(), layout: {} };
    const { nodes } = docToFlow(doc, new Set());
    const top = nodes.filter((n) => !n.parentId);
    const spots = new Set(top.map((n) => `${n.position.x},${n.position.y}`));
    expect(spots.size).toBe(top.length);
    const x = (id: string) => top.find((n) => n.id === id)!.position.x;
    expect(x('web')).toBeLessThan(x('clicks'));
    expect(x('clicks')).toBeLessThan(x('job'));
    expect(x('job')).toBeLessThan(x('db'));
  });

  it('reconciling keeps the objects of unchanged nodes and replaces only the edited one', () => {
    const doc = testDoc();
    const first = docToFlow(doc, new Set()).nodes.map((n) => ({
      ...n,
      measured: { width: 190, height: 80 },
    }));
    const ref = findEntity(doc, 'clicks')!;
    const edited = replaceEntity(doc, ref, { ...(ref.value as object), partitions: 8 } as typeof ref.value);
    const next = reconcileNodes(first as FlowNode[], docToFlow(edited, new Set()).nodes);
    next.forEach((n, i) => {
      if (n.id === 'clicks') {
        expect(n).not.toBe(first[i]);
        // The measured size is carried over so the node does not blink while measured again.
        expect(n.measured).toEqual({ width: 190, height: 80 });
      } else expect(n).toBe(first[i]);
    });
  });

  it('finds the job under a drop point, and none outside', () => {
    const { nodes } = docToFlow(testDoc(), new Set());
    expect(jobAt(nodes, { x: 510, y: 20 })).toBe('job');
    expect(jobAt(nodes, { x: 500 + jobSize(2).width + 5, y: 20 })).toBeUndefined();
    expect(jobAt(nodes, { x: 260, y: 10 })).toBeUndefined();
  });

  it('a stage dropped near a job joins it; the nearer of two jobs wins; far away, none', () => {
    const base = testDoc();
    // A second job right of the first, 100 flow units past its right edge.
    const firstRight = 500 + jobSize(2).width;
    const doc = {
      ...base,
      sparkJobs: [...base.sparkJobs, { ...base.sparkJobs[0]!, id: 'job2', stages: [] }],
      layout: { ...base.layout, job2: { x: firstRight + 100, y: 0 } },
    };
    const { nodes } = docToFlow(doc, new Set());
    const height = jobSize(2).height;
    // Under the pointer: that job, whatever the reach.
    expect(jobNear(nodes, { x: 510, y: 20 }, 0)).toBe('job');
    // 30 below the first job's bottom edge: within a reach of 40, not within 20.
    expect(jobNear(nodes, { x: 600, y: height + 30 }, 40)).toBe('job');
    expect(jobNear(nodes, { x: 600, y: height + 30 }, 20)).toBeUndefined();
    // Between the two: 30 from the first job's edge, 70 from the second's.
    expect(jobNear(nodes, { x: firstRight + 30, y: 20 }, 80)).toBe('job');
    expect(jobNear(nodes, { x: firstRight + 70, y: 20 }, 80)).toBe('job2');
    // Diagonal distance counts: 30 right and 40 below a corner is 50 away.
    expect(jobNear(nodes, { x: firstRight + 30, y: height + 40 }, 49)).toBeUndefined();
    expect(jobNear(nodes, { x: firstRight + 30, y: height + 40 }, 51)).toBe('job');
  });

  it('stage positions step by width plus gap', () => {
    expect(stagePosition(1).x - stagePosition(0).x).toBeGreaterThan(STAGE_WIDTH);
  });

  it('a free spot never overlaps what is there', () => {
    const size = { width: 100, height: 50 };
    const taken = [{ x: 0, y: 0, width: 100, height: 50 }];
    expect(findFreeSpot([], { x: 0, y: 0 }, size)).toEqual({ x: 0, y: 0 });
    const spot = findFreeSpot(taken, { x: 10, y: 10 }, size);
    const apart = spot.x >= 100 || spot.x + 100 <= 0 || spot.y >= 50 || spot.y + 50 <= 0;
    expect(apart).toBe(true);
    // It prefers the right and below, the way records flow (and where the view usually has room).
    expect(spot.x).toBeGreaterThanOrEqual(10);
    expect(spot.y).toBeGreaterThanOrEqual(10);
  });
});
