// MirrorMaker 2 between two regions: mirror lag grows at the write rate less what the link or the
// tasks carry, and a region failover reprocesses exactly what the group processed since the last
// checkpoint MM2 synced, while what MM2 had not fetched never reaches the other region.
import { describe, expect, it } from 'vitest';
import type { Pipeline, PipelineInput } from '../../model/types';
import { MIRROR_CYCLES } from '../costs';
import { Simulation } from '../engine/simulation';
import { pipeline } from '../testing/pipelines';

interface Options {
  rate: number;
  recordBytes: number;
  tasks?: number;
  bandwidthMBps?: number;
  emitSec?: number;
  sync?: boolean;
  failoverAtSec?: number;
  durationSec?: number;
}

const brokers = (prefix: string) =>
  [1, 2, 3].map((n) => ({ id: `${prefix}-${n}`, hardware: { preset: 'cloud-2024' as const } }));

function twoRegions(o: Options): Pipeline {
  const doc: PipelineInput = {
    version: 1,
    cluster: { id: 'east', region: 'us-east', brokers: brokers('east') },
    clusters: [{ id: 'west', region: 'eu-west', brokers: brokers('west') }],
    regionLinks: [{ from: 'us-east', to: 'eu-west', latencyMs: 40, bandwidthMBps: o.bandwidthMBps ?? 1000 }],
    topics: [
      { id: 'orders', partitions: 6, replicationFactor: 3 },
      { id: 'east.orders', cluster: 'west', partitions: 6, replicationFactor: 3 },
    ],
    producers: [
      {
        id: 'app',
        rate: { kind: 'constant', recordsPerSec: o.rate },
        recordBytes: o.recordBytes,
        config: { acks: 'all', 'linger.ms': 5 },
      },
    ],
    consumerGroups: [{ id: 'readers', members: 3, processing: { meanMs: 0.01 } }],
    mirrorMakers: [
      {
        id: 'mm',
        sourceCluster: 'east',
        targetCluster: 'west',
        'tasks.max': o.tasks ?? 6,
        'emit.checkpoints.interval.seconds': o.emitSec ?? 60,
        'sync.group.offsets.interval.seconds': o.emitSec ?? 60,
        'sync.group.offsets.enabled': o.sync ?? true,
      },
    ],
    edges: [
      { from: 'app', to: 'orders' },
      { from: 'orders', to: 'readers' },
      { from: 'orders', to: 'mm' },
      { from: 'mm', to: 'east.orders' },
    ],
    faults:
      o.failoverAtSec === undefined
        ? []
        : [{ kind: 'regionFailover', atSec: o.failoverAtSec, region: 'us-east' }],
    run: { seed: 3, durationSec: o.durationSec ?? 60 },
  };
  return pipeline(doc);
}

function column(sim: Simulation, name: string): number[] {
  const s = sim.metrics.series();
  const i = s.columns.indexOf(name);
  if (i < 0) throw new Error(`no column ${name}`);
  return s.rows.map((r) => r[i]!);
}

/** Records a second the mirror lag grew by, from `from` s to `to` s. */
function lagSlope(sim: Simulation, from: number, to: number): number {
  const lag = column(sim, 'mm.mirrorLag');
  return (lag[to - 1]! - lag[from - 1]!) / (to - from);
}

/** Bytes one record takes in the source log (its format overhead and batch headers included). */
function storedBytesPerRecord(sim: Simulation): number {
  const bytes = column(sim, 'orders.appendedBytes').reduce((a, b) => a + b, 0);
  const records = column(sim, 'orders.appended').reduce((a, b) => a + b, 0);
  return bytes / records;
}

describe('mirror lag', () => {
  it('stays near zero when the link and the tasks carry more than is written', () => {
    const sim = new Simulation(twoRegions({ rate: 20_000, recordBytes: 500 }));
    sim.runUntil(40_000);
    const s = sim.summary().mirrorMakers!.mm!;
    // About a second's worth at most: the round trip, a fetch and its processing.
    expect(s.lagRecords.final).toBeLessThan(20_000);
    expect(s.lagSec.final).toBeLessThan(1);
    expect(s.mirrored).toBeGreaterThan(0.97 * 20_000 * 40);
  });

  it('grows at the write rate less the link bandwidth when the link is the limit', () => {
    // 5 MB/s carries about 5e6 / ~510 = 9,800 records a second of the 20,000 written.
    const sim = new Simulation(twoRegions({ rate: 20_000, recordBytes: 500, bandwidthMBps: 5 }));
    sim.runUntil(60_000);
    const linkRecords = 5e6 / storedBytesPerRecord(sim);
    const expected = 20_000 - linkRecords;
    expect(lagSlope(sim, 20, 60)).toBeGreaterThan(expected * 0.97);
    expect(lagSlope(sim, 20, 60)).toBeLessThan(expected * 1.03);
  });

  it('grows at the write rate less what the tasks copy when the workers are the limit', () => {
    // One task on a 3 GHz core: 3e9 / (40,000 + 5 x 100) cycles = 74,074 records a second.
    expect(MIRROR_CYCLES).toEqual({ perRecord: 40_000, perByte: 5 });
    const perTask = 3e9 / (40_000 + 5 * 100);
    const one = new Simulation(twoRegions({ rate: 100_000, recordBytes: 100, tasks: 1 }));
    one.runUntil(40_000);
    const expected = 100_000 - perTask;
    expect(lagSlope(one, 10, 40)).toBeGreaterThan(expected * 0.95);
    expect(lagSlope(one, 10, 40)).toBeLessThan(expected * 1.05);
    expect(one.summary().mirrorMakers!.mm!.workerRecordsPerSec).toBe(Math.round(perTask));
    // Two tasks copy 148,000 a second: the lag no longer grows.
    const two = new Simulation(twoRegions({ rate: 100_000, recordBytes: 100, tasks: 2 }));
    two.runUntil(40_000);
    expect(Math.abs(lagSlope(two, 10, 40))).toBeLessThan(1000);
  });
});

