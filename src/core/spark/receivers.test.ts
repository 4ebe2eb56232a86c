// Receiver sources: blocks and tasks per batch, the receivers' rate limit, and what an executor or
// driver failure loses with and without the write-ahead log. Expected values come from the rules:
// a constant source of R records/s over n receivers gives each R/n per second, a block every
// spark.streaming.blockInterval, and a block counts as stored once copied (or logged).
import { describe, expect, it } from 'vitest';
import type { PipelineInput } from '../../model/types';
import { recordTotals } from '../engine/probe';
import { Simulation } from '../engine/simulation';
import { pipeline } from '../testing/pipelines';
import { RECEIVER_LOSS } from './receiverInput';

interface Options {
  kind?: 'socket' | 'kinesis' | 'flume' | 'file';
  newFileEveryMs?: number;
  ratePerSec?: number;
  recordBytes?: number;
  receivers?: number;
  batchIntervalMs?: number;
  config?: Record<string, unknown>;
  executorNetworkMBps?: number;
  faults?: PipelineInput['faults'];
  durationSec?: number;
  costPerRecordUs?: number;
}

function run(o: Options = {}): Simulation {
  const net = o.executorNetworkMBps ?? 1000;
  const doc = pipeline({
    version: 1,
    cluster: { brokers: [{ id: 'b1' }] },
    sparkSources: [
      {
        id: 'feed',
        kind: o.kind ?? 'socket',
        rate: { kind: 'constant', recordsPerSec: o.ratePerSec ?? 10_000 },
        recordBytes: o.recordBytes ?? 100,
        receivers: o.receivers ?? 2,
        ...(o.newFileEveryMs !== undefined && { newFileEveryMs: o.newFileEveryMs }),
      },
    ],
    sparkJobs: [
      {
        id: 'job',
        batchIntervalMs: o.batchIntervalMs ?? 1000,
        stages: [{ id: 'm', kind: 'map', costPerRecordUs: o.costPerRecordUs ?? 1 }],
        executorHardware: { cores: 8, diskMBps: 1000, networkInMBps: net, networkOutMBps: net },
        config: { 'spark.executor.instances': 3, 'spark.executor.cores': 2, ...o.config },
      },
    ],
    edges: [{ from: 'feed', to: 'job' }],
    faults: o.faults ?? [],
    run: { durationSec: o.durationSec ?? 30 },
  } as PipelineInput);
  const sim = new Simulation(doc);
  sim.runUntil((o.durationSec ?? 30) * 1000);
  return sim;
}

/** Every record the source sent is somewhere: at the source, in a receiver, a block, a batch, processed or lost. */
function expectAccounted(sim: Simulation): void {
  const job = sim.jobs[0]!;
  const t = job.receiverInput!.totals;
  const lost = Object.values(t.lost).reduce((a, b) => a + b, 0);
  expect(t.atSource + t.buffered + t.inBlocks + job.recordsInFlight + job.totalRecords + lost).toBe(
    t.arrived,
  );
}

/** Blocks of the completed batches after the first (whose first blocks were still being stored). */
const steadyBlocks = (sim: Simulation) => new Set(sim.jobs[0]!.recentBatches.slice(1).map((b) => b.blocks));

describe('receiver sources: blocks and tasks per batch', () => {
  it('a batch has batch interval / block interval tasks per receiver', () => {
    // 1000 ms / 200 ms = 5 blocks per receiver, 2 receivers: 10 tasks.
    expect(steadyBlocks(run())).toEqual(new Set([10]));
    // 2000 ms / 100 ms = 20 blocks per receiver, 3 receivers: 60 tasks.
    const sim = run({
      batchIntervalMs: 2000,
      receivers: 3,
      config: { 'spark.streaming.blockInterval': 100 },
    });
    expect(steadyBlocks(sim)).toEqual(new Set([60]));
    expectAccounted(sim);
  });

  it('whatever the cluster size', () => {
    const small = run({ config: { 'spark.executor.instances': 2 } });
    const large = run({ config: { 'spark.executor.instances': 12 } });
    expect(steadyBlocks(small)).toEqual(new Set([10]));
    expect(steadyBlocks(large)).toEqual(new Set([10]));
  });

  it("each block holds a block interval of one receiver's share of the rate", () => {
    // 10,000 records/s over 2 receivers, 200 ms blocks: 1000 records a block, 10 blocks a batch.
    const sim = run();
    for (const b of sim.jobs[0]!.recentBatches.slice(1)) expect(b.records).toBe(10_000);
  });

  it('each receiver holds a core: the tasks run on executors x cores - receivers', () => {
    const sim = run({ receivers: 4 });
    // 3 executors x 2 cores, 4 receivers: 2 cores left.
    expect(sim.jobs[0]!.slots).toBe(2);
  });
});

