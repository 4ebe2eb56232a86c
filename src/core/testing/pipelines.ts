// Small pipeline documents for tests, built in code so each test states only what it varies.
import { parsePipeline } from '../../model/parse';
import type { Pipeline, PipelineInput } from '../../model/types';

type SparkJobInput = NonNullable<PipelineInput['sparkJobs']>[number];
type SparkStageInput = NonNullable<SparkJobInput['stages']>[number];
type ProducerInput = NonNullable<PipelineInput['producers']>[number];
type SinkInput = NonNullable<PipelineInput['sinks']>[number];

/** Parses a document, failing loudly: test documents must be valid. */
export function pipeline(input: PipelineInput): Pipeline {
  const r = parsePipeline(input);
  if (!r.ok) throw new Error(`invalid test pipeline:\n${r.errors.join('\n')}`);
  return r.doc;
}

/** Hardware so fast that the broker adds (almost) nothing: for isolating other effects. */
export const FAST_BROKER = {
  cores: 64,
  diskMBps: 100_000,
  networkInMBps: 100_000,
  networkOutMBps: 100_000,
  memoryGB: 256,
};

export interface QueueOptions {
  ratePerSec: number;
  distribution: 'fixed' | 'exponential';
  meanMs: number;
  seed?: number;
  durationSec?: number;
}

/**
 * A pipeline that is an M/M/1 (or M/D/1) queue: Poisson arrivals into one partition, no batching
 * delay, no network latency, one consumer whose per-record cost is the service time.
 */
export function queuePipeline(o: QueueOptions): Pipeline {
  return pipeline({
    version: 1,
    cluster: { networkLatencyMs: 0, brokers: [{ id: 'b1', hardware: FAST_BROKER }] },
    topics: [{ id: 't', partitions: 1, replicationFactor: 1 }],
    producers: [
      {
        id: 'p',
        rate: { kind: 'poisson', recordsPerSec: o.ratePerSec },
        recordBytes: 100,
        config: { acks: '1', 'linger.ms': 0 },
      },
    ],
    consumerGroups: [{ id: 'g', members: 1, processing: { distribution: o.distribution, meanMs: o.meanMs } }],
    edges: [
      { from: 'p', to: 't' },
      { from: 't', to: 'g' },
    ],
    run: { seed: o.seed ?? 1, durationSec: o.durationSec ?? 300 },
  });
}

export interface SparkOptions {
  ratePerSec: number;
  rateKind?: 'constant' | 'poisson';
  partitions?: number;
  batchIntervalMs?: number;
  costPerRecordUs: number;
  executors?: number;
  cores?: number;
  backpressure?: boolean;
  spike?: { atSec: number; durationSec: number; factor: number };
  durationSec?: number;
  /** Replace the single map stage. */
  stages?: SparkStageInput[];
  /** Merged into the job (checkpointIntervalMs, config...) and the producer (keys, out of order). */
  job?: Partial<Omit<SparkJobInput, 'config'>> & { config?: SparkJobInput['config'] };
  producer?: Partial<ProducerInput>;
  /** Adds a sink after the job. */
  sink?: SinkInput;
}

/** Producer -> topic -> Spark job with one map stage, on fast brokers. */
export function sparkPipeline(o: SparkOptions): Pipeline {
  return pipeline(sparkPipelineInput(o));
}

/** The document of `sparkPipeline` before validation, for tests that add to it. */
export function sparkPipelineInput(
  o: SparkOptions,
): PipelineInput & Required<Pick<PipelineInput, 'topics' | 'producers' | 'edges'>> {
  return {
    version: 1,
    cluster: { networkLatencyMs: 0.1, brokers: [{ id: 'b1', hardware: FAST_BROKER }] },
    topics: [{ id: 't', partitions: o.partitions ?? 4, replicationFactor: 1 }],
    producers: [
      {
        id: 'p',
        rate: {
          kind: o.rateKind ?? 'constant',
          recordsPerSec: o.ratePerSec,
          schedule: o.spike ? [{ kind: 'spike', ...o.spike }] : [],
        },
        recordBytes: 200,
        keys: { kind: 'uniform', count: 1000 },
        ...o.producer,
      },
    ],
    sparkJobs: [
      {
        id: 'job',
        batchIntervalMs: o.batchIntervalMs ?? 1000,
        stages: o.stages ?? [{ id: 'work', kind: 'map', costPerRecordUs: o.costPerRecordUs }],
        ...o.job,
        config: {
          'spark.executor.instances': o.executors ?? 1,
          'spark.executor.cores': o.cores ?? 1,
          'spark.streaming.backpressure.enabled': o.backpressure ?? false,
          ...o.job?.config,
        },
      },
    ],
    sinks: o.sink ? [o.sink] : [],
    edges: [
      { from: 'p', to: 't' },
      { from: 't', to: 'job' },
      ...(o.sink ? [{ from: 'job', to: o.sink.id }] : []),
    ],
    run: { seed: 1, durationSec: o.durationSec ?? 60 },
  };
}
