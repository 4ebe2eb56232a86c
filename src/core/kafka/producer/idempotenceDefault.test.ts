// enable.idempotence left out: Kafka 4.x turns it on unless acks or max.in.flight rule it out
// (kafka-spark-facts.md: "true; needs max.in.flight <= 5 and acks=all"); set, the user's choice holds.
import { describe, expect, it } from 'vitest';
import type { PipelineInput } from '../../../model/types';
import { Simulation } from '../../engine/simulation';
import { pipeline } from '../../testing/pipelines';

type ProducerConfig = NonNullable<NonNullable<PipelineInput['producers']>[number]['config']>;

function idempotent(config: ProducerConfig): boolean {
  const doc = pipeline({
    version: 1,
    cluster: { brokers: [{ id: 'b1' }] },
    topics: [{ id: 't' }],
    producers: [{ id: 'p', rate: { recordsPerSec: 10 }, config }],
    edges: [{ from: 'p', to: 't' }],
  });
  return new Simulation(doc).producers[0]!.idempotent;
}

describe('enable.idempotence as Kafka resolves it', () => {
  it('is on with every default (acks=all, 5 requests in flight)', () => {
    expect(idempotent({})).toBe(true);
  });

  it('stays on at the limit of 5 requests in flight, and goes off at 6', () => {
    expect(idempotent({ 'max.in.flight.requests.per.connection': 5 })).toBe(true);
    expect(idempotent({ 'max.in.flight.requests.per.connection': 1 })).toBe(true);
    expect(idempotent({ 'max.in.flight.requests.per.connection': 6 })).toBe(false);
  });

  it('goes off when acks is 1 or 0, and stays on with acks -1 (all)', () => {
    expect(idempotent({ acks: '1' })).toBe(false);
    expect(idempotent({ acks: '0' })).toBe(false);
    expect(idempotent({ acks: -1 })).toBe(true);
  });

  it("follows the user's explicit choice", () => {
    expect(idempotent({ 'enable.idempotence': false })).toBe(false);
    expect(idempotent({ 'enable.idempotence': true })).toBe(true);
  });
});
