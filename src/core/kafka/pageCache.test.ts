// The page cache: fetches for data the broker wrote recently are served from memory; older data is
// read from disk, queueing with writes. Expected figures follow from the sizes and rates chosen here.
import { describe, expect, it } from 'vitest';
import type { Fault, Pipeline } from '../../model/types';
import { PAGE_CACHE_FRACTION } from '../costs';
import { recordTotals } from '../engine/probe';
import { Simulation } from '../engine/simulation';
import { pipeline } from '../testing/pipelines';

const RATE = 20_000;
const RECORD_BYTES = 1000;
const MB_PER_SEC = (RATE * RECORD_BYTES) / 1e6;
/** 375 MB of cache: under 19 s of writes. Its dirty budget (50 MB) is 625 ms of disk. */
const SMALL_MEMORY_GB = 0.5;
const DISK_MBPS = 80;
/** Fetches of up to 128 MB (8 partitions x 16 MB), so one read from disk outlasts the dirty budget. */
const PARTITION_FETCH_BYTES = 16_000_000;
const CRASH_AT = 5.5;

function doc(memoryGB: number, faults: unknown[] = []): Pipeline {
  return pipeline({
    version: 1,
    cluster: {
      networkLatencyMs: 0.25,
      brokers: [
        {
          id: 'b0',
          hardware: {
            cores: 16,
            diskMBps: DISK_MBPS,
            networkInMBps: 10_000,
            networkOutMBps: 10_000,
            memoryGB,
          },
        },
      ],
    },
    topics: [{ id: 't', partitions: 8, replicationFactor: 1 }],
    producers: [
      {
        id: 'p',
        rate: { kind: 'constant', recordsPerSec: RATE },
        recordBytes: RECORD_BYTES,
        keys: { kind: 'uniform', count: 10_000 },
        config: { acks: '1', 'linger.ms': 5 },
      },
    ],
    consumerGroups: [
      {
        id: 'g',
        members: 1,
        processing: { distribution: 'fixed', meanMs: 0.001 },
        config: {
          'enable.auto.commit': true,
          'auto.commit.interval.ms': 5000,
          'max.partition.fetch.bytes': PARTITION_FETCH_BYTES,
          'fetch.max.bytes': 8 * PARTITION_FETCH_BYTES,
        },
      },
    ],
    edges: [
      { from: 'p', to: 't' },
      { from: 't', to: 'g' },
    ],
    faults: faults as Fault[],
    run: { seed: 3, durationSec: 100 },
  } as never);
}

/**
 * The only member crashes just after its 5 s commit and a replacement joins at once; the group waits
 * for the crashed member's session (45 s) before the replacement takes over from the 5 s commit, some
 * 45 s (900 MB) behind: far more than the cache holds.
 */
const FALL_BEHIND = [
  { kind: 'memberCrash', atSec: CRASH_AT, group: 'g' },
  { kind: 'memberJoin', atSec: CRASH_AT + 0.5, group: 'g' },
];

function run(d: Pipeline, slices?: number[]): Simulation {
  const sim = new Simulation(d);
  let t = 0;
  for (const step of slices ?? []) sim.runUntil((t += step));
  sim.runUntil(d.run.durationSec * 1000);
  return sim;
}

