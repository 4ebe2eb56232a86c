// External systems that records end up in: a database, files, a dashboard. A sink with a write
// limit is a queue like any other resource, so a slow database slows the tasks that write to it.
import type { Sink as SinkDoc } from '../../model/types';
import { FILE_SINK_OVERHEAD_MS } from '../costs';
import { FifoResource } from './resource';

export class SinkSystem {
  private readonly capacity: FifoResource | undefined;
  received = 0;
  /** Files written (files sinks): one per task per batch. */
  files = 0;
  /** Records written twice because a restarted Spark driver replayed them (at-least-once sinks only). */
  duplicates = 0;

  constructor(readonly doc: SinkDoc) {
    this.capacity =
      doc.maxRecordsPerSec > 0 ? new FifoResource(doc.id, doc.maxRecordsPerSec / 1000) : undefined;
  }

  /**
   * Queues a write of `records` arriving at `at`; returns when the sink will have acknowledged it.
   * Every writer (Spark tasks, consumer group members) shares the one write limit, first come
   * first served. `newFile`: a Spark task writes its output as a file of its own; a consumer
   * appends to a file it keeps open and rolls now and then, so its writes cost no file each.
   */
  write(at: number, records: number, newFile = true): number {
    const opens = newFile && this.doc.kind === 'files';
    // A files sink opens and commits one file per write, before its records count against capacity.
    const start = opens ? at + FILE_SINK_OVERHEAD_MS : at;
    const done = this.capacity ? this.capacity.reserve(start, records) : start;
    this.files += opens ? 1 : 0;
    return done + this.doc.writeLatencyMs;
  }

  /** Share of [from, to) the write limit was busy (0 for a sink without one). */
  utilisation(from: number, to: number): number {
    return this.capacity ? this.capacity.utilisation(from, to) : 0;
  }

  /** A transactional sink commits each batch's output with its offsets: one more round trip. */
  get commitMs(): number {
    return this.doc.delivery === 'transactional' ? this.doc.writeLatencyMs : 0;
  }

  /**
   * Counts records once they are written (a Spark batch completed, a consumer processed them);
   * `replayed` of them had been written before. An idempotent sink overwrites them, a transactional
   * one finds their batch already committed; an at-least-once sink stores them again.
   */
  deliver(records: number, replayed = 0): void {
    if (this.doc.delivery === 'atLeastOnce') {
      this.received += records;
      this.duplicates += replayed;
    } else {
      this.received += records - replayed;
    }
  }
}
