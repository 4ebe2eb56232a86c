// Kafka's log flusher: every log.flush.scheduler.interval.ms each broker fsyncs the logs it holds
// whose last fsync is flush.ms old or more. It runs on a thread of its own, so producers do not wait
// for it; what it costs is disk time (the fsync's own latency, on top of writes already queued).
import type { Broker } from '../kafka/broker';
import type { Partition } from '../kafka/partition';
import type { EventTarget, Scheduler } from './scheduler';

export class LogFlusher implements EventTarget {
  /** fsyncs issued, for tests and totals. */
  flushes = 0;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly brokers: Broker[],
    /** Every partition (the list grows when topics gain partitions). */
    private readonly partitions: Partition[],
    private readonly intervalMs: number,
  ) {}

  start(): void {
    if (this.partitions.some((p) => p.flushMs < Infinity)) this.scheduler.at(this.intervalMs, this, 0);
  }

  handle(_kind: number, _data: unknown, now: number): void {
    for (const p of this.partitions) {
      if (p.flushMs === Infinity) continue;
      for (const b of p.replicas) {
        const broker = this.brokers[b]!;
        if (!broker.up || !p.flushDue(b, now)) continue;
        broker.fsync(now);
        this.flushes++;
      }
    }
    this.scheduler.at(now + this.intervalMs, this, 0);
  }
}
