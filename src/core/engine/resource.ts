// Finite capacities that requests queue for: a link's bandwidth, a disk, a pool of CPU cores.
// Work is served first come, first served. Reserving returns when the work will be done, so a
// request costs no event of its own while it waits; overload shows up as a growing backlog.

/**
 * Busy intervals not yet accounted into a utilisation sample, kept in time order in [head, size)
 * of two typed arrays (start and end side by side) whose storage is reused: every reservation adds
 * one, thousands a simulated second, so they neither allocate nor get copied on each sample.
 */
class BusyLog {
  private spans = new Float64Array(64);
  private head = 0;
  private size = 0;
  /**
   * The newest interval, kept in fields until one that does not continue it comes: back-to-back
   * work extends it without touching the array (`hasLast` false: none, or it was taken).
   */
  private hasLast = false;
  private lastStart = 0;
  private lastEnd = 0;

  add(start: number, end: number): void {
    // Back-to-back work merges into one interval, so a saturated resource keeps one entry.
    if (this.hasLast) {
      if (this.lastEnd === start) {
        this.lastEnd = end;
        return;
      }
      this.push(this.lastStart, this.lastEnd);
    }
    this.hasLast = true;
    this.lastStart = start;
    this.lastEnd = end;
  }

  private push(start: number, end: number): void {
    const n = this.size;
    if (2 * n === this.spans.length) {
      this.makeRoom();
      return this.push(start, end);
    }
    this.spans[2 * n] = start;
    this.spans[2 * n + 1] = end;
    this.size = n + 1;
  }

  /** Moves the live intervals to the front, or doubles the storage when most are live. */
  private makeRoom(): void {
    const live = this.size - this.head;
    if (live * 2 > this.size || this.head === 0) {
      const grown = new Float64Array(this.spans.length * 2);
      grown.set(this.spans.subarray(2 * this.head, 2 * this.size));
      this.spans = grown;
    } else this.spans.copyWithin(0, 2 * this.head, 2 * this.size);
    this.head = 0;
    this.size = live;
  }

  /** Busy time inside [from, to); drops intervals that end before `to`. */
  take(from: number, to: number): number {
    let busy = 0;
    let i = this.head;
    const n = this.size;
    const spans = this.spans;
    while (i < n) {
      const s = spans[2 * i]!;
      const e = spans[2 * i + 1]!;
      if (s >= to) break;
      busy += Math.max(0, Math.min(e, to) - Math.max(s, from));
      if (e > to) break;
      i++;
    }
    if (i === n) {
      this.head = 0;
      this.size = 0;
      // Every stored interval is taken: the newest, after them, is next.
      if (this.hasLast) {
        const s = this.lastStart;
        const e = this.lastEnd;
        if (s < to) {
          busy += Math.max(0, Math.min(e, to) - Math.max(s, from));
          if (e <= to) this.hasLast = false;
        }
      }
    } else this.head = i;
    return busy;
  }
}

/**
 * Burst credits of a cloud network card sold as "up to N": above its baseline rate it spends
 * credits, which it earns back at the baseline rate whenever it is idle (work units, like the rate).
 */
export interface BurstCredits {
  baselinePerMs: number;
  /** Credits when full: the work above baseline the card can do at its peak before falling back. */
  capacity: number;
}

/** One server with a fixed service rate (work units per ms), e.g. bytes/ms of a NIC or a disk. */
export class FifoResource {
  private freeAt = 0;
  private readonly busy = new BusyLog();
  /** Work served so far, for totals. */
  workDone = 0;
  /** Burst credits left (with `burst`), as of `freeAt`. */
  credits: number;

  constructor(
    readonly name: string,
    /** Work units served per millisecond (a slow-disk fault lowers it for a while); the peak with `burst`. */
    public ratePerMs: number,
    private readonly burst?: BurstCredits,
  ) {
    this.credits = burst ? burst.capacity : 0;
  }

  /** When the work queued so far is done. */
  get busyUntil(): number {
    return this.freeAt;
  }

  /** Queues `work` units arriving at `now`; returns when they are done. */
  reserve(now: number, work: number): number {
    const start = this.freeAt > now ? this.freeAt : now;
    const end = this.burst ? this.burstEnd(start, work) : start + work / this.ratePerMs;
    if (end > start) this.busy.add(start, end);
    this.freeAt = end;
    this.workDone += work;
    return end;
  }

  /**
   * When `work` starting at `start` is done on a burstable card: credits earned while idle since the
   * last work (at the baseline rate, up to the capacity), then the peak rate while credits last (each
   * unit above baseline spends one), then the baseline rate.
   */
  private burstEnd(start: number, work: number): number {
    const { baselinePerMs, capacity } = this.burst!;
    const peak = this.ratePerMs;
    if (peak <= baselinePerMs) return start + work / peak;
    const idle = start - this.freeAt;
    if (idle > 0) this.credits = Math.min(capacity, this.credits + idle * baselinePerMs);
    // At the peak, each ms spends (peak - baseline) credits.
    const spend = peak - baselinePerMs;
    const peakMs = Math.min(work / peak, this.credits / spend);
    this.credits -= peakMs * spend;
    return start + peakMs + (work - peakMs * peak) / baselinePerMs;
  }

