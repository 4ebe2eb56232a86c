// What compacted topics add to the series and the summary: each compacted topic's size on disk (one
// replica's worth, summed over partitions) and the records a reader from offset 0 would read, the
// cleaner's reads and writes per second over all brokers, and per consumer group of a compacted topic
// how long a restore from offset 0 would take now.
import type { Pipeline } from '../../model/types';
import type { Simulation } from '../engine/simulation';
import type { LogCleaners } from '../kafka/logCleaner';
import type { GroupRestore } from '../kafka/consumerGroup';
import { type RestoreEstimate, restoreEstimate, sparkRestoreEstimate } from '../kafka/restore';
import type { JobRestore } from '../spark/sparkJob';

export interface CompactedTopicSummary {
  /** Bytes one replica holds at the end, and the records a reader from the log start reads. */
  logBytes: number;
  logRecords: number;
  /** The log end offset summed over partitions: what a reader would read without compaction. */
  endOffset: number;
  /** Records in the cleaned heads (one per key present), tombstones among them. */
  cleanedRecords: number;
  tombstones: number;
  removedRecords: number;
  removedTombstones: number;
  cleanerPasses: number;
}

export interface CompactionSummary {
  topics: Record<string, CompactedTopicSummary>;
  /** Bytes the cleaners read and wrote over the run, all brokers (each replica's disk counted). */
  cleanerReadBytes: number;
  cleanerWriteBytes: number;
  /**
   * Per consumer group or Spark job reading a compacted topic: what a restore from offset 0 would
   * take at the end of the run (the estimate), the offsets it passed over because the cleaner had
   * emptied them, and for a group that started (or was reset) below the end, the restore it ran.
   */
  restores: Record<
    string,
    RestoreEstimate & { topic: string; compactedUnread: number; measured?: MeasuredRestore }
  >;
}

/** A restore the run simulated: a group started or reset below the end of a compacted topic. */
export interface MeasuredRestore {
  /** When it started, in simulated seconds. */
  startSec: number;
  /**
   * Records processed (a job: in completed batches) until it had read up to the end as of its
   * start (so far, while it runs).
   */
  records: number;
  /** How long that took; null: not done by the end of the run. */
  seconds: number | null;
}

/** The restores groups and Spark jobs have run or are running, by their id (undefined: none). */
export function measuredRestores(sim: Simulation): Record<string, MeasuredRestore> | undefined {
  let out: Record<string, MeasuredRestore> | undefined;
  for (const reader of [...sim.groups, ...sim.jobs]) {
    const m = measuredRestore(reader);
    if (m) (out ??= {})[reader.doc.id] = m;
  }
  return out;
}

function measuredRestore(reader: {
  restore: GroupRestore | JobRestore | undefined;
}): MeasuredRestore | undefined {
  const r = reader.restore;
  if (!r) return undefined;
  return {
    startSec: r.startMs / 1000,
    records: r.records,
    seconds: r.doneMs === undefined ? null : (r.doneMs - r.startMs) / 1000,
  };
}

function topicFigures(cleaners: LogCleaners, id: string): CompactedTopicSummary {
  const states = cleaners.topics.find((t) => t.id === id)?.states ?? [];
  const sum = (f: (s: (typeof states)[number]) => number) => states.reduce((a, s) => a + f(s), 0);
  return {
    logBytes: sum((s) => s.sizeBytes),
    logRecords: sum((s) => s.recordsToEnd),
    endOffset: 0,
    cleanedRecords: sum((s) => s.cleanedRecords),
    tombstones: sum((s) => s.tombstones),
    removedRecords: sum((s) => s.removedRecords),
    removedTombstones: sum((s) => s.removedTombstones),
    cleanerPasses: sum((s) => s.passes),
  };
}

/** One member's incoming network: the client machine every member gets unless it names a host. */
function clientNetworkInBytesPerSec(doc: Pipeline): number {
  const hw = doc.cluster.clientHardware ?? doc.cluster.brokers[0]!.hardware;
  return hw.networkInMBps * 1_000_000;
}

/** The Spark jobs that read a compacted topic, with the topic. */
function restoringJobs(sim: Simulation): { job: Simulation['jobs'][number]; topic: string }[] {
  const out: { job: Simulation['jobs'][number]; topic: string }[] = [];
  if (!sim.cleaners) return out;
  for (const t of sim.cleaners.topics)
    for (const j of sim.jobs)
      if (sim.doc.edges.some((e) => e.from === t.id && e.to === j.doc.id)) out.push({ job: j, topic: t.id });
  return out;
}

