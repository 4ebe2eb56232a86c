// External systems that records end up in: a database, files, a dashboard. A sink with a write
// limit is a queue like any other resource, so a slow database slows the tasks that write to it.
import type { Sink as SinkDoc } from '../../model/types';
import { FifoResource } from './resource';

export class SinkSystem {
  private readonly capacity: FifoResource | undefined;
  received = 0;
  secondReceived = 0;

  constructor(readonly doc: SinkDoc) {
    this.capacity = doc.maxRecordsPerSec > 0 ? new FifoResource(doc.id, doc.maxRecordsPerSec / 1000) : undefined;
  }

  /** Writes `records` arriving at `at`; returns when the sink has acknowledged them. */
  write(at: number, records: number): number {
    this.received += records;
    this.secondReceived += records;
    const done = this.capacity ? this.capacity.reserve(at, records) : at;
    return done + this.doc.writeLatencyMs;
  }

  /** Counts records delivered by a plain consumer (its processing cost already covers the write). */
  deliver(records: number): void {
    this.received += records;
    this.secondReceived += records;
  }
}
