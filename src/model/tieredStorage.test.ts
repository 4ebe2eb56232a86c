// Tiered storage's settings in the document: Kafka's refusals (LogConfig's checks of local against
// total retention, atLeast(-2), the broker switch), each naming the field.
import { describe, expect, it } from 'vitest';
import { parsePipeline } from './parse';
import { hardwareObjectStorage } from './presets';
import type { PipelineInput } from './types';

function doc(topicConfig: Record<string, unknown>, systemEnable = true): PipelineInput {
  return {
    version: 1,
    cluster: { config: { 'remote.log.storage.system.enable': systemEnable }, brokers: [{ id: 'b1' }] },
    topics: [{ id: 'events', config: topicConfig }],
    producers: [{ id: 'p', rate: { recordsPerSec: 10 } }],
    edges: [{ from: 'p', to: 'events' }],
  };
}

function errors(input: PipelineInput): string[] {
  const r = parsePipeline(input);
  return r.ok ? [] : r.errors;
}

describe('tiered storage settings', () => {
  it('accepts a tiered topic with a local limit below the total', () => {
    expect(
      errors(
        doc({
          'remote.storage.enable': true,
          'retention.bytes': 10_000_000_000,
          'local.retention.bytes': 1_000_000_000,
          'local.retention.ms': 3_600_000,
        }),
      ),
    ).toEqual([]);
  });

  it('refuses local.retention.bytes above retention.bytes, naming both', () => {
    const e = errors(
      doc({ 'remote.storage.enable': true, 'retention.bytes': 1000, 'local.retention.bytes': 1001 }),
    );
    expect(e).toHaveLength(1);
    expect(e[0]).toContain('local.retention.bytes');
    expect(e[0]).toContain('retention.bytes (1000)');
  });

  it('refuses local.retention.ms above retention.ms (7 days by default)', () => {
    const e = errors(doc({ 'remote.storage.enable': true, 'local.retention.ms': 604_800_001 }));
    expect(e).toHaveLength(1);
    expect(e[0]).toContain('local.retention.ms');
    expect(e[0]).toContain('604800000');
  });

  it('accepts a local limit equal to the total (not more is the rule)', () => {
    expect(errors(doc({ 'remote.storage.enable': true, 'local.retention.ms': 604_800_000 }))).toEqual([]);
  });

  it('refuses -1 (unlimited) locally while the total is bounded', () => {
    const e = errors(doc({ 'remote.storage.enable': true, 'local.retention.ms': -1 }));
    expect(e).toHaveLength(1);
    expect(e[0]).toContain('local.retention.ms');
    expect(e[0]).toContain('-1');
  });

  it('checks nothing of the kind on a topic without remote storage, as Kafka', () => {
    expect(errors(doc({ 'retention.bytes': 1000, 'local.retention.bytes': 5000 }))).toEqual([]);
  });

  it('refuses remote storage on a compacted topic, as Kafka does', () => {
    const e = errors(doc({ 'remote.storage.enable': true, 'cleanup.policy': 'compact' }));
    expect(e).toHaveLength(1);
    expect(e[0]).toContain('remote.storage.enable');
    expect(e[0]).toContain('compact');
    expect(errors(doc({ 'remote.storage.enable': true, 'cleanup.policy': 'delete' }))).toEqual([]);
  });

  it('refuses values below -2', () => {
    const e = errors(doc({ 'local.retention.bytes': -3 }));
    expect(e).toHaveLength(1);
    expect(e[0]).toContain('local.retention.bytes');
    expect(e[0]).toContain('at least -2');
  });

  it('refuses remote.storage.enable while the brokers have tiered storage off', () => {
    const e = errors(doc({ 'remote.storage.enable': true }, false));
    expect(e).toHaveLength(1);
    expect(e[0]).toContain('remote.log.storage.system.enable');
    expect(e[0]).toContain('"events"');
  });

  it('refuses a reader thread count of 0', () => {
    const input = doc({});
    input.cluster.config = { 'remote.log.reader.threads': 0 };
    const e = errors(input);
    expect(e).toHaveLength(1);
    expect(e[0]).toContain('remote.log.reader.threads');
  });
});

describe('object storage figures', () => {
  it('come from the preset unless the machine gives its own', () => {
    expect(hardwareObjectStorage({ preset: 'cloud-2024' }).pricePerGBMonth).toBe(0.023);
    const own = { mbps: 5, firstByteMs: 1, pricePerGBMonth: 0.5 };
    expect(hardwareObjectStorage({ preset: 'cloud-2024', objectStorage: own })).toEqual(own);
    // A figure left out is the preset's: the 2014 preset's on-premises store, 15 ms to first byte.
    expect(hardwareObjectStorage({ preset: 'commodity-2014', objectStorage: { mbps: 50 } })).toEqual({
      mbps: 50,
      firstByteMs: 15,
      pricePerGBMonth: 0.01,
    });
    // No preset: the cloud figures.
    expect(hardwareObjectStorage({}).mbps).toBe(400);
  });
});
