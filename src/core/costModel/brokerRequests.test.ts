// The broker's side of the cost model: request handler threads paid by the cost table, and one
// request at a time per connection, which is what makes acks=all slow when replication takes a
// round trip. Expected figures are worked out by hand from the settings and costs.ts.
import { describe, expect, it } from 'vitest';
import { BATCH_HEADER_BYTES, BROKER_CYCLES, RECORD_OVERHEAD_BYTES } from '../costs';
import { Simulation } from '../engine/simulation';
import { FAST_BROKER, pipeline } from '../testing/pipelines';

describe('one request at a time per connection', () => {
  // Two fast brokers 5 ms apart, one partition replicated on both. Each acks=all request waits for
  // the follower to fetch the batch (5 ms) and fetch again (5 ms) before the leader answers it and
  // reads the connection's next request: a request every 2 x 5 ms, whatever
  // max.in.flight.requests.per.connection lets the producer send ahead.
  const LATENCY_MS = 5;
  const doc = (acks: 'all' | '1') =>
    pipeline({
      version: 1,
      cluster: {
        networkLatencyMs: LATENCY_MS,
        brokers: [
          { id: 'b1', hardware: FAST_BROKER },
          { id: 'b2', hardware: FAST_BROKER },
        ],
      },
      topics: [{ id: 't', partitions: 1, replicationFactor: 2 }],
      producers: [
        {
          id: 'p',
          rate: { kind: 'max' },
          recordBytes: 100,
          config: { acks, 'linger.ms': 0, 'batch.size': 16_384, 'max.in.flight.requests.per.connection': 5 },
        },
      ],
      edges: [{ from: 'p', to: 't' }],
    });
  const rate = (acks: 'all' | '1') => {
    const sim = new Simulation(doc(acks));
    sim.runUntil(10_000);
    return sim.summary().producers['p']!.ackedPerSec;
  };

  it('paces acks=all at one batch per replication round trip', () => {
    // A request carries one batch of the one partition: (16384 - 61) / (100 + 8) = 151 records.
    const perBatch = Math.floor((16_384 - BATCH_HEADER_BYTES) / (100 + RECORD_OVERHEAD_BYTES));
    expect(perBatch).toBe(151);
    const bound = perBatch / ((2 * LATENCY_MS) / 1000);
    const acksAll = rate('all');
    expect(acksAll).toBeLessThan(bound);
    expect(acksAll).toBeGreaterThan(bound * 0.9);
    // acks=1 needs no round trip to the follower: five requests in flight, each answered at once.
    expect(rate('1')).toBeGreaterThan(4 * acksAll);
  });
});

/**
 * One broker (2 GHz cores) with a one-partition topic, a producer at a constant rate (acks=1,
 * linger.ms 2) and, with `reader`, a group reading it all; run for 20 simulated seconds.
 */
function oneBroker(o: { recordsPerSec: number; recordBytes?: number; reader?: boolean }): Simulation {
  const sim = new Simulation(
    pipeline({
      version: 1,
      cluster: { brokers: [{ id: 'b1', hardware: { ...FAST_BROKER, cpuGHz: 2 } }] },
      topics: [{ id: 't', partitions: 1 }],
      producers: [
        {
          id: 'p',
          rate: { kind: 'constant', recordsPerSec: o.recordsPerSec },
          ...(o.recordBytes === undefined ? {} : { recordBytes: o.recordBytes }),
          config: { acks: '1', 'linger.ms': 2 },
        },
      ],
      consumerGroups: o.reader
        ? [{ id: 'g', members: 1, processing: { distribution: 'fixed', meanMs: 0.001 } }]
        : [],
      edges: [{ from: 'p', to: 't' }, ...(o.reader ? [{ from: 't', to: 'g' }] : [])],
    }),
  );
  sim.runUntil(20_000);
  return sim;
}

/** A thread pool's busy time over the run (ms): its per-second utilisation times its threads. */
function threadBusyMs(sim: Simulation, column: string, threads: number): number {
  const { columns, rows } = sim.metrics.series();
  const col = columns.indexOf(column);
  return rows.reduce((a, r) => a + r[col]! * threads * 1000, 0);
}

