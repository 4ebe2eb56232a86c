// The lag readings of a running pipeline against figures worked out by hand: lag by committed
// offset and by position, against the high watermark, in seconds, and time to drain.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PipelineInput } from '../../model/types';
import { Simulation } from '../engine/simulation';
import { FAST_BROKER, pipeline, sparkPipeline } from '../testing/pipelines';

type ConsumerConfig = NonNullable<NonNullable<PipelineInput['consumerGroups']>[number]['config']>;
type Step = { kind: 'step'; atSec: number; recordsPerSec: number };

/**
 * One partition fed at a constant 4,000 records/s (changed by `steps`), one member that processes
 * 2,000/s (0.5 ms a record, 500 a poll: 250 ms per poll).
 */
function slowGroup(config: ConsumerConfig = {}, steps: Step[] = []): Simulation {
  return new Simulation(
    pipeline({
      version: 1,
      cluster: { networkLatencyMs: 0.1, brokers: [{ id: 'b1', hardware: FAST_BROKER }] },
      topics: [{ id: 't', partitions: 1, replicationFactor: 1 }],
      producers: [
        {
          id: 'p',
          rate: { kind: 'constant', recordsPerSec: 4000, schedule: steps },
          recordBytes: 100,
          config: { acks: '1', 'linger.ms': 0 },
        },
      ],
      consumerGroups: [
        {
          id: 'g',
          members: 1,
          processing: { distribution: 'fixed', meanMs: 0.5 },
          config: { 'max.poll.records': 500, ...config },
        },
      ],
      edges: [
        { from: 'p', to: 't' },
        { from: 't', to: 'g' },
      ],
      run: { seed: 1, durationSec: 60 },
    }),
  );
}

/** The series value of `column` at simulated second `second`. */
function at(sim: Simulation, column: string, second: number): number {
  const { columns, rows } = sim.metrics.series();
  const row = rows.find((r) => r[0] === second);
  const i = columns.indexOf(column);
  if (!row || i < 0) throw new Error(`no ${column} at ${second} s`);
  return row[i]!;
}

describe('lag readings', () => {
  it('ages the oldest unread record: half the run when reading at half the production rate', () => {
    const sim = slowGroup();
    sim.runUntil(20_000);
    // By 20 s the member has returned about 2,000 x 20 = 40,000 records; offset 40,000 was created
    // at 40,000 / 4,000 = 10 s, so it has waited 20 - 10 = 10 s (a poll, 500 records, is 0.125 s of
    // production either way).
    expect(at(sim, 'g.lagSec', 20)).toBeGreaterThan(9.8);
    expect(at(sim, 'g.lagSec', 20)).toBeLessThan(10.2);
    expect(sim.summary().consumerGroups.g!.finalLagSeconds).toBeCloseTo(10, 0);
    // And the lag by position is 80,000 - 40,000 records.
    expect(at(sim, 'g.lagPosition', 20)).toBeGreaterThan(40_000 - 600);
    expect(at(sim, 'g.lagPosition', 20)).toBeLessThan(40_000 + 600);
  });

  it('counts committed lag from the last commit and position lag from the next poll', () => {
    // Committing after every poll: committed and position differ by at most the poll in progress.
    const manual = slowGroup({ 'enable.auto.commit': false });
    manual.runUntil(17_500);
    const m = manual.groups[0]!.lagTable(manual.nowMs)[0]!;
    expect(m.lag - m.positionLag).toBeGreaterThanOrEqual(0);
    expect(m.lag - m.positionLag).toBeLessThanOrEqual(500);
    // Auto commit every 5 s: the last commit was at the first poll after 15 s, and the polls since
    // (every 250 ms) returned about 2.5 s x 2,000 = 5,000 records, which the committed lag still counts.
    const auto = slowGroup();
    auto.runUntil(17_500);
    const a = auto.groups[0]!.lagTable(auto.nowMs)[0]!;
    expect(a.lag - a.positionLag).toBeGreaterThan(4000);
    expect(a.lag - a.positionLag).toBeLessThan(6000);
    expect(a.committed).toBeGreaterThanOrEqual(0);
    expect(a.position - a.committed).toBe(a.lag - a.positionLag);
    // The summary's per-partition table says the same.
    const row = auto.summary().consumerGroups.g!.partitions[0]!;
    expect(row.lag).toBe(a.lag);
    expect(row.positionLag).toBe(a.positionLag);
    expect(row.committedOffset).toBe(a.committed);
  });

  it('counts lag to the high watermark while a cut-off follower holds it below the log end', () => {
    // Replication factor 2; at 5 s the follower is cut off from the other brokers, so the high
    // watermark stays where it was until the controller fences it (broker.session.timeout.ms, 9 s)
    // and the ISR shrinks, while the leader (acks=1) keeps appending. The fast group reads to the
    // high watermark and commits it: its lag is 0 at 12 s, although the leader holds about
    // 7 s x 4,000 = 28,000 records more.
    const sim = new Simulation(
      pipeline({
        version: 1,
        cluster: {
          networkLatencyMs: 0.1,
          brokers: [
            { id: 'b1', hardware: FAST_BROKER },
            { id: 'b2', hardware: FAST_BROKER },
          ],
        },
        topics: [{ id: 't', partitions: 1, replicationFactor: 2 }],
        producers: [
          {
            id: 'p',
            rate: { kind: 'constant', recordsPerSec: 4000 },
            recordBytes: 100,
            config: { acks: '1', 'linger.ms': 0 },
          },
        ],
        consumerGroups: [{ id: 'g', members: 1, processing: { distribution: 'fixed', meanMs: 0.001 } }],
        faults: [{ kind: 'networkPartition', atSec: 5, broker: 'b2', from: 'brokers' }],
        edges: [
          { from: 'p', to: 't' },
          { from: 't', to: 'g' },
        ],
        run: { seed: 1, durationSec: 30 },
      }),
    );
    sim.runUntil(12_000);
    const row = sim.groups[0]!.lagTable(sim.nowMs)[0]!;
    expect(row.logEndOffset - row.highWatermark).toBeGreaterThan(27_000);
    expect(row.lag).toBe(0);
    expect(row.positionLag).toBe(0);
    expect(sim.groups[0]!.lagPerPartition()[0]).toBe(0);
    const summary = sim.summary().consumerGroups.g!.partitions[0]!;
    expect(summary.logEndOffset).toBe(row.highWatermark);
    expect(summary.leaderLogEndOffset).toBe(row.logEndOffset);
  });

  it('gives the time to drain from the rates of the last seconds, or "not draining"', () => {
    // 4,000/s for 10 s, then 1,000/s. Reading 2,000/s, the group is 40,000 - 20,000 = 20,000
    // behind at 10 s and gains 1,000/s after: at 16 s it is 14,000 behind, 14 s from caught up.
    const sim = slowGroup({}, [{ kind: 'step', atSec: 10, recordsPerSec: 1000 }]);
    sim.runUntil(40_000);
    // While it reads slower than records arrive, it is not draining.
    expect(at(sim, 'g.drainSec', 8)).toBe(Infinity);
    expect(at(sim, 'g.lagPosition', 16)).toBeGreaterThan(14_000 - 600);
    expect(at(sim, 'g.lagPosition', 16)).toBeLessThan(14_000 + 600);
    expect(at(sim, 'g.drainSec', 16)).toBeGreaterThan(13.3);
    expect(at(sim, 'g.drainSec', 16)).toBeLessThan(14.7);
    // Per partition (there is one) the same.
    expect(at(sim, 'g.drainSec.p0', 16)).toBe(at(sim, 'g.drainSec', 16));
    // It catches up at 10 + 20,000 / 1,000 = 30 s; from then on it is caught up (0).
    expect(at(sim, 'g.drainSec', 33)).toBe(0);
    expect(sim.summary().consumerGroups.g!.drainSeconds).toBe(0);
  });

  it("ages a slow Spark job's lag from the oldest record not in a completed batch", () => {
    // 1,000 records/s, 1 s batches, 1.5 ms a record on one core: each batch takes about 1.5 s, so
    // batches queue. Batch k (records created in [k-1, k) s) ends at about 1 + 1.5k s; at 30 s
    // about 19 are done and the oldest unprocessed record was created at about 19 s: 11 s old
    // (a little more with Spark's per-batch overheads). Batches are still cut on time, so the lag
    // not yet taken into a batch stays under a second's records.
    const sim = new Simulation(sparkPipeline({ ratePerSec: 1000, costPerRecordUs: 1500, partitions: 2 }));
    sim.runUntil(30_000);
    expect(at(sim, 'job.lag', 30)).toBeLessThanOrEqual(1000);
    expect(at(sim, 'job.lagSec', 30)).toBeGreaterThan(10.5);
    expect(at(sim, 'job.lagSec', 30)).toBeLessThan(13);
    expect(at(sim, 'job.lagUnprocessed', 30)).toBeGreaterThan(10_000);
    expect(at(sim, 'job.drainSec', 30)).toBe(Infinity);
    expect(sim.summary().sparkJobs.job!.drainSeconds).toBeNull();
  });
});

