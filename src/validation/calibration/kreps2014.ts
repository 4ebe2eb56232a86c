// Kreps 2014 (calibration-set.md), rebuilt as pipeline documents a user could draw: three brokers on
// the commodity-2014 preset, a 6-partition topic, producers and consumers on machines of their own
// (the same preset), and the benchmark's own settings. Nothing here is tuned to the rows: the costs
// come from costs.ts and the preset, and these documents only say what the benchmark ran.
import type { PipelineInput } from '../../model/types';
import { Simulation } from '../../core/engine/simulation';
import type { RunSummary } from '../../core/engine/summary';
import { validDocument } from '../queueing/documents';

/** The benchmark's payload: 100-byte values, no key. */
export const RECORD_BYTES = 100;
const PARTITIONS = 6;

export interface KrepsSpec {
  producers: number;
  replicationFactor: 1 | 3;
  acks: 'all' | '1';
  /** The async runs used batch.size 8196, the acks=all run 64000. */
  batchSize: number;
  /** Consumer group members (0: none). */
  consumers: number;
  /** Records already in the topic (the consumer tests read a backlog of 50 M records). */
  prefillRecords: number;
  /** Producer rate: 'max' (ProducerPerformance, as fast as it can) or a low Poisson rate. */
  rate: 'max' | number;
  durationSec: number;
  seed: number;
}

export function krepsDocument(s: KrepsSpec) {
  const producers = Array.from({ length: s.producers }, (_, i) => ({
    id: `producer-${i + 1}`,
    rate: s.rate === 'max' ? { kind: 'max' as const } : { kind: 'poisson' as const, recordsPerSec: s.rate },
    recordBytes: RECORD_BYTES,
    // The then-new Java producer: linger 0 was its default; buffer.memory 64 MiB in every run.
    config: { acks: s.acks, 'batch.size': s.batchSize, 'linger.ms': 0, 'buffer.memory': 67_108_864 },
  }));
  const input: PipelineInput = {
    version: 1,
    name: 'Kreps 2014 benchmark',
    cluster: {
      // num.network.threads 4 and num.io.threads 8, as the benchmark's brokers ran.
      config: { 'num.network.threads': 4, 'num.io.threads': 8 },
      brokers: [1, 2, 3].map((i) => ({ id: `broker-${i}`, hardware: { preset: 'commodity-2014' as const } })),
      // The load generators ran on the other machines of the same kind.
      clientHardware: { preset: 'commodity-2014' },
    },
    topics: [
      {
        id: 'test',
        partitions: PARTITIONS,
        replicationFactor: s.replicationFactor,
        prefillRecords: s.prefillRecords,
      },
    ],
    producers,
    consumerGroups:
      s.consumers > 0
        ? [
            {
              id: 'consumers',
              members: s.consumers,
              // The perf consumer does nothing with a record beyond receiving it.
              processing: { distribution: 'fixed', meanMs: 0 },
              config: { 'auto.offset.reset': 'earliest' },
            },
          ]
        : [],
    edges: [
      ...producers.map((p) => ({ from: p.id, to: 'test' })),
      ...(s.consumers > 0 ? [{ from: 'test', to: 'consumers' }] : []),
    ],
    run: { seed: s.seed, durationSec: s.durationSec },
  };
  return validDocument(input);
}

export interface KrepsRun {
  /** Records per second acknowledged, all producers together, after the warm-up. */
  producedPerSec: number;
  /** Records per second the group consumed after the warm-up. */
  consumedPerSec: number;
  summary: RunSummary;
}

/** Seconds left out at the start: batches and queues are still forming. */
export const WARMUP_SEC = 2;

export function runKreps(s: KrepsSpec): KrepsRun {
  const sim = new Simulation(krepsDocument(s));
  sim.runUntil(s.durationSec * 1000);
  const { columns, rows } = sim.metrics.series();
  const steady = rows.slice(WARMUP_SEC);
  const perSec = (suffix: string, prefix = ''): number => {
    const cols = columns.flatMap((c, i) => (c.startsWith(prefix) && c.endsWith(suffix) ? [i] : []));
    const total = steady.reduce((a, r) => a + cols.reduce((b, i) => b + r[i]!, 0), 0);
    return total / steady.length;
  };
  return {
    producedPerSec: perSec('.acknowledged', 'producer-'),
    consumedPerSec: perSec('consumers.consumed'),
    summary: sim.summary(),
  };
}

export function describeKreps(s: KrepsSpec): string {
  const load =
    s.producers === 0
      ? 'no producer'
      : s.rate === 'max'
        ? `${s.producers} producer${s.producers > 1 ? 's' : ''} sending as fast as ${s.producers > 1 ? 'they' : 'it'} can (rate kind max)`
        : `${s.producers} producer at ${s.rate} records/s (Poisson)`;
  const readers = s.consumers > 0 ? `, a ${s.consumers}-member group reading from the earliest offset` : '';
  const backlog = s.prefillRecords > 0 ? `, ${s.prefillRecords / 1e6} M records already in the topic` : '';
  return (
    `3 brokers and every client on its own commodity-2014 machine (6 cores at 2.5 GHz, 1 GbE); topic of ` +
    `${PARTITIONS} partitions, replication factor ${s.replicationFactor}; ${load}${readers}${backlog}; ` +
    `100-byte records, acks=${s.acks}, batch.size ${s.batchSize}, linger.ms 0, buffer.memory 64 MiB; ` +
    `${s.durationSec} simulated s (seed ${s.seed}), throughput from second ${WARMUP_SEC} on.`
  );
}
