import { describe, expect, it } from 'vitest';
import { parsePipeline } from '../model/parse';
import type { Pipeline } from '../model/types';
import { diffDocuments, listSettings, readSetting, setSetting } from './settings';

function doc(): Pipeline {
  const r = parsePipeline({
    version: 1,
    cluster: { brokers: [{ id: 'b1' }, { id: 'b2' }, { id: 'b3' }] },
    topics: [
      { id: 'orders', partitions: 6, replicationFactor: 3 },
      { id: 'clicks', partitions: 12 },
    ],
    producers: [
      { id: 'web', rate: { recordsPerSec: 1000 }, config: { 'linger.ms': 10 } },
      { id: 'bulk', rate: { kind: 'max' } },
    ],
    consumerGroups: [{ id: 'g', members: 2 }],
    sparkJobs: [{ id: 'j', batchIntervalMs: 2000, stages: [{ id: 'm', kind: 'map' }] }],
    edges: [
      { from: 'web', to: 'orders' },
      { from: 'bulk', to: 'clicks' },
      { from: 'orders', to: 'g' },
      { from: 'clicks', to: 'j' },
    ],
  });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.doc;
}

describe('settings by path', () => {
  const d = doc();

  it('reads numbers by id, by index, under dotted config names, and list lengths', () => {
    expect(readSetting(d, 'producers[web].rate.recordsPerSec')).toBe(1000);
    expect(readSetting(d, 'producers[0].rate.recordsPerSec')).toBe(1000);
    expect(readSetting(d, 'producers[web].config.linger.ms')).toBe(10);
    expect(readSetting(d, 'topics[clicks].partitions')).toBe(12);
    expect(readSetting(d, 'cluster.brokers')).toBe(3);
    expect(readSetting(d, 'consumerGroups[g].members')).toBe(2);
    expect(readSetting(d, 'sparkJobs[j].batchIntervalMs')).toBe(2000);
    // A default the document left out is there after parsing (Spark's own default of 2 executors).
    expect(readSetting(d, 'sparkJobs[j].config.spark.executor.instances')).toBe(2);
  });

  it('refuses paths that name nothing, with the path and what there is', () => {
    expect(() => readSetting(d, 'topics[nope].partitions')).toThrow(
      /topics\[nope\]\.partitions: no "nope" in topics \(there are orders, clicks\)/,
    );
    expect(() => readSetting(d, 'topics[clicks].shards')).toThrow(/has no setting "shards"/);
    expect(() => readSetting(d, 'producers[web].config.acks')).toThrow(/not a number/);
  });

  it('sets a number and returns a new, validated document; the old one is unchanged', () => {
    const r = setSetting(d, 'topics[clicks].partitions', 24);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(readSetting(r.doc, 'topics[clicks].partitions')).toBe(24);
    expect(readSetting(d, 'topics[clicks].partitions')).toBe(12);
    const s = setSetting(d, 'sparkJobs[j].config.spark.executor.instances', 6);
    expect(s.ok && readSetting(s.doc, 'sparkJobs[j].config.spark.executor.instances')).toBe(6);
    const l = setSetting(d, 'producers[web].config.linger.ms', 0);
    expect(l.ok && l.doc.producers[0]!.config['linger.ms']).toBe(0);
  });

  it('refuses values the document does not accept, naming the path and the reason', () => {
    const r = setSetting(d, 'topics[clicks].partitions', 2.5);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^topics\[clicks\]\.partitions = 2\.5 is refused: .*whole number/);
    const m = setSetting(d, 'consumerGroups[g].members', 0);
    expect(!m.ok && m.error).toMatch(/consumerGroups\[g\]\.members = 0 is refused: .*at least 1/);
    expect(setSetting(d, 'producers[web].config.acks', 1).ok).toBe(false);
    expect(setSetting(d, 'topics[x].partitions', 3).ok).toBe(false);
  });

  it('a broker count adds copies of the last broker under new ids, or removes from the end', () => {
    const more = setSetting(d, 'cluster.brokers', 5);
    expect(more.ok && more.doc.cluster.brokers.map((b) => b.id)).toEqual(['b1', 'b2', 'b3', 'b4', 'b5']);
    const fewer = setSetting(d, 'cluster.brokers', 1);
    // The topic orders has replication factor 3: one broker cannot hold it.
    expect(fewer.ok).toBe(false);
    if (!fewer.ok) expect(fewer.error).toMatch(/^cluster\.brokers = 1 is refused/);
    const rf1 = setSetting(d, 'topics[orders].replicationFactor', 1);
    if (!rf1.ok) throw new Error(rf1.error);
    const two = setSetting(rf1.doc, 'cluster.brokers', 2);
    expect(two.ok && two.doc.cluster.brokers.map((b) => b.id)).toEqual(['b1', 'b2']);
  });

  it('lists the sweepable settings with their current values (no rate for a producer at max)', () => {
    const list = listSettings(d);
    const byPath = new Map(list.map((s) => [s.path, s]));
    expect(byPath.get('cluster.brokers')).toMatchObject({ value: 3, integer: true, node: 'cluster' });
    expect(byPath.get('producers[web].rate.recordsPerSec')).toMatchObject({
      value: 1000,
      integer: false,
      label: 'web: rate (records/s)',
    });
    expect(byPath.has('producers[bulk].rate.recordsPerSec')).toBe(false);
    expect(byPath.get('producers[bulk].config.linger.ms')?.value).toBe(5);
    expect(byPath.get('topics[orders].partitions')?.value).toBe(6);
    expect(byPath.get('consumerGroups[g].members')?.value).toBe(2);
    expect(byPath.get('sparkJobs[j].batchIntervalMs')?.value).toBe(2000);
    expect(byPath.get('sparkJobs[j].config.spark.executor.instances')?.value).toBe(2);
    // Every listed path reads back the listed value.
    for (const s of list) expect(readSetting(d, s.path)).toBe(s.value);
  });
});

describe('diffDocuments', () => {
  it('says what changed, one line per setting, by node', () => {
    const a = doc();
    let b = a;
    for (const [path, v] of [
      ['topics[clicks].partitions', 24],
      ['producers[web].config.linger.ms', 0],
      ['cluster.brokers', 4],
    ] as const) {
      const r = setSetting(b, path, v);
      if (!r.ok) throw new Error(r.error);
      b = r.doc;
    }
    expect(diffDocuments(a, b)).toEqual([
      'cluster: brokers 3 -> 4',
      'clicks: partitions 12 -> 24',
      'web: linger.ms 10 -> 0',
    ]);
    expect(diffDocuments(a, a)).toEqual([]);
  });

  it('names added and removed nodes, connections and run changes', () => {
    const a = doc();
    const b: Pipeline = {
      ...a,
      consumerGroups: [...a.consumerGroups, { ...a.consumerGroups[0]!, id: 'g2' }],
      edges: [...a.edges, { from: 'orders', to: 'g2' }],
      sparkJobs: [],
      run: { ...a.run, seed: 7 },
    };
    expect(diffDocuments(a, b)).toEqual([
      'added group g2',
      'removed Spark job j',
      'connected orders -> g2',
      'run: seed 1 -> 7',
    ]);
  });
});
