// What Kafka refuses about transactional producers, refused before the run with the field and rule.
import { describe, expect, it } from 'vitest';
import { parsePipeline } from './parse';
import type { PipelineInput } from './types';

type ProducerInput = NonNullable<PipelineInput['producers']>[number];

function parse(producer: Partial<ProducerInput>, brokerConfig: Record<string, unknown> = {}) {
  return parsePipeline({
    version: 1,
    cluster: { brokers: [{ id: 'b1' }], config: brokerConfig },
    topics: [{ id: 't' }],
    producers: [{ id: 'p', rate: { recordsPerSec: 10 }, ...producer }],
    edges: [{ from: 'p', to: 't' }],
  });
}

const errorsOf = (r: ReturnType<typeof parsePipeline>) => (r.ok ? [] : r.errors);

describe('transactional producer settings', () => {
  it('accepts transactional.id with the defaults (acks=all, idempotence on)', () => {
    const r = parse({ config: { 'transactional.id': 'tx-1' } });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.doc.producers[0]!.config['transaction.timeout.ms']).toBe(60_000);
    if (r.ok) expect(r.doc.producers[0]!.transactionCommitIntervalMs).toBe(100);
  });

  it('refuses transactional.id with acks other than all', () => {
    for (const acks of ['1', '0'] as const) {
      const errors = errorsOf(parse({ config: { 'transactional.id': 'tx-1', acks } }));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain('producer "p": transactional.id needs acks=all');
      expect(errors[0]).toContain(`acks=${acks}`);
    }
  });

  it('refuses transactional.id with idempotence off, or max.in.flight above 5', () => {
    const off = errorsOf(parse({ config: { 'transactional.id': 'tx-1', 'enable.idempotence': false } }));
    expect(off.join('\n')).toContain('transactional.id needs enable.idempotence=true');
    const inflight = errorsOf(
      parse({ config: { 'transactional.id': 'tx-1', 'max.in.flight.requests.per.connection': 6 } }),
    );
    expect(inflight.join('\n')).toContain('max.in.flight.requests.per.connection <= 5');
    // Without transactional.id, idempotence off is fine.
    expect(parse({ config: { 'enable.idempotence': false } }).ok).toBe(true);
  });

  it('refuses a transaction.timeout.ms above the brokers transaction.max.timeout.ms', () => {
    const above = errorsOf(
      parse({ config: { 'transactional.id': 'tx-1', 'transaction.timeout.ms': 900_001 } }),
    );
    expect(above.join('\n')).toContain('transaction.timeout.ms (900001) must be at most');
    expect(parse({ config: { 'transactional.id': 'tx-1', 'transaction.timeout.ms': 900_000 } }).ok).toBe(
      true,
    );
    const lowered = errorsOf(
      parse(
        { config: { 'transactional.id': 'tx-1', 'transaction.timeout.ms': 60_000 } },
        { 'transaction.max.timeout.ms': 30_000 },
      ),
    );
    expect(lowered.join('\n')).toContain("the brokers' transaction.max.timeout.ms (30000)");
  });

  it('refuses an empty transactional.id and an unknown isolation.level', () => {
    expect(errorsOf(parse({ config: { 'transactional.id': '' } })).join('\n')).toContain('transactional.id');
    const r = parsePipeline({
      version: 1,
      cluster: { brokers: [{ id: 'b1' }] },
      topics: [{ id: 't' }],
      consumerGroups: [{ id: 'g', config: { 'isolation.level': 'read_comitted' } }],
      edges: [{ from: 't', to: 'g' }],
    });
    expect(errorsOf(r).join('\n')).toContain('isolation.level');
  });
});
