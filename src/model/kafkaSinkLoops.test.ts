// The loop check of Spark jobs writing to topics stays linear per job: counted in steps, not timed.
import { describe, expect, it } from 'vitest';
import { nodeKinds } from './graph';
import { kafkaSinkLoops } from './kafkaSinkLoops';
import { parsePipeline } from './parse';
import type { Pipeline } from './types';

function build(jobs: number, reads: number, writes: number, extraEdges: { from: string; to: string }[] = []) {
  const edges: { from: string; to: string }[] = [];
  for (let j = 0; j < jobs; j++) {
    for (let r = 0; r < reads; r++) edges.push({ from: `t${(j * 7 + r) % 1000}`, to: `j${j}` });
    for (let w = 0; w < writes; w++) edges.push({ from: `j${j}`, to: `t${(j * 13 + w * 3 + 500) % 1000}` });
  }
  const result = parsePipeline(
    {
      version: 1,
      cluster: { brokers: [{ id: 'b' }] },
      topics: Array.from({ length: 1000 }, (_, i) => ({ id: `t${i}` })),
      sparkJobs: Array.from({ length: jobs }, (_, j) => ({ id: `j${j}` })),
      edges: [...edges, ...extraEdges],
    },
    { draft: true },
  );
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.doc;
}

function loops(doc: Pipeline) {
  const outgoing = new Map<string, string[]>();
  const incoming = new Map<string, string[]>();
  for (const e of doc.edges) {
    outgoing.set(e.from, [...(outgoing.get(e.from) ?? []), e.to]);
    incoming.set(e.to, [...(incoming.get(e.to) ?? []), e.from]);
  }
  return kafkaSinkLoops(doc, nodeKinds(doc), outgoing, incoming);
}

describe('kafkaSinkLoops work', () => {
  it('100 jobs reading and writing 50 topics each (10,000 edges): at most jobs x edges steps', () => {
    const doc = build(100, 50, 50);
    expect(doc.edges).toHaveLength(10_000);
    const report = loops(doc);
    // Each job's walk visits a topic or a job at most once, so it follows each edge at most once.
    // The walk from every written topic through every job per topic it reads took ~1e9 steps here.
    expect(report.steps).toBeGreaterThan(0);
    expect(report.steps).toBeLessThanOrEqual(doc.sparkJobs.length * doc.edges.length);
    // Thousands of problems (every job reads and writes 50 topics) are shown as 20 and a count.
    const draft = parsePipeline(doc, { draft: true });
    expect(draft.ok && draft.problems.length).toBe(21);
    expect(draft.ok && draft.problems[20]).toMatch(/^\.\.\. and \d+ more$/);
  });

  it('still finds a loop through a chain of 50 jobs, naming where it starts and comes back', () => {
    // j0 reads t0 and writes t1, j1 reads t1 and writes t2, ..., j49 reads t49 and writes t50.
    const chain = (last: string) =>
      Array.from({ length: 50 }, (_, j) => [
        { from: `t${j}`, to: `j${j}` },
        { from: `j${j}`, to: j === 49 ? last : `t${j + 1}` },
      ]).flat();
    expect(loops(build(50, 0, 0, chain('t50'))).errors).toEqual([]);
    // j49 writing t0 instead brings everything back to where j0 reads.
    const errors = loops(build(50, 0, 0, chain('t0'))).errors;
    expect(errors).toContain(
      'Spark job "j0" writes to topic "t1", whose records come back through other jobs to topic "t0", which it reads (a loop); write to a topic the job does not depend on',
    );
    expect(errors).toHaveLength(50); // every job of the ring is in the loop
  });
});
