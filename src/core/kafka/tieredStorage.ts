// Tiered storage (KIP-405): each leader copies its partitions' closed segments to an object store,
// and the brokers keep only a local tail of the log. A fetch below the local log start is read
// back from the store, one partition per fetch request, through the broker's remote reader threads.
//
// The log itself stays one `PartitionLog` (the records and their offsets); tiering adds two marks
// per partition: how far the log has been copied (`copiedEndOffset`) and where the local log starts
// (`localStartOffset`). Between the log start offset and the local start, records are only remote.
import type { Pipeline, Topic } from '../../model/types';
import { hardwareObjectStorage } from '../../model/presets';
import { LOCAL_RETENTION_INHERIT } from '../../model/schema/tieredStorage';
import { FifoResource, ServerPool } from '../engine/resource';
import type { EventTarget, Scheduler } from '../engine/scheduler';
import type { Broker } from './broker';
import type { Partition } from './partition';

const MB = 1_000_000;

/** A broker's connection to the object store: uploads and reads queue apart, reads on a thread pool. */
export class RemoteStorageLink {
  readonly upload: FifoResource;
  readonly download: FifoResource;
  readonly readers: ServerPool;
  readonly firstByteMs: number;
  /** Bytes copied to and read from the store so far. */
  uploadedBytes = 0;
  readBytes = 0;
  reads = 0;

  constructor(broker: Broker, config: Pipeline['cluster']['config']) {
    const store = hardwareObjectStorage(broker.doc.hardware);
    const perMs = (quota: number) => Math.min(store.mbps * MB, quota) / 1000;
    this.upload = new FifoResource(
      `${broker.id}.remoteUpload`,
      perMs(config['remote.log.manager.copy.max.bytes.per.second']),
    );
    this.download = new FifoResource(
      `${broker.id}.remoteRead`,
      perMs(config['remote.log.manager.fetch.max.bytes.per.second']),
    );
    this.readers = new ServerPool(
      `${broker.id}.remoteReaders`,
      config['remote.log.reader.threads'],
      undefined,
      false,
    );
    this.firstByteMs = store.firstByteMs;
  }

  /**
   * A remote read of `bytes` asked for at `now`: it waits for a reader thread, pays the store's
   * first-byte latency, then its bytes flow at the broker's share of the store's bandwidth (reads
   * in flight at once share it). Returns when the bytes are in the broker's memory.
   */
  read(now: number, bytes: number, log: RemoteLog): number {
    const threadFree = this.readers.nextFreeAt;
    const start = now > threadFree ? now : threadFree;
    const done = this.download.reserve(start + this.firstByteMs, bytes);
    this.readers.reserve(now, done - start);
    this.readBytes += bytes;
    this.reads++;
    log.remoteReadBytes += bytes;
    return done;
  }
}

/** The tiering marks of one partition of a topic with remote.storage.enable. */
export class RemoteLog {
  /** End of the segments copied to the store (offset and byte position). */
  copiedEndOffset = 0;
  copiedEndBytes = 0;
  /** The local log start: below it (and at or above the log start offset), records are only remote. */
  localStartOffset = 0;
  localStartBytes = 0;
  /** Segment copies queued and not yet finished. */
  pendingCopies = 0;
  /** Bytes of this partition copied to the store, and read back from it, so far. */
  uploadedBytes = 0;
  remoteReadBytes = 0;

  constructor(
    /** local.retention.ms / .bytes with -2 resolved to retention.ms / .bytes; -1: no limit. */
    readonly localRetentionMs: number,
    readonly localRetentionBytes: number,
  ) {}

  /** Bytes of the partition kept on each replica's disk. */
  localBytes(p: Partition): number {
    return p.log.endBytes - Math.max(this.localStartBytes, logStartBytes(p));
  }

  /** Bytes of the partition in the store (retention deletes them from the log start on). */
  remoteBytes(p: Partition): number {
    return Math.max(0, this.copiedEndBytes - logStartBytes(p));
  }
}

function logStartBytes(p: Partition): number {
  return p.log.endBytes - p.log.retainedBytes;
}

/** Byte position of the local log start: the log start, or above it on a tiered partition. */
export function localStartBytes(p: Partition): number {
  return p.remote ? Math.max(p.remote.localStartBytes, logStartBytes(p)) : logStartBytes(p);
}

/** A topic's effective local retention: -2 means the whole log's setting. */
export function localRetention(config: Topic['config']): { ms: number; bytes: number } {
  const ms = config['local.retention.ms'];
  const bytes = config['local.retention.bytes'];
  return {
    ms: ms === LOCAL_RETENTION_INHERIT ? config['retention.ms'] : ms,
    bytes: bytes === LOCAL_RETENTION_INHERIT ? config['retention.bytes'] : bytes,
  };
}

interface CopyDone {
  partition: Partition;
  baseBytes: number;
  endOffset: number;
  endBytes: number;
}

interface TieredTopic {
  doc: Topic;
  partitions: Partition[];
}

/**
 * The remote log manager of every broker: the copy task every remote.log.manager.task.interval.ms
 * (on the metrics tick), local retention at each retention check, and the totals the results show.
 */
