// A Java process's young-generation garbage collections (JVM_GC in costs.ts): it counts what the
// process allocates, and each time the young generation fills, every thread of the process stops
// for the pause. Deterministic: collections follow the bytes allocated, not a clock.
import { JVM_GC } from '../costs';
import type { ServerPool } from './resource';

const GC = JVM_GC;

export class Jvm {
  private allocated = 0;
  /** Young collections so far. */
  collections = 0;
  /** Simulated ms the process spent stopped. */
  pausedMs = 0;

  constructor(
    /** What stops: the process's threads (or the cores they run on). */
    private readonly pools: ServerPool[],
    private readonly youngGenBytes: number,
    private readonly pauseMs: number,
  ) {}

  static broker(pools: ServerPool[]): Jvm {
    return new Jvm(pools, GC.broker.youngGenBytes, GC.broker.pauseMs);
  }

  static client(pools: ServerPool[]): Jvm {
    return new Jvm(pools, GC.client.youngGenBytes, GC.client.pauseMs);
  }

  /** The process allocated `bytes` at `now`; a full young generation stops it from `now`. */
  allocate(now: number, bytes: number): void {
    this.allocated += bytes;
    if (this.allocated < this.youngGenBytes) return;
    // One allocation may fill the young generation more than once: a collection for each.
    const n = Math.floor(this.allocated / this.youngGenBytes);
    this.allocated -= n * this.youngGenBytes;
    this.collections += n;
    this.pausedMs += n * this.pauseMs;
    for (const pool of this.pools) pool.stall(now, n * this.pauseMs);
  }

  /** A request's worth: its objects and, if it was read into the heap, its bytes. */
  request(now: number, bytes = 0): void {
    this.allocate(now, GC.perRequestBytes + bytes);
  }

  /** Records handled by a client: a few objects and the key and value arrays each. */
  records(now: number, count: number, recordBytes: number): void {
    this.allocate(now, count * (GC.perRecordBytes + recordBytes));
  }
}
