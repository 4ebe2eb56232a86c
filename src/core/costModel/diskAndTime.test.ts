// fsync policies, a backlog a late consumer reads, and cores that sleep when idle. Expected figures
// follow from the settings and the hardware, worked out by hand.
import { describe, expect, it } from 'vitest';
import type { PipelineInput } from '../../model/types';
import { Host, HostThread } from '../engine/host';
import { Simulation } from '../engine/simulation';
import { FAST_BROKER, pipeline } from '../testing/pipelines';

/** One producer into a one-partition topic on one broker with the given hardware and topic config. */
function oneBroker(hw: object, topicConfig: object, brokerConfig: object = {}): PipelineInput {
  return {
    version: 1,
    cluster: {
      brokers: [{ id: 'b1', hardware: { ...FAST_BROKER, ...hw } }],
      config: brokerConfig,
      clientHardware: FAST_BROKER,
    },
    topics: [{ id: 't', partitions: 1, config: topicConfig }],
    producers: [
      {
        id: 'p',
        rate: { kind: 'constant', recordsPerSec: 10_000 },
        config: { acks: '1', 'linger.ms': 0, 'max.in.flight.requests.per.connection': 1 },
      },
    ],
    edges: [{ from: 'p', to: 't' }],
  };
}

describe('flush.messages', () => {
  it('makes every append wait for an fsync: at most one request per fsync on one connection', () => {
    // 8 ms per fsync (a hard disk) and flush.messages=1: the one connection's requests take turns
    // through 8 ms fsyncs, so at most 125 requests a second are answered.
    const sim = new Simulation(pipeline(oneBroker({ diskFsyncMs: 8 }, { 'flush.messages': 1 })));
    sim.runUntil(10_000);
    const s = sim.summary();
    const perSec = s.producers['p']!.requests / 10;
    expect(perSec).toBeLessThanOrEqual(125);
    expect(perSec).toBeGreaterThan(125 * 0.9);
    expect(s.produceLatencyMs.p50).toBeGreaterThan(8);
    // Without flush.messages the page cache takes the writes: far more requests, no 8 ms wait.
    const free = new Simulation(pipeline(oneBroker({ diskFsyncMs: 8 }, {})));
    free.runUntil(10_000);
    expect(free.summary().producers['p']!.requests / 10).toBeGreaterThan(1000);
    expect(free.summary().produceLatencyMs.p99).toBeLessThan(8);
  });

  it('fsyncs once every flush.messages records, exactly', () => {
    // 100 records a second, linger.ms 0: one record per request, 1000 appends in 10 s; an fsync
    // every 10th.
    const doc = oneBroker({ diskFsyncMs: 0.1 }, { 'flush.messages': 10 });
    doc.producers![0]!.rate = { kind: 'constant', recordsPerSec: 100 };
    const sim = new Simulation(pipeline(doc));
    sim.runUntil(10_000);
    const appended = sim.topics.get('t')!.partitions[0]!.log.endOffset;
    expect(appended).toBeGreaterThan(990);
    expect(sim.brokers[0]!.fsyncs).toBe(Math.floor(appended / 10));
  });
});

describe('flush.ms', () => {
  it('does nothing unless log.flush.scheduler.interval.ms is set, as in Kafka', () => {
    const sim = new Simulation(pipeline(oneBroker({ diskFsyncMs: 8 }, { 'flush.ms': 100 })));
    sim.runUntil(5000);
    expect(sim.logFlusher).toBeUndefined();
  });

  it('fsyncs each log every flush.ms, checked every scheduler interval, costing disk time', () => {
    // Checked every 50 ms, fsynced when 100 ms have passed since the last: every 100 ms.
    const sim = new Simulation(
      pipeline(oneBroker({ diskFsyncMs: 8 }, { 'flush.ms': 100 }, { 'log.flush.scheduler.interval.ms': 50 })),
    );
    sim.runUntil(10_000);
    expect(sim.logFlusher!.flushes).toBeGreaterThanOrEqual(99);
    expect(sim.logFlusher!.flushes).toBeLessThanOrEqual(100);
    // 10 fsyncs of 8 ms a second: the disk is busy at least 8% of the time.
    const { columns, rows } = sim.metrics.series();
    const disk = columns.indexOf('b1.disk');
    const mean = rows.slice(1).reduce((a, r) => a + r[disk]!, 0) / (rows.length - 1);
    expect(mean).toBeGreaterThan(0.08);
  });
});