describe('page cache', () => {
  it('a consumer near the head reads everything from memory, though the run writes five times what the cache holds', () => {
    const sim = run(doc(SMALL_MEMORY_GB));
    const b = sim.summary().brokers.b0!;
    const cacheMB = SMALL_MEMORY_GB * 1000 * PAGE_CACHE_FRACTION;
    // The run writes far more than the cache holds, so the cold horizon is in play.
    expect(sim.brokers[0]!.writtenBytes / 1e6).toBeGreaterThan(5 * cacheMB);
    expect(b.diskReadMB).toBe(0);
    // What the group consumed, in MB (batch framing aside).
    const consumedMB = (sim.summary().records.consumed * RECORD_BYTES) / 1e6;
    expect(b.cacheReadMB).toBeGreaterThan(consumedMB * 0.99);
    expect(b.cacheReadMB).toBeLessThan(consumedMB * 1.05);
  });

  it('a consumer far behind reads from disk, and producers wait for the disk it takes', () => {
    const small = run(doc(SMALL_MEMORY_GB, FALL_BEHIND));
    const large = run(doc(256, FALL_BEHIND));
    const s = small.summary();
    const l = large.summary();
    const cacheMB = SMALL_MEMORY_GB * 1000 * PAGE_CACHE_FRACTION;
    // The backlog at takeover: from the 5 s commit to the end of the 45 s session.
    const backlogMB = (CRASH_AT + 45 - 5) * MB_PER_SEC;
    expect(s.brokers.b0!.diskReadMB).toBeGreaterThan(backlogMB - cacheMB - MB_PER_SEC * 2);
    expect(l.brokers.b0!.diskReadMB).toBe(0);
    // Both groups catch up in the end: lag counts from the last commit, at most 5 s old.
    expect(s.consumerGroups.g!.finalLag).toBeLessThan(6 * RATE);
    expect(l.consumerGroups.g!.finalLag).toBeLessThan(6 * RATE);
    // A read of 128 MB holds the disk for 1.6 s, well above the 625 ms of dirty pages
    // writes may run ahead by: writes behind them wait, and acknowledgements with them.
    expect(s.produceLatencyMs.p99).toBeGreaterThan(l.produceLatencyMs.p99 + 50);
    expect(s.produceLatencyMs.max).toBeGreaterThan(l.produceLatencyMs.max + 50);
    // The per-second series shows the reads after the takeover and none before the crash.
    const series = small.metrics.series();
    const col = series.columns.indexOf('b0.diskReadMBps');
    // The disk-read columns come last but one: the cross-zone bytes came after them.
    expect(col).toBe(series.columns.indexOf('cluster.crossZoneBytes') - 1);
    const perSec = series.rows.map((r) => r[col]!);
    expect(perSec.slice(0, 50).every((v) => v === 0)).toBe(true);
    const total = perSec.reduce((a, v) => a + v, 0);
    expect(total).toBeCloseTo(small.brokers[0]!.diskReadBytes / 1e6, 3);
  });

  it("a follower back from a long outage copies what it missed from the leader's disk", () => {
    // Two brokers, one partition led by b0 and copied by b1; b1 is down for 40 s (800 MB of writes,
    // over twice b0's cache). On its return it fetches from where it stopped: the older part of
    // that is no longer cached on b0.
    const follower = (memoryGB: number): Pipeline => {
      const d = doc(memoryGB);
      const hardware = d.cluster.brokers[0]!.hardware;
      return pipeline({
        ...d,
        cluster: {
          ...d.cluster,
          brokers: [
            { id: 'b0', hardware },
            { id: 'b1', hardware },
          ],
        },
        topics: [{ id: 't', partitions: 1, replicationFactor: 2 }],
        faults: [{ kind: 'brokerDown', atSec: 5, broker: 'b1', durationSec: 40 }],
      } as never);
    };
    const small = run(follower(SMALL_MEMORY_GB)).summary();
    const large = run(follower(256)).summary();
    const cacheMB = SMALL_MEMORY_GB * 1000 * PAGE_CACHE_FRACTION;
    expect(small.brokers.b0!.diskReadMB).toBeGreaterThan(40 * MB_PER_SEC - cacheMB - MB_PER_SEC);
    expect(large.brokers.b0!.diskReadMB).toBe(0);
    // Nothing is read from b1, which leads nothing.
    expect(small.brokers.b1!.diskReadMB + small.brokers.b1!.cacheReadMB).toBe(0);
  });

  it('accounting balances and slicing changes nothing', () => {
    const d = doc(SMALL_MEMORY_GB, FALL_BEHIND);
    const whole = run(d);
    const sliced = run(d, [777.7, 12_345.6, 40_000, 3.3]);
    expect(sliced.summary()).toEqual(whole.summary());
    expect(sliced.metrics.series().rows).toEqual(whole.metrics.series().rows);
    const r = recordTotals(whole);
    expect(r.produced).toBe(r.acknowledged + r.inFlight + r.refused + r.dropped + r.lost);
  });
});
