// A compacted topic in a whole run: where its size settles and what happens to tombstones, with the
// expected values worked out from the rules (a key is missed by n uniform records with (1 - 1/K)^n).
import { describe, expect, it } from 'vitest';
import { parsePipeline } from '../../model/parse';
import { Simulation } from '../engine/simulation';
import { loadExample, seriesColumn } from '../testing/examples';

function compactedRun(opts: {
  keys: number;
  tombstoneFraction: number;
  segmentBytes: number;
  deleteRetentionMs: number;
  seconds: number;
  cleaner?: Record<string, number>;
  policy?: string;
}): Simulation {
  const r = parsePipeline({
    version: 1,
    cluster: { config: { 'log.cleaner.backoff.ms': 1000, ...opts.cleaner }, brokers: [{ id: 'b1' }] },
    topics: [
      {
        id: 'state',
        config: {
          'cleanup.policy': opts.policy ?? 'compact',
          'segment.bytes': opts.segmentBytes,
          'min.cleanable.dirty.ratio': 0,
          'delete.retention.ms': opts.deleteRetentionMs,
        },
      },
    ],
    producers: [
      {
        id: 'app',
        rate: { kind: 'constant', recordsPerSec: 1000 },
        recordBytes: 200,
        keys: { kind: 'uniform', count: opts.keys },
        tombstoneFraction: opts.tombstoneFraction,
      },
    ],
    edges: [{ from: 'app', to: 'state' }],
    run: { durationSec: opts.seconds },
  });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  const sim = new Simulation(r.doc);
  sim.runUntil(opts.seconds * 1000);
  return sim;
}

describe('a compacted topic', () => {
  const K = 5000;
  const SEGMENT = 262_144;
  const sim = compactedRun({
    keys: K,
    tombstoneFraction: 0,
    segmentBytes: SEGMENT,
    deleteRetentionMs: 0,
    seconds: 120,
  });
  const log = sim.topics.get('state')!.partitions[0]!.log;
  const state = sim.cleaners!.stateOf('state', 0)!;
  // Bytes a record takes in the log (the producer's 200 and the record format's overhead).
  const perRecord = log.endBytes / log.endOffset;

  it('keeps every key seen in what it cleaned: K(1 - (1 - 1/K)^n) of n records', () => {
    const n = state.cleanedEnd;
    expect(n).toBeGreaterThan(100_000);
    expect(state.cleanedRecords).toBeCloseTo(K * (1 - (1 - 1 / K) ** n), 6);
    // 100,000 records over 5,000 keys leave none unseen: (1 - 1/5000)^100000 = e^-20.
    expect(state.cleanedRecords).toBeGreaterThan(K - 0.01);
  });

  it('settles at distinct keys x record size, within one segment of it', () => {
    const bytes = seriesColumn(sim, 'state.logBytes').slice(60);
    const floor = K * perRecord;
    // Never below: no key's latest value is dropped. Just after a pass: the head and the active segment.
    for (const b of bytes) expect(b).toBeGreaterThan(floor - 1);
    expect(Math.min(...bytes)).toBeLessThanOrEqual(floor + SEGMENT);
    // Meanwhile 120,000 records (24 MB) were written: far more than the log holds.
    expect(log.endBytes).toBeGreaterThan(10 * Math.max(...bytes));
  });

  it('leaves the offsets where they were: a reader from 0 reads fewer records than the end offset', () => {
    const summary = sim.summary().compaction!.topics['state']!;
    expect(summary.endOffset).toBe(log.endOffset);
    expect(summary.logRecords).toBeCloseTo(K + log.endOffset - state.cleanedEnd, 3);
    expect(summary.logRecords).toBeLessThan(log.endOffset / 10);
  });
});