describe('region failover', () => {
  // The same run without the failover, read at the checkpoint and just before the failover.
  function groupAt(o: Options, atMs: number, read: 'committed' | 'processedEnd'): number {
    const sim = new Simulation(twoRegions({ ...o, failoverAtSec: undefined }));
    sim.runUntil(atMs);
    const g = sim.groups.find((x) => x.doc.id === 'readers')!;
    return g[read].reduce((a, b) => a + Math.max(0, b), 0);
  }

  it('reprocesses exactly what the group processed since the last emitted checkpoint', () => {
    const o: Options = { rate: 20_000, recordBytes: 500, emitSec: 20, failoverAtSec: 50, durationSec: 55 };
    const sim = new Simulation(twoRegions(o));
    sim.runUntil(55_000);
    const f = sim.summary().mirrorMakers!.mm!.failover!;
    const g = f.groups['readers']!;
    expect(g.resumedFrom).toBe('synced checkpoint');
    // Checkpoints (and syncs) at 20 s and 40 s; the failover at 50 s resumes from the one of 40 s.
    expect(g.checkpointAtSec).toBe(40);
    const committedAtCheckpoint = groupAt(o, 40_000, 'committed');
    const processedAtFailover = groupAt(o, 49_999.999, 'processedEnd');
    // What it processed since the checkpoint is processed again, but for what never reached the mirror.
    expect(g.reprocessed + g.processedNotMirrored).toBe(processedAtFailover - committedAtCheckpoint);
    expect(g.processedNotMirrored).toBeLessThan(20_000);
    // About 10 s of the 20,000 a second, plus what was processed but not yet committed at 40 s.
    expect(g.reprocessed).toBeGreaterThan(10 * 20_000 * 0.95);
    expect(g.reprocessed).toBeLessThan(16 * 20_000);
    expect(g.movedTo).toBe('readers@west');
    expect(sim.summary().records.consumedBy['readers@west']).toBeGreaterThan(0);
  });

  it('counts what MM2 had not fetched as never reaching the other region; the rest arrives', () => {
    const o: Options = {
      rate: 20_000,
      recordBytes: 500,
      failoverAtSec: 30,
      durationSec: 60,
      bandwidthMBps: 5,
    };
    const sim = new Simulation(twoRegions(o));
    sim.runUntil(60_000);
    const m = sim.summary().mirrorMakers!.mm!;
    // Acknowledged in us-east at the failover: the high watermarks of the run without it.
    const before = new Simulation(twoRegions({ ...o, failoverAtSec: undefined }));
    before.runUntil(29_999.999);
    const acknowledged = before.topics.get('orders')!.partitions.reduce((a, p) => a + p.highWatermark, 0);
    // The 5 MB/s link was ~10,000 a second behind for 30 s: a lot never crossed.
    expect(m.failover!.unmirroredRecords).toBeGreaterThan(200_000);
    expect(m.mirrored + m.failover!.unmirroredRecords).toBe(acknowledged);
  });

  it('without sync.group.offsets.enabled the group starts by auto.offset.reset (latest): it skips, not repeats', () => {
    // A group slower than the writes (3 members at 0.2 ms a record: 15,000 a second) falls behind,
    // while the mirror keeps up: on the mirror "latest" starts past what the group had not read.
    const o: Options = { rate: 20_000, recordBytes: 500, failoverAtSec: 40, durationSec: 45, sync: false };
    const slow = (doc: Pipeline): Pipeline => ({
      ...doc,
      consumerGroups: doc.consumerGroups.map((g) => ({
        ...g,
        processing: { distribution: 'fixed', meanMs: 0.2 },
      })),
    });
    const sim = new Simulation(slow(twoRegions(o)));
    sim.runUntil(45_000);
    const g = sim.summary().mirrorMakers!.mm!.failover!.groups['readers']!;
    expect(g.resumedFrom).toBe('auto.offset.reset');
    expect(g.checkpointAtSec).toBeNull();
    expect(g.reprocessed).toBe(0);
    // Behind by about 40 s x 5,000 a second, less what had not been mirrored yet.
    const before = new Simulation(slow(twoRegions({ ...o, failoverAtSec: undefined })));
    before.runUntil(39_999.999);
    const written = before.topics.get('orders')!.partitions.reduce((a, p) => a + p.highWatermark, 0);
    const processed = before.groups[0]!.processedEnd.reduce((a, b) => a + b, 0);
    expect(g.skipped).toBeGreaterThan(0.9 * 40 * 5_000);
    expect(g.skipped).toBeLessThanOrEqual(written - processed);
  });

  it('shorter checkpoint and sync intervals reprocess less', () => {
    const base: Options = { rate: 20_000, recordBytes: 500, failoverAtSec: 95, durationSec: 100 };
    const every60 = new Simulation(twoRegions(base));
    every60.runUntil(100_000);
    const every10 = new Simulation(twoRegions({ ...base, emitSec: 10 }));
    every10.runUntil(100_000);
    const r60 = every60.summary().mirrorMakers!.mm!.failover!.groups['readers']!;
    const r10 = every10.summary().mirrorMakers!.mm!.failover!.groups['readers']!;
    // Synced at 60 s against at 90 s: about 35 s against 5 s of records.
    expect(r60.checkpointAtSec).toBe(60);
    expect(r10.checkpointAtSec).toBe(90);
    expect(r10.reprocessed).toBeLessThan(r60.reprocessed / 3);
  });
});

