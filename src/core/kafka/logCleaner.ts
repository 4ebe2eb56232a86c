// Kafka's log cleaner for topics with cleanup.policy compact (or compact,delete): on every broker,
// log.cleaner.threads threads each take the filthiest cleanable log the broker leads, clean it, and
// look again; with nothing cleanable a thread sleeps log.cleaner.backoff.ms. A pass reads the dirty
// part (to fill the key map), reads the cleaned head and the dirty part again and writes what it keeps:
// those bytes queue on the broker's disk like any other I/O, and all threads of a broker together
// go no faster than log.cleaner.io.max.bytes.per.second. Followers clean their own copies the same
// way; the log is shared here, so the leader's cleaner decides and every live replica's disk pays.
import type { Pipeline, Producer, Topic } from '../../model/types';
import type { EventTarget, Scheduler } from '../engine/scheduler';
import type { Broker } from './broker';
import {
  type CleaningPlan,
  type CompactionSettings,
  CompactedPartition,
  offsetMapCapacity,
} from './compaction';
import { partitionKeyBuckets } from './keyBuckets';
import type { Partition } from './partition';

/** A compacted topic as the cleaner needs it. */
export interface CleanedTopic {
  doc: Topic;
  partitions: Partition[];
  writers: Producer[];
}

/** Bytes a cleaner moves between two looks at the disk queue: big enough to be few events, small enough to share the disk. */
const STEP_BYTES = 4 * 1024 * 1024;
const LOOK = 0;
const STEP = 1;

interface TopicCleaning {
  topic: CleanedTopic;
  settings: CompactionSettings;
  states: CompactedPartition[];
  busy: boolean[];
}

interface ThreadWork {
  entry: TopicCleaning;
  partition: number;
  plan: CleaningPlan;
  /** Bytes still to read and to write in this pass. */
  readLeft: number;
  writeLeft: number;
}

export function isCompacted(t: Topic): boolean {
  return t.config['cleanup.policy'] !== 'delete';
}

/** The topic's settings for a pass; keys and tombstones from its keyed writers (by base rate). */
export function compactionSettingsOf(t: Topic, writers: readonly Producer[]): CompactionSettings {
  const keyed = writers.filter((p) => p.keys.kind !== 'null');
  const rate = keyed.reduce((a, p) => a + (p.rate.recordsPerSec || 1), 0);
  const tombstones = keyed.reduce((a, p) => a + (p.rate.recordsPerSec || 1) * p.tombstoneFraction, 0);
  return {
    minCleanableDirtyRatio: t.config['min.cleanable.dirty.ratio'],
    minCompactionLagMs: t.config['min.compaction.lag.ms'],
    maxCompactionLagMs: t.config['max.compaction.lag.ms'],
    deleteRetentionMs: t.config['delete.retention.ms'],
    tombstoneFraction: rate > 0 ? tombstones / rate : 0,
  };
}

/** The key model a topic's records follow: its busiest keyed writer's (records without keys are not compacted). */
function keyModelOf(writers: readonly Producer[]): Producer['keys'] {
  let best: Producer | undefined;
  for (const p of writers)
    if (p.keys.kind !== 'null' && (!best || p.rate.recordsPerSec > best.rate.recordsPerSec)) best = p;
  return best?.keys ?? { kind: 'null' };
}

export class LogCleaners implements EventTarget {
  private readonly entries: TopicCleaning[];
  private readonly threads: number;
  private readonly ioBytesPerMs: number;
  private readonly mapKeys: number;
  private readonly backoffMs: number;
  /** Per broker and thread, the pass under way. */
  private readonly work: (ThreadWork | undefined)[][];
  /** Per broker, when its cleaners' I/O budget is next free. */
  private readonly throttleFree: number[];
  /** Bytes the cleaners read and wrote, per broker (each replica's disk). */
  readonly readBytes: number[];
  readonly writeBytes: number[];

