// One small pipeline for the tests of Kafka's failure rules: a constant-rate producer writing one
// partition on three fast brokers, and one consumer group. Each test states only what it varies,
// and reads what it needs from the run with the helpers below.
import type { Fault, Pipeline } from '../../model/types';
import { BATCH_HEADER_BYTES, RECORD_OVERHEAD_BYTES } from '../costs';
import type { Simulation } from '../engine/simulation';
import { FAST_BROKER, pipeline } from './pipelines';

/** Records per second, evenly spaced: expected counts are this rate times a window. */
export const FAULT_RATE = 1000;
/** Each record's size; the producer's batches are its multiples. */
export const FAULT_RECORD_BYTES = 100;
/**
 * What a record takes on the wire: its bytes, format v2's per-record overhead and its share of a
 * batch header. With linger.ms 5 (the default) at FAULT_RATE, each request carries one batch of the
 * 5 records that arrived meanwhile.
 */
export const FAULT_WIRE_BYTES_PER_RECORD =
  FAULT_RECORD_BYTES + RECORD_OVERHEAD_BYTES + BATCH_HEADER_BYTES / ((FAULT_RATE * 5) / 1000);
/**
 * broker.session.timeout.ms (9 s, the cluster's default) plus the election time assumed in costs.ts:
 * how long after a broker stops heartbeating the controller has moved its partitions' leaders.
 */
export const FENCE_MS = 9000 + 300;
/** A returning broker is let in (unfenced) at its next heartbeat after registering (costs.ts). */
export const UNFENCE_MS = 2000;
export const NETWORK_LATENCY_MS = 0.25;

export interface FaultDocOptions {
  acks: 'all' | '1' | '0';
  /** Replication factor of the topic's one partition (led by b0, then b1, b2 in order). */
  rf: number;
  minIsr?: number;
  faults: unknown[];
  idempotence?: boolean;
  requestTimeoutMs?: number;
  deliveryTimeoutMs?: number;
}

export function faultDoc(o: FaultDocOptions): Pipeline {
  return pipeline({
    version: 1,
    cluster: {
      networkLatencyMs: NETWORK_LATENCY_MS,
      brokers: ['b0', 'b1', 'b2'].map((id) => ({ id, hardware: FAST_BROKER })),
    },
    topics: [
      {
        id: 't',
        partitions: 1,
        replicationFactor: o.rf,
        config: { 'min.insync.replicas': o.minIsr ?? 1 },
      },
    ],
    producers: [
      {
        id: 'p',
        rate: { kind: 'constant', recordsPerSec: FAULT_RATE },
        recordBytes: FAULT_RECORD_BYTES,
        config: {
          acks: o.acks,
          ...(o.idempotence === undefined ? {} : { 'enable.idempotence': o.idempotence }),
          'request.timeout.ms': o.requestTimeoutMs ?? 3000,
          'delivery.timeout.ms': o.deliveryTimeoutMs ?? 120_000,
        },
      },
    ],
    consumerGroups: [{ id: 'g', members: 1, processing: { distribution: 'fixed', meanMs: 0.01 } }],
    edges: [
      { from: 'p', to: 't' },
      { from: 't', to: 'g' },
    ],
    faults: o.faults as Fault[],
    run: { seed: 7, durationSec: 60 },
  } as never);
}

/** Records acknowledged in whole seconds (from, to] of the run, from the per-second series. */
export function ackedBetween(sim: Simulation, from: number, to: number): number {
  const { columns, rows } = sim.metrics.series();
  const c = columns.indexOf('p.acknowledged');
  return rows.filter((r) => r[0]! > from && r[0]! <= to).reduce((a, r) => a + r[c]!, 0);
}

/** produced = acknowledged + in flight + refused + dropped + lost, as the ledger must always hold. */
export function unbalanced(sim: Simulation): number {
  const r = sim.summary().records;
  return r.produced - (r.acknowledged + r.inFlight + r.refused + r.dropped + r.lost);
}

/** Names of the brokers in the ISR of the topic's partition, and its leader. */
export function partitionState(sim: Simulation): { leader: string | null; isr: string[] } {
  const s = sim.summary().topics.t!.partitionStates[0]!;
  return { leader: s.leader, isr: s.isr };
}
