// The Spark part of the live snapshot: what the Spark UI tables and the canvas's busy bars show.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../core/engine/simulation';
import { loadExample } from '../core/testing/examples';
import { sparkPipeline } from '../core/testing/pipelines';
import { FrameBuilder, SPARK_BATCHES, sparkJobLive } from './frames';

describe('live Spark job', () => {
  it('busy of a single map stage is records x cost / (slots x batch interval)', () => {
    const doc = sparkPipeline({ ratePerSec: 5000, costPerRecordUs: 100, cores: 2, durationSec: 30 });
    const sim = new Simulation(doc);
    sim.runUntil(30_000);
    const job = sim.jobs[0]!;
    const live = sparkJobLive(job);
    const stage = live.stages[0]!;
    expect(stage.id).toBe('work');
    expect(stage.kind).toBe('map');
    // 5,000 records per 1 s batch at 100 us each on 2 slots: a quarter of the slots' time.
    expect(stage.recordsIn).toBeGreaterThan(4900);
    expect(stage.recordsIn).toBeLessThan(5100);
    expect(stage.busy).toBeCloseTo((stage.recordsIn * 100) / 1000 / (2 * 1000), 6);
    expect(stage.busy).toBeCloseTo(0.25, 1);
    // A quarter of the slots' time is far from the job's limit: nothing limits it.
    expect(live.limitingStage).toBeUndefined();
    expect(live.limitingReason).toBeUndefined();
    expect(live.state).toBe('running');
    expect(live.slots).toBe(2);
  });

  it('lists the last batches newest first, as the job recorded them', () => {
    const sim = new Simulation(sparkPipeline({ ratePerSec: 5000, costPerRecordUs: 100, durationSec: 30 }));
    sim.runUntil(30_000);
    const job = sim.jobs[0]!;
    const live = sparkJobLive(job);
    expect(live.batches).toHaveLength(SPARK_BATCHES);
    const newest = job.recentBatches[job.recentBatches.length - 1]!;
    expect(live.batches[0]).toEqual({
      batchTimeMs: newest.batchTime,
      records: newest.records,
      outputRecords: newest.outputRecords,
      schedulingDelayMs: newest.schedulingDelayMs,
      processingMs: newest.processingMs,
      totalDelayMs: newest.totalDelayMs,
      slowestTaskMs: newest.slowestTaskMs,
      medianTaskMs: newest.medianTaskMs,
      status: newest.status,
      checkpointMs: newest.checkpointMs,
      outputWaitMs: newest.outputWaitMs,
    });
    for (let i = 1; i < live.batches.length; i++)
      expect(live.batches[i]!.batchTimeMs).toBeLessThan(live.batches[i - 1]!.batchTimeMs);
    expect(live.totals.batches).toBe(job.batchesCompleted);
    expect(live.totals.records).toBe(job.totalRecords);
    expect(live.totals.output).toBe(job.totalOutput);
  });

  it('names the operator with the most task time as the one limiting a job near its limit', () => {
    // 8,000 records a 1 s batch on one slot: 80 ms to parse, 8 ms to filter, and 4,000 kept records
    // at 200 us: 800 ms, 80% of the slot's time. With the overheads, batches take about 0.9 s.
    const doc = sparkPipeline({
      ratePerSec: 8000,
      costPerRecordUs: 0,
      durationSec: 10,
      stages: [
        { id: 'parse', kind: 'map', costPerRecordUs: 10 },
        { id: 'keep', kind: 'filter', selectivity: 0.5, costPerRecordUs: 1 },
        { id: 'heavy', kind: 'map', costPerRecordUs: 200 },
      ],
    });
    const sim = new Simulation(doc);
    sim.runUntil(10_000);
    const live = sparkJobLive(sim.jobs[0]!);
    expect(live.stages.map((s) => s.id)).toEqual(['parse', 'keep', 'heavy']);
    expect(live.limitingStage).toBe('heavy');
    expect(live.limitingReason).toMatch(/its tasks keep the 1 task slot busy 80% of the batch interval/);
    expect(live.limitingReason).toMatch(
      /^Limits this job \(batches take (8[5-9]|9\d)% of the 1\.0 s batch interval\)/,
    );
    const keep = live.stages[1]!;
    expect(keep.filtered).toBe(keep.recordsIn - keep.recordsOut);
    expect(live.totals.filtered).toBe(sim.jobs[0]!.stageTotals[1]!.filtered);
  });

  it("counts a shuffle's disk writes and fetches in its operator's task time and busy share", () => {
    // 2,000 records/s of 20 kB: 40 MB a batch cross the shuffled join's shuffle.
    const doc = sparkPipeline({
      ratePerSec: 2000,
      costPerRecordUs: 0,
      durationSec: 10,
      producer: { recordBytes: 20_000 },
      stages: [
        { id: 'parse', kind: 'map', costPerRecordUs: 10 },
        { id: 'enrich', kind: 'join', strategy: 'shuffle', tableRows: 10, costPerRecordUs: 1 },
      ],
    });
    const sim = new Simulation(doc);
    sim.runUntil(10_000);
    const job = sim.jobs[0]!;
    const live = sparkJobLive(job);
    const join = live.stages[1]!;
    expect(join.shuffleBytes).toBeGreaterThan(1900 * 20_000);
    expect(join.shuffleWriteMs).toBeGreaterThan(0);
    expect(join.shuffleFetchMs).toBeGreaterThan(0);
    expect(join.taskMs).toBeCloseTo(join.cpuMs + join.shuffleWriteMs + join.shuffleFetchMs, 6);
    expect(join.busy).toBeCloseTo(join.taskMs / (job.slots * 1000), 6);
    // Batches take about half the interval: no operator limits the job.
    expect(job.recentBatches.every((b) => b.processingMs < 700)).toBe(true);
    expect(live.limitingStage).toBeUndefined();
  });

  it('reckons busy shares over the slots the last batch ran on, not those left after an executor loss', () => {
    const sim = new Simulation(
      sparkPipeline({ ratePerSec: 5000, costPerRecordUs: 100, executors: 2, durationSec: 30 }),
    );
    sim.runUntil(10_500);
    const job = sim.jobs[0]!;
    const before = sparkJobLive(job).stages[0]!.busy;
    expect(before).toBeGreaterThan(0.2);
    job.loseExecutors(sim.nowMs, 1, 30_000);
    const after = sparkJobLive(job);
    // Half the slots are gone, but the batch shown ran on all of them: its share is unchanged.
    expect(after.slots).toBe(job.doc.config['spark.executor.instances'] - 1);
    expect(after.stages[0]!.busy).toBe(before);
  });

  it('has no limiting stage before the job has done any work, and says why it is restarting', () => {
    const sim = new Simulation(sparkPipeline({ ratePerSec: 1000, costPerRecordUs: 10, durationSec: 10 }));
    sim.runUntil(500);
    const idle = sparkJobLive(sim.jobs[0]!);
    expect(idle.limitingStage).toBeUndefined();
    expect(idle.batches).toEqual([]);
    expect(idle.stages[0]!.busy).toBe(0);

    sim.runUntil(3000);
    sim.jobs[0]!.failDriver(sim.nowMs, 5000);
    const restarting = sparkJobLive(sim.jobs[0]!);
    expect(restarting.state).toBe('restarting');
    expect(restarting.reason).toMatch(/driver/);
  });

  it('is part of the frame, by job id, only when the pipeline has Spark jobs', () => {
    const doc = sparkPipeline({ ratePerSec: 1000, costPerRecordUs: 10, durationSec: 10 });
    const sim = new Simulation(doc);
    sim.runUntil(5000);
    const frames = new FrameBuilder(doc, sim);
    const live = frames.live();
    expect(Object.keys(live.spark ?? {})).toEqual(['job']);
    expect(live.spark!.job!.batches.length).toBeGreaterThan(0);
  });
});