  /** Fraction of [from, to) this resource was busy. */
  utilisation(from: number, to: number): number {
    return to > from ? this.busy.take(from, to) / (to - from) : 0;
  }
}

/** Several identical servers sharing one queue (CPU cores): work goes to the first free one. */
export class ServerPool {
  /** When each server is free, padded with Infinity up to a power of two. */
  private readonly freeAt: Float64Array;
  /** Busy intervals per server for utilisation(); null for a pool nobody samples. */
  private readonly busy: BusyLog[] | null;
  /**
   * Tournament tree over `freeAt` (leaves at width + i): each node holds the server that frees up
   * first below it, the lower index on ties, so the root is the server a scan from 0 would pick.
   * A 32-core broker takes thousands of requests per simulated second: five comparisons each
   * instead of thirty-one.
   */
  private readonly tree: Int32Array;
  private readonly width: number;

  /**
   * For a machine's cores: a thread idle longer than `afterMs` finds its core in deep sleep and
   * starts its next work `costMs` late (see reserveThreadAndCore).
   */
  readonly wake: { afterMs: number; costMs: number } | undefined;

  constructor(
    readonly name: string,
    readonly servers: number,
    wake?: { afterMs: number; costMs: number },
    /**
     * Keep busy intervals for utilisation(). Off for pools no reading samples (a client machine's
     * cores, a replica fetcher's thread): unsampled, their intervals would pile up for the whole run.
     */
    track = true,
  ) {
    this.wake = wake && wake.costMs > 0 ? wake : undefined;
    let width = 1;
    while (width < servers) width *= 2;
    this.width = width;
    this.freeAt = new Float64Array(width).fill(Infinity).fill(0, 0, servers);
    this.busy = track ? Array.from({ length: servers }, () => new BusyLog()) : null;
    this.tree = new Int32Array(2 * width);
    for (let i = 0; i < width; i++) this.tree[width + i] = i;
    for (let k = width - 1; k >= 1; k--) this.tree[k] = this.winner(k);
  }

  private winner(k: number): number {
    const left = this.tree[2 * k]!;
    const right = this.tree[2 * k + 1]!;
    return this.freeAt[right]! < this.freeAt[left]! ? right : left;
  }

  /**
   * Every server stops from `at` for `ms` (a stop-the-world pause): none starts new work before
   * `at + ms`. Work already booked keeps its end (its completion is already scheduled), so a
   * server busy past `at` loses only what is left of the pause after it.
   */
  stall(at: number, ms: number): void {
    const until = at + ms;
    for (let i = 0; i < this.servers; i++) if (this.freeAt[i]! < until) this.freeAt[i] = until;
    for (let k = this.width - 1; k >= 1; k--) this.tree[k] = this.winner(k);
  }

  /** When the first server is free. */
  get nextFreeAt(): number {
    return this.freeAt[this.tree[1]!]!;
  }

  /** Queues `durationMs` of work on one server; returns when it is done. */
  reserve(now: number, durationMs: number): number {
    const freeAt = this.freeAt;
    const best = this.tree[1]!;
    const start = freeAt[best]! > now ? freeAt[best]! : now;
    const end = start + durationMs;
    if (end > start && this.busy) this.busy[best]!.add(start, end);
    freeAt[best] = end;
    // Only the path from the server's leaf to the root can change.
    const tree = this.tree;
    for (let k = (this.width + best) >> 1; k >= 1; k >>= 1) {
      const left = tree[2 * k]!;
      const right = tree[2 * k + 1]!;
      tree[k] = freeAt[right]! < freeAt[left]! ? right : left;
    }
    return end;
  }

  utilisation(from: number, to: number): number {
    if (to <= from) return 0;
    if (!this.busy) throw new Error(`${this.name}: utilisation is not tracked`);
    let busy = 0;
    for (const log of this.busy) busy += log.take(from, to);
    return busy / ((to - from) * this.servers);
  }
}

/**
 * Work that needs a thread of `threads` and a core of `cores` at the same time (a broker's request
 * handler threads and network threads, a client's own thread, all running on the machine's cores):
 * it starts once both have one free, and holds both until done.
 */
export function reserveThreadAndCore(
  threads: ServerPool,
  cores: ServerPool,
  now: number,
  durationMs: number,
): number {
  const threadFreeAt = threads.nextFreeAt;
  let start = now > threadFreeAt ? now : threadFreeAt;
  if (cores.nextFreeAt > start) start = cores.nextFreeAt;
  // A thread that slept long wakes on a core in deep sleep, and waits for it to come out. A thread
  // kept busy keeps its core awake: under load nobody pays this.
  const wake = cores.wake;
  if (wake && start - threadFreeAt > wake.afterMs) start += wake.costMs;
  threads.reserve(start, durationMs);
  return cores.reserve(start, durationMs);
}
