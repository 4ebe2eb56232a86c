// The discrete-event loop: events ordered by (time, sequence), run up to a time and resumable.
import { EventQueue } from '../util/eventQueue';

/** Anything that receives events. `kind` tells which of its handlers runs; `data` is plain data. */
export interface EventTarget {
  handle(kind: number, data: unknown, now: number): void;
}

interface SimEvent {
  time: number;
  seq: number;
  target: EventTarget;
  kind: number;
  data: unknown;
}

export class Scheduler {
  private readonly queue = new EventQueue<SimEvent>();
  /** Handled events, reused by `at`: the loop allocates nothing per event in steady state. */
  private readonly free: SimEvent[] = [];
  /** Simulated time in ms: the time of the event being handled, or where the last run stopped. */
  now = 0;
  /** Events handled so far. */
  processed = 0;

  /** Schedules an event; a time in the past runs at `now` (after events already due). */
  at(time: number, target: EventTarget, kind: number, data: unknown = null): void {
    const e = this.free.pop();
    const t = time < this.now ? this.now : time;
    if (e) {
      e.time = t;
      e.target = target;
      e.kind = kind;
      e.data = data;
      this.queue.push(e);
    } else this.queue.push({ time: t, seq: 0, target, kind, data });
  }

  /** Schedules an event ahead of all ordinary events at the same time (the fault timeline uses it). */
  atFirst(time: number, target: EventTarget, kind: number, data: unknown = null): void {
    this.queue.pushFirst({ time: time < this.now ? this.now : time, seq: 0, target, kind, data });
  }

  after(delayMs: number, target: EventTarget, kind: number, data: unknown = null): void {
    this.at(this.now + delayMs, target, kind, data);
  }

  /** Handles every event due at or before `timeMs`, then leaves the clock at `timeMs`. */
  runUntil(timeMs: number): void {
    const queue = this.queue;
    while (queue.size > 0 && queue.peekTime() <= timeMs) {
      const e = queue.pop()!;
      this.now = e.time;
      this.processed++;
      const { target, kind, data } = e;
      e.data = null;
      this.free.push(e);
      target.handle(kind, data, this.now);
    }
    if (timeMs > this.now) this.now = timeMs;
  }

  get pending(): number {
    return this.queue.size;
  }
}