describe('request handler threads', () => {
  it('are charged the cost table for every produce request, batch, record and byte', () => {
    // One partition (one batch per request), no replica, no reader: the handlers' only work is
    // producing. Their busy time over the run is what the table says for what arrived.
    const sim = oneBroker({ recordsPerSec: 50_000 });
    const s = sim.summary();
    const broker = sim.brokers[0]!;
    const requests = s.producers['p']!.requests;
    const records = s.records.acknowledged;
    const bytes = broker.networkIn.workDone;
    const cycles =
      requests * (BROKER_CYCLES.producePerRequest + BROKER_CYCLES.producePerBatch) +
      records * BROKER_CYCLES.producePerRecord +
      bytes * BROKER_CYCLES.producePerByte;
    const expectedMs = cycles / 2e6;
    const busyMs = threadBusyMs(sim, 'b1.ioThreads', 8); // num.io.threads, Kafka's default
    // Requests still in flight at the end are the difference, a few out of thousands.
    expect(requests).toBeGreaterThan(5_000);
    expect(busyMs).toBeGreaterThan(expectedMs * 0.99);
    expect(busyMs).toBeLessThan(expectedMs * 1.01);
  });

  it('network threads pay per byte: reading requests (kernel receive and the copy) and sending answers', () => {
    // Two runs alike but for the record size (100 B and 1,000 B, at 5,000 records/s: a batch per
    // linger.ms either way), with a group reading everything. The requests and fetches are the same
    // in number, so the network threads' extra busy time is the extra bytes at the per-byte costs:
    // received (kernel, then the copy into the heap) and sent to the group (kernel, by sendfile).
    const run = (recordBytes: number) => {
      const sim = oneBroker({ recordsPerSec: 5_000, recordBytes, reader: true });
      const broker = sim.brokers[0]!;
      return {
        busyMs: threadBusyMs(sim, 'b1.networkThreads', 3), // num.network.threads, Kafka's default
        bytesIn: broker.networkIn.workDone,
        bytesOut: broker.networkOut.workDone,
        requests: sim.summary().producers['p']!.requests,
      };
    };
    const small = run(100);
    const large = run(1000);
    expect(large.requests).toBeGreaterThan(0.99 * small.requests);
    expect(large.requests).toBeLessThan(1.01 * small.requests);
    const expectedMs =
      ((large.bytesIn - small.bytesIn) * (BROKER_CYCLES.readPerByte + BROKER_CYCLES.kernelReceivePerByte) +
        (large.bytesOut - small.bytesOut) * BROKER_CYCLES.kernelSendPerByte) /
      2e6;
    const extraMs = large.busyMs - small.busyMs;
    expect(extraMs).toBeGreaterThan(0.95 * expectedMs);
    expect(extraMs).toBeLessThan(1.05 * expectedMs);
  });
});

describe("a follower's replica fetcher", () => {
  it('pays per byte it copies: the kernel receiving it, then the append', () => {
    // Two brokers, one partition on both, acks=1 and no reader: the follower's cores do nothing but
    // take in and append what it fetches. 100 B against 1,000 B records at the same rate: the extra
    // busy time is the extra bytes at the two per-byte costs.
    const run = (recordBytes: number) => {
      const sim = new Simulation(
        pipeline({
          version: 1,
          cluster: {
            brokers: ['b1', 'b2'].map((id) => ({ id, hardware: { ...FAST_BROKER, cpuGHz: 2 } })),
          },
          topics: [{ id: 't', partitions: 1, replicationFactor: 2 }],
          producers: [
            {
              id: 'p',
              rate: { kind: 'constant', recordsPerSec: 5_000 },
              recordBytes,
              config: { acks: '1', 'linger.ms': 2 },
            },
          ],
          edges: [{ from: 'p', to: 't' }],
        }),
      );
      sim.runUntil(20_000);
      const leader = sim.summary().topics.t!.partitionStates[0]!.leader;
      const follower = sim.brokers.find((b) => b.id !== leader)!;
      return {
        busyMs: threadBusyMs(sim, `${follower.id}.cpu`, follower.doc.hardware.cores),
        bytesIn: follower.networkIn.workDone,
      };
    };
    const small = run(100);
    const large = run(1000);
    const expectedMs =
      ((large.bytesIn - small.bytesIn) *
        (BROKER_CYCLES.replicaAppendPerByte + BROKER_CYCLES.kernelReceivePerByte)) /
      2e6;
    const extraMs = large.busyMs - small.busyMs;
    expect(extraMs).toBeGreaterThan(0.99 * expectedMs);
    expect(extraMs).toBeLessThan(1.01 * expectedMs);
  });
});
