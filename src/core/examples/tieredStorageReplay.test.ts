// "... only about 100 MB of each partition stays on the brokers' disks ... The topic already holds a
// week of orders, about 12 GB, nearly all of it in the store ... audit-replay ... replays the whole
// week from offset 0 ... one partition per fetch, each paying the store's first byte (30 ms) for
// max.partition.fetch.bytes (1 MiB), so each partition replays at about 1 MiB per 33 ms, some
// 32 MB/s, about 190 MB/s for the six, and the week takes about a minute. ... the brokers' disks
// holding about 2 to 2.5 GB ... while the store holds about 12 GB, costing some $0.28 a month ...
// live-dashboard is not slowed. Raise the replay's max.partition.fetch.bytes to 8388608 ... the
// replay runs more than twice as fast ... Set remote.storage.enable off ... the week stays on the
// brokers' disks, three times over."
import { describe, expect, it } from 'vitest';
import { HARDWARE_PRESETS } from '../../model/presets';
import type { Simulation } from '../engine/simulation';
import { editedExample, loadExample, runFor, seriesColumn } from '../testing/examples';

const NAME = 'tiered-storage-replay';
const GROUP = 'audit-replay';

/** Mean of a series column over the whole seconds in (from, to]. */
function meanOver(sim: Simulation, column: string, from: number, to: number): number {
  const t = seriesColumn(sim, 'second');
  const v = seriesColumn(sim, column);
  const picked = v.filter((_, i) => t[i]! > from && t[i]! <= to);
  return picked.reduce((a, x) => a + x, 0) / picked.length;
}

describe(NAME, () => {
  let base: Simulation | undefined;
  const run = () => (base ??= runFor(loadExample(NAME), 90));

  it('replays each partition at 1 MiB per (first byte + transfer) from the store', () => {
    const sim = run();
    // From the cloud preset's store and Kafka's fetch size, not from the engine: a fetch brings
    // 1 MiB after the 30 ms first byte plus 1 MiB at 400 MB/s; six partitions replay side by side.
    const store = HARDWARE_PRESETS['cloud-2024'].objectStorage;
    const fetch = 1_048_576;
    const perPartition = fetch / (store.firstByteMs / 1000 + fetch / (store.mbps * 1e6));
    const expected = (6 * perPartition) / 1e6; // MB/s, about 193
    const measured = meanOver(sim, `${GROUP}.consumedBytes`, 5, 50) / 1e6;
    expect(measured).toBeGreaterThan(expected * 0.9);
    expect(measured).toBeLessThan(expected * 1.02);
    // What the group took came from the store: the brokers' store reads match it.
    const reads = ['broker-1', 'broker-2', 'broker-3'].reduce(
      (a, b) => a + meanOver(sim, `${b}.remoteReadMBps`, 5, 50),
      0,
    );
    expect(Math.abs(reads - measured) / measured).toBeLessThan(0.05);
  });

  it('finishes the week in about a minute, and then reads nothing more from the store', () => {
    const sim = run();
    const s = sim.summary().tieredStorage.orders!;
    // About 12 GB were read back once each.
    expect(s.remoteReadGB).toBeGreaterThan(11);
    expect(s.remoteReadGB).toBeLessThan(12.5);
    const reads = ['broker-1', 'broker-2', 'broker-3'].reduce(
      (a, b) => a + meanOver(sim, `${b}.remoteReadMBps`, 75, 90),
      0,
    );
    expect(reads).toBe(0);
  });

  it('keeps about 100 MB per partition and replica on disk, the week in the store at $0.023/GB-month', () => {
    const s = run().summary().tieredStorage.orders!;
    // 6 partitions x 3 replicas x (100 MB kept + at most two 21 MB segments above it).
    expect(s.localGB).toBeGreaterThan(1.8);
    expect(s.localGB).toBeLessThan((18 * (100e6 + 2 * 20_971_520)) / 1e9);
    expect(s.remoteGB).toBeGreaterThan(11.5);
    expect(s.remoteGB).toBeLessThan(13);
    expect(s.dollarsPerMonth).toBeCloseTo(s.remoteGB * 0.023, 3);
    expect(s.dollarsPerMonth).toBeGreaterThan(0.25);
    expect(s.dollarsPerMonth).toBeLessThan(0.3);
  });

  it('does not slow live-dashboard', () => {
    const g = run().summary().consumerGroups['live-dashboard']!;
    expect(g.maxLagSeconds).toBeLessThan(1);
    expect(g.recordsPerSec).toBeGreaterThan(4800);
    // Its own latency, every second, stays at milliseconds while audit-replay's new records wait
    // behind the week (the merged lines carry both).
    const own = seriesColumn(run(), 'live-dashboard.latency.p99');
    expect(Math.max(...own)).toBeLessThan(50);
    expect(Math.max(...seriesColumn(run(), `${GROUP}.latency.p99`))).toBeGreaterThan(10_000);
    expect(Math.max(...seriesColumn(run(), 'latency.p99'))).toBeGreaterThan(10_000);
  });

  it('leaves the week written before the run out of audit-replay’s latency: only records of the run count', () => {
    const g = run().summary().consumerGroups[GROUP]!;
    // 12,000,000 records were in the topic at the start; what the group read beyond them was written in the run.
    expect(g.consumed).toBeGreaterThan(12_000_000);
    expect(g.latencyMs.records).toBe(g.consumed - 12_000_000);
    // Those waited behind the week: up to the replay's minute, not the 90 s since the run began.
    expect(g.latencyMs.max).toBeLessThan(75_000);
  });

  it('replays more than twice as fast with 8 MiB per partition fetch', () => {
    const sim = runFor(
      editedExample(NAME, (doc) => {
        const g = doc.consumerGroups!.find((x) => x.id === GROUP) as unknown as {
          config: Record<string, unknown>;
        };
        g.config['max.partition.fetch.bytes'] = 8_388_608;
      }),
      20,
    );
    const base = 6 * (1_048_576 / (0.03 + 1_048_576 / 400e6));
    expect(meanOver(sim, `${GROUP}.consumedBytes`, 3, 15)).toBeGreaterThan(2 * base);
  });

  it('without remote storage keeps the whole week on the brokers, three times over', () => {
    const sim = runFor(
      editedExample(NAME, (doc) => {
        doc.topics[0]!.config!['remote.storage.enable'] = false;
      }),
      5,
    );
    expect(sim.summary().tieredStorage.orders).toBeUndefined();
    const p = sim.topics.get('orders')!.partitions;
    const onDisk = p.reduce((a, x) => a + x.log.retainedBytes * x.replicas.length, 0);
    expect(onDisk / 1e9).toBeGreaterThan(3 * 11.5);
  });
});
