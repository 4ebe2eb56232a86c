// Readers of a compacted topic behind its cleaned end get one record per key there, not every
// offset: an offsetReset to earliest restores the state from the cleaned log, and a Spark job that
// falls behind the cleaner takes fewer records than the offsets its batches cover. Built on the
// event-sourced-state example (2,000 records/s over 20,000 keys, 3 partitions, 1 MB segments).
import { describe, expect, it } from 'vitest';
import { editedExample, runFor, type ExampleJson } from '../testing/examples';

const TOPIC = 'account-state';

/** Drops a group with its edges and layout. */
function dropGroup(d: ExampleJson, id: string): void {
  const doc = d as unknown as { edges: { from: string; to: string }[]; layout: Record<string, unknown> };
  d.consumerGroups = (d.consumerGroups ?? []).filter((g) => g.id !== id);
  doc.edges = doc.edges.filter((e) => e.to !== id);
  delete doc.layout[id];
}

describe('readers of a compacted topic', () => {
  it('an offsetReset to earliest restores every key from the cleaned log', () => {
    const edit = (cleaners: number) => (d: ExampleJson) => {
      dropGroup(d, 'balance-restore');
      d.cluster.config = { ...d.cluster.config, 'log.cleaner.threads': cleaners };
      d.faults = [{ kind: 'offsetReset', atSec: 200, group: 'balance-view', to: 'earliest' }];
    };
    const run = (cleaners: number) => {
      const sim = runFor(editedExample('event-sourced-state', edit(cleaners)), 240);
      const g = sim.groups[0]!;
      return { restore: sim.summary().compaction!.restores['balance-view']!, target: g.restore!.target };
    };
    const on = run(1);
    const off = run(0);
    const m = on.restore.measured!;
    // The reset applies after the group's join/sync round, a little after 200 s.
    expect(m.startSec).toBeGreaterThanOrEqual(200);
    expect(m.startSec).toBeLessThan(201);
    const target = on.target.reduce((a, b) => a + b, 0);
    // About 400,000 offsets written by then: the cleaned log holds every key once and the uncleaned part.
    expect(target).toBeGreaterThan(399_000);
    expect(m.records).toBeGreaterThanOrEqual(20_000 * 0.99);
    expect(m.records).toBeLessThan(target / 8);
    // Without the cleaner the same reset reads every offset: 0.05 ms each, one member.
    const all = off.restore.measured!;
    expect(all.records).toBeGreaterThanOrEqual(off.target.reduce((a, b) => a + b, 0));
    expect(all.seconds!).toBeGreaterThanOrEqual((all.records * 0.05) / 1000);
    expect(all.seconds! / m.seconds!).toBeGreaterThan(8);
  });

  it('a Spark job behind the cleaner takes one record per key there, and accounts for every offset it passed', () => {
    const doc = editedExample('event-sourced-state', (d) => {
      dropGroup(d, 'balance-restore');
      dropGroup(d, 'balance-view');
      const edges = (d as unknown as { edges: { from: string; to: string }[] }).edges;
      (d.sparkJobs ??= []).push({
        id: 'balances',
        stages: [{ id: 'apply', kind: 'map', costPerRecordUs: 20 }],
        // 300 offsets a second per partition: 900 of the 2,000 written, so the job falls behind.
        config: { 'spark.streaming.kafka.maxRatePerPartition': 300 },
      });
      edges.push({ from: TOPIC, to: 'balances' });
    });
    const sim = runFor(doc, 240);
    const job = sim.jobs[0]!;
    const offsets = sim.topics
      .get(TOPIC)!
      .partitions.reduce((a, p, i) => a + Math.max(0, job.lagTable(sim.nowMs)[i]!.position), 0);
    // Its batches covered at most 300 offsets/s per partition for 240 s.
    expect(offsets).toBeLessThanOrEqual(300 * 3 * 240);
    expect(offsets).toBeGreaterThan(300 * 3 * 200);
    // Far behind the end (480,000 offsets), it reads where the cleaner has been: fewer records than offsets.
    expect(job.compactedSkipped).toBeGreaterThan(offsets / 4);
    expect(job.recordsTaken + job.compactedSkipped + job.totalExpiredUnread + job.abortedSkipped).toBe(
      offsets,
    );
    expect(sim.summary().compaction!.restores.balances!.compactedUnread).toBe(job.compactedSkipped);
  });

  it('a Spark job started at 200 s with auto.offset.reset earliest restores from the cleaned log', () => {
    const run = (cleaners: number) => {
      const doc = editedExample('event-sourced-state', (d) => {
        dropGroup(d, 'balance-restore');
        d.cluster.config = { ...d.cluster.config, 'log.cleaner.threads': cleaners };
        const edges = (d as unknown as { edges: { from: string; to: string }[] }).edges;
        (d.sparkJobs ??= []).push({
          id: 'balances',
          startAtSec: 200,
          stages: [{ id: 'apply', kind: 'map', costPerRecordUs: 100 }],
          kafkaParams: { 'auto.offset.reset': 'earliest' },
          config: { 'spark.executor.instances': 1, 'spark.executor.cores': 1 },
        });
        edges.push({ from: TOPIC, to: 'balances' });
      });
      const sim = runFor(doc, 260);
      const job = sim.jobs[0]!;
      return {
        measured: sim.summary().compaction!.restores.balances!.measured!,
        target: job.restore!.target,
      };
    };
    const on = run(1);
    const off = run(0);
    expect(on.measured.startSec).toBe(200);
    const target = on.target.reduce((a, b) => a + b, 0);
    expect(target).toBeGreaterThan(399_000);
    expect(on.measured.records).toBeGreaterThanOrEqual(20_000 * 0.99);
    expect(on.measured.records).toBeLessThan(target / 8);
    // One core, 100 µs a record: the batches holding the restore take at least records x 0.1 ms.
    expect(on.measured.seconds!).toBeGreaterThanOrEqual((on.measured.records * 0.1) / 1000);
    // Without the cleaner: every offset, 400,000 x 0.1 ms = 40 s at least.
    expect(off.measured.records).toBeGreaterThanOrEqual(off.target.reduce((a, b) => a + b, 0));
    expect(off.measured.seconds!).toBeGreaterThanOrEqual(40);
    expect(off.measured.seconds! / on.measured.seconds!).toBeGreaterThan(5);
  });

  it('a Spark job with the default auto.offset.reset (latest) starts at the end: no restore', () => {
    const doc = editedExample('event-sourced-state', (d) => {
      const edges = (d as unknown as { edges: { from: string; to: string }[] }).edges;
      (d.sparkJobs ??= []).push({
        id: 'balances',
        startAtSec: 100,
        stages: [{ id: 'apply', kind: 'map', costPerRecordUs: 1 }],
        config: {},
      });
      edges.push({ from: TOPIC, to: 'balances' });
    });
    const sim = runFor(doc, 120);
    expect(sim.jobs[0]!.restore).toBeUndefined();
    // It read about 20 s of writes (2,000 a second), nothing from before it started.
    expect(sim.jobs[0]!.recordsTaken).toBeLessThanOrEqual(20 * 2000);
    expect(sim.jobs[0]!.recordsTaken).toBeGreaterThan(18 * 2000);
  });
});
