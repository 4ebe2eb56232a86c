// A broker: finite network in/out, disk and CPU that produce and fetch requests queue for.
import type { Broker as BrokerDoc } from '../../model/types';
import { BROKER_CPU, DIRTY_PAGE_FRACTION, PER_PARTITION_OVERHEAD_BYTES, REQUEST_OVERHEAD_BYTES } from '../costs';
import { FifoResource, ServerPool } from '../engine/resource';
import type { EventTarget, Scheduler } from '../engine/scheduler';
import type { Partition } from './partition';
import type { FetchRequest, FetchResponse, ProduceRequest } from './requests';

const enum Ev {
  ProduceArrive,
  ProduceReceived,
  ProduceValidated,
  ProduceAppend,
  ProduceRespond,
  FetchArrive,
  FetchReady,
  FetchTimeout,
  FetchDeliver,
}

const MB = 1_000_000;

export class Broker implements EventTarget {
  readonly cpu: ServerPool;
  readonly networkIn: FifoResource;
  readonly networkOut: FifoResource;
  readonly disk: FifoResource;
  /** How far the disk may fall behind writes before the page cache is full of dirty pages. */
  private readonly dirtyBudgetMs: number;

  constructor(
    readonly index: number,
    readonly doc: BrokerDoc,
    private readonly scheduler: Scheduler,
    private readonly latencyMs: number,
  ) {
    const hw = doc.hardware;
    this.cpu = new ServerPool(`${doc.id}.cpu`, hw.cores);
    this.networkIn = new FifoResource(`${doc.id}.networkIn`, (hw.networkInMBps * MB) / 1000);
    this.networkOut = new FifoResource(`${doc.id}.networkOut`, (hw.networkOutMBps * MB) / 1000);
    this.disk = new FifoResource(`${doc.id}.disk`, (hw.diskMBps * MB) / 1000);
    this.dirtyBudgetMs = (hw.memoryGB * 1e9 * DIRTY_PAGE_FRACTION) / ((hw.diskMBps * MB) / 1000);
  }

  get id(): string {
    return this.doc.id;
  }

  /** A client sends a produce request now; it reaches this broker after the network latency. */
  sendProduce(request: ProduceRequest, now: number): void {
    this.scheduler.at(now + this.latencyMs, this, Ev.ProduceArrive, request);
  }

  sendFetch(request: FetchRequest, now: number): void {
    this.scheduler.at(now + this.latencyMs, this, Ev.FetchArrive, request);
  }

  /** When a write of `bytes` issued now is in the page cache: at once, unless dirty pages are full. */
  writeToDisk(now: number, bytes: number): number {
    const flushed = this.disk.reserve(now, bytes);
    const blockedUntil = flushed - this.dirtyBudgetMs;
    return blockedUntil > now ? blockedUntil : now;
  }

  handle(kind: number, data: unknown, now: number): void {
    switch (kind as Ev) {
      case Ev.ProduceArrive: {
        const req = data as ProduceRequest;
        this.scheduler.at(this.networkIn.reserve(now, req.wireBytes), this, Ev.ProduceReceived, req);
        return;
      }
      case Ev.ProduceReceived: {
        const req = data as ProduceRequest;
        const cpuMs =
          BROKER_CPU.produceRequestMs +
          BROKER_CPU.producePerPartitionMs * req.batches.length +
          (BROKER_CPU.producePerMBMs * req.wireBytes) / MB;
        this.scheduler.at(this.cpu.reserve(now, cpuMs), this, Ev.ProduceValidated, req);
        return;
      }
      case Ev.ProduceValidated: {
        const req = data as ProduceRequest;
        const at = this.writeToDisk(now, req.wireBytes);
        if (at > now) this.scheduler.at(at, this, Ev.ProduceAppend, req);
        else this.append(req, now);
        return;
      }
      case Ev.ProduceAppend:
        this.append(data as ProduceRequest, now);
        return;
      case Ev.ProduceRespond: {
        const req = data as ProduceRequest;
        req.client.onProduceResponse(req, now);
        return;
      }
      case Ev.FetchArrive: {
        const req = data as FetchRequest;
        const cpuMs = BROKER_CPU.fetchRequestMs + BROKER_CPU.fetchPerPartitionMs * req.partitions.length;
        this.scheduler.at(this.cpu.reserve(now, cpuMs), this, Ev.FetchReady, req);
        return;
      }
      case Ev.FetchReady:
        this.serveFetch(data as FetchRequest, now);
        return;
      case Ev.FetchTimeout: {
        const req = data as FetchRequest;
        if (!req.done) this.respondToFetch(req, now);
        return;
      }
      case Ev.FetchDeliver: {
        const res = data as FetchResponse;
        res.request.client.onFetchResponse(res, now);
        return;
      }
    }
  }

