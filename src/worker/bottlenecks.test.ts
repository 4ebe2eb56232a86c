// Bottleneck detection on real runs: overloaded stages get a reason, comfortable ones stay quiet.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../core';
import { loadExample } from '../core/testing/examples';
import { FAST_BROKER, pipeline, queuePipeline, sparkPipeline } from '../core/testing/pipelines';
import type { Pipeline } from '../model';
import { BOTTLENECK_WINDOW_SEC, BottleneckDetector, type Bottlenecks } from './bottlenecks';
import { sparkJobLive } from './frames';

/** Runs `doc` and returns the detector's verdict after every simulated second from `fromSec`. */
function verdicts(doc: Pipeline, untilSec: number, fromSec = 1): Bottlenecks[] {
  const sim = new Simulation(doc);
  const detector = new BottleneckDetector(doc, sim.metrics.series().columns);
  const out: Bottlenecks[] = [];
  for (let s = 1; s <= untilSec; s++) {
    sim.runUntil(s * 1000);
    if (s < fromSec) continue;
    const rows = sim.metrics.series().rows.slice(-BOTTLENECK_WINDOW_SEC);
    out.push(
      detector.detect(rows, (id) => {
        const p = sim.producers.find((x) => x.doc.id === id);
        return p && { refused: p.ledger.refused, dropped: p.ledger.dropped };
      }),
    );
  }
  return out;
}

const last = <T>(xs: T[]): T => xs[xs.length - 1]!;

describe('bottleneck detection', () => {
  it('flags a consumer group that processes fewer records than arrive', () => {
    // 1,100 records/s into one consumer that needs 1 ms per record: capacity 1,000/s.
    const doc = queuePipeline({ ratePerSec: 1100, distribution: 'exponential', meanMs: 1, durationSec: 40 });
    const v = verdicts(doc, 40, 15);
    const reason = last(v).nodes['g'];
    expect(reason).toMatch(/^Lag keeps growing \([\d,]+ records\)/);
    expect(reason).toMatch(/receives about 1,(0[5-9]|1[0-4])\d records\/s/);
    expect(reason).toMatch(/processes only about (9\d\d|1,0\d\d)\/s/);
    // One member on one partition: more members would not help.
    expect(reason).toContain('already has a consumer per partition');
    // Flagged steadily, not now and then.
    expect(v.filter((x) => x.nodes['g']).length).toBeGreaterThanOrEqual(v.length - 2);
  });

  it('leaves a comfortable consumer group alone, despite the saw-toothed committed lag', () => {
    const doc = queuePipeline({ ratePerSec: 700, distribution: 'exponential', meanMs: 1, durationSec: 60 });
    for (const v of verdicts(doc, 60)) expect(v).toEqual({ nodes: {}, brokers: {} });
  });

  it('flags a Spark job whose batches take longer than the batch interval', () => {
    // 30,000 records/s at 100 µs each on 2 cores: about 1.5 s of work per 1 s batch.
    const doc = sparkPipeline({ ratePerSec: 30_000, costPerRecordUs: 100, executors: 1, cores: 2 });
    const reason = last(verdicts(doc, 15)).nodes['job'];
    expect(reason).toMatch(/^Each batch takes about 1\.[5-6] s to process but a new one starts every 1\.0 s/);
    expect(reason).toMatch(/scheduling delay keeps growing \(now \d+\.\d s\)/);
  });

  it('names backpressure when it holds a Spark job below the arrival rate', () => {
    const doc = sparkPipeline({
      ratePerSec: 30_000,
      costPerRecordUs: 100,
      executors: 1,
      cores: 2,
      backpressure: true,
      durationSec: 30,
    });
    const reason = last(verdicts(doc, 30)).nodes['job'];
    expect(reason).toMatch(/^Backpressure holds the job to about [\d,]+ records\/s/);
    expect(reason).toMatch(/receives about 30,000\/s/);
  });

  it('leaves a stable Spark job alone', () => {
    // About 0.5 s of work per 1 s batch.
    const doc = sparkPipeline({ ratePerSec: 10_000, costPerRecordUs: 100, executors: 1, cores: 2 });
    for (const v of verdicts(doc, 30)) expect(v.nodes).toEqual({});
  });

  it('flags a broker whose incoming network is saturated, and the producer that it makes refuse records', () => {
    const doc = pipeline({
      version: 1,
      cluster: {
        networkLatencyMs: 0.1,
        brokers: [{ id: 'slow', hardware: { ...FAST_BROKER, networkInMBps: 2 } }],
      },
      topics: [{ id: 't', partitions: 2, replicationFactor: 1 }],
      producers: [
        {
          id: 'p',
          rate: { kind: 'constant', recordsPerSec: 5000 },
          recordBytes: 1000,
          config: { acks: '1', 'buffer.memory': 1_000_000, 'max.block.ms': 100 },
        },
      ],
      edges: [{ from: 'p', to: 't' }],
      run: { seed: 1, durationSec: 20 },
    });
    const v = last(verdicts(doc, 20));
    // 5 MB/s offered to a 2 MB/s network: busy all the time.
    expect(v.brokers['slow']).toMatch(/^Its incoming network is (9[5-9]|100)% busy \(mean of the last 5 s\)/);
    expect(v.nodes['p']).toMatch(/^It refused [\d,]+ records in the last 3 s: buffer.memory is full/);
    // The producer's mark names the broker resource that limits it, with its figure.
    expect(v.nodes['p']).toMatch(/slow incoming network (9[5-9]|100)% busy/);
  });

  it('marks nothing in a pipeline far from every limit', () => {
    // The payments example before its spike (at 60 s): brokers, the audit group (4 members at
    // 0.5 ms: 8,000 records/s for 3,000 arriving) and the Spark job (a few % of its slots) all
    // have room.
    const doc = loadExample('payments-fraud-detection');
    const sim = new Simulation(doc);
    const detector = new BottleneckDetector(doc, sim.metrics.series().columns);
    for (let s = 1; s <= 55; s++) {
      sim.runUntil(s * 1000);
      const rows = sim.metrics.series().rows.slice(-BOTTLENECK_WINDOW_SEC);
      expect(
        detector.detect(rows, () => undefined),
        `at ${s} s`,
      ).toEqual({ nodes: {}, brokers: {} });
    }
    expect(sparkJobLive(sim.jobs[0]!).limitingStage).toBeUndefined();
  });

  it('says nothing until there are a few seconds of history', () => {
    const doc = queuePipeline({ ratePerSec: 5000, distribution: 'fixed', meanMs: 1, durationSec: 5 });
    expect(verdicts(doc, 2)).toEqual([
      { nodes: {}, brokers: {} },
      { nodes: {}, brokers: {} },
    ]);
  });
});
