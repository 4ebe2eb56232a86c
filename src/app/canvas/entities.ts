// Finding and replacing one node of the document by id, whatever its kind. Every canvas edit goes
// through these so the rest of the code never needs to know which array a node lives in.
import type {
  Broker,
  ConsumerGroup,
  Pipeline,
  Producer,
  Sink,
  SparkJob,
  SparkSource,
  SparkStage,
  Topic,
} from '../../model';

export type EntityRef =
  | { kind: 'producer'; value: Producer }
  | { kind: 'topic'; value: Topic; index: number }
  | { kind: 'consumerGroup'; value: ConsumerGroup }
  | { kind: 'sparkJob'; value: SparkJob }
  | { kind: 'sparkStage'; value: SparkStage; job: SparkJob; index: number }
  | { kind: 'sink'; value: Sink }
  | { kind: 'sparkSource'; value: SparkSource }
  | { kind: 'broker'; value: Broker; index: number };

export type EntityKind = EntityRef['kind'];

/** The top-level arrays that hold canvas nodes (brokers and stages live elsewhere). */
export const NODE_ARRAYS = [
  'producers',
  'topics',
  'consumerGroups',
  'sparkJobs',
  'sinks',
  'sparkSources',
] as const;

export function findEntity(doc: Pipeline, id: string): EntityRef | undefined {
  const producer = doc.producers.find((p) => p.id === id);
  if (producer) return { kind: 'producer', value: producer };
  const topicIndex = doc.topics.findIndex((t) => t.id === id);
  const topic = doc.topics[topicIndex];
  if (topic) return { kind: 'topic', value: topic, index: topicIndex };
  const group = doc.consumerGroups.find((g) => g.id === id);
  if (group) return { kind: 'consumerGroup', value: group };
  const sink = doc.sinks.find((s) => s.id === id);
  if (sink) return { kind: 'sink', value: sink };
  const source = doc.sparkSources.find((s) => s.id === id);
  if (source) return { kind: 'sparkSource', value: source };
  for (const job of doc.sparkJobs) {
    if (job.id === id) return { kind: 'sparkJob', value: job };
    const index = job.stages.findIndex((s) => s.id === id);
    const stage = job.stages[index];
    if (stage) return { kind: 'sparkStage', value: stage, job, index };
  }
  const brokerIndex = doc.cluster.brokers.findIndex((b) => b.id === id);
  const broker = doc.cluster.brokers[brokerIndex];
  if (broker) return { kind: 'broker', value: broker, index: brokerIndex };
  return undefined;
}

const swap = <T extends { id: string }>(list: T[], id: string, next: T): T[] =>
  list.map((item) => (item.id === id ? next : item));

/**
 * A document where the node `id` is `next` (same kind). Untouched parts keep their identity, so
 * memoised views of other nodes do not re-render.
 */
export function replaceEntity(doc: Pipeline, ref: EntityRef, next: EntityRef['value']): Pipeline {
  const id = ref.value.id;
  switch (ref.kind) {
    case 'producer':
      return { ...doc, producers: swap(doc.producers, id, next as Producer) };
    case 'topic':
      return { ...doc, topics: swap(doc.topics, id, next as Topic) };
    case 'consumerGroup':
      return { ...doc, consumerGroups: swap(doc.consumerGroups, id, next as ConsumerGroup) };
    case 'sparkJob':
      return { ...doc, sparkJobs: swap(doc.sparkJobs, id, next as SparkJob) };
    case 'sink':
      return { ...doc, sinks: swap(doc.sinks, id, next as Sink) };
    case 'sparkSource':
      return { ...doc, sparkSources: swap(doc.sparkSources, id, next as SparkSource) };
    case 'broker':
      return { ...doc, cluster: { ...doc.cluster, brokers: swap(doc.cluster.brokers, id, next as Broker) } };
    case 'sparkStage':
      return {
        ...doc,
        sparkJobs: doc.sparkJobs.map((j) =>
          j.id === ref.job.id ? { ...j, stages: swap(j.stages, id, next as SparkStage) } : j,
        ),
      };
  }
}

/** What people see as a node's title: its name, or its id when it has none. */
export const displayName = (value: { id: string; name?: string | undefined }): string =>
  value.name?.trim() ? value.name : value.id;

/** Every id in use, for generating fresh ones. */
export function allIds(doc: Pipeline): Set<string> {
  const ids = new Set<string>();
  doc.cluster.brokers.forEach((b) => ids.add(b.id));
  // Brokers that join during the run (addBroker events) hold their ids too.
  for (const f of doc.faults) if (f.kind === 'addBroker') ids.add(f.broker.id);
  for (const key of NODE_ARRAYS) doc[key].forEach((n) => ids.add(n.id));
  doc.sparkJobs.forEach((j) => j.stages.forEach((s) => ids.add(s.id)));
  return ids;
}

/** `prefix-1`, `prefix-2`, ...: the first one nobody uses yet. */
export function freshId(taken: Set<string>, prefix: string): string {
  for (let n = 1; ; n++) {
    const id = `${prefix}-${n}`;
    if (!taken.has(id)) return id;
  }
}
