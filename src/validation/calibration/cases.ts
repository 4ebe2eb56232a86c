// The rows of Kreps 2014 (calibration-set.md) as validation cases: throughput within 25%, latency
// percentiles within a factor of 1.5, from the commodity-2014 preset and the benchmark's settings.
import { within, withinFactor, type Check, type ValidationCase } from '../case';
import { describeKreps, runKreps, type KrepsSpec } from './kreps2014';

const REFERENCE =
  'Kreps 2014, "Benchmarking Apache Kafka: 2 Million Writes Per Second (On Three Cheap Machines)": ' +
  'Kafka 0.8.1 on 6-core 2.5 GHz Xeons with six 7200 rpm disks and 1 GbE.';

const COMMON_LEAVES_OUT =
  'The engine models Kafka 4.x (record format v2: about 8 bytes of overhead per record and 61 per batch); ' +
  'the benchmark ran 0.8.1, whose format spent about 22 bytes per record. Client and broker CPU are costed in ' +
  'cycles per request, batch, record and byte (costs.ts), read from what each code path does, not fitted.';

const BASE: KrepsSpec = {
  producers: 1,
  replicationFactor: 1,
  acks: '1',
  batchSize: 8196,
  consumers: 0,
  prefillRecords: 0,
  rate: 'max',
  durationSec: 8,
  seed: 1,
};

interface ThroughputRow {
  id: string;
  title: string;
  spec: Partial<KrepsSpec>;
  measured: number;
  what: 'produced' | 'consumed';
  leavesOut?: string;
  knownIssue?: string;
}

function throughputCase(row: ThroughputRow): ValidationCase {
  const spec = { ...BASE, ...row.spec };
  return {
    id: row.id,
    title: row.title,
    reference: `${REFERENCE} Measured: ${row.measured.toLocaleString('en-US')} records/s.`,
    leavesOut: row.leavesOut ? `${row.leavesOut} ${COMMON_LEAVES_OUT}` : COMMON_LEAVES_OUT,
    run() {
      const run = runKreps(spec);
      const simulated = row.what === 'produced' ? run.producedPerSec : run.consumedPerSec;
      const check: Check = {
        id: `${row.id}.throughput`,
        quantity: row.what === 'produced' ? 'records/s acknowledged' : 'records/s consumed',
        unit: 'records/s',
        expected: row.measured,
        simulated,
        bound: within(0.25),
        ...(row.knownIssue ? { knownIssue: row.knownIssue } : {}),
      };
      return {
        setup: describeKreps(spec),
        samples: {
          count: Math.round(simulated * (spec.durationSec - 2)),
          what: 'records in the measured span',
        },
        checks: [check],
      };
    },
  };
}

export const krepsOneProducer = throughputCase({
  id: 'kreps-1p-rf1',
  title: '1 producer, replication factor 1',
  spec: {},
  measured: 821_557,
  what: 'produced',
  leavesOut:
    "The limit is the producer machine's one application thread calling send() (PRODUCER_CYCLES.sendPerRecord " +
    'at 2.5 GHz); its network card is about 80% busy.',
});

export const krepsReplicated = throughputCase({
  id: 'kreps-1p-rf3-acks1',
  title: '1 producer, replication factor 3, acks=1',
  spec: { replicationFactor: 3 },
  measured: 786_980,
  what: 'produced',
});

export const krepsAcksAll = throughputCase({
  id: 'kreps-1p-rf3-acksall',
  title: '1 producer, replication factor 3, acks=all',
  spec: { replicationFactor: 3, acks: 'all', batchSize: 64_000 },
  measured: 421_823,
  what: 'produced',
  knownIssue:
    'The model loses almost nothing to acks=all here: each broker answers a connection one request at a ' +
    "time, and a request's wait for both followers' next fetch comes to about 3 ms, so 1-2 batches of up to " +
    "64 kB per 3 ms per broker carry more than the producer's thread can send. The benchmark lost 46%, which " +
    "needs about 7 ms per request. Kafka 0.8.1's source (tag 0.8.1 and the benchmark's patch, KAFKA-1468) " +
    'shows the same chain as ours (the connection muted while a request waits, the follower appending before ' +
    'its next fetch, a waiting fetch woken at once by the append) and no timer, flush or lock that adds ' +
    "time with the benchmark's settings; what it does more than Kafka 4.x is per-message work (several passes " +
    'over each message to check and assign offsets, on the leader and again on each follower). We model ' +
    "today's batch format and have no measured per-message cost of 0.8.1 to add, so we add none. Where one " +
    'producer with acks=all runs at its limit, expect the model to give it more than a 2014 cluster did (up ' +
    "to twice); the examples' producers run far below their limits, so their figures are not affected.",
});

