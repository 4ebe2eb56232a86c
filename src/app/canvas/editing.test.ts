import { describe, expect, it } from 'vitest';
import { checkGraph } from '../../model';
import {
  canMoveStage,
  deleteEdges,
  deleteNodes,
  DUPLICATE_OFFSET,
  duplicateNodes,
  moveNodes,
  moveStage,
} from './editing';
import { testDoc } from './testDoc';

describe('delete', () => {
  it('removes the node, every edge touching it and its layout entry', () => {
    const { doc } = deleteNodes(testDoc(), ['clicks']);
    expect(doc.topics).toEqual([]);
    expect(doc.edges).toEqual([{ from: 'job', to: 'db' }]);
    expect(doc.layout.clicks).toBeUndefined();
    expect(checkGraph(doc).errors).toEqual([]);
  });

  it('a job takes its stages with it; a stage alone leaves the job', () => {
    const withoutJob = deleteNodes(testDoc(), ['job']).doc;
    expect(withoutJob.sparkJobs).toEqual([]);
    expect(withoutJob.edges.some((e) => e.from === 'job' || e.to === 'job')).toBe(false);
    const withoutStage = deleteNodes(testDoc(), ['parse']).doc;
    expect(withoutStage.sparkJobs[0]?.stages.map((s) => s.id)).toEqual(['write']);
  });

  it('keeps the last broker and says why', () => {
    const result = deleteNodes(testDoc(), ['b1', 'b2', 'b3']);
    expect(result.doc.cluster.brokers.map((b) => b.id)).toEqual(['b1']);
    expect(result.kept).toMatch(/at least one broker/);
  });

  it('leaves untouched parts of the document as they were (same objects)', () => {
    const doc = testDoc();
    const next = deleteNodes(doc, ['db']).doc;
    expect(next.producers).toBe(doc.producers);
    expect(next.topics).toBe(doc.topics);
    expect(next.sparkJobs[0]).toBe(doc.sparkJobs[0]);
  });

  it('deletes selected edges only', () => {
    const doc = deleteEdges(testDoc(), [{ from: 'clicks', to: 'audit' }]);
    expect(doc.edges).toHaveLength(3);
    expect(doc.consumerGroups).toHaveLength(1);
  });
});

describe('duplicate', () => {
  it('copies a producer with a fresh id, offset position and its connection to the topic', () => {
    const { doc, ids } = duplicateNodes(testDoc(), ['web']);
    expect(ids).toEqual(['web-1']);
    expect(doc.producers.map((p) => p.id)).toEqual(['web', 'web-1']);
    expect(doc.layout['web-1']).toEqual({ x: DUPLICATE_OFFSET, y: DUPLICATE_OFFSET });
    expect(doc.edges).toContainEqual({ from: 'web-1', to: 'clicks' });
    expect(checkGraph(doc).errors).toEqual([]);
  });

  it('a copied topic does not take its producers or readers (that would break one-topic rules)', () => {
    const { doc, ids } = duplicateNodes(testDoc(), ['clicks']);
    expect(doc.edges.filter((e) => e.from === ids[0] || e.to === ids[0])).toEqual([]);
    expect(checkGraph(doc).errors).toEqual([]);
  });

  it('copies connections inside the selection and gives a job’s stages fresh ids', () => {
    const { doc, ids } = duplicateNodes(testDoc(), ['web', 'clicks', 'job']);
    const [web, clicks, job] = ids;
    expect(doc.edges).toContainEqual({ from: web, to: clicks });
    expect(doc.edges).toContainEqual({ from: clicks, to: job });
    expect(doc.edges).toContainEqual({ from: job, to: 'db' });
    const copy = doc.sparkJobs.find((j) => j.id === job);
    expect(copy?.stages.map((s) => s.kind)).toEqual(['map', 'sink']);
    expect(copy?.stages.map((s) => s.id)).not.toContain('parse');
    expect(checkGraph(doc).errors).toEqual([]);
  });

  it('a stage is copied right after itself; the sink stage is not copied', () => {
    const { doc } = duplicateNodes(testDoc(), ['parse', 'write']);
    expect(doc.sparkJobs[0]?.stages.map((s) => s.id)).toEqual(['parse', 'map-1', 'write']);
  });
});

describe('move', () => {
  it('writes rounded positions and returns the same document when nothing moved', () => {
    const doc = testDoc();
    expect(moveNodes(doc, new Map([['web', { x: 0, y: 0.2 }]]))).toBe(doc);
    const moved = moveNodes(doc, new Map([['web', { x: 10.6, y: -3.2 }]]));
    expect(moved.layout.web).toEqual({ x: 11, y: -3 });
  });

  it('reorders stages but never past the sink stage', () => {
    let doc = testDoc();
    const stages = doc.sparkJobs[0]!.stages;
    expect(canMoveStage(stages, 0, 1)).toBe(false);
    expect(canMoveStage(stages, 1, -1)).toBe(false);
    doc = {
      ...doc,
      sparkJobs: [{ ...doc.sparkJobs[0]!, stages: [stages[0]!, { ...stages[0]!, id: 'x' }, stages[1]!] }],
    };
    const moved = moveStage(doc, 'x', -1);
    expect(moved.sparkJobs[0]?.stages.map((s) => s.id)).toEqual(['x', 'parse', 'write']);
    expect(moveStage(moved, 'x', -1)).toBe(moved);
  });
});
