// New nodes: readable unique ids and every default taken from the schema itself, so the canvas can
// never create something the document format would refuse.
import type { Broker, Pipeline, Producer, Sink, SparkJob, SparkStage, Topic } from '../../model';
import type { ConsumerGroup } from '../../model';
import { brokerSchema } from '../../model/schema/cluster';
import { consumerGroupSchema } from '../../model/schema/consumer';
import { producerSchema } from '../../model/schema/producer';
import { sinkSchema, SINK_KINDS } from '../../model/schema/sink';
import { sparkJobSchema, sparkStageSchema, SPARK_STAGE_KINDS } from '../../model/schema/spark';
import { sparkSourceSchema } from '../../model/schema/sparkSource';
import { topicSchema } from '../../model/schema/topic';
import { allIds, freshId } from './entities';
import { brokersOfRun } from '../../model/brokers';
import { jobSize, NODE_HEIGHT } from './flowView';

export type StageKind = (typeof SPARK_STAGE_KINDS)[number];
export type SinkKind = (typeof SINK_KINDS)[number];

export interface XY {
  x: number;
  y: number;
}

/** What a new producer sends until someone changes it: enough to see something move. */
export const NEW_PRODUCER_RATE = 1000;

export const newProducer = (id: string): Producer =>
  producerSchema.parse({ id, rate: { recordsPerSec: NEW_PRODUCER_RATE } });
export const newTopic = (id: string): Topic => topicSchema.parse({ id });
export const newConsumerGroup = (id: string): ConsumerGroup => consumerGroupSchema.parse({ id });
export const newSparkJob = (id: string, stages: SparkStage[] = []): SparkJob =>
  sparkJobSchema.parse({ id, stages });
export const newSink = (id: string, kind: SinkKind): Sink => sinkSchema.parse({ id, kind });
export const newBroker = (id: string): Broker => brokerSchema.parse({ id });
/** A receiver source sends as much as a new producer does, so a job connected to it has work at once. */
export const newSparkSource = (id: string) =>
  sparkSourceSchema.parse({ id, rate: { recordsPerSec: NEW_PRODUCER_RATE } });

/**
 * A stage with its schema defaults. A window has no default length in Spark, so it gets three batch
 * intervals sliding by one, which keeps the "multiple of the batch interval" rule satisfied.
 */
export function newStage(id: string, kind: StageKind, batchIntervalMs = 1000): SparkStage {
  const extra = kind === 'window' ? { windowLengthMs: 3 * batchIntervalMs, slideMs: batchIntervalMs } : {};
  return sparkStageSchema.parse({ id, kind, ...extra });
}

/** Stage ids read like what they do: map-1, window-2, pattern-1, output-1 (a sink stage writes the output). */
const STAGE_ID_PREFIX: Partial<Record<StageKind, string>> = { sink: 'output', cep: 'pattern' };
export const stageIdPrefix = (kind: StageKind): string => STAGE_ID_PREFIX[kind] ?? kind.toLowerCase();

const withLayout = (doc: Pipeline, id: string, at: XY): Pipeline['layout'] => ({
  ...doc.layout,
  [id]: { x: Math.round(at.x), y: Math.round(at.y) },
});

export type TopLevelKind = 'producer' | 'topic' | 'consumerGroup' | 'sparkJob' | 'sparkSource' | SinkKind;

/** Adds a node of `kind` at `at` and returns the new document and the node's id. */
export function addNode(doc: Pipeline, kind: TopLevelKind, at: XY): { doc: Pipeline; id: string } {
  const taken = allIds(doc);
  const layout = (id: string) => withLayout(doc, id, at);
  switch (kind) {
    case 'producer': {
      const id = freshId(taken, 'producer');
      return { id, doc: { ...doc, producers: [...doc.producers, newProducer(id)], layout: layout(id) } };
    }
    case 'topic': {
      const id = freshId(taken, 'topic');
      return { id, doc: { ...doc, topics: [...doc.topics, newTopic(id)], layout: layout(id) } };
    }
    case 'consumerGroup': {
      const id = freshId(taken, 'group');
      const groups = [...doc.consumerGroups, newConsumerGroup(id)];
      return { id, doc: { ...doc, consumerGroups: groups, layout: layout(id) } };
    }
    case 'sparkJob': {
      const id = freshId(taken, 'spark-job');
      return { id, doc: { ...doc, sparkJobs: [...doc.sparkJobs, newSparkJob(id)], layout: layout(id) } };
    }
    case 'sparkSource': {
      const id = freshId(taken, 'receiver-source');
      const sparkSources = [...doc.sparkSources, newSparkSource(id)];
      return { id, doc: { ...doc, sparkSources, layout: layout(id) } };
    }
    default: {
      const id = freshId(taken, 'sink');
      return { id, doc: { ...doc, sinks: [...doc.sinks, newSink(id, kind)], layout: layout(id) } };
    }
  }
}