  constructor(
    private readonly scheduler: Scheduler,
    private readonly brokers: Broker[],
    topics: CleanedTopic[],
    doc: Pipeline,
  ) {
    const c = doc.cluster.config;
    this.threads = c['log.cleaner.threads'];
    this.ioBytesPerMs = (c['log.cleaner.io.max.bytes.per.second'] ?? Infinity) / 1000;
    this.mapKeys = offsetMapCapacity(c['log.cleaner.dedupe.buffer.size'], this.threads);
    this.backoffMs = c['log.cleaner.backoff.ms'];
    this.entries = topics.map((topic) => {
      const buckets = partitionKeyBuckets(keyModelOf(topic.writers), topic.partitions.length);
      return {
        topic,
        settings: compactionSettingsOf(topic.doc, topic.writers),
        states: topic.partitions.map((p, i) => (p.compacted = new CompactedPartition(buckets[i]!, p.log))),
        busy: topic.partitions.map(() => false),
      };
    });
    this.work = brokers.map(() => Array.from({ length: this.threads }, () => undefined));
    this.throttleFree = brokers.map(() => 0);
    this.readBytes = brokers.map(() => 0);
    this.writeBytes = brokers.map(() => 0);
  }

  /** Each thread first looks after one backoff, as Kafka's threads start by waiting. */
  start(): void {
    if (this.entries.length === 0) return;
    this.brokers.forEach((_, b) => {
      for (let t = 0; t < this.threads; t++)
        this.scheduler.at(this.backoffMs, this, LOOK, b * this.threads + t);
    });
  }

  /** Per compacted topic (document order), per partition, its state. */
  get topics(): readonly { id: string; states: readonly CompactedPartition[] }[] {
    return this.entries.map((e) => ({ id: e.topic.doc.id, states: e.states }));
  }

  /** The state of one partition (undefined: not compacted, or added after the start). */
  stateOf(topicId: string, partition: number): CompactedPartition | undefined {
    return this.entries.find((e) => e.topic.doc.id === topicId)?.states[partition];
  }

  handle(kind: number, data: unknown, now: number): void {
    const slot = data as number;
    const b = Math.floor(slot / this.threads);
    const t = slot % this.threads;
    if (kind === STEP) this.step(b, t, now);
    else this.look(b, t, now);
  }

  /** Picks the filthiest cleanable log this broker leads, or sleeps. */
  private look(b: number, t: number, now: number): void {
    const broker = this.brokers[b]!;
    let best: ThreadWork | undefined;
    if (broker.up)
      for (const entry of this.entries) {
        entry.states.forEach((state, i) => {
          const p = entry.topic.partitions[i]!;
          if (entry.busy[i] || p.offline || p.leader !== b) return;
          const plan = state.plan(now, entry.settings, p.highWatermark, this.mapKeys);
          if (plan && (!best || plan.dirtyRatio > best.plan.dirtyRatio)) {
            const io = state.io(plan);
            best = { entry, partition: i, plan, readLeft: io.readBytes, writeLeft: io.writeBytes };
          }
        });
      }
    if (!best) {
      this.scheduler.at(now + this.backoffMs, this, LOOK, b * this.threads + t);
      return;
    }
    best.entry.busy[best.partition] = true;
    this.work[b]![t] = best;
    this.step(b, t, now);
  }

  /** Moves the next share of a pass through the disks; at the end, the pass takes effect. */
  private step(b: number, t: number, now: number): void {
    const w = this.work[b]![t]!;
    if (w.readLeft + w.writeLeft <= 0) {
      w.entry.states[w.partition]!.apply(w.plan, now, w.entry.settings);
      w.entry.busy[w.partition] = false;
      this.work[b]![t] = undefined;
      this.look(b, t, now);
      return;
    }
    // Reads first (the key map, then the head and the dirty part), then the writes of what is kept.
    const read = Math.min(STEP_BYTES, w.readLeft);
    const write = Math.min(STEP_BYTES - read, w.writeLeft);
    w.readLeft -= read;
    w.writeLeft -= write;
    const bytes = read + write;
    let done = now;
    for (const r of w.entry.topic.partitions[w.partition]!.replicas) {
      const broker = this.brokers[r]!;
      if (!broker.up) continue;
      const at = broker.disk.reserve(now, bytes);
      this.readBytes[r]! += read;
      this.writeBytes[r]! += write;
      if (r === b) done = at;
    }
    const free = Math.max(this.throttleFree[b]!, now) + bytes / this.ioBytesPerMs;
    this.throttleFree[b] = free;
    this.scheduler.at(Math.max(done, free), this, STEP, b * this.threads + t);
  }
}
