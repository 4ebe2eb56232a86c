// Random but valid pipelines for property tests: a seeded generator picks sizes, rates, configs
// and stages across their ranges, including overloaded and odd corners.
import type { PipelineInput } from '../../model/types';
import { Rng } from '../util/rng';
import { pipeline } from './pipelines';

export function randomPipeline(seed: number) {
  const rng = new Rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[rng.uniformInt(xs.length)]!;
  const brokers = 1 + rng.uniformInt(4);
  const rf = 1 + rng.uniformInt(brokers);
  const partitions = 1 + rng.uniformInt(16);
  const stages = [
    { id: 's-map', kind: 'map' as const, costPerRecordUs: rng.next() * 50 },
    { id: 's-filter', kind: 'filter' as const, selectivity: rng.next(), costPerRecordUs: 1 },
    pick([
      { id: 's-agg', kind: 'aggregate' as const, keyCardinality: 1 + rng.uniformInt(5000) },
      {
        id: 's-join',
        kind: 'join' as const,
        tableRows: 1000,
        strategy: pick(['broadcast', 'shuffle'] as const),
      },
      { id: 's-flat', kind: 'flatMap' as const, fanOut: rng.next() * 3 },
    ]),
    { id: 's-sink', kind: 'sink' as const },
  ];
  const input: PipelineInput = {
    version: 1,
    cluster: {
      networkLatencyMs: rng.next(),
      brokers: Array.from({ length: brokers }, (_, i) => ({
        id: `b${i}`,
        hardware: {
          cores: 1 + rng.uniformInt(8),
          diskMBps: 5 + rng.next() * 500,
          networkInMBps: 2 + rng.next() * 200,
          networkOutMBps: 2 + rng.next() * 200,
        },
      })),
    },
    topics: [{ id: 't', partitions, replicationFactor: rf }],
    producers: [
      {
        id: 'p',
        rate: {
          kind: pick(['constant', 'poisson'] as const),
          recordsPerSec: Math.floor(rng.next() * 30_000),
          schedule:
            rng.next() < 0.5 ? [{ kind: 'spike', atSec: 3, durationSec: 4, factor: 1 + rng.next() * 5 }] : [],
        },
        recordBytes: 10 + rng.uniformInt(4000),
        keys: pick([
          { kind: 'null' },
          { kind: 'uniform', count: 100 },
          { kind: 'zipf', count: 500, exponent: 1.2 },
        ] as const),
        config: {
          acks: pick(['all', '1', '0'] as const),
          'linger.ms': pick([0, 1, 5, 50]),
          'batch.size': pick([0, 1024, 16384, 262144]),
          'buffer.memory': pick([65536, 1_048_576, 33_554_432]),
          'max.block.ms': pick([0, 100, 2000]),
          'delivery.timeout.ms': pick([31_000, 120_000]),
          'max.in.flight.requests.per.connection': 1 + rng.uniformInt(5),
          'compression.type': pick(['none', 'lz4', 'zstd'] as const),
        },
      },
    ],
    consumerGroups: [
      {
        id: 'g',
        members: 1 + rng.uniformInt(6),
        processing: { distribution: pick(['fixed', 'exponential'] as const), meanMs: rng.next() * 0.5 },
        config: { 'max.poll.records': 1 + rng.uniformInt(1000), 'enable.auto.commit': rng.next() < 0.5 },
      },
    ],
    sparkJobs: [
      {
        id: 'j',
        batchIntervalMs: pick([200, 500, 1000]),
        stages,
        config: {
          'spark.executor.instances': 1 + rng.uniformInt(3),
          'spark.executor.cores': 1 + rng.uniformInt(4),
          'spark.streaming.backpressure.enabled': rng.next() < 0.5,
        },
      },
    ],
    sinks: [{ id: 'sink', maxRecordsPerSec: pick([0, 1000, 100_000]) }],
    edges: [
      { from: 'p', to: 't' },
      { from: 't', to: 'g' },
      { from: 't', to: 'j' },
      { from: 'j', to: 'sink' },
    ],
    run: { seed, durationSec: 10 },
  };
  return pipeline(input);
}
