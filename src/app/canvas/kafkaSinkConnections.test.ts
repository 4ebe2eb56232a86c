// Spark job -> topic (a job's Kafka sink) on the canvas: a second topic, or a topic that would
// bring the job's output back to it, is refused with a reason.
import { describe, expect, it } from 'vitest';
import { checkGraph, parsePipeline, type Pipeline, type PipelineInput } from '../../model';
import { connect, refuseConnection } from './connections';

const CHAIN = [
  { from: 'p', to: 't1' },
  { from: 't1', to: 'A' },
  { from: 'A', to: 't2' },
  { from: 't2', to: 'B' },
];

function doc(edges: { from: string; to: string }[]): Pipeline {
  const input: PipelineInput = {
    version: 1,
    cluster: { brokers: [{ id: 'b1' }] },
    topics: [{ id: 't1' }, { id: 't2' }, { id: 't3' }],
    producers: [{ id: 'p', rate: { recordsPerSec: 10 } }],
    sparkJobs: [{ id: 'A' }, { id: 'B' }],
    consumerGroups: [{ id: 'g' }],
    sinks: [{ id: 'db', kind: 'database' }],
    edges,
  };
  const r = parsePipeline(input, { draft: true });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.doc;
}

describe('Spark job -> topic on the canvas', () => {
  it('connects a job to a topic', () => {
    const d = doc(CHAIN.slice(0, 2));
    expect(refuseConnection(d, 'A', 't2')).toBeUndefined();
    const result = connect(d, 'A', 't2');
    expect(result.ok && checkGraph(result.doc).errors).toEqual([]);
  });

  it('refuses a second topic for a job, naming the first', () => {
    expect(refuseConnection(doc(CHAIN), 'A', 't3')).toBe(
      'A Spark job writes to one topic; "A" already writes to "t2". Remove that connection first, or connect a sink for another output.',
    );
    // A sink besides the topic is fine.
    expect(refuseConnection(doc(CHAIN), 'A', 'db')).toBeUndefined();
  });

  it('refuses a job writing to its own topic, and a job reading its own output', () => {
    const d = doc(CHAIN.slice(0, 2));
    expect(refuseConnection(d, 'A', 't1')).toMatch(/"A" would write to "t1" and read it: .*\(a loop\)/);
    const writesOnly = doc([{ from: 'A', to: 't2' }]);
    expect(refuseConnection(writesOnly, 't2', 'A')).toMatch(/\(a loop\)/);
  });

  it('refuses a loop through another job', () => {
    expect(refuseConnection(doc(CHAIN), 'B', 't1')).toMatch(/through other jobs \(a loop\)/);
  });

  it('still refuses a consumer group writing to a topic', () => {
    expect(refuseConnection(doc(CHAIN), 'g', 't3')).toMatch(
      /^In this version only producers write to topics/,
    );
  });
});
