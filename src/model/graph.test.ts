// connectionRefusal: which connections mean something, and why the others are refused.
import { describe, expect, it } from 'vitest';
import { connectionRefusal } from './graph';
import { parsePipeline } from './parse';
import type { NodeKind } from './types';

const KINDS: NodeKind[] = ['broker', 'topic', 'producer', 'consumerGroup', 'sparkJob', 'sparkStage', 'sink'];

const ALLOWED: [NodeKind, NodeKind][] = [
  ['producer', 'topic'],
  ['topic', 'consumerGroup'],
  ['topic', 'sparkJob'],
  ['sparkJob', 'sink'],
  ['sparkJob', 'topic'],
  ['consumerGroup', 'sink'],
];

describe('connectionRefusal', () => {
  it.each(ALLOWED)('%s -> %s is allowed', (from, to) => {
    expect(connectionRefusal(from, to)).toBeUndefined();
  });

  it('refuses every other pair with a non-empty reason', () => {
    for (const from of KINDS)
      for (const to of KINDS) {
        if (ALLOWED.some(([f, t]) => f === from && t === to)) continue;
        const reason = connectionRefusal(from, to);
        expect(typeof reason, `${from} -> ${to}`).toBe('string');
        expect(reason!.length, `${from} -> ${to}`).toBeGreaterThan(10);
      }
  });

  it.each(['sink', 'consumerGroup', 'sparkJob', 'producer'] as NodeKind[])(
    'producer -> %s says a producer writes to a topic',
    (to) => {
      const reason = connectionRefusal('producer', to);
      expect(reason).toBeDefined();
      expect(reason).toMatch(/topic/);
    },
  );

  it('producer -> sink names the sink and tells to connect a topic first', () => {
    const reason = connectionRefusal('producer', 'sink')!;
    expect(reason).toContain('sink');
    expect(reason).toMatch(/connect it to a topic/);
  });

  it.each(['topic', 'consumerGroup', 'sparkJob', 'sink', 'broker'] as NodeKind[])(
    '%s -> producer: a producer has no inputs',
    (from) => {
      const reason = connectionRefusal(from, 'producer');
      expect(reason).toBeDefined();
      expect(reason).toMatch(/producer has no inputs/);
    },
  );

  it.each(['topic', 'consumerGroup', 'sparkJob', 'sink', 'broker'] as NodeKind[])(
    'sink -> %s: a sink has no outputs',
    (to) => {
      const reason = connectionRefusal('sink', to);
      expect(reason).toBeDefined();
      expect(reason).toMatch(/sink/);
      expect(reason).toMatch(/no outputs/);
    },
  );

  it('topic -> topic needs a consumer or Spark job between them', () => {
    const reason = connectionRefusal('topic', 'topic');
    expect(reason).toBeDefined();
    expect(reason).toMatch(/topics do not feed topics/);
    expect(reason).toMatch(/consumer or a Spark job/);
  });

  it.each(['consumerGroup', 'broker'] as NodeKind[])(
    '%s -> topic: only producers write to topics',
    (from) => {
      expect(connectionRefusal(from, 'topic')).toMatch(/only producers write to topics/);
    },
  );

  it('names both kinds for other refusals', () => {
    expect(connectionRefusal('consumerGroup', 'sparkJob')).toMatch(/a consumer group.*a Spark job/);
    expect(connectionRefusal('sparkJob', 'consumerGroup')).toMatch(/a Spark job.*a consumer group/);
  });

  it('is not symmetric', () => {
    expect(connectionRefusal('topic', 'producer')).toBeDefined();
    expect(connectionRefusal('sink', 'sparkJob')).toBeDefined();
    expect(connectionRefusal('consumerGroup', 'topic')).toBeDefined();
  });
});