export const krepsThreeProducers = throughputCase({
  id: 'kreps-3p-rf3',
  title: '3 producers on 3 machines, replication factor 3, acks=1',
  spec: { producers: 3, replicationFactor: 3 },
  measured: 2_024_032,
  what: 'produced',
  leavesOut:
    "Each broker must take in its own producers and two followers' copies over one 1 GbE card: more than it " +
    "carries. Links are shared in 1 ms turns (as TCP connections share one), so the producers' requests and " +
    "the followers' fetches each get part of the card and the followers fall behind (acks=1 does not wait " +
    'for them). How the card is split decides this row: real TCP shares it per connection, and so gives the ' +
    'producers somewhat more.',
});

export const krepsOneConsumer = throughputCase({
  id: 'kreps-1c',
  title: '1 consumer reading a backlog (replication factor 3)',
  spec: { producers: 0, replicationFactor: 3, consumers: 1, prefillRecords: 50_000_000 },
  measured: 940_521,
  what: 'consumed',
  leavesOut: "The limit is the consumer machine's 1 GbE card.",
});

export const krepsThreeConsumers = throughputCase({
  id: 'kreps-3c',
  title: '3 consumers on 3 machines, one group',
  spec: { producers: 0, replicationFactor: 3, consumers: 3, prefillRecords: 50_000_000 },
  measured: 2_615_968,
  what: 'consumed',
  leavesOut: "The limit is the brokers' outgoing 1 GbE cards.",
});

export const krepsProducerAndConsumer = throughputCase({
  id: 'kreps-1p1c',
  title: '1 producer and 1 consumer at once, replication factor 3, acks=1',
  spec: { replicationFactor: 3, consumers: 1 },
  measured: 795_064,
  what: 'produced',
});

/** The end-to-end latency row: one producer and one consumer at a low rate. */
export const krepsLatency: ValidationCase = (() => {
  const spec: KrepsSpec = { ...BASE, replicationFactor: 3, consumers: 1, rate: 500, durationSec: 60 };
  const measured = { p50: 2, p99: 3, p999: 14 };
  const knownIssue =
    "The model's end-to-end path is four network hops of cluster.networkLatencyMs (0.25 ms), microseconds " +
    'of CPU, and a core wake-up (104 us on this generation) at each hop a quiet machine has to make; every ' +
    'record takes about the same time, so its p99.9 stays close to its p99. Its JVMs pause for young garbage ' +
    'collections only when their young generation fills, which at 500 small records a second takes minutes, ' +
    'so this 60-second run sees none; it has no stalls of the operating system or the disks. The ' +
    "benchmark's figure is also measured differently: its test (KAFKA-1468) sends one message, waits until " +
    'it is consumed, and sends the next, 5,000 times, in whole milliseconds, with no warm-up, so its p99.9 ' +
    'is the 5th-slowest of 5,000 and the first messages (waiting for metadata and new connections) are ' +
    'among them. Which rare events made those five is not known.';
  return {
    id: 'kreps-latency',
    title: 'End-to-end latency, 1 producer and 1 consumer at a low rate',
    reference: `${REFERENCE} Measured: p50 2 ms, p99 3 ms, p99.9 14 ms.`,
    leavesOut: COMMON_LEAVES_OUT,
    run() {
      const run = runKreps(spec);
      const latency = run.summary.consumerGroups['consumers']!.latencyMs;
      const check = (key: 'p50' | 'p99' | 'p999', label: string): Check => {
        const simulated = latency[key];
        return {
          id: `kreps-latency.${key}`,
          quantity: `${label} end-to-end latency (created to consumed)`,
          unit: 'ms',
          expected: measured[key],
          simulated,
          bound: withinFactor(1.5),
          ...(key === 'p999' ? { knownIssue } : {}),
        };
      };
      return {
        setup: `${describeKreps(spec)} Latency over the whole run.`,
        samples: { count: latency.records, what: 'records' },
        checks: [check('p50', 'p50'), check('p99', 'p99'), check('p999', 'p99.9')],
      };
    },
  };
})();
