// The Spark pipelines the cases run: a producer at a steady rate into a four-partition topic, read by
// a Spark Streaming job (Kafka direct stream) with one map stage on one single-core executor, so a
// batch's processing time follows the per-record cost the case sets.
import type { Pipeline } from '../../model/types';
import { Simulation } from '../../core/engine/simulation';
import type { SparkBatchStats } from '../../core/spark/sparkJob';
import type { RunSummary } from '../../core/engine/summary';
import { validDocument } from '../queueing/documents';

export const JOB_ID = 'job';
export const PARTITIONS = 4;

export interface SparkSpec {
  recordsPerSec: number;
  batchIntervalMs: number;
  costPerRecordUs: number;
  durationSec: number;
  backpressure?: boolean;
  maxRatePerPartition?: number;
  seed?: number;
}

export function sparkDocument(s: SparkSpec): Pipeline {
  return validDocument({
    version: 1,
    name: `spark: ${s.recordsPerSec}/s, ${s.costPerRecordUs} us per record`,
    cluster: { brokers: [{ id: 'b1' }] },
    topics: [{ id: 't', partitions: PARTITIONS, replicationFactor: 1 }],
    producers: [
      {
        id: 'p',
        rate: { kind: 'constant', recordsPerSec: s.recordsPerSec },
        recordBytes: 200,
        keys: { kind: 'uniform', count: 1000 },
      },
    ],
    sparkJobs: [
      {
        id: JOB_ID,
        batchIntervalMs: s.batchIntervalMs,
        stages: [{ id: 'work', kind: 'map', costPerRecordUs: s.costPerRecordUs }],
        config: {
          'spark.executor.instances': 1,
          'spark.executor.cores': 1,
          'spark.streaming.backpressure.enabled': s.backpressure ?? false,
          'spark.streaming.kafka.maxRatePerPartition': s.maxRatePerPartition ?? 0,
        },
      },
    ],
    edges: [
      { from: 'p', to: 't' },
      { from: 't', to: JOB_ID },
    ],
    run: { seed: s.seed ?? 1, durationSec: s.durationSec },
  });
}

export interface SparkRun {
  summary: RunSummary;
  /** Completed batches in order (the engine keeps the last 1000; the runs here have fewer). */
  batches: SparkBatchStats[];
}

export function runSpark(s: SparkSpec): SparkRun {
  const sim = new Simulation(sparkDocument(s));
  sim.runUntil(s.durationSec * 1000);
  const job = sim.jobs.find((j) => j.doc.id === JOB_ID)!;
  return { summary: sim.summary(), batches: job.recentBatches.filter((b) => b.status === 'done') };
}

export function describeSpark(s: SparkSpec): string {
  const limits = [
    s.maxRatePerPartition ? `maxRatePerPartition ${s.maxRatePerPartition}` : '',
    s.backpressure ? 'backpressure on' : 'backpressure off',
  ].filter(Boolean);
  return (
    `Producer (constant ${s.recordsPerSec.toLocaleString('en-US')} records/s, 1,000 uniform keys) -> topic ` +
    `(${PARTITIONS} partitions) -> Spark job (batch ${s.batchIntervalMs} ms, one map stage at ` +
    `${s.costPerRecordUs} us per record, 1 executor with 1 core, ${limits.join(', ')}). Seed ${s.seed ?? 1}, ` +
    `${s.durationSec} s simulated.`
  );
}

export const mean = (xs: readonly number[]): number =>
  xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN;