describe('receiver sources: rate limits', () => {
  it('spark.streaming.receiver.maxRate caps each receiver; the rest waits at the source', () => {
    // 2 receivers at 1000 records/s each take 2000 of the 10,000 a second arriving.
    const sim = run({ config: { 'spark.streaming.receiver.maxRate': 1000 }, durationSec: 20 });
    const t = sim.jobs[0]!.receiverInput!.totals;
    expect(t.arrived).toBe(200_000);
    expect(t.received).toBe(40_000);
    expect(t.atSource).toBe(160_000);
    // The job's lag: what waits at the source and in the receivers, not yet in a batch.
    expect(sim.jobs[0]!.lagPerPartition()[0]).toBe(t.atSource + t.buffered + t.inBlocks);
    expect(sim.summary().sparkJobs['job']!.finalLag).toBeGreaterThanOrEqual(160_000);
    expectAccounted(sim);
  });

  it("backpressure sets the receivers' rate near what the tasks can process", () => {
    // 200 us a record on 6 - 2 = 4 cores: 20,000 records/s at most, against 40,000 arriving.
    const sim = run({
      ratePerSec: 40_000,
      costPerRecordUs: 200,
      durationSec: 60,
      config: { 'spark.streaming.backpressure.enabled': true },
    });
    const limit = sim.jobs[0]!.receiverInput!.limitPerReceiver;
    // Per receiver: half of the 20,000, less batch and task overheads.
    expect(limit).toBeLessThan(10_000);
    expect(limit).toBeGreaterThan(7_000);
    expectAccounted(sim);
  });
});

describe('receiver sources: failures', () => {
  // 3 executors, receivers 0 and 1 on executors 0 and 1; losing one executor takes receiver 0.
  // At 10.25 s its buffer holds 50 ms of 5000 records/s = 250 records; its block cut at 10.2 s
  // (1000 records of 100 bytes) takes 100 ms to copy over a 1 MB/s card, so it is not replicated yet.
  const lossAt = (o: Options) =>
    run({
      ...o,
      executorNetworkMBps: 1,
      durationSec: 20,
      faults: [{ kind: 'executorLoss', atSec: 10.25, job: 'job', count: 1, durationSec: 5 }],
    });

  it('an executor lost under a socket receiver loses its buffer and its unreplicated block', () => {
    const sim = lossAt({ kind: 'socket' });
    const t = sim.jobs[0]!.receiverInput!.totals;
    expect(t.lost).toEqual({ [RECEIVER_LOSS.buffered]: 250, [RECEIVER_LOSS.unreplicated]: 1000 });
    expectAccounted(sim);
  });

  it('the run totals count a receiver source as a producer: lost before storing is dropped', () => {
    const r = recordTotals(lossAt({ kind: 'socket' }));
    expect(r.droppedReasons).toEqual({ [RECEIVER_LOSS.buffered]: 250, [RECEIVER_LOSS.unreplicated]: 1000 });
    expect(r.lost).toBe(0);
    expect(r.produced).toBe(r.acknowledged + r.inFlight + r.dropped);
    // 20 s of 10,000 records/s.
    expect(r.produced).toBe(200_000);
  });

  it('with the write-ahead log and a reliable receiver, nothing is lost: the source sends it again', () => {
    const sim = lossAt({
      kind: 'kinesis',
      config: { 'spark.streaming.receiver.writeAheadLog.enable': true },
    });
    const t = sim.jobs[0]!.receiverInput!.totals;
    expect(t.lost).toEqual({});
    // The log write (5 ms sync + 100 KB at 100 MB/s + 1 us a record = 7 ms) was done: only the buffer goes back.
    expect(t.resent).toBe(250);
    expectAccounted(sim);
  });

  it('a socket receiver with the log still loses its buffer (it never acknowledges), not its logged block', () => {
    const sim = lossAt({ kind: 'socket', config: { 'spark.streaming.receiver.writeAheadLog.enable': true } });
    expect(sim.jobs[0]!.receiverInput!.totals.lost).toEqual({ [RECEIVER_LOSS.buffered]: 250 });
  });

  // Driver down at 20.5 s: the blocks cut at 20.0, 20.2 and 20.4 s (the first stored just after its
  // batch time) wait for the next batch: 3 x 1000 records per receiver; each buffer holds 500.
  const driverAt = (o: Options) =>
    run({
      ...o,
      durationSec: 30,
      faults: [{ kind: 'driverFailure', atSec: 20.5, job: 'job', durationSec: 5 }],
    });

  it('a driver failure without the log loses every received block not processed', () => {
    const sim = driverAt({ kind: 'kinesis' });
    const t = sim.jobs[0]!.receiverInput!.totals;
    expect(t.lost).toEqual({ [RECEIVER_LOSS.driverBlocks]: 6000 });
    expect(t.resent).toBe(1000);
    expectAccounted(sim);
    // Stored, then lost: the run totals' lost, with the reason.
    expect(recordTotals(sim).lostReasons).toEqual({ [RECEIVER_LOSS.driverBlocks]: 6000 });
  });

  it('with the log the restarted driver processes those blocks: nothing lost', () => {
    const sim = driverAt({
      kind: 'kinesis',
      config: { 'spark.streaming.receiver.writeAheadLog.enable': true },
    });
    expect(sim.jobs[0]!.receiverInput!.totals.lost).toEqual({});
    expectAccounted(sim);
  });
});