export class TieredStorage implements EventTarget {
  private nextTaskMs: number;
  private readonly intervalMs: number;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly brokers: Broker[],
    /** The tiered topics, by id (their partition lists grow with partitionCount). */
    readonly topics: Map<string, TieredTopic>,
    config: Pipeline['cluster']['config'],
  ) {
    this.intervalMs = config['remote.log.manager.task.interval.ms'];
    this.nextTaskMs = this.intervalMs;
    for (const b of brokers) b.remoteStorage = new RemoteStorageLink(b, config);
  }

  /** A new partition of a tiered topic (at creation or by partitionCount). */
  static attach(p: Partition, config: Topic['config']): void {
    if (!config['remote.storage.enable']) return;
    const local = localRetention(config);
    p.remote = new RemoteLog(local.ms, local.bytes);
  }

  /**
   * A prefilled tiered topic has been running for a while: what was written before the run is
   * already copied, and the local log holds only what local retention allows.
   */
  settlePrefill(now: number): void {
    for (const t of this.topics.values())
      for (const p of t.partitions) {
        const r = p.remote!;
        for (let k = 0; ; k++) {
          const s = p.log.closedSegment(k);
          if (!s || s.endOffset > p.highWatermark) break;
          r.copiedEndOffset = s.endOffset;
          r.copiedEndBytes = s.endBytes;
        }
        this.applyLocalRetention(p, now);
      }
  }

  /** On every metrics tick: the copy task when its interval has come. */
  tick(now: number): void {
    if (now < this.nextTaskMs) return;
    this.nextTaskMs = (Math.floor(now / this.intervalMs) + 1) * this.intervalMs;
    for (const t of this.topics.values()) for (const p of t.partitions) this.copySegments(p, now);
  }

  /**
   * The leader copies its closed segments below the high watermark, oldest first, one after the
   * other: each is read from the local log (page cache or disk), then uploaded at the broker's
   * upload rate. A partition with copies still running waits for the next task.
   */
  private copySegments(p: Partition, now: number): void {
    const r = p.remote!;
    if (r.pendingCopies > 0 || p.offline) return;
    const leader = this.brokers[p.leader]!;
    const link = leader.remoteStorage;
    if (!link || !leader.up) return;
    let at = now;
    for (let k = 0; ; k++) {
      const s = p.log.closedSegment(k);
      if (!s || s.endOffset > p.highWatermark) break;
      if (s.endOffset <= r.copiedEndOffset) continue;
      const bytes = s.endBytes - s.baseBytes;
      const inMemory = leader.readBytesAt(at, p, s.baseBytes, bytes);
      at = link.upload.reserve(inMemory, bytes);
      link.uploadedBytes += bytes;
      r.pendingCopies++;
      const done: CopyDone = {
        partition: p,
        baseBytes: s.baseBytes,
        endOffset: s.endOffset,
        endBytes: s.endBytes,
      };
      this.scheduler.at(at, this, 0, done);
    }
  }

  handle(_kind: number, data: unknown): void {
    const { partition: p, endOffset, endBytes } = data as CopyDone;
    const r = p.remote!;
    r.pendingCopies--;
    r.uploadedBytes += endBytes - (data as CopyDone).baseBytes;
    if (endOffset > r.copiedEndOffset) {
      r.copiedEndOffset = endOffset;
      r.copiedEndBytes = endBytes;
    }
  }

  /** At each retention check, after the whole log's retention: the local log's own limits. */
  checkLocalRetention(now: number): void {
    for (const t of this.topics.values()) for (const p of t.partitions) this.applyLocalRetention(p, now);
  }

  /**
   * Deletes copied segments from the local log, oldest first, while the oldest is older than the
   * local retention.ms or the local log without it still holds at least local.retention.bytes (the
   * rules of the whole log, applied to its local part). A segment not yet copied stays.
   */
  private applyLocalRetention(p: Partition, now: number): void {
    const r = p.remote!;
    const log = p.log;
    if (r.localStartOffset < log.logStartOffset) {
      r.localStartOffset = log.logStartOffset;
      r.localStartBytes = logStartBytes(p);
    }
    for (let k = 0; ; k++) {
      const s = log.closedSegment(k);
      if (!s || s.endOffset > r.copiedEndOffset) return;
      if (s.endOffset <= r.localStartOffset) continue;
      const expired = r.localRetentionMs >= 0 && now - s.newestMs > r.localRetentionMs;
      const oversize = r.localRetentionBytes >= 0 && log.endBytes - s.endBytes >= r.localRetentionBytes;
      if (!expired && !oversize) return;
      r.localStartOffset = s.endOffset;
      r.localStartBytes = s.endBytes;
    }
  }

  /** How far retention may delete a tiered partition: never a segment not yet in the store. */
  static retentionLimit(p: Partition): number {
    return p.remote ? Math.min(p.highWatermark, p.remote.copiedEndOffset) : p.highWatermark;
  }
}

/** Whether a fetch from `offset` must be read from the object store. */
export function readsRemote(p: Partition, offset: number): boolean {
  return p.remote !== undefined && offset < p.remote.localStartOffset;
}
