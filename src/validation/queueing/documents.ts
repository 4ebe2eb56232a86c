// The pipeline a user would draw to watch a single queue: one Poisson producer into a one-partition
// topic, read by a one-member consumer group whose per-record processing cost is the service time.
// One broker with the default hardware, network latency set to 0 and linger.ms 0, so moving a
// record from producer to consumer takes a few hundredths of a millisecond; each case measures that
// transport in a twin run with no processing cost and subtracts it.
import { parsePipeline } from '../../model/parse';
import type { Pipeline, PipelineInput } from '../../model/types';
import { measure, type Measurement } from '../measure';

export const GROUP_ID = 'g';

export interface QueueSpec {
  arrivalsPerSec: number;
  service: 'fixed' | 'exponential';
  serviceMs: number;
  durationSec: number;
  seed: number;
  /** The consumer's max.poll.records (Kafka's default, 500, when left out). */
  maxPollRecords?: number;
  /** The consumer's fetch.min.bytes and fetch.max.wait.ms (Kafka's defaults, 1 and 500, when left out). */
  fetchMinBytes?: number;
  fetchMaxWaitMs?: number;
}

/** Parses a document built in code; a validation case with an invalid document is a bug. */
export function validDocument(input: PipelineInput): Pipeline {
  const r = parsePipeline(input);
  if (!r.ok) throw new Error(`invalid validation document:\n${r.errors.join('\n')}`);
  return r.doc;
}

export function queueDocument(q: QueueSpec): Pipeline {
  return validDocument({
    version: 1,
    name: `queue: ${q.arrivalsPerSec}/s, ${q.service} ${q.serviceMs} ms`,
    cluster: { networkLatencyMs: 0, brokers: [{ id: 'b1' }] },
    topics: [{ id: 't', partitions: 1, replicationFactor: 1 }],
    producers: [
      {
        id: 'p',
        rate: { kind: 'poisson', recordsPerSec: q.arrivalsPerSec },
        recordBytes: 100,
        config: { acks: '1', 'linger.ms': 0 },
      },
    ],
    consumerGroups: [
      {
        id: GROUP_ID,
        members: 1,
        processing: { distribution: q.service, meanMs: q.serviceMs },
        config: {
          ...(q.maxPollRecords !== undefined && { 'max.poll.records': q.maxPollRecords }),
          ...(q.fetchMinBytes !== undefined && { 'fetch.min.bytes': q.fetchMinBytes }),
          ...(q.fetchMaxWaitMs !== undefined && { 'fetch.max.wait.ms': q.fetchMaxWaitMs }),
        },
      },
    ],
    edges: [
      { from: 'p', to: 't' },
      { from: 't', to: GROUP_ID },
    ],
    run: { seed: q.seed, durationSec: q.durationSec },
  });
}

/** Records finished in the first seconds are left out: the queue starts empty, not in steady state. */
export const WARMUP_MS = 10_000;
/** Stretches of the run whose means give the noise estimate of the overall mean. */
export const BATCHES = 20;
/** The twin run that measures transport: long enough for thousands of records. */
const TRANSPORT_SEC = 30;

export interface QueueRun {
  spec: QueueSpec;
  main: Measurement;
  /** The same pipeline with no processing cost: creation to processed is transport alone. */
  transport: Measurement;
}

export function runQueue(spec: QueueSpec, sampleEveryMs = 0): QueueRun {
  const endMs = spec.durationSec * 1000;
  const main = measure(queueDocument(spec), {
    warmupMs: WARMUP_MS,
    endMs,
    readerId: GROUP_ID,
    batches: BATCHES,
    sampleEveryMs,
  });
  const transport = measure(queueDocument({ ...spec, serviceMs: 0, durationSec: TRANSPORT_SEC }), {
    warmupMs: 1000,
    endMs: TRANSPORT_SEC * 1000,
    readerId: GROUP_ID,
  });
  return { spec, main, transport };
}

export function describeQueue(spec: QueueSpec): string {
  const poll =
    (spec.maxPollRecords === undefined ? '' : `, max.poll.records ${spec.maxPollRecords}`) +
    (spec.fetchMinBytes === undefined ? '' : `, fetch.min.bytes ${spec.fetchMinBytes}`) +
    (spec.fetchMaxWaitMs === undefined ? '' : `, fetch.max.wait.ms ${spec.fetchMaxWaitMs}`);
  return (
    `Producer (Poisson, ${spec.arrivalsPerSec} records/s, acks=1, linger.ms 0) -> topic (1 partition, RF 1) ` +
    `on one default broker, network latency 0 -> consumer group of 1 member (${spec.service} ` +
    `processing, mean ${spec.serviceMs} ms per record${poll}). Seed ${spec.seed}, ${spec.durationSec} s ` +
    `simulated, the first ${WARMUP_MS / 1000} s left out.`
  );
}

export function transportNote(run: QueueRun): string {
  const t = run.transport;
  return (
    `Time in system counted from the record's arrival at the consumer: the end-to-end latency minus the ` +
    `transport from producer to consumer, measured in a twin run with zero processing cost ` +
    `(${t.meanMs.toFixed(4)} ms mean, p50 ${t.p50Ms} ms, p99 ${t.p99Ms} ms, so nearly constant). It is ` +
    `subtracted from the mean and from each percentile. A per-record cost of the consumer client itself, ` +
    `if the cost model has one, counts as transport in the twin run and lengthens the service in this one.`
  );
}
