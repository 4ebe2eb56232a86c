import { describe, expect, it } from 'vitest';
import { deleteEdges } from './editing';
import { firstError, problemsOf } from './problems';
import { testDoc } from './testDoc';

describe('problems by node', () => {
  it('files each document check message under every node it names', () => {
    const base = testDoc();
    const doc = {
      ...deleteEdges(base, [{ from: 'clicks', to: 'audit' }]),
      topics: [{ ...base.topics[0]!, replicationFactor: 5 }],
    };
    expect(firstError(doc, 'clicks')).toMatch(/replicationFactor 5 is more than the 3 broker/);
    expect(problemsOf(doc, 'audit').warnings[0]).toMatch(/not connected to a topic/);
    expect(problemsOf(doc, 'web')).toEqual({ errors: [], warnings: [] });
  });

  it('answers from the same computation for the same document', () => {
    const doc = testDoc();
    expect(problemsOf(doc, 'web')).toBe(problemsOf(doc, 'web'));
  });
});
