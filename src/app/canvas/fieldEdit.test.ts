import { describe, expect, it } from 'vitest';
import type { SparkJob } from '../../model';
import { FIELDS, type FieldInfo } from './fieldInfo';
import { applyField, forgetStalePreset, getIn, setIn } from './fieldEdit';
import { newBroker, newProducer, newStage, newTopic } from './nodeFactory';
import { defaultsFor } from './inspector/defaults';

const field = (kind: keyof typeof FIELDS, name: string): FieldInfo => {
  const f = FIELDS[kind].find((x) => x.name === name);
  if (!f) throw new Error(`no field ${name}`);
  return f;
};

describe('field edits', () => {
  it('accepts a valid value and leaves the rest of the node as it was', () => {
    const p = newProducer('p');
    const result = applyField('producer', p, field('producer', 'linger.ms'), '20');
    expect(result.ok && result.value.config['linger.ms']).toBe(20);
    expect(result.ok && result.value.rate).toBe(p.rate);
  });

  it('refuses out-of-range and non-numeric values with the schema’s reason', () => {
    const p = newProducer('p');
    expect(applyField('producer', p, field('producer', 'linger.ms'), '-1')).toEqual({
      ok: false,
      message: 'must be at least 0',
    });
    expect(applyField('producer', p, field('producer', 'linger.ms'), '2.5')).toEqual({
      ok: false,
      message: 'must be a whole number',
    });
    expect(applyField('producer', p, field('producer', 'linger.ms'), 'abc')).toEqual({
      ok: false,
      message: 'must be a number',
    });
    expect(applyField('producer', p, field('producer', 'linger.ms'), '')).toEqual({
      ok: false,
      message: 'enter a number',
    });
    const t = newTopic('t');
    expect(applyField('topic', t, field('topic', 'partitions'), '0')).toEqual({
      ok: false,
      message: 'must be at least 1',
    });
  });

  it('edits the cluster’s broker-wide settings from the pipeline view, with Kafka’s bounds', () => {
    const settings = {
      name: 'x',
      description: '',
      run: { seed: 1, durationSec: 60 },
      networkLatencyMs: 0.25,
      brokerConfig: {
        'replica.lag.time.max.ms': 30_000,
        'broker.session.timeout.ms': 9000,
        'log.retention.check.interval.ms': 300_000,
      },
    };
    const lag = field('pipeline', 'replica.lag.time.max.ms');
    const ok = applyField('pipeline', settings, lag, '10000');
    expect(ok.ok && ok.value.brokerConfig).toEqual({
      'replica.lag.time.max.ms': 10_000,
      'broker.session.timeout.ms': 9000,
      'log.retention.check.interval.ms': 300_000,
    });
    expect(applyField('pipeline', settings, lag, '0')).toEqual({ ok: false, message: 'must be at least 1' });
  });

  it('an optional setting can be cleared back to "not set"', () => {
    const job = defaultsFor('sparkJob') as SparkJob;
    const f = field('sparkJob', 'spark.streaming.backpressure.initialRate');
    const set = applyField('sparkJob', job, f, '500');
    expect(set.ok && getIn(set.value, f.path)).toBe(500);
    const cleared = set.ok ? applyField('sparkJob', set.value, f, '') : set;
    expect(
      cleared.ok &&
        'spark.streaming.backpressure.initialRate' in (cleared.value as { config: object }).config,
    ).toBe(false);
  });

  it('an empty name means no name (the node shows its id)', () => {
    const result = applyField(
      'producer',
      { ...newProducer('p'), name: 'Web' },
      field('producer', 'name'),
      '  ',
    );
    expect(result.ok && result.value.name).toBeUndefined();
  });

  it('validates stage fields with the stage schema', () => {
    const filter = newStage('f', 'filter');
    expect(applyField('stage:filter', filter, field('stage:filter', 'selectivity'), '1.5')).toEqual({
      ok: false,
      message: 'must be at most 1',
    });
  });

  it('finds the reason inside the broker hardware union', () => {
    const broker = newBroker('b');
    const result = applyField('broker', broker, field('broker', 'hardware.cores'), '0');
    expect(result).toEqual({ ok: false, message: 'must be at least 1' });
  });

  it('a broker loses its preset label once its numbers differ from the preset', () => {
    const broker = newBroker('b');
    expect(broker.hardware.preset).toBe('cloud-2024');
    expect(forgetStalePreset(broker)).toBe(broker);
    const result = applyField('broker', broker, field('broker', 'hardware.cores'), '16');
    expect(result.ok && result.value.hardware).toEqual({ ...broker.hardware, preset: undefined, cores: 16 });
    expect(result.ok && 'preset' in result.value.hardware).toBe(false);
  });

  it('setIn copies only the path it changes, including array entries', () => {
    const value = { a: { b: 1 }, list: [{ x: 1 }, { x: 2 }], other: { c: 3 } };
    const next = setIn(value, ['list', '1', 'x'], 9);
    expect(next.list[1]).toEqual({ x: 9 });
    expect(Array.isArray(next.list)).toBe(true);
    expect(next.list[0]).toBe(value.list[0]);
    expect(next.other).toBe(value.other);
    expect(value.list[1]).toEqual({ x: 2 });
  });
});

describe('field table', () => {
  it('every field exists on a new node of its kind (so the table and the schema agree)', () => {
    for (const [kind, fields] of Object.entries(FIELDS)) {
      const defaults = defaultsFor(kind as keyof typeof FIELDS);
      for (const f of fields) {
        if (f.input.type === 'text' || f.input.type.startsWith('optional')) continue;
        expect(getIn(defaults, f.path), `${kind} ${f.name}`).not.toBeUndefined();
      }
    }
  });

  it('uses the real config names with their Kafka and Spark defaults', () => {
    const producer = defaultsFor('producer');
    expect(getIn(producer, field('producer', 'batch.size').path)).toBe(16384);
    expect(getIn(producer, field('producer', 'delivery.timeout.ms').path)).toBe(120000);
    const spark = defaultsFor('sparkJob');
    expect(getIn(spark, field('sparkJob', 'spark.streaming.backpressure.pid.minRate').path)).toBe(100);
    expect(getIn(defaultsFor('consumerGroup'), field('consumerGroup', 'max.poll.records').path)).toBe(500);
  });

  it('every field has a one-line explanation', () => {
    for (const fields of Object.values(FIELDS))
      for (const f of fields) {
        expect(f.help.length, f.name).toBeGreaterThan(10);
        expect(f.help.includes('\n'), f.name).toBe(false);
      }
  });
});
