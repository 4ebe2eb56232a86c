// Several clusters, links between regions and MirrorMaker 2 in the document: defaults (Kafka's, from
// MirrorSourceConfig / MirrorCheckpointConfig and Kafka Connect's tasks.max), presets, and refusals
// that name the field and the rule.
import { describe, expect, it } from 'vitest';
import { parsePipeline, type ParseResult } from './parse';
import { mirroredTopicName, mirrorPairs } from './regions';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function twoRegions(): { [key: string]: Json } {
  return {
    version: 1,
    cluster: { id: 'east', region: 'us-east', brokers: [{ id: 'e1' }] },
    clusters: [{ id: 'west', region: 'eu-west', brokers: [{ id: 'w1' }] }],
    regionLinks: [{ from: 'us-east', to: 'eu-west', preset: 'across-ocean' }],
    topics: [{ id: 'orders' }, { id: 'east.orders', cluster: 'west' }],
    mirrorMakers: [{ id: 'mm', sourceCluster: 'east', targetCluster: 'west' }],
    edges: [
      { from: 'orders', to: 'mm' },
      { from: 'mm', to: 'east.orders' },
    ],
  };
}

function errorsOf(r: ParseResult): string[] {
  if (r.ok) throw new Error('expected errors, got a document');
  return r.errors;
}

describe('clusters in regions and MirrorMaker 2', () => {
  it("takes Kafka's defaults for MM2 and pairs each topic with <alias>.<topic>", () => {
    const r = parsePipeline(twoRegions());
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const mm = r.doc.mirrorMakers![0]!;
    expect(mm['tasks.max']).toBe(1);
    expect(mm['emit.checkpoints.interval.seconds']).toBe(60);
    expect(mm['sync.group.offsets.enabled']).toBe(false);
    expect(mm['sync.group.offsets.interval.seconds']).toBe(60);
    expect(mm['replication.policy.separator']).toBe('.');
    expect(mirroredTopicName(mm, 'orders')).toBe('east.orders');
    expect(mirrorPairs(r.doc, mm).map((p) => [p.source.id, p.target.id])).toEqual([
      ['orders', 'east.orders'],
    ]);
    // The preset fills in the link's figures.
    expect(r.doc.regionLinks![0]).toMatchObject({ latencyMs: 40, bandwidthMBps: 100 });
  });

  it('keeps a document without clusters as it was (no new keys)', () => {
    const r = parsePipeline({ version: 1, cluster: { brokers: [{ id: 'b1' }] } });
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect('clusters' in r.doc || 'mirrorMakers' in r.doc || 'regionLinks' in r.doc).toBe(false);
  });

  it('refuses a link of 0 bandwidth, naming the field', () => {
    const doc = twoRegions();
    doc.regionLinks = [{ from: 'us-east', to: 'eu-west', latencyMs: 40, bandwidthMBps: 0 }];
    const errors = errorsOf(parsePipeline(doc));
    expect(errors.some((e) => e.includes('regionLinks[0].bandwidthMBps') && e.includes('0 bandwidth'))).toBe(
      true,
    );
  });

  it('refuses tasks.max 0, a mirror to a topic of the wrong name, and a missing link', () => {
    const zero = twoRegions();
    zero.mirrorMakers = [{ id: 'mm', sourceCluster: 'east', targetCluster: 'west', 'tasks.max': 0 }];
    expect(
      errorsOf(parsePipeline(zero)).some(
        (e) => e.includes("mirrorMakers[0]['tasks.max']") || e.includes('tasks.max'),
      ),
    ).toBe(true);

    const named = twoRegions();
    named.topics = [{ id: 'orders' }, { id: 'orders-copy', cluster: 'west' }];
    named.edges = [
      { from: 'orders', to: 'mm' },
      { from: 'mm', to: 'orders-copy' },
    ];
    const errors = errorsOf(parsePipeline(named));
    expect(errors.some((e) => e.includes('"east.orders"'))).toBe(true);
    expect(errors.some((e) => e.includes('"orders-copy"') && e.includes('DefaultReplicationPolicy'))).toBe(
      true,
    );

    const unlinked = twoRegions();
    unlinked.regionLinks = [];
    expect(errorsOf(parsePipeline(unlinked)).some((e) => e.includes('no regionLinks entry'))).toBe(true);
  });

  it('refuses a topic in an unknown cluster and a mirror whose target topic is in the source cluster', () => {
    const doc = twoRegions();
    doc.topics = [{ id: 'orders' }, { id: 'east.orders', cluster: 'north' }];
    expect(errorsOf(parsePipeline(doc)).some((e) => e.includes('cluster "north"'))).toBe(true);
    const same = twoRegions();
    same.topics = [{ id: 'orders' }, { id: 'east.orders' }];
    expect(errorsOf(parsePipeline(same)).some((e) => e.includes('writes to cluster "west"'))).toBe(true);
  });

  it("checks a topic's replication factor against the brokers of its own cluster", () => {
    const doc = twoRegions();
    doc.topics = [{ id: 'orders' }, { id: 'east.orders', cluster: 'west', replicationFactor: 2 }];
    expect(
      errorsOf(parsePipeline(doc)).some(
        (e) => e.includes('"east.orders"') && e.includes('replicationFactor 2'),
      ),
    ).toBe(true);
  });

  it('a regionFailover names a region some cluster runs in', () => {
    const doc = twoRegions();
    doc.faults = [{ kind: 'regionFailover', atSec: 10, region: 'ap-south' }];
    expect(errorsOf(parsePipeline(doc)).some((e) => e.includes('region "ap-south"'))).toBe(true);
    doc.faults = [{ kind: 'regionFailover', atSec: 10, region: 'us-east' }];
    expect(parsePipeline(doc).ok).toBe(true);
  });
});
