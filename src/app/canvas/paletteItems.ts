// What the palette offers, with a one-line hint each, and what placing an item does to the document.
import type { Pipeline } from '../../model';
import { findEntity } from './entities';
import { jobSize, NODE_HEIGHT, NODE_WIDTH } from './flowView';
import { addNode, addStage, type SinkKind, type StageKind, type TopLevelKind, type XY } from './nodeFactory';

export interface PaletteItem {
  /** Also the test id: palette-<key>. */
  key: string;
  label: string;
  hint: string;
  group: 'Kafka' | 'Spark job' | 'External sinks';
  place: { node: TopLevelKind } | { stage: StageKind };
}

const stage = (kind: StageKind, label: string, hint: string): PaletteItem => ({
  key: kind === 'sink' ? 'stage-sink' : kind,
  label,
  hint,
  group: 'Spark job',
  place: { stage: kind },
});

const sink = (kind: SinkKind, label: string, hint: string): PaletteItem => ({
  key: `sink-${kind}`,
  label,
  hint,
  group: 'External sinks',
  place: { node: kind },
});

export const PALETTE_ITEMS: readonly PaletteItem[] = [
  {
    key: 'producer',
    label: 'Producer',
    hint: 'Creates records and sends them to one topic.',
    group: 'Kafka',
    place: { node: 'producer' },
  },
  {
    key: 'topic',
    label: 'Topic',
    hint: 'A log split into partitions, spread over the brokers.',
    group: 'Kafka',
    place: { node: 'topic' },
  },
  {
    key: 'consumerGroup',
    label: 'Consumer group',
    hint: 'Members share a topic’s partitions and process each record.',
    group: 'Kafka',
    place: { node: 'consumerGroup' },
  },
  {
    key: 'kafkaSource',
    label: 'Kafka source (new job)',
    hint: 'A Spark Streaming job reading one topic in micro-batches.',
    group: 'Spark job',
    place: { node: 'sparkJob' },
  },
  {
    key: 'receiverSource',
    label: 'Receiver source',
    hint: 'A socket, Kinesis- or Flume-style stream read by Spark receivers (not Kafka); connect it to a job.',
    group: 'Spark job',
    place: { node: 'sparkSource' },
  },
  stage('map', 'Map', 'Transforms each record into one record.'),
  stage('flatMap', 'FlatMap', 'Turns each record into zero or more records.'),
  stage('filter', 'Filter', 'Keeps only the records that match.'),
  stage('aggregate', 'Aggregate', 'reduceByKey: one result per key per batch (shuffle).'),
  stage('window', 'Window', 'Aggregates over a sliding window of batches.'),
  stage('join', 'Join', 'Enriches each record from a static table.'),
  stage(
    'cep',
    'Pattern (CEP)',
    'Finds a sequence of events per key within a time limit (shuffle, keeps state).',
  ),
  stage('score', 'ML score', 'Scores each record with a model broadcast to the executors.'),
  stage('sink', 'Output (sink stage)', 'foreachRDD: writes the results to the connected sinks.'),
  sink('database', 'Database', 'Stores results; may cap writes per second.'),
  sink('files', 'Files', 'Writes results as files (HDFS, S3, ...).'),
  sink('dashboard', 'Dashboard', 'Shows results live.'),
];

export const paletteItem = (key: string): PaletteItem | undefined => PALETTE_ITEMS.find((i) => i.key === key);

/** The drag data type, so drops from elsewhere (files, text) are ignored. */
export const PALETTE_MIME = 'application/x-streamlab-palette';

/** The box a placed item will take on the canvas (a stage brings a new job around it). */
export function placedSize(item: PaletteItem): { width: number; height: number } {
  if ('stage' in item.place) return jobSize(1);
  if (item.place.node === 'sparkJob') return jobSize(0);
  return { width: NODE_WIDTH, height: NODE_HEIGHT };
}

export type PlaceResult = { ok: true; doc: Pipeline; id: string } | { ok: false; reason: string };

/**
 * Places an item at `at` (top-left, flow coordinates). A stage goes into `jobId` when given (dropped
 * on a job, or a job is selected); otherwise it starts a new job of its own.
 */
export function placeItem(doc: Pipeline, item: PaletteItem, at: XY, jobId?: string): PlaceResult {
  if ('node' in item.place) {
    const added = addNode(doc, item.place.node, at);
    return { ok: true, ...added };
  }
  const added = addStage(doc, item.place.stage, jobId ? { jobId } : { at });
  return added.ok ? { ok: true, doc: added.doc, id: added.id } : added;
}

/**
 * The job a stage added by click goes into: the selected job (or the job of the selected stage), or
 * the only job on the canvas; undefined (a new job) when there is no job or no way to choose one.
 */
export function clickTargetJob(doc: Pipeline, selection: readonly string[]): string | undefined {
  if (selection.length === 1 && selection[0]) {
    const ref = findEntity(doc, selection[0]);
    if (ref?.kind === 'sparkJob') return ref.value.id;
    if (ref?.kind === 'sparkStage') return ref.job.id;
  }
  return doc.sparkJobs.length === 1 ? doc.sparkJobs[0]?.id : undefined;
}
