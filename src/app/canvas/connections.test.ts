import { describe, expect, it } from 'vitest';
import { checkGraph } from '../../model';
import { connect, refuseConnection } from './connections';
import { addNode } from './nodeFactory';
import { testDoc } from './testDoc';

describe('connection rules', () => {
  it('accepts the connections the engine understands', () => {
    let doc = addNode(testDoc(), 'producer', { x: 0, y: 0 }).doc;
    doc = addNode(doc, 'consumerGroup', { x: 0, y: 0 }).doc;
    expect(refuseConnection(doc, 'producer-1', 'clicks')).toBeUndefined();
    expect(refuseConnection(doc, 'clicks', 'group-1')).toBeUndefined();
    expect(refuseConnection(doc, 'audit', 'db')).toBeUndefined();
    const result = connect(doc, 'producer-1', 'clicks');
    expect(result.ok && checkGraph(result.doc).errors).toEqual([]);
  });

  it('refuses a producer feeding a sink, with the model’s reason', () => {
    expect(refuseConnection(testDoc(), 'web', 'db')).toMatch(/^A producer writes to a topic, not to a sink/);
  });

  it('refuses a second topic for a producer and a second source for a reader', () => {
    const doc = addNode(testDoc(), 'topic', { x: 0, y: 0 }).doc;
    expect(refuseConnection(doc, 'web', 'topic-1')).toMatch(
      /writes to one topic; "web" already writes to "clicks"/,
    );
    expect(refuseConnection(doc, 'topic-1', 'job')).toMatch(/reads one topic; "job" already reads "clicks"/);
    expect(refuseConnection(doc, 'topic-1', 'audit')).toMatch(/reads one topic/);
  });

  it('takes a second topic into a job as the other stream of its stream-stream join', () => {
    let doc = addNode(testDoc(), 'topic', { x: 0, y: 0 }).doc;
    doc = {
      ...doc,
      sparkJobs: doc.sparkJobs.map((j) =>
        j.id === 'job'
          ? {
              ...j,
              stages: [
                { id: 'pair', kind: 'streamJoin', withinMs: 10_000, matchRate: 1, costPerRecordUs: 3 },
                ...j.stages,
              ],
            }
          : j,
      ),
    };
    expect(checkGraph(doc).errors.join()).toMatch(/needs the other stream: connect a second topic/);
    const result = connect(doc, 'topic-1', 'job');
    if (!result.ok) throw new Error(result.reason);
    const stage = result.doc.sparkJobs.find((j) => j.id === 'job')!.stages[0]!;
    expect(stage.kind === 'streamJoin' && stage.topic).toBe('topic-1');
    expect(checkGraph(result.doc).errors).toEqual([]);
    // Once the join has its topic, a third one is refused again.
    const third = addNode(result.doc, 'topic', { x: 0, y: 0 }).doc;
    expect(refuseConnection(third, 'topic-2', 'job')).toMatch(/reads one topic/);
  });

  it('refuses duplicates, self-loops, stages, brokers and unknown ids', () => {
    const doc = testDoc();
    expect(refuseConnection(doc, 'web', 'clicks')).toMatch(/already connected/);
    expect(refuseConnection(doc, 'clicks', 'clicks')).toMatch(/itself/);
    expect(refuseConnection(doc, 'clicks', 'parse')).toMatch(/Spark job itself/);
    expect(refuseConnection(doc, 'b1', 'clicks')).toMatch(/Brokers/);
    expect(refuseConnection(doc, 'nope', 'clicks')).toMatch(/no longer exists/);
    const refused = connect(doc, 'web', 'db');
    expect(refused.ok).toBe(false);
  });
});
