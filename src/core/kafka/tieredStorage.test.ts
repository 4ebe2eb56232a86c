// Tiered storage in the engine: a replay from the object store runs at the store's speed, closed
// segments are copied and then leave the local disks past local.retention.bytes, nothing is deleted
// before it is copied. Expected figures come from the settings (bandwidth, first-byte latency,
// fetch size, segment size), worked out here by hand.
import { describe, expect, it } from 'vitest';
import type { PipelineInput } from '../../model/types';
import { storedBytes } from '../engine/prefill';
import { Simulation } from '../engine/simulation';
import { FAST_BROKER, pipeline } from '../testing/pipelines';

const RECORD_BYTES = 1000;
const FETCH_BYTES = 1_048_576; // max.partition.fetch.bytes, Kafka's default
const MB = 1e6;

interface ReplayOptions {
  mbps: number;
  firstByteMs: number;
  partitions?: number;
  prefill?: number;
  localRetentionBytes?: number;
  maxPollRecords?: number;
}

/**
 * A topic that already holds `prefill` records, all but the last segment copied and off the local
 * disk, and one consumer replaying it from offset 0 as fast as it can (no processing cost).
 */
function replay(o: ReplayOptions) {
  const input: PipelineInput = {
    version: 1,
    cluster: {
      networkLatencyMs: 0.25,
      config: { 'remote.log.storage.system.enable': true },
      brokers: [
        {
          id: 'b1',
          hardware: {
            ...FAST_BROKER,
            objectStorage: { mbps: o.mbps, firstByteMs: o.firstByteMs, pricePerGBMonth: 0.023 },
          },
        },
      ],
    },
    topics: [
      {
        id: 't',
        partitions: o.partitions ?? 1,
        replicationFactor: 1,
        prefillRecords: o.prefill ?? 200_000,
        config: {
          'segment.bytes': 10_000_000,
          'remote.storage.enable': true,
          'local.retention.bytes': o.localRetentionBytes ?? 1,
        },
      },
    ],
    producers: [{ id: 'p', recordBytes: RECORD_BYTES, rate: { kind: 'constant', recordsPerSec: 0 } }],
    consumerGroups: [
      {
        id: 'g',
        members: 1,
        processing: { distribution: 'fixed', meanMs: 0 },
        config: { 'auto.offset.reset': 'earliest', 'max.poll.records': o.maxPollRecords ?? 500 },
      },
    ],
    edges: [
      { from: 'p', to: 't' },
      { from: 't', to: 'g' },
    ],
    run: { durationSec: 30 },
  };
  return new Simulation(pipeline(input));
}

/** The group's mean consumed MB/s over whole seconds [fromSec, toSec). */
function consumedMBps(sim: Simulation, fromSec: number, toSec: number): number {
  const { columns, rows } = sim.metrics.series();
  const col = columns.indexOf('g.consumedBytes');
  const t = columns.indexOf('second');
  let bytes = 0;
  for (const row of rows) if (row[t]! > fromSec && row[t]! <= toSec) bytes += row[col]!;
  return bytes / MB / (toSec - fromSec);
}

