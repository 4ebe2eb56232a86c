// Spark job -> topic (a job's Kafka sink): the document check (the canvas rules are in
// src/app/canvas/kafkaSinkConnections.test.ts).
import { describe, expect, it } from 'vitest';
import { checkGraph, connectionRefusal } from './graph';
import { parsePipeline } from './parse';
import type { Pipeline, PipelineInput } from './types';

const base = (edges: { from: string; to: string }[]): PipelineInput => ({
  version: 1,
  cluster: { brokers: [{ id: 'b1' }] },
  topics: [{ id: 't1' }, { id: 't2' }, { id: 't3' }],
  producers: [{ id: 'p', rate: { recordsPerSec: 10 } }],
  sparkJobs: [{ id: 'A' }, { id: 'B' }],
  consumerGroups: [{ id: 'g' }],
  sinks: [{ id: 'db', kind: 'database' }],
  edges,
});

const CHAIN = [
  { from: 'p', to: 't1' },
  { from: 't1', to: 'A' },
  { from: 'A', to: 't2' },
  { from: 't2', to: 'B' },
];

function errorsOf(edges: { from: string; to: string }[]): string[] {
  const r = parsePipeline(base(edges));
  return r.ok ? [] : r.errors;
}

function doc(edges: { from: string; to: string }[]): Pipeline {
  const r = parsePipeline(base(edges), { draft: true });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.doc;
}

describe('Spark job -> topic in the document', () => {
  it('is an allowed connection kind', () => {
    expect(connectionRefusal('sparkJob', 'topic')).toBeUndefined();
    expect(connectionRefusal('consumerGroup', 'topic')).toMatch(/only producers write to topics/);
    expect(connectionRefusal('consumerGroup', 'topic')).toMatch(/Spark jobs/);
  });

  it('accepts a job writing to a topic read by another job, a group, and a sink besides', () => {
    const edges = [...CHAIN, { from: 't2', to: 'g' }, { from: 'A', to: 'db' }];
    expect(errorsOf(edges)).toEqual([]);
    expect(checkGraph(doc(edges)).warnings).toEqual([]);
  });

  it('refuses a job writing to two topics', () => {
    expect(errorsOf([...CHAIN, { from: 'A', to: 't3' }])).toContain(
      'Spark job "A" writes to 2 topics; a job writes to one topic (connect sinks for other outputs)',
    );
  });

  it('refuses a job writing to the topic it reads (a loop)', () => {
    expect(
      errorsOf([
        { from: 'p', to: 't1' },
        { from: 't1', to: 'A' },
        { from: 'A', to: 't1' },
      ]),
    ).toContain(
      'Spark job "A" writes to topic "t1", which it reads: its output would feed it again (a loop); write to another topic',
    );
  });

  it('refuses a loop through another job', () => {
    const errors = errorsOf([...CHAIN, { from: 'B', to: 't1' }]);
    expect(errors).toContain(
      'Spark job "A" writes to topic "t2", whose records come back through other jobs to topic "t1", which it reads (a loop); write to a topic the job does not depend on',
    );
    expect(errors.some((e) => e.startsWith('Spark job "B" writes to topic "t1"'))).toBe(true);
  });
});
