// Spark fault tolerance through the document's fault timeline: checkpoints, driver failure and
// replay into sinks of each delivery kind, executor loss. Expected counts follow from the producer's
// even rate (1000 records per 1 s batch) and the checkpoint schedule.
import { describe, expect, it } from 'vitest';
import type { PipelineInput } from '../../model/types';
import { Simulation } from '../engine/simulation';
import { pipeline, sparkPipelineInput, type SparkOptions } from '../testing/pipelines';

type Delivery = 'atLeastOnce' | 'idempotent' | 'transactional';

function withFaults(o: SparkOptions, faults: PipelineInput['faults']): Simulation {
  const sim = new Simulation(pipeline({ ...sparkPipelineInput(o), faults }));
  sim.runUntil((o.durationSec ?? 60) * 1000);
  return sim;
}

const driverRun = (delivery: Delivery, checkpointIntervalMs = 10_000) =>
  withFaults(
    {
      ratePerSec: 1000,
      costPerRecordUs: 20,
      durationSec: 120,
      job: { checkpointIntervalMs },
      stages: [
        { id: 'm', kind: 'map', costPerRecordUs: 20 },
        { id: 'out', kind: 'sink' },
      ],
      sink: { id: 'db', kind: 'database', delivery },
    },
    [{ kind: 'driverFailure', atSec: 55.5, job: 'job', durationSec: 20 }],
  );

describe('Spark driver failure', () => {
  it('replays the batches since the last checkpoint; an at-least-once sink stores them twice', () => {
    const sim = driverRun('atLeastOnce');
    const job = sim.jobs[0]!;
    // Checkpoints every 10 batches: the last before 55.5 s is the batch of 50 s, so the batches of
    // 51-55 s (1000 records each) are read again after the restart.
    expect(job.driverFailures).toBe(1);
    expect(job.replayedRecords).toBe(5000);
    expect(job.replayedOutput).toBe(5000);
    const db = sim.sinks.get('db')!;
    expect(db.duplicates).toBe(5000);
    expect(db.received).toBe(job.totalOutput);
    // No batch runs while the driver is down; afterwards the backlog goes through.
    const times = job.recentBatches.map((b) => b.batchTime);
    expect(times.some((t) => t > 55_500 && t <= 75_500)).toBe(false);
    expect(job.lagPerPartition().reduce((a, b) => a + b, 0)).toBeLessThan(1500);
  });

  it('a transactional or idempotent sink receives each record once', () => {
    for (const delivery of ['transactional', 'idempotent'] as const) {
      const sim = driverRun(delivery);
      const job = sim.jobs[0]!;
      const db = sim.sinks.get('db')!;
      expect(job.replayedOutput).toBe(5000);
      expect(db.duplicates).toBe(0);
      expect(db.received).toBe(job.totalOutput - 5000);
    }
  });

  it('checkpoints every 10 s cost more processing time than every 60 s, but replay less', () => {
    const run = (checkpointIntervalMs: number) =>
      withFaults(
        {
          ratePerSec: 50_000,
          costPerRecordUs: 2,
          cores: 4,
          durationSec: 120,
          job: { checkpointIntervalMs },
          // A window over many keys holds megabytes of state, which each checkpoint writes.
          stages: [
            { id: 'w', kind: 'window', windowLengthMs: 30_000, slideMs: 1000, keyCardinality: 1_000_000 },
          ],
        },
        [{ kind: 'driverFailure', atSec: 55.5, job: 'job', durationSec: 20 }],
      ).jobs[0]!;
    const often = run(10_000);
    const rarely = run(60_000);
    const meanProcessing = (j: typeof often) => j.sumProcessingMs / j.batchesCompleted;
    expect(meanProcessing(often)).toBeGreaterThan(meanProcessing(rarely));
    expect(often.checkpointsWritten).toBeGreaterThan(rarely.checkpointsWritten * 4);
    // 10 s: back to the checkpoint of 50 s, 5 batches. 60 s: no checkpoint since the start, 55 batches.
    // (The very first batch is short by the few records still in the producer's buffer at 1 s.)
    expect(often.replayedRecords).toBe(5 * 50_000);
    expect(Math.abs(rarely.replayedRecords - 55 * 50_000)).toBeLessThan(500);
  });
});