describe('a replay from remote storage', () => {
  it('starts with the prefill in the store and only the active segment on disk', () => {
    // 200,000 records of 1000 bytes in 10 MB segments: the prefill is cut into pieces of one
    // segment each; with local.retention.bytes 1 every closed one is deleted locally.
    const sim = replay({ mbps: 10, firstByteMs: 0 });
    const p = sim.topics.get('t')!.partitions[0]!;
    const total = storedBytes(200_000, RECORD_BYTES);
    const pieces = Math.ceil(total / 10_000_000);
    // Pieces are whole records: the last holds what the first pieces - 1 leave.
    const lastRecords = 200_000 - Math.round((200_000 * (pieces - 1)) / pieces);
    const piece = (total * lastRecords) / 200_000;
    expect(p.remote!.localBytes(p)).toBeCloseTo(piece, 0);
    expect(p.remote!.remoteBytes(p)).toBeCloseTo(total - piece, 0);
    expect(p.remote!.localStartOffset).toBeGreaterThan(0);
  });

  it('runs at the store bandwidth when the first byte costs nothing', () => {
    // Each fetch reads one max.partition.fetch.bytes from the store at 10 MB/s: the consumer
    // takes 10 MB/s, whatever the brokers' disks and network could do.
    const sim = replay({ mbps: 10, firstByteMs: 0 });
    sim.runUntil(12_000);
    expect(consumedMBps(sim, 2, 12)).toBeCloseTo(10, 0);
    expect(consumedMBps(sim, 2, 12)).toBeGreaterThan(9.5);
    expect(consumedMBps(sim, 2, 12)).toBeLessThan(10.05);
  });

  it('pays the first-byte latency once per fetch', () => {
    // 1 MiB per fetch: 60 ms to the first byte, then 1.048576 MB at 20 MB/s = 52.4 ms; 1.048576 MB
    // every 112.4 ms is 9.33 MB/s.
    const sim = replay({ mbps: 20, firstByteMs: 60 });
    sim.runUntil(12_000);
    const expected = FETCH_BYTES / MB / ((60 + (FETCH_BYTES / (20 * MB)) * 1000) / 1000);
    const measured = consumedMBps(sim, 2, 12);
    expect(Math.abs(measured - expected) / expected).toBeLessThan(0.03);
  });

  it('reads one partition per fetch from the store, as Kafka does', () => {
    // Two partitions behind, one member whose polls take everything buffered, so each fetch asks
    // for both: were both read, 2 MiB would come per 100 ms first byte (about 21 MB/s); Kafka
    // reads one, so 1 MiB per 100 ms + 1 ms transfer.
    // Each partition holds about 107 MB: partition 0 leaves the store after some 10 s, so the
    // window ends before.
    const sim = replay({ mbps: 1000, firstByteMs: 100, partitions: 2, maxPollRecords: 1_000_000 });
    sim.runUntil(9_000);
    const expected = FETCH_BYTES / MB / ((100 + (FETCH_BYTES / (1000 * MB)) * 1000) / 1000);
    const measured = consumedMBps(sim, 2, 9);
    expect(Math.abs(measured - expected) / expected).toBeLessThan(0.03);
  });

  it('reads the local tail at local speed once past the local log start', () => {
    // 30,000 records (about 32 MB, four pieces): the replay reads the three remote ones from the
    // store, then the local one from the broker; each remote byte is read once.
    const sim = replay({ mbps: 10, firstByteMs: 0, prefill: 30_000 });
    sim.runUntil(20_000);
    const p = sim.topics.get('t')!.partitions[0]!;
    const remote = p.remote!.remoteBytes(p);
    // Everything remote was read once from the store, nothing more.
    expect(p.remote!.remoteReadBytes).toBeCloseTo(remote, -3);
    expect(sim.brokers[0]!.remoteStorage!.readBytes).toBeCloseTo(remote, -3);
    expect(sim.summary().consumerGroups.g!.consumed).toBe(30_000);
  });
});

const RATE = 100; // records/s, linger.ms 0: one record per batch
const STORED = storedBytes(1, RECORD_BYTES); // one record in its own batch
const PER_SEGMENT = 95;

function producing(config: Record<string, unknown>, brokerConfig: Record<string, unknown> = {}) {
  return new Simulation(
    pipeline({
      version: 1,
      cluster: {
        config: {
          'log.retention.check.interval.ms': 10_000,
          'remote.log.storage.system.enable': true,
          ...brokerConfig,
        },
        brokers: [{ id: 'b1', hardware: FAST_BROKER }],
      },
      topics: [
        {
          id: 't',
          partitions: 1,
          replicationFactor: 1,
          config: { 'segment.bytes': PER_SEGMENT * STORED, 'remote.storage.enable': true, ...config },
        },
      ],
      producers: [
        {
          id: 'p',
          recordBytes: RECORD_BYTES,
          config: { 'linger.ms': 0 },
          rate: { kind: 'constant', recordsPerSec: RATE },
        },
      ],
      edges: [{ from: 'p', to: 't' }],
    }),
  );
}

