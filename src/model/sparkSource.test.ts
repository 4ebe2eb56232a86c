// What a receiver source refuses or warns about before a run, each naming the field and the rule.
import { describe, expect, it } from 'vitest';
import { parsePipeline } from './parse';

function doc(over: { source?: object; job?: object; config?: object; edges?: object[] } = {}) {
  return {
    version: 1,
    cluster: { brokers: [{ id: 'b1' }] },
    topics: [{ id: 't', partitions: 1, replicationFactor: 1 }],
    sparkSources: [
      {
        id: 'feed',
        kind: 'socket',
        rate: { kind: 'constant', recordsPerSec: 100 },
        receivers: 2,
        ...over.source,
      },
    ],
    sparkJobs: [
      {
        id: 'job',
        batchIntervalMs: 1000,
        config: { 'spark.executor.instances': 2, 'spark.executor.cores': 2, ...over.config },
        ...over.job,
      },
    ],
    edges: over.edges ?? [{ from: 'feed', to: 'job' }],
  };
}

function warnings(value: unknown): string[] {
  const r = parsePipeline(value);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.warnings;
}

function errors(value: unknown): string[] {
  const r = parsePipeline(value);
  return r.ok ? [] : r.errors;
}

describe('receiver source checks', () => {
  it("a valid source and job parse without warnings, with Spark's defaults", () => {
    const r = parsePipeline(doc());
    expect(r.ok && r.warnings).toEqual([]);
    if (!r.ok) return;
    expect(r.doc.sparkSources[0]!.recordBytes).toBe(100);
    expect(r.doc.sparkJobs[0]!.config['spark.streaming.blockInterval']).toBe(200);
  });

  it('warns about a block interval longer than the batch interval', () => {
    const w = warnings(doc({ config: { 'spark.streaming.blockInterval': 1500 } }));
    expect(w).toHaveLength(1);
    expect(w[0]).toContain(
      'spark.streaming.blockInterval (1500 ms) is longer than the batch interval (1000 ms)',
    );
    // Equal is fine: one block per receiver and batch.
    expect(warnings(doc({ config: { 'spark.streaming.blockInterval': 1000 } }))).toEqual([]);
  });

  it('says before the run that receivers taking every core leave no batch running', () => {
    // 2 executors x 2 cores = 4: 3 receivers leave one core, 4 leave none.
    expect(warnings(doc({ source: { receivers: 3 } }))).toEqual([]);
    const w = warnings(doc({ source: { receivers: 4 } }));
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(
      /receivers \(4, of receiver source "feed"\) must be fewer than spark\.executor\.instances x spark\.executor\.cores \(4\).*never run a batch/,
    );
  });

  it('a file source has no receivers: neither rule applies to it', () => {
    const file = doc({
      source: { kind: 'file', receivers: 4 },
      config: { 'spark.streaming.blockInterval': 1500 },
    });
    expect(warnings(file)).toEqual([]);
  });

  it("refuses a block interval that is not positive, with Spark's words", () => {
    const e = errors(doc({ config: { 'spark.streaming.blockInterval': 0 } }));
    expect(e.join('\n')).toContain("'spark.streaming.blockInterval' should be a positive value");
    expect(e.join('\n')).toContain('spark.streaming.blockInterval');
  });

  it('refuses a rate without a number, and connections a receiver source cannot have', () => {
    expect(errors(doc({ source: { rate: { kind: 'max' } } })).join('\n')).toContain(
      "kind 'max' is for Kafka producers",
    );
    expect(errors(doc({ edges: [{ from: 'feed', to: 't' }] })).join('\n')).toContain(
      'a receiver source is read by a Spark job',
    );
    expect(errors(doc({ edges: [{ from: 't', to: 'feed' }] })).join('\n')).toContain(
      'a receiver source has no inputs',
    );
  });
});