describe('tombstones', () => {
  // Every record a tombstone, over 100,000 keys at 1,000 records/s: a key comes back every 100 s.
  const K = 100_000;
  const run = (deleteRetentionMs: number) =>
    compactedRun({ keys: K, tombstoneFraction: 1, segmentBytes: 65_536, deleteRetentionMs, seconds: 60 });
  const distinct = (n: number) => K * (1 - (1 - 1 / K) ** n);

  it('stay while delete.retention.ms has not passed since the cleaner first passed them', () => {
    const state = run(3_600_000).cleaners!.stateOf('state', 0)!;
    expect(state.tombstones).toBeCloseTo(distinct(state.cleanedEnd), 3);
    expect(state.removedTombstones).toBeCloseTo(state.cleanedEnd - distinct(state.cleanedEnd), 3);
  });

  it('are gone delete.retention.ms after that', () => {
    // 10 s: only tombstones first passed in the last 10 s remain. The records those passes took
    // were written at most 10 s plus a pass interval (1 s) and a segment (about 0.3 s) ago, and all
    // of those written up to the last 2 s were taken.
    const state = run(10_000).cleaners!.stateOf('state', 0)!;
    expect(state.tombstones).toBeLessThanOrEqual(distinct(12_000));
    expect(state.tombstones).toBeGreaterThanOrEqual(distinct(8_000));
    expect(state.cleanedEnd).toBeGreaterThan(50_000);
  });
});

describe('the cleaner’s I/O', () => {
  // 20,000 keys at 1,000 records/s, 64 KB segments: a pass every second or so reads and writes a
  // few MB (the head of 20,000 x ~225 bytes = 4.5 MB, twice the dirty part, then the head again).
  const opts = {
    keys: 20_000,
    tombstoneFraction: 0,
    segmentBytes: 65_536,
    deleteRetentionMs: 0,
    seconds: 120,
  };
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const ioOf = (sim: Simulation) =>
    sum(seriesColumn(sim, 'cleaner.readBytes')) + sum(seriesColumn(sim, 'cleaner.writeBytes'));

  it('goes no faster than log.cleaner.io.max.bytes.per.second', () => {
    const free = compactedRun(opts);
    const limited = compactedRun({ ...opts, cleaner: { 'log.cleaner.io.max.bytes.per.second': 1_000_000 } });
    // Unlimited, it moves more than 1 MB/s; limited to 1 MB/s, at most 120 MB in 120 s, plus the
    // one 4 MB step counted when it starts.
    expect(ioOf(free)).toBeGreaterThan(2 * 120e6);
    expect(ioOf(limited)).toBeLessThanOrEqual(120e6 + 4 * 1024 * 1024);
    expect(ioOf(limited)).toBeGreaterThan(0.9 * 120e6);
    const passes = (sim: Simulation) => sim.cleaners!.stateOf('state', 0)!.passes;
    expect(passes(limited)).toBeLessThan(passes(free));
  });

  it('takes the broker’s disk, as any other I/O', () => {
    const disk = (sim: Simulation) => sum(seriesColumn(sim, 'b1.disk'));
    const compacted = compactedRun(opts);
    const deleted = compactedRun({ ...opts, policy: 'delete' });
    expect(deleted.cleaners).toBeUndefined();
    // The same writes; the cleaner's bytes on top, at the disk's speed.
    const cleanerBytes = ioOf(compacted);
    const diskBytesPerSec = compacted.doc.cluster.brokers[0]!.hardware.diskMBps * 1e6;
    // Utilisation is busy time per second: its sum is the disk's busy seconds.
    expect(cleanerBytes / diskBytesPerSec).toBeGreaterThan(0.3);
    expect(disk(compacted) - disk(deleted)).toBeCloseTo(cleanerBytes / diskBytesPerSec, 3);
  });

  it('cleans nothing with log.cleaner.threads 0', () => {
    const none = compactedRun({ ...opts, cleaner: { 'log.cleaner.threads': 0 } });
    expect(ioOf(none)).toBe(0);
    expect(none.cleaners!.stateOf('state', 0)!.passes).toBe(0);
  });
});

describe('determinism with the cleaner', () => {
  it('gives the same log sizes, cleaner I/O and restore times however the run is sliced', () => {
    const doc = loadExample('event-sourced-state');
    const runSliced = (slices: number[]) => {
      const sim = new Simulation(doc);
      let t = 0;
      for (let i = 0; t < 90_000; i++) sim.runUntil((t = Math.min(90_000, t + slices[i % slices.length]!)));
      return { summary: sim.summary(), series: sim.metrics.series() };
    };
    const whole = runSliced([90_000]);
    const sliced = runSliced([7_300, 1000, 333.3, 4_999.9]);
    expect(whole.summary.compaction!.topics['account-state']!.cleanerPasses).toBeGreaterThan(3);
    expect(sliced.summary).toEqual(whole.summary);
    expect(sliced.series).toEqual(whole.series);
  });
});