describe('copying and local retention', () => {
  it('copies the segments closed at each task and deletes locally past local.retention.bytes', () => {
    const sim = producing({ 'local.retention.bytes': 20 * PER_SEGMENT * STORED });
    sim.runUntil(100_000);
    const p = sim.topics.get('t')!.partitions[0]!;
    const r = p.remote!;
    // The copy task runs every 30 s: its last run before 100 s, at 90 s, found the segments
    // closed by about 9,000 records (94 of 95 records each) and copied them within milliseconds.
    expect(r.copiedEndOffset).toBe(94 * PER_SEGMENT);
    // At the 100 s check: delete the oldest copied segment k while the local log without it keeps
    // at least 20 segments' bytes: end - 95 (k + 1) >= 1900 records.
    const end = p.log.endOffset;
    const deleted = Math.floor((end - 20 * PER_SEGMENT) / PER_SEGMENT);
    expect(r.localStartOffset).toBe(deleted * PER_SEGMENT);
    expect(r.localBytes(p)).toBeCloseTo((end - deleted * PER_SEGMENT) * STORED, 0);
    expect(r.remoteBytes(p)).toBeCloseTo(94 * PER_SEGMENT * STORED, 0);
    // The whole log (retention.ms 7 days) keeps everything.
    expect(p.log.logStartOffset).toBe(0);
    const s = sim.summary().tieredStorage.t!;
    expect(s.remoteGB).toBeCloseTo((94 * PER_SEGMENT * STORED) / 1e9, 6);
    // The cloud preset's store price, $0.023 per GB-month.
    expect(s.dollarsPerMonth).toBeCloseTo(s.remoteGB * 0.023, 4);
  });

  it('never deletes a segment that is not yet in the store', () => {
    // Copies limited to 1 kB/s: the first segment (about 104 kB) is not done by 100 s, so neither
    // local.retention.bytes nor retention.ms may delete anything.
    const sim = producing(
      { 'local.retention.bytes': STORED, 'retention.ms': 5_000, 'local.retention.ms': 5_000 },
      { 'remote.log.manager.copy.max.bytes.per.second': 1000 },
    );
    sim.runUntil(100_000);
    const p = sim.topics.get('t')!.partitions[0]!;
    expect(p.remote!.copiedEndOffset).toBe(0);
    expect(p.remote!.localStartOffset).toBe(0);
    expect(p.log.logStartOffset).toBe(0);
  });

  it('bounds the whole log, remote part included, by retention.ms', () => {
    // retention.ms 20 s, local 5 s: at the 100 s check segments whose newest record is older than
    // 80 s go from the whole log, those older than 95 s (and copied) from the local disk.
    const sim = producing({ 'retention.ms': 20_000, 'local.retention.ms': 5_000 });
    sim.runUntil(100_000);
    const p = sim.topics.get('t')!.partitions[0]!;
    // Record i is created at about (i + 0.5) * 10 ms; segment k's newest is record 95k + 94.
    const newestSec = (k: number) => ((PER_SEGMENT * k + 94 + 0.5) * 1000) / RATE / 1000;
    let whole = 0;
    while (100 - newestSec(whole) > 20) whole++;
    expect(p.log.logStartOffset).toBe(whole * PER_SEGMENT);
    // Locally: copied (94 segments at the 90 s task) and older than 5 s; 94 segments end at 89.3 s.
    let local = 0;
    while (local < 94 && 100 - newestSec(local) > 5) local++;
    expect(p.remote!.localStartOffset).toBe(local * PER_SEGMENT);
  });
});

describe('moving a tiered partition', () => {
  it('copies only the local log to the new replica', () => {
    // The replay document with a second broker and partition 0 moved to it at 5 s: only the last
    // prefill piece is on local disk (local.retention.bytes 1), so that is all there is to copy.
    const total = storedBytes(200_000, RECORD_BYTES);
    const pieces = Math.ceil(total / 10_000_000);
    const lastRecords = 200_000 - Math.round((200_000 * (pieces - 1)) / pieces);
    const local = (total * lastRecords) / 200_000;
    const doc = replay({ mbps: 10, firstByteMs: 0 }).doc;
    const moved = pipeline({
      ...doc,
      cluster: { ...doc.cluster, brokers: [...doc.cluster.brokers, { id: 'b2', hardware: FAST_BROKER }] },
      consumerGroups: [],
      edges: doc.edges.filter((e) => e.to !== 'g'),
      faults: [
        {
          kind: 'reassignPartitions',
          atSec: 5,
          plan: [{ topic: 't', partition: 0, replicas: ['b2'] }],
        },
      ],
    });
    const sim = new Simulation(moved);
    sim.runUntil(10_000);
    const [move] = sim.summary().reassignments;
    expect(move?.bytesToCopy).toBeCloseTo(local, -2);
    expect(move?.finishedSec).not.toBeNull();
  });
});

describe('determinism', () => {
  it('gives the same numbers in one go and in uneven slices', () => {
    const make = () => producing({ 'local.retention.bytes': 5 * PER_SEGMENT * STORED });
    const whole = make();
    whole.runUntil(70_000);
    const sliced = make();
    for (let t = 3_300; t < 70_000; t += 7_300) sliced.runUntil(t);
    sliced.runUntil(70_000);
    expect(sliced.summary()).toEqual(whole.summary());
    expect(whole.summary().tieredStorage.t!.remoteGB).toBeGreaterThan(0);
  });
});
