import { describe, expect, it } from 'vitest';
import { testDoc } from '../canvas/testDoc';
import { runKey } from '../run/runStore';
import { reportedFor } from './shownGaps';

describe("the worker's refusals in the check", () => {
  const doc = testDoc();
  const problems = ['the simulation could not start: boom'];

  it('are listed for the document they are about, moved nodes and all', () => {
    expect(reportedFor(doc, { problems, problemsKey: runKey(doc) })).toEqual(problems);
    const moved = { ...doc, layout: { ...doc.layout, web: { x: 999, y: 999 } } };
    expect(reportedFor(moved, { problems, problemsKey: runKey(doc) })).toEqual(problems);
  });

  it('are not listed once the document has changed (until the worker has read the new one)', () => {
    const edited = {
      ...doc,
      producers: doc.producers.map((p) => ({ ...p, recordBytes: p.recordBytes + 1 })),
    };
    expect(reportedFor(edited, { problems, problemsKey: runKey(doc) })).toEqual([]);
    expect(reportedFor(doc, { problems, problemsKey: null })).toEqual([]);
  });
});