  private append(req: ProduceRequest, now: number): void {
    for (const batch of req.batches) {
      const p = batch.partition;
      const end = p.appendOnLeader(batch.count, batch.wireBytes, batch.createStart, batch.createEnd);
      if (req.acks === 'all') {
        p.waitForReplication(
          {
            endOffset: end,
            onReplicated: (t) => {
              if (--req.pending === 0) this.respondToProduce(req, t);
            },
          },
          now,
        );
      }
    }
    // Only now that every batch of the request is in, wake fetchers, so one response carries all.
    for (const batch of req.batches) {
      const p = batch.partition;
      if (p.updateHighWatermark(now)) p.wakeHighWatermarkWaiters(now);
      p.wakeLogWaiters(now);
    }
    if (req.acks === '1') this.respondToProduce(req, now);
  }

  private respondToProduce(req: ProduceRequest, now: number): void {
    this.scheduler.at(now + this.latencyMs, this, Ev.ProduceRespond, req);
  }

  private serveFetch(req: FetchRequest, now: number): void {
    if (req.replicaOf >= 0) {
      // A follower's fetch offset is its log end: that is how the leader learns what it has copied.
      for (let i = 0; i < req.partitions.length; i++) {
        const p = req.partitions[i]!;
        const pos = p.replicaPosition(req.replicaOf);
        if (pos >= 0 && req.offsets[i]! > p.leaderView[pos]!) p.leaderView[pos] = req.offsets[i]!;
        if (p.updateHighWatermark(now)) p.wakeHighWatermarkWaiters(now);
      }
    }
    this.retryParkedFetch(req, now, true);
  }

  /** Answers a fetch when enough data is there; otherwise parks it until data comes or time is up. */
  retryParkedFetch(req: FetchRequest, now: number, first = false): void {
    if (req.done) return;
    const available = this.availableBytes(req);
    if (available >= Math.max(1, req.settings.minBytes) || req.settings.maxWaitMs === 0) {
      this.respondToFetch(req, now);
      return;
    }
    for (const p of req.partitions) {
      if (req.replicaOf >= 0) p.parkUntilAppend(req);
      else p.parkUntilHighWatermark(req);
    }
    if (first) this.scheduler.at(now + req.settings.maxWaitMs, this, Ev.FetchTimeout, req);
  }

  private readLimit(req: FetchRequest, p: Partition): number {
    return req.replicaOf >= 0 ? p.log.endOffset : p.highWatermark;
  }

  private availableBytes(req: FetchRequest): number {
    let bytes = 0;
    for (let i = 0; i < req.partitions.length; i++) {
      const p = req.partitions[i]!;
      bytes += p.log.bytesBetween(req.offsets[i]!, this.readLimit(req, p));
    }
    return bytes;
  }

  private respondToFetch(req: FetchRequest, now: number): void {
    req.done = true;
    const ends: number[] = new Array<number>(req.partitions.length);
    let bytes = 0;
    let budget = req.settings.maxBytes;
    for (let i = 0; i < req.partitions.length; i++) {
      const p = req.partitions[i]!;
      const from = req.offsets[i]!;
      const limit = this.readLimit(req, p);
      let end = from;
      // As in Kafka, the first non-empty partition returns at least one record even past the limits.
      if (limit > from && (budget > 0 || bytes === 0)) {
        end = p.log.readEnd(from, limit, Math.min(req.settings.maxPartitionBytes, Math.max(budget, 0)));
        const b = p.log.bytesBetween(from, end);
        bytes += b;
        budget -= b;
      }
      ends[i] = end;
    }
    const wire = bytes + REQUEST_OVERHEAD_BYTES + PER_PARTITION_OVERHEAD_BYTES * req.partitions.length;
    const cpuDone = this.cpu.reserve(now, (BROKER_CPU.fetchPerMBMs * bytes) / MB);
    const sent = this.networkOut.reserve(cpuDone, wire);
    const response: FetchResponse = { request: req, ends, bytes };
    this.scheduler.at(sent + this.latencyMs, this, Ev.FetchDeliver, response);
  }
}