describe('fault timeline', () => {
  const base = () => ({
    version: 1,
    cluster: { brokers: [{ id: 'b1' }, { id: 'b2' }] },
    topics: [{ id: 't', partitions: 4 }],
    producers: [{ id: 'p', rate: { recordsPerSec: 10 } }],
    consumerGroups: [{ id: 'g' }],
    edges: [
      { from: 'p', to: 't' },
      { from: 't', to: 'g' },
    ],
  });

  it('accepts faults that name nodes of the right kind, with their defaults', () => {
    const result = parsePipeline({
      ...base(),
      faults: [
        { kind: 'brokerDown', atSec: 10, broker: 'b1', durationSec: 30 },
        { kind: 'memberCrash', atSec: 20, group: 'g' },
        { kind: 'partitionCount', atSec: 30, topic: 't', partitions: 8 },
        { kind: 'producerSpike', atSec: 5, producer: 'p' },
      ],
    });
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.doc.faults[1]).toEqual({ kind: 'memberCrash', atSec: 20, group: 'g', count: 1 });
    expect(result.doc.faults[3]).toMatchObject({ factor: 5, durationSec: 30 });
  });

  it('refuses a fault whose target is missing or of another kind, naming it', () => {
    const result = parsePipeline({
      ...base(),
      faults: [
        { kind: 'brokerDown', atSec: 10, broker: 'b9' },
        { kind: 'memberCrash', atSec: 10, group: 't' },
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toContain(
      'faults[0] (brokerDown at 10 s): broker "b9" is not a broker of this pipeline',
    );
    expect(result.errors).toContain(
      'faults[1] (memberCrash at 10 s): group "t" is not a consumer group of this pipeline',
    );
  });

  it('refuses shrinking a topic, in time order', () => {
    const result = parsePipeline({
      ...base(),
      faults: [
        { kind: 'partitionCount', atSec: 50, topic: 't', partitions: 6 },
        { kind: 'partitionCount', atSec: 20, topic: 't', partitions: 8 },
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.join('\n')).toContain(
      'faults[0] (partitionCount at 50 s): topic "t" already has 8 partitions',
    );
  });

  it('refuses an unknown fault kind', () => {
    const result = parsePipeline({ ...base(), faults: [{ kind: 'meteor', atSec: 1 }] });
    expect(result.ok).toBe(false);
  });
});

describe('Spark checks', () => {
  const job = (extra: object) => ({
    version: 1,
    cluster: { brokers: [{ id: 'b1' }] },
    topics: [{ id: 't' }],
    producers: [{ id: 'p', rate: { recordsPerSec: 10 } }],
    sparkJobs: [{ id: 'j', stages: [{ id: 'm', kind: 'map' }], ...extra }],
    edges: [
      { from: 'p', to: 't' },
      { from: 't', to: 'j' },
    ],
  });

  it('refuses an executor heap Spark would not start with', () => {
    const r = parsePipeline(job({ config: { 'spark.executor.memory': '400m' } }));
    expect(r.ok ? [] : r.errors).toEqual([
      'Spark job "j": spark.executor.memory must be at least 450m (Spark reserves 300 MiB of every executor heap)',
    ]);
    expect(parsePipeline(job({ config: { 'spark.executor.memory': '2g' } })).ok).toBe(true);
    const bad = parsePipeline(job({ config: { 'spark.executor.memory': 'lots' } }));
    expect(bad.ok ? [] : bad.errors.join()).toMatch(/must be a size such as "512m" or "4g"/);
  });

  it('takes executor and driver faults on Spark jobs only', () => {
    const ok = parsePipeline({
      ...job({}),
      faults: [
        { kind: 'executorLoss', atSec: 5, job: 'j' },
        { kind: 'driverFailure', atSec: 9, job: 'j' },
      ],
    });
    if (!ok.ok) throw new Error(ok.errors.join('\n'));
    expect(ok.doc.faults).toEqual([
      { kind: 'executorLoss', atSec: 5, job: 'j', count: 1, durationSec: 30 },
      { kind: 'driverFailure', atSec: 9, job: 'j', durationSec: 20 },
    ]);
    const wrong = parsePipeline({ ...job({}), faults: [{ kind: 'driverFailure', atSec: 1, job: 't' }] });
    expect(wrong.ok ? [] : wrong.errors).toEqual([
      'faults[0] (driverFailure at 1 s): job "t" is not a Spark job of this pipeline',
    ]);
  });
});