describe('Spark input rate', () => {
  /** Per-second values of `column` from `from` s to the end. */
  const values = (sim: Simulation, column: string, from: number): number[] => {
    const { columns, rows } = sim.metrics.series();
    const i = columns.indexOf(column);
    return rows.filter((r) => r[0]! >= from).map((r) => r[i]!);
  };

  it('is the mean over the last batch interval: flat for a steady input with 2 s batches', () => {
    // 10,000 records/s in 2 s batches: each batch holds 20,000 records, one batch per 2 s window.
    const sim = new Simulation(
      sparkPipeline({ ratePerSec: 10_000, costPerRecordUs: 1, batchIntervalMs: 2000 }),
    );
    sim.runUntil(30_000);
    // Per second, batches complete every other second: 20,000 records, then none.
    expect(values(sim, 'job.inputRecords', 3)).toContain(0);
    for (const rate of values(sim, 'job.inputRate', 3)) {
      expect(rate).toBeGreaterThan(9900);
      expect(rate).toBeLessThan(10_100);
    }
    // Before a whole window has passed, the window still counts from the start of the run (0
    // records taken then), not from the first second: the first batch is not shown doubled.
    for (const rate of values(sim, 'job.inputRate', 1)) expect(rate).toBeLessThan(10_100);
  });

  it('does not double when a slow batch completes in the same second as the next one', () => {
    // The clickstream example's window slides every 5 s; the batch that emits it runs past the
    // 1 s interval, so two batches complete in one second and none in the one before.
    const doc = pipeline(JSON.parse(readFileSync('examples/clickstream-personalisation.json', 'utf8')));
    const sim = new Simulation(doc);
    sim.runUntil(60_000);
    expect(values(sim, 'personaliser.batches', 30)).toContain(2);
    expect(values(sim, 'personaliser.batches', 30)).toContain(0);
    const produced = sim.summary().producers;
    const perSec = Object.values(produced).reduce((a, p) => a + p.recordsPerSec, 0);
    for (const rate of values(sim, 'personaliser.inputRate', 10)) {
      expect(rate).toBeGreaterThan(perSec * 0.95);
      expect(rate).toBeLessThan(perSec * 1.05);
    }
  });
});
