// cleanup.policy and the cleaner settings as the document takes them: Kafka's values, and refusals
// that name the field and the rule.
import { describe, expect, it } from 'vitest';
import { parsePipeline, type ParseResult } from '../parse';

function docWith(topicConfig: Record<string, unknown>, clusterConfig: Record<string, unknown> = {}) {
  return {
    version: 1,
    cluster: { config: clusterConfig, brokers: [{ id: 'b1' }] },
    topics: [{ id: 'state', config: topicConfig }],
    producers: [{ id: 'app', rate: { recordsPerSec: 100 }, keys: { kind: 'uniform', count: 10 } }],
    edges: [{ from: 'app', to: 'state' }],
  };
}

function errorsOf(r: ParseResult): string[] {
  if (r.ok) throw new Error('expected errors');
  return r.errors;
}

function topicConfig(r: ParseResult) {
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.doc.topics[0]!.config;
}

describe('cleanup.policy', () => {
  it('takes delete, compact and both, in either order', () => {
    expect(topicConfig(parsePipeline(docWith({})))['cleanup.policy']).toBe('delete');
    expect(topicConfig(parsePipeline(docWith({ 'cleanup.policy': 'compact' })))['cleanup.policy']).toBe(
      'compact',
    );
    for (const both of ['compact,delete', 'delete,compact', 'delete, compact'])
      expect(topicConfig(parsePipeline(docWith({ 'cleanup.policy': both })))['cleanup.policy']).toBe(
        'compact,delete',
      );
  });

  it('refuses a value Kafka does not know, naming the field and what it takes', () => {
    const [message] = errorsOf(parsePipeline(docWith({ 'cleanup.policy': 'compacted' })));
    expect(message).toContain('cleanup.policy');
    expect(message).toContain('compact');
    expect(message).toContain('delete');
    expect(errorsOf(parsePipeline(docWith({ 'cleanup.policy': 'compact,compact' })))[0]).toContain(
      'cleanup.policy',
    );
  });
});

describe('the cleaner settings', () => {
  it('refuses a delete.retention.ms below 0 with the rule', () => {
    const [message] = errorsOf(parsePipeline(docWith({ 'delete.retention.ms': -1 })));
    expect(message).toContain('delete.retention.ms');
    expect(message).toContain('at least 0');
    expect(message).toContain('tombstone');
  });

  it('refuses a dirty ratio outside 0..1 and a negative compaction lag', () => {
    expect(errorsOf(parsePipeline(docWith({ 'min.cleanable.dirty.ratio': 1.5 })))[0]).toContain(
      'min.cleanable.dirty.ratio',
    );
    expect(errorsOf(parsePipeline(docWith({ 'min.compaction.lag.ms': -5 })))[0]).toContain(
      'min.compaction.lag.ms',
    );
  });

  it('takes the broker-wide cleaner settings, the I/O limit left out meaning none', () => {
    const r = parsePipeline(
      docWith({}, { 'log.cleaner.threads': 2, 'log.cleaner.io.max.bytes.per.second': 1e6 }),
    );
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.doc.cluster.config['log.cleaner.threads']).toBe(2);
    expect(r.doc.cluster.config['log.cleaner.io.max.bytes.per.second']).toBe(1e6);
    expect(errorsOf(parsePipeline(docWith({}, { 'log.cleaner.threads': -1 })))[0]).toContain(
      'log.cleaner.threads',
    );
  });
});