describe('Spark executor loss', () => {
  it('re-runs the lost tasks, so the batch is late, and runs on fewer cores until replaced', () => {
    // Two executors of one core; each batch is ~600 ms of work spread over both.
    const sim = withFaults(
      { ratePerSec: 4000, costPerRecordUs: 300, executors: 2, cores: 1, partitions: 4, durationSec: 60 },
      [{ kind: 'executorLoss', atSec: 20.2, job: 'job', count: 1, durationSec: 10 }],
    );
    const batches = sim.jobs[0]!.recentBatches;
    const at = (t: number) => batches.find((b) => b.batchTime === t)!;
    const normal = at(15_000).processingMs;
    expect(normal).toBeGreaterThan(550);
    expect(normal).toBeLessThan(700);
    // The batch of 20 s was running at 20.2 s: the lost executor's share of it runs again on the
    // remaining core, after which the rest goes at half speed.
    const hit = at(20_000);
    expect(hit.status).toBe('recomputed');
    expect(hit.processingMs).toBeGreaterThan(normal * 1.2);
    // With one core a batch takes twice as long (1.2 s > 1 s interval), so delay builds up ...
    expect(at(25_000).processingMs).toBeGreaterThan(normal * 1.8);
    expect(at(29_000).schedulingDelayMs).toBeGreaterThan(0);
    // ... and drains once the replacement has started at 30.2 s.
    expect(at(50_000).schedulingDelayMs).toBeLessThan(5);
    expect(at(50_000).processingMs).toBeLessThan(normal * 1.05);
    expect(sim.jobs[0]!.recomputedBatches).toBe(1);
  });
});

describe('Spark continuous mode', () => {
  const opts = (mode: 'microBatch' | 'continuous'): SparkOptions => ({
    ratePerSec: 2000,
    costPerRecordUs: 20,
    partitions: 2,
    cores: 2,
    durationSec: 60,
    job: { mode },
    stages: [
      { id: 'f', kind: 'filter', selectivity: 0.5 },
      { id: 'out', kind: 'sink' },
    ],
    sink: { id: 'db', kind: 'database', writeLatencyMs: 1 },
  });

  it('processes records within milliseconds where micro-batches take about half an interval', () => {
    const micro = withFaults(opts('microBatch'), []);
    const cont = withFaults(opts('continuous'), []);
    const p50 = (s: Simulation) => s.summary().sparkJobs.job!.latencyMs.p50;
    // A record waits for the next 1 s batch cut (0.5 s on average), then the batch runs.
    expect(p50(micro)).toBeGreaterThan(450);
    // Continuous: the 2 ms poll loop, the producer's linger.ms (5), one record's processing.
    expect(p50(cont)).toBeLessThan(15);
    // The same records go through either way.
    const out = (s: Simulation) => s.jobs[0]!.stageTotals[0]!.recordsOut;
    expect(Math.abs(out(cont) - out(micro))).toBeLessThan(2000 * 1.5);
  });

  it('is at-least-once: a restart replays what was processed since the last epoch commit', () => {
    // Epochs every 1 s (batchIntervalMs); the driver fails 0.5 s into an epoch.
    const sim = withFaults(opts('continuous'), [
      { kind: 'driverFailure', atSec: 30.5, job: 'job', durationSec: 5 },
    ]);
    const job = sim.jobs[0]!;
    expect(job.replayedRecords).toBeGreaterThan(2000 * 0.5 * 0.9);
    expect(job.replayedRecords).toBeLessThan(2000 * 0.5 * 1.1);
    expect(sim.sinks.get('db')!.duplicates).toBe(job.replayedOutput);
    expect(job.replayedOutput).toBeGreaterThan(0);
  });

  it('refuses stateful operators in continuous mode', () => {
    expect(() =>
      pipeline({
        ...sparkPipelineInput({
          ...opts('continuous'),
          stages: [{ id: 'agg', kind: 'aggregate' }],
        }),
      }),
    ).toThrow(/continuous mode runs record-at-a-time operators only/);
  });
});