describe('live Spark executors', () => {
  it('counts executors, those starting, and those the read stage leaves without a task', () => {
    // 2 partitions, 1 executor, 4 more asked for at 10 s: at 12 s they are starting; from 15 s
    // (5 s start-up) 5 run, of which 5 - 2 = 3 get no read task.
    const doc = sparkPipeline({
      ratePerSec: 1000,
      costPerRecordUs: 100,
      partitions: 2,
      executors: 1,
      durationSec: 20,
    });
    doc.faults.push({ kind: 'addExecutors', atSec: 10, job: 'job', count: 4 });
    const sim = new Simulation(doc);
    sim.runUntil(12_000);
    let live = sparkJobLive(sim.jobs[0]!).executors!;
    expect(live).toMatchObject({ running: 1, starting: 4, readTasks: 2, idleInRead: 0, cores: 1 });
    expect(live.dynamic).toBeUndefined();
    sim.runUntil(20_000);
    live = sparkJobLive(sim.jobs[0]!).executors!;
    expect(live).toMatchObject({ running: 5, starting: 0, idleInRead: 3 });
    expect(live.history).toEqual([
      { atMs: 0, executors: 1, starting: 0 },
      { atMs: 10_000, executors: 1, starting: 4 },
      { atMs: 15_000, executors: 5, starting: 0 },
    ]);
    expect(live.log).toEqual([
      { atMs: 10_000, kind: 'added', count: 4, executors: 1 },
      { atMs: 15_000, kind: 'started', count: 4, executors: 5 },
    ]);
  });

  it('carries every executor change of the spark-autoscaling run, its first decision at 30 s too', () => {
    // The example's description: at 30 s one executor needs 1.5 s per 1 s batch, so allocation asks
    // for 2 more; from 90 s it keeps adding every 30 s. Over 270 s that is far more than a dozen
    // changes (each decision, then the executors starting), and the log keeps them all.
    const sim = new Simulation(loadExample('spark-autoscaling'));
    sim.runUntil(270_000);
    const log = sparkJobLive(sim.jobs[0]!).executors!.log;
    expect(log.length).toBeGreaterThan(12);
    expect(log).toHaveLength(sim.jobs[0]!.executorLog.length);
    expect(log[0]).toMatchObject({ atMs: 30_000, kind: 'allocation', action: 'up', registered: 1, asked: 2 });
    const times = log.map((e) => e.atMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('carries the dynamic allocation settings and when the next decision is due', () => {
    const doc = sparkPipeline({ ratePerSec: 1000, costPerRecordUs: 100, durationSec: 20 });
    Object.assign(doc.sparkJobs[0]!.config, {
      'spark.streaming.dynamicAllocation.enabled': true,
      'spark.streaming.dynamicAllocation.scalingInterval': 30,
    });
    const sim = new Simulation(doc);
    sim.runUntil(20_000);
    expect(sparkJobLive(sim.jobs[0]!).executors!.dynamic).toEqual({
      intervalSec: 30,
      upRatio: 0.9,
      downRatio: 0.3,
      minExecutors: 1,
      maxExecutors: 2147483647,
      nextTickMs: 30_000,
    });
  });
});
