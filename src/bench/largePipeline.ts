// The benchmark's large pipeline. `scale` multiplies the record rate and, with it, batch.size,
// max.request.size, buffer.memory, max.poll.records, fetch sizes and the per-record costs, so the
// number of batches, requests and polls stays the same: the cost should follow those, not records.
import { parsePipeline } from '../model';
import type { Pipeline } from '../model';

/**
 * `tunedConsumers` gives the consumer group the settings high-throughput consumers use
 * (fetch.min.bytes 64 KB, fetch.max.wait.ms 100) instead of Kafka's defaults (1 byte, 500 ms),
 * which make every member fetch after each small append.
 */
const INGEST = ['ingest-1', 'ingest-2', 'ingest-3', 'ingest-4'];

export function largePipeline(scale: number, durationSec: number, tunedConsumers = true): Pipeline {
  const result = parsePipeline({
    version: 1,
    name: `Large pipeline x${scale}`,
    cluster: {
      brokers: ['k1', 'k2', 'k3'].map((id) => ({
        id,
        hardware: {
          cores: 32,
          diskMBps: 20_000,
          networkInMBps: 25_000,
          networkOutMBps: 25_000,
          memoryGB: 256,
        },
      })),
      clientHardware: {
        cores: 32,
        cpuGHz: 10,
        diskMBps: 20_000,
        networkInMBps: 25_000,
        networkOutMBps: 25_000,
        memoryGB: 256,
      },
    },
    topics: [{ id: 'events', partitions: 64, replicationFactor: 3, config: { 'min.insync.replicas': 2 } }],
    // Four producers: one producer thread sends about a million small records a second at best
    // (PRODUCER_CYCLES), so the load is spread, and the client machines are made fast enough that
    // the x10 run (ten times the records in the same batches) is not held back by send().
    producers: INGEST.map((id) => ({
      id,
      rate: { kind: 'poisson', recordsPerSec: (1_000_000 / INGEST.length) * scale },
      recordBytes: 100,
      keys: { kind: 'uniform', count: 100_000 },
      config: {
        acks: 'all',
        'linger.ms': 5,
        'batch.size': 16_384 * scale,
        'buffer.memory': 33_554_432 * scale,
        'max.request.size': 1_048_576 * scale,
      },
    })),
    consumerGroups: [
      {
        id: 'indexer',
        members: 16,
        processing: { distribution: 'fixed', meanMs: 0.005 / scale },
        config: {
          'max.poll.records': 500 * scale,
          'max.partition.fetch.bytes': 1_048_576 * scale,
          ...(tunedConsumers ? { 'fetch.min.bytes': 65_536 * scale, 'fetch.max.wait.ms': 100 } : {}),
        },
      },
    ],
    sparkJobs: [
      {
        id: 'rollups',
        batchIntervalMs: 1000,
        stages: [
          { id: 'parse', kind: 'map', costPerRecordUs: 1 / scale },
          { id: 'valid', kind: 'filter', selectivity: 0.9, costPerRecordUs: 0.2 / scale },
          { id: 'per-key', kind: 'aggregate', keyCardinality: 100_000 },
          { id: 'store', kind: 'sink' },
        ],
        config: { 'spark.executor.instances': 8, 'spark.executor.cores': 4 },
      },
    ],
    sinks: [{ id: 'warehouse' }],
    edges: [
      ...INGEST.map((id) => ({ from: id, to: 'events' })),
      { from: 'events', to: 'indexer' },
      { from: 'events', to: 'rollups' },
      { from: 'rollups', to: 'warehouse' },
    ],
    run: { seed: 1, durationSec },
  });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.doc;
}