describe('file source', () => {
  it('takes the files that landed since the last batch, one task each, with no receiver holding a core', () => {
    // A file every 250 ms, 1 s batches: 4 files (tasks) per batch, each 2500 records of 10,000/s.
    const sim = run({ kind: 'file', newFileEveryMs: 250 });
    const job = sim.jobs[0]!;
    expect(steadyBlocks(sim)).toEqual(new Set([4]));
    for (const b of job.recentBatches.slice(1)) expect(b.records).toBe(10_000);
    // 3 executors x 2 cores, all for tasks.
    expect(job.slots).toBe(6);
    expectAccounted(sim);
  });

  it('loses nothing to an executor loss or a driver failure: the files stay in the directory', () => {
    const sim = run({
      kind: 'file',
      durationSec: 40,
      faults: [
        { kind: 'executorLoss', atSec: 10.25, job: 'job', count: 1, durationSec: 5 },
        { kind: 'driverFailure', atSec: 20.5, job: 'job', durationSec: 5 },
      ],
    });
    const t = sim.jobs[0]!.receiverInput!.totals;
    expect(t.lost).toEqual({});
    expect(t.resent).toBe(0);
    // Everything that arrived before the last few seconds was processed.
    expect(sim.jobs[0]!.totalRecords).toBeGreaterThan(t.arrived - 20_000);
    expectAccounted(sim);
  });
});

describe('receiver sources and streaming dynamic allocation', () => {
  it('minExecutors defaults to max(1, receivers)', () => {
    const job = run({
      receivers: 3,
      durationSec: 1,
      config: { 'spark.executor.instances': 4, 'spark.streaming.dynamicAllocation.enabled': true },
    }).jobs[0]!;
    expect(job.allocation?.settings.minExecutors).toBe(3);
  });
});

describe('streaming dynamic allocation with receivers', () => {
  /** The allocation ticks of a run: [action, registered executors after it]. */
  const ticks = (sim: Simulation) =>
    sim.jobs[0]!.executorLog.flatMap((e) => (e.kind === 'allocation' ? [[e.action, e.executors]] : []));
  const idle = (receivers: number) =>
    run({
      receivers,
      ratePerSec: 1000,
      durationSec: 60,
      config: {
        'spark.streaming.dynamicAllocation.enabled': true,
        'spark.streaming.dynamicAllocation.minExecutors': 1,
        'spark.streaming.dynamicAllocation.scalingInterval': 10,
      },
    });

  it('scales down only executors without a receiver: 3 executors, 2 receivers end at 2', () => {
    // Batches take far under 0.3 of the interval, so every tick wants one executor fewer; minExecutors
    // 1 would allow it, but receivers 0 and 1 sit on executors 0 and 1 and Spark never kills those.
    const sim = idle(2);
    const t = ticks(sim);
    expect(t[0]).toEqual(['down', 2]);
    expect(t.slice(1).length).toBeGreaterThan(0);
    for (const tick of t.slice(1)) expect(tick).toEqual(['receiversOnly', 2]);
    expect(sim.jobs[0]!.executors).toBe(2);
  });

  it('with a receiver on every executor, removes none', () => {
    const t = ticks(idle(3));
    expect(t.length).toBeGreaterThan(0);
    for (const tick of t) expect(tick).toEqual(['receiversOnly', 3]);
  });
});