/**
 * A broker joining during a run: an addBroker event at `atSec` (the run carries it, a link replays
 * it), with the hardware of the last broker and, when the brokers have racks, the rack that has
 * fewest of them (the first such in name order), as an operator adding capacity to a zone would.
 */
export function addBrokerEvent(doc: Pipeline, atSec: number): { doc: Pipeline; id: string } {
  const id = freshId(allIds(doc), 'broker');
  const all = brokersOfRun(doc).map((b) => b.broker);
  const last = all[all.length - 1];
  const racks = all.every((b) => b.rack) ? all.map((b) => b.rack!) : [];
  const counts = new Map<string, number>();
  for (const r of racks) counts.set(r, (counts.get(r) ?? 0) + 1);
  const rack = [...counts.entries()].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))[0]?.[0];
  const broker: Broker = {
    ...newBroker(id),
    ...(last ? { hardware: last.hardware } : {}),
    ...(rack ? { rack } : {}),
  };
  return { id, doc: { ...doc, faults: [...doc.faults, { kind: 'addBroker', atSec, broker }] } };
}

export function addBroker(doc: Pipeline): { doc: Pipeline; id: string } {
  const id = freshId(allIds(doc), 'broker');
  return {
    id,
    doc: { ...doc, cluster: { ...doc.cluster, brokers: [...doc.cluster.brokers, newBroker(id)] } },
  };
}

/** Where a stage goes in a job: at the end, but always before a sink stage (which must stay last). */
export function stageInsertIndex(stages: readonly SparkStage[], kind: StageKind): number {
  const sinkIndex = stages.findIndex((s) => s.kind === 'sink');
  if (kind === 'sink' || sinkIndex < 0) return stages.length;
  return sinkIndex;
}

/**
 * A job box grows to the right with each stage; nodes just right of it (its sinks, usually) move
 * along by the same amount, so the box never grows over them.
 */
export function makeRoom(
  layout: Pipeline['layout'],
  jobId: string,
  stagesBefore: number,
  stagesAfter: number,
): Pipeline['layout'] {
  const at = layout[jobId];
  const before = jobSize(stagesBefore);
  const grow = jobSize(stagesAfter).width - before.width;
  if (!at || grow <= 0) return layout;
  const right = at.x + before.width;
  let moved = false;
  const next = { ...layout };
  for (const [id, p] of Object.entries(layout)) {
    const beside = p.y + NODE_HEIGHT > at.y && p.y < at.y + before.height;
    if (id === jobId || !beside || p.x < right - 10) continue;
    next[id] = { x: p.x + grow, y: p.y };
    moved = true;
  }
  return moved ? next : layout;
}

export type StageDrop =
  { ok: true; doc: Pipeline; id: string; jobId: string } | { ok: false; reason: string };

/**
 * Adds a stage of `kind` to job `jobId`, or, without a job, a new Spark job at `at` holding only
 * this stage. A second sink stage is refused: a job writes its output once.
 */
export function addStage(doc: Pipeline, kind: StageKind, target: { jobId: string } | { at: XY }): StageDrop {
  const taken = allIds(doc);
  if ('jobId' in target) {
    const job = doc.sparkJobs.find((j) => j.id === target.jobId);
    if (!job) return { ok: false, reason: `there is no Spark job "${target.jobId}"` };
    if (kind === 'sink' && job.stages.some((s) => s.kind === 'sink'))
      return {
        ok: false,
        reason: `Spark job "${job.id}" already has a sink stage; a job writes its output once`,
      };
    if (job.stages.length >= 50) return { ok: false, reason: `Spark job "${job.id}" already has 50 stages` };
    const id = freshId(taken, stageIdPrefix(kind));
    const stages = [...job.stages];
    stages.splice(stageInsertIndex(stages, kind), 0, newStage(id, kind, job.batchIntervalMs));
    const sparkJobs = doc.sparkJobs.map((j) => (j.id === job.id ? { ...j, stages } : j));
    const layout = makeRoom(doc.layout, job.id, job.stages.length, stages.length);
    return { ok: true, id, jobId: job.id, doc: { ...doc, sparkJobs, layout } };
  }
  const jobId = freshId(taken, 'spark-job');
  taken.add(jobId);
  const id = freshId(taken, stageIdPrefix(kind));
  const job = newSparkJob(jobId, [newStage(id, kind)]);
  return {
    ok: true,
    id,
    jobId,
    doc: { ...doc, sparkJobs: [...doc.sparkJobs, job], layout: withLayout(doc, jobId, target.at) },
  };
}
