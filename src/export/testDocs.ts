// Documents for the export tests: the six examples, and one that uses every stage kind, sink kind,
// fault kind and rate shape, with racks, so every branch of the writers is exported and checked.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parsePipeline, parsePipelineText } from '../model';
import type { Pipeline } from '../model/types';

export const EXAMPLES_DIR = join(import.meta.dirname, '../../examples');

export function examples(): { name: string; doc: Pipeline }[] {
  return readdirSync(EXAMPLES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const parsed = parsePipelineText(readFileSync(join(EXAMPLES_DIR, f), 'utf8'));
      if (!parsed.ok) throw new Error(`${f}: ${parsed.errors.join('; ')}`);
      return { name: f, doc: parsed.doc };
    });
}

/** Every stage, sink and fault kind, rate steps and spikes, a 'max' producer, racks and a backlog. */
export function everythingDoc(): Pipeline {
  const parsed = parsePipeline({
    version: 1,
    name: 'Every "kind" \\ of\nthing',
    cluster: {
      brokers: [
        { id: 'b1', rack: 'rack-a' },
        { id: 'b2', rack: 'rack-b' },
        { id: 'b3', rack: 'rack-a' },
        { id: 'B.4', rack: 'rack-b' },
      ],
      config: { 'num.io.threads': 16, 'num.network.threads': 6, 'log.flush.scheduler.interval.ms': 2000 },
    },
    topics: [
      {
        id: 'in',
        partitions: 8,
        replicationFactor: 3,
        prefillRecords: 5000,
        config: { 'min.insync.replicas': 2, 'retention.ms': 3_600_000, 'flush.messages': 1000 },
      },
      { id: 'side', partitions: 4, replicationFactor: 2 },
      { id: 'out', partitions: 2, replicationFactor: 3 },
    ],
    producers: [
      {
        id: 'steady',
        rate: {
          kind: 'constant',
          recordsPerSec: 1000,
          schedule: [
            { kind: 'step', atSec: 20, recordsPerSec: 2000 },
            { kind: 'spike', atSec: 40, durationSec: 10, factor: 3 },
          ],
        },
        recordBytes: 250,
        config: {
          acks: '1',
          'linger.ms': 0,
          'batch.size': 32768,
          'compression.type': 'gzip',
          'max.in.flight.requests.per.connection': 10,
          'buffer.memory': 67108864,
        },
      },
      { id: 'flat-out', rate: { kind: 'max' }, recordBytes: 100, config: { 'enable.idempotence': false } },
    ],
    consumerGroups: [
      {
        id: 'readers',
        members: 3,
        startAtSec: 15,
        config: { 'auto.offset.reset': 'earliest', 'partition.assignment.strategy': 'cooperative-sticky' },
      },
    ],
    sparkJobs: [
      {
        id: 'all-stages',
        batchIntervalMs: 500,
        stages: [
          { id: 'm', kind: 'map' },
          { id: 'fm', kind: 'flatMap', fanOut: 1.5 },
          { id: 'f', kind: 'filter', selectivity: 0.25 },
          { id: 'j', kind: 'join', strategy: 'shuffle', matchRate: 0.5, tableRows: 1000 },
          { id: 'sj', kind: 'streamJoin', topic: 'side', withinMs: 5000, matchRate: 0.8 },
          { id: 'w', kind: 'window', windowLengthMs: 10000, slideMs: 5000, watermarkDelayMs: 3000 },
          { id: 'sc', kind: 'score', modelBytes: 1000, refreshEveryBatches: 0 },
          { id: 'out-stage', kind: 'sink' },
        ],
        config: {
          'spark.executor.instances': 3,
          'spark.executor.cores': 2,
          'spark.executor.memory': '2g',
          'spark.streaming.kafka.maxRatePerPartition': 500,
          'spark.default.parallelism': 12,
        },
      },
      {
        id: 'patterns',
        batchIntervalMs: 1000,
        stages: [
          { id: 'agg', kind: 'aggregate', keyCardinality: 10 },
          { id: 'cep1', kind: 'cep' },
          { id: 'write', kind: 'sink' },
        ],
      },
      {
        id: 'fast',
        mode: 'continuous',
        batchIntervalMs: 1000,
        stages: [
          { id: 'keep', kind: 'filter' },
          { id: 'emit', kind: 'sink' },
        ],
      },
    ],
    sinks: [
      { id: 'db', kind: 'database', delivery: 'idempotent' },
      { id: 'lake', kind: 'files' },
      { id: 'screen', kind: 'dashboard' },
    ],
    edges: [
      { from: 'steady', to: 'in' },
      { from: 'flat-out', to: 'side' },
      { from: 'in', to: 'readers' },
      { from: 'in', to: 'all-stages' },
      { from: 'side', to: 'all-stages' },
      { from: 'all-stages', to: 'out' },
      { from: 'all-stages', to: 'lake' },
      { from: 'in', to: 'patterns' },
      { from: 'patterns', to: 'db' },
      { from: 'side', to: 'fast' },
      { from: 'fast', to: 'screen' },
      { from: 'readers', to: 'db' },
    ],
    faults: [
      { kind: 'brokerDown', atSec: 10, broker: 'b1', mode: 'processKilled', durationSec: 20 },
      { kind: 'brokerDown', atSec: 12, broker: 'b2' },
      { kind: 'slowDisk', atSec: 5, broker: 'b3', durationSec: 5 },
      { kind: 'networkPartition', atSec: 30, broker: 'B.4', from: 'clients', durationSec: 5 },
      { kind: 'producerSpike', atSec: 50, producer: 'steady', factor: 2, durationSec: 5 },
      { kind: 'memberCrash', atSec: 25, group: 'readers' },
      { kind: 'memberJoin', atSec: 35, group: 'readers', count: 2 },
      { kind: 'partitionCount', atSec: 45, topic: 'in', partitions: 12 },
      { kind: 'offsetReset', atSec: 55, group: 'readers', to: 'shiftBy', shiftBy: -100 },
      { kind: 'executorLoss', atSec: 15, job: 'all-stages', count: 2 },
      { kind: 'driverFailure', atSec: 40, job: 'patterns' },
    ],
    run: { seed: 3, durationSec: 60 },
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.doc;
}
