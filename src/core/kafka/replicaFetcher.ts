// A follower's replica fetcher: one per (follower broker, leader broker) pair, as Kafka runs with
// num.replica.fetchers=1. It fetches every partition it follows from that leader in one request,
// appends what comes back, and fetches again; the next fetch is what tells the leader how far it got.
import { BROKER_CYCLES } from '../costs';
import { ServerPool, reserveThreadAndCore } from '../engine/resource';
import type { EventTarget, Scheduler } from '../engine/scheduler';
import type { Broker } from './broker';
import type { Partition } from './partition';
import { FetchRequest, type FetchClient, type FetchSettings } from './requests';

/** The cost table, read once: through an import binding each read may be a call (tsx, tests). */
const CYCLES = BROKER_CYCLES;

/** Kafka's broker defaults: replica.fetch.min.bytes, replica.fetch.wait.max.ms, replica.fetch.max.bytes, replica.fetch.response.max.bytes. */
export const REPLICA_FETCH: FetchSettings = {
  minBytes: 1,
  maxWaitMs: 500,
  maxPartitionBytes: 1_048_576,
  maxBytes: 10_485_760,
};

const enum Ev {
  Validated,
  Appended,
  Retry,
}

export class ReplicaFetcher implements EventTarget, FetchClient {
  private readonly positions: number[];
  private readonly request: FetchRequest;
  /** The fetcher's own thread on the follower, which appends what it fetched. */
  private readonly thread: ServerPool;
  /** Leadership or membership changed: a new fetcher took over, this one ignores what is left. */
  stopped = false;

  constructor(
    private readonly scheduler: Scheduler,
    readonly follower: Broker,
    readonly leader: Broker,
    readonly partitions: Partition[],
  ) {
    this.positions = partitions.map((p) => p.replicaPosition(follower.index));
    this.request = new FetchRequest(this, leader, follower.index, REPLICA_FETCH);
    // Its busy time is not sampled (the broker's pools are), so it keeps no log of it.
    this.thread = new ServerPool(`${follower.id}.replicaFetcher.${leader.id}`, 1, undefined, false);
  }

  /** The follower's broker.rack: answers from a leader in another rack cross zones. */
  get rack(): string | undefined {
    return this.follower.rack;
  }

  /** Fetched records cross the follower's incoming link. */
  get receiveLink(): Broker['networkIn'] {
    return this.follower.networkIn;
  }

  start(now: number): void {
    this.fetch(now);
  }

  stop(): void {
    this.stopped = true;
  }

  private fetch(now: number): void {
    if (this.stopped) return;
    if (!this.follower.up) {
      // A crashed follower fetches nothing; a new fetcher starts when it returns.
      this.stopped = true;
      return;
    }
    if (!this.follower.reachableByBrokers) {
      // Cut off from the leader: the fetch goes unanswered; try again after its max wait.
      this.scheduler.at(now + REPLICA_FETCH.maxWaitMs, this, Ev.Retry, null);
      return;
    }
    const req = this.request;
    req.reset();
    for (let i = 0; i < this.partitions.length; i++) {
      const p = this.partitions[i]!;
      const pos = this.positions[i]!;
      req.add(p, p.replicaEnd[pos]!, pos);
    }
    this.leader.sendFetch(req, now);
  }

  onFetchResponse(res: FetchRequest, now: number): void {
    if (this.stopped) return;
    if (res.bytes === 0) {
      this.fetch(now);
      return;
    }
    const f = this.follower;
    // The fetched records are read into the follower's heap before they are appended.
    f.jvm.request(now, res.bytes);
    const cycles =
      CYCLES.replicaAppendPerResponse +
      (CYCLES.replicaAppendPerByte + CYCLES.kernelReceivePerByte) * res.bytes;
    const done = reserveThreadAndCore(this.thread, f.cpu, now, cycles / f.cyclesPerMs);
    this.scheduler.at(done, this, Ev.Validated, res);
  }

  handle(kind: number, data: unknown, now: number): void {
    if (this.stopped) return;
    const res = data as FetchRequest;
    switch (kind as Ev) {
      case Ev.Retry:
        this.fetch(now);
        return;
      case Ev.Validated: {
        let at = this.follower.writeToDisk(now, res.bytes);
        // flush.messages applies to a follower's log too: the fetcher thread waits for the fsync.
        let flush = false;
        for (let i = 0; i < res.count; i++) {
          const copied = res.ends[i]! - res.offsets[i]!;
          if (copied > 0)
            flush = this.partitions[i]!.noteUnflushed(this.follower.index, copied, now) || flush;
        }
        if (flush) {
          at = this.follower.fsync(at);
          this.thread.reserve(now, at - now);
        }
        if (at > now) this.scheduler.at(at, this, Ev.Appended, res);
        else this.appended(res, now);
        return;
      }
      case Ev.Appended:
        this.appended(res, now);
        return;
    }
  }

  private appended(res: FetchRequest, now: number): void {
    for (let i = 0; i < this.partitions.length; i++) {
      const p = this.partitions[i]!;
      const pos = this.positions[i]!;
      if (res.ends[i]! > p.replicaEnd[pos]!) p.replicaEnd[pos] = res.ends[i]!;
      if (p.followerReads) p.followerFetched(pos, now);
    }
    this.fetch(now);
  }
}