describe('determinism with mirrors', () => {
  it('gives the same numbers in one go and in slices, a region failover included', () => {
    const doc = twoRegions({
      rate: 20_000,
      recordBytes: 500,
      emitSec: 5,
      failoverAtSec: 12,
      durationSec: 15,
    });
    const whole = new Simulation(doc);
    whole.runUntil(15_000);
    const sliced = new Simulation(doc);
    for (let t = 0; t < 15_000; t += 333.3) sliced.runUntil(t);
    sliced.runUntil(15_000);
    expect(sliced.summary()).toEqual(whole.summary());
    expect(sliced.metrics.series().rows).toEqual(whole.metrics.series().rows);
  });
});

describe('regional clusters aggregated into a central one', () => {
  it('two mirrors copy each region into the central cluster, where a Spark job reads the mirror', () => {
    const region = (id: string) => ({ id, region: id, brokers: brokers(id) });
    const doc = pipeline({
      version: 1,
      cluster: { id: 'central', region: 'central', brokers: brokers('central') },
      clusters: [region('east'), region('west')],
      regionLinks: [
        { from: 'east', to: 'central', latencyMs: 15, bandwidthMBps: 300 },
        { from: 'west', to: 'central', latencyMs: 15, bandwidthMBps: 2 },
      ],
      topics: [
        { id: 'clicks-e', name: 'clicks', cluster: 'east', partitions: 3, replicationFactor: 3 },
        { id: 'clicks-w', name: 'clicks', cluster: 'west', partitions: 3, replicationFactor: 3 },
        { id: 'east.clicks', partitions: 3, replicationFactor: 3 },
        { id: 'west.clicks', partitions: 3, replicationFactor: 3 },
      ],
      producers: [
        { id: 'east-app', rate: { kind: 'constant', recordsPerSec: 10_000 }, recordBytes: 200 },
        { id: 'west-app', rate: { kind: 'constant', recordsPerSec: 10_000 }, recordBytes: 200 },
      ],
      sparkJobs: [{ id: 'job', stages: [{ id: 'm', kind: 'map' }] }],
      mirrorMakers: [
        { id: 'mm-east', sourceCluster: 'east', targetCluster: 'central' },
        { id: 'mm-west', sourceCluster: 'west', targetCluster: 'central' },
      ],
      edges: [
        { from: 'east-app', to: 'clicks-e' },
        { from: 'west-app', to: 'clicks-w' },
        { from: 'clicks-e', to: 'mm-east' },
        { from: 'clicks-w', to: 'mm-west' },
        { from: 'mm-east', to: 'east.clicks' },
        { from: 'mm-west', to: 'west.clicks' },
        { from: 'east.clicks', to: 'job' },
      ],
      run: { seed: 1, durationSec: 30 },
    });
    const sim = new Simulation(doc);
    sim.runUntil(30_000);
    const s = sim.summary();
    const east = s.mirrorMakers!['mm-east']!;
    const west = s.mirrorMakers!['mm-west']!;
    // Each region's pair has its own link: the east one keeps up, the 2 MB/s west one does not.
    expect(east.link.bandwidthMBps).toBe(300);
    expect(east.lagSec.final).toBeLessThan(1);
    expect(west.link.bandwidthMBps).toBe(2);
    // 10,000 records of 200 bytes a second, at least 208 bytes each on the wire: the link carries
    // at most 2e6 / 208 = 9,615 of them, so at least 385 a second stay behind.
    expect(west.lagRecords.final).toBeGreaterThan(28 * 385);
    expect(west.lagSec.final).toBeGreaterThan(1);
    // The central Spark job reads what crossed from the east.
    expect(s.records.consumedBy['job']).toBeGreaterThan(0.9 * 10_000 * 28);
  });
});