function sparkRestoreOf(
  sim: Simulation,
  job: Simulation['jobs'][number],
  topic: string,
  f: CompactedTopicSummary,
) {
  const c = job.doc.config;
  const seconds = sparkRestoreEstimate({
    records: f.logRecords,
    partitions: sim.topics.get(topic)?.partitions.length ?? 1,
    costPerRecordUs: job.doc.stages.reduce((a, s) => a + s.costPerRecordUs, 0),
    slots: c['spark.executor.instances'] * c['spark.executor.cores'],
    maxRatePerPartition: c['spark.streaming.kafka.maxRatePerPartition'],
  });
  return { records: f.logRecords, bytes: f.logBytes, seconds };
}

/** The groups that read a compacted topic, with the topic. */
function restoringGroups(sim: Simulation): { group: Simulation['groups'][number]; topic: string }[] {
  const out: { group: Simulation['groups'][number]; topic: string }[] = [];
  if (!sim.cleaners) return out;
  for (const t of sim.cleaners.topics) {
    const topic = sim.topics.get(t.id);
    for (const g of sim.groups)
      if (topic && g.partitions === topic.partitions) out.push({ group: g, topic: t.id });
  }
  return out;
}

function restoreOf(sim: Simulation, group: Simulation['groups'][number], figures: CompactedTopicSummary) {
  return restoreEstimate({
    records: figures.logRecords,
    bytes: figures.logBytes,
    partitions: group.partitions.length,
    members: group.doc.members,
    perRecordMs: group.doc.processing.meanMs,
    networkInBytesPerSec: clientNetworkInBytesPerSec(sim.doc),
  });
}

export class CompactionColumns {
  readonly columns: string[] = [];
  private readonly topicIds: string[];
  private readonly groups: { group: Simulation['groups'][number]; topic: string }[];
  private readonly jobs: { job: Simulation['jobs'][number]; topic: string }[];
  private readSeen = 0;
  private writeSeen = 0;

  constructor(private readonly sim: Simulation) {
    const cleaners = sim.cleaners;
    this.topicIds = cleaners ? cleaners.topics.map((t) => t.id) : [];
    this.groups = restoringGroups(sim);
    this.jobs = restoringJobs(sim);
    for (const id of this.topicIds) this.columns.push(`${id}.logBytes`, `${id}.logRecords`);
    if (cleaners) this.columns.push('cleaner.readBytes', 'cleaner.writeBytes');
    for (const g of this.groups) this.columns.push(`${g.group.doc.id}.restoreSec`);
    for (const j of this.jobs) this.columns.push(`${j.job.doc.id}.restoreSec`);
  }

  sample(row: number[]): void {
    const cleaners = this.sim.cleaners;
    if (!cleaners) return;
    const figures = new Map(this.topicIds.map((id) => [id, topicFigures(cleaners, id)]));
    for (const id of this.topicIds) row.push(figures.get(id)!.logBytes, figures.get(id)!.logRecords);
    const read = cleaners.readBytes.reduce((a, b) => a + b, 0);
    const write = cleaners.writeBytes.reduce((a, b) => a + b, 0);
    row.push(read - this.readSeen, write - this.writeSeen);
    this.readSeen = read;
    this.writeSeen = write;
    for (const g of this.groups) row.push(restoreOf(this.sim, g.group, figures.get(g.topic)!).seconds);
    for (const j of this.jobs)
      row.push(sparkRestoreOf(this.sim, j.job, j.topic, figures.get(j.topic)!).seconds);
  }
}

export function compactionSummary(sim: Simulation): CompactionSummary | undefined {
  const cleaners = sim.cleaners;
  if (!cleaners) return undefined;
  const topics: Record<string, CompactedTopicSummary> = {};
  for (const t of cleaners.topics) {
    const f = topicFigures(cleaners, t.id);
    f.endOffset = (sim.topics.get(t.id)?.partitions ?? []).reduce((a, p) => a + p.log.endOffset, 0);
    topics[t.id] = f;
  }
  const restores: CompactionSummary['restores'] = {};
  for (const g of restoringGroups(sim)) {
    const measured = measuredRestore(g.group);
    restores[g.group.doc.id] = {
      topic: g.topic,
      ...restoreOf(sim, g.group, topics[g.topic]!),
      compactedUnread: g.group.totalCompactedUnread,
      ...(measured ? { measured } : {}),
    };
  }
  for (const j of restoringJobs(sim)) {
    const measured = measuredRestore(j.job);
    restores[j.job.doc.id] = {
      topic: j.topic,
      ...sparkRestoreOf(sim, j.job, j.topic, topics[j.topic]!),
      compactedUnread: j.job.compactedSkipped,
      ...(measured ? { measured } : {}),
    };
  }
  return {
    topics,
    cleanerReadBytes: cleaners.readBytes.reduce((a, b) => a + b, 0),
    cleanerWriteBytes: cleaners.writeBytes.reduce((a, b) => a + b, 0),
    restores,
  };
}
