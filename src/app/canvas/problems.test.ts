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

  it('adds the pipeline check’s own findings, without repeating what the document check says', () => {
    const base = testDoc();
    // testDoc's topic keeps Kafka's default replication factor, 1.
    expect(problemsOf(base, 'clicks').warnings).toEqual([
      expect.stringMatching(/replication factor 1.*broker is lost/),
    ]);
    const cut = deleteEdges(base, [{ from: 'web', to: 'clicks' }]);
    // One sentence for the producer (the document check's), not two.
    expect(problemsOf(cut, 'web').warnings).toEqual([expect.stringMatching(/not connected to a topic/)]);
    const spare = { ...base, sinks: [...base.sinks, { ...base.sinks[0]!, id: 'spare' }] };
    expect(problemsOf(spare, 'spare').warnings).toEqual([expect.stringMatching(/writes to it/)]);
  });

  it('answers from the same computation for the same document', () => {
    const doc = testDoc();
    expect(problemsOf(doc, 'web')).toBe(problemsOf(doc, 'web'));
  });
});