describe('a consumer group that starts late on a pre-filled topic', () => {
  it('finds the backlog and what was written meanwhile, then reads all of it', () => {
    const sim = new Simulation(
      pipeline({
        version: 1,
        cluster: { brokers: [{ id: 'b1', hardware: FAST_BROKER }], clientHardware: FAST_BROKER },
        topics: [{ id: 't', partitions: 3, prefillRecords: 300_000 }],
        producers: [{ id: 'p', rate: { kind: 'constant', recordsPerSec: 1000 } }],
        consumerGroups: [
          {
            id: 'g',
            startAtSec: 5,
            processing: { distribution: 'fixed', meanMs: 0.001 },
            config: { 'auto.offset.reset': 'earliest' },
          },
        ],
        edges: [
          { from: 'p', to: 't' },
          { from: 't', to: 'g' },
        ],
      }),
    );
    sim.runUntil(4_999);
    // Nothing read yet, and no lag: the group does not exist for Kafka before it starts.
    expect(sim.summary().consumerGroups['g']!.consumed).toBe(0);
    expect(sim.groups[0]!.lagPerPartition().reduce((a, b) => a + b, 0)).toBe(0);
    // Started: it owes the backlog plus five seconds of 1000/s.
    sim.runUntil(5_000);
    const lag = sim.groups[0]!.lagPerPartition().reduce((a, b) => a + b, 0);
    expect(lag).toBeGreaterThan(300_000 + 4_990);
    expect(lag).toBeLessThanOrEqual(300_000 + 5_000);
    sim.runUntil(30_000);
    const g = sim.summary().consumerGroups['g']!;
    expect(g.consumed).toBeGreaterThan(300_000 + 29_000);
    // Lag counts from the committed offsets, committed every 5 s (auto.commit.interval.ms).
    expect(g.finalLag).toBeLessThanOrEqual(5 * 1000 + 50);
  });
});

describe('cores that sleep when idle', () => {
  it('add a wake-up at each hop of a quiet pipeline', () => {
    const run = (cpuWakeMs: number) => {
      const hw = { ...FAST_BROKER, cpuWakeMs, cpuSleepAfterMs: 0.1 };
      const sim = new Simulation(
        pipeline({
          version: 1,
          cluster: { networkLatencyMs: 0.1, brokers: [{ id: 'b1', hardware: hw }], clientHardware: hw },
          topics: [{ id: 't', partitions: 1 }],
          producers: [
            { id: 'p', rate: { kind: 'constant', recordsPerSec: 10 }, config: { acks: '1', 'linger.ms': 0 } },
          ],
          consumerGroups: [{ id: 'g', processing: { distribution: 'fixed', meanMs: 0 } }],
          edges: [
            { from: 'p', to: 't' },
            { from: 't', to: 'g' },
          ],
        }),
      );
      sim.runUntil(10_000);
      return sim.summary().consumerGroups['g']!.latencyMs.p50;
    };
    // 10 records a second: every thread on the way has slept 100 ms. Between creation and processing
    // a record wakes the producer's two threads, the broker's network thread and request handler for
    // the produce, the broker's network thread for the fetch answer, and the consumer's thread: at
    // least 5 wake-ups of 1 ms.
    const extra = run(1) - run(0);
    expect(extra).toBeGreaterThan(5 - 0.01);
    expect(extra).toBeLessThan(8);
  });

  it('cost nothing to a thread kept busy, and a wake-up to one that slept', () => {
    const host = new Host('h', {
      ...FAST_BROKER,
      diskFsyncMs: 0,
      cpuGHz: 1,
      cpuWakeMs: 0.5,
      cpuSleepAfterMs: 0.1,
    });
    const thread = new HostThread(host, 't');
    // 1 GHz: 10,000 cycles take 0.01 ms. Back to back, or after gaps under 0.1 ms: no wake-up.
    // (The run starts with every core awake.)
    expect(thread.run(0, 10_000)).toBeCloseTo(0.01, 9);
    expect(thread.run(0.05, 10_000)).toBeCloseTo(0.06, 9);
    expect(thread.run(0.1, 10_000)).toBeCloseTo(0.11, 9);
    // Idle 1 ms: it slept, and wakes 0.5 ms late.
    expect(thread.run(1.11, 10_000)).toBeCloseTo(1.11 + 0.5 + 0.01, 9);
  });
});
