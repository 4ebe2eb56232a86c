// A producer's connections to the brokers, as Kafka's NetworkClient keeps them. What a client knows
// of a failure it learns here, from its own connection and clock, never from the controller:
// - a request unanswered for request.timeout.ms closes its connection, and every request still
//   waiting on that connection fails with it (NetworkClient.handleTimedOutRequests);
// - a reset from the broker's machine (a killed process) closes it as soon as the reset arrives;
// - acks=0 writes into a connection nobody drains fill the socket's send buffer, then block; the
//   blocked write times out after request.timeout.ms and closes the connection.
// A closed connection is opened again on demand, after reconnect.backoff.ms (doubling with each
// failure up to reconnect.backoff.max.ms); each failure asks for new metadata, which is how the
// client finds a new leader. An attempt to reach a silent host hangs for
// socket.connection.setup.timeout.ms (doubling up to its max) before it fails.
import type { EventTarget, Scheduler } from '../engine/scheduler';
import type { ClientCloseReason } from './clusterEvents';
import type { Broker } from './broker';
import { clientView } from './brokerOutage';
import type { ProduceRequest } from './requests';

/** Kafka's client network defaults that the document does not hold. */
export const CLIENT_NETWORK = {
  /** send.buffer.bytes */
  sendBufferBytes: 131_072,
  /** reconnect.backoff.ms and reconnect.backoff.max.ms */
  reconnectBackoffMs: 50,
  reconnectBackoffMaxMs: 1000,
  /** socket.connection.setup.timeout.ms and socket.connection.setup.timeout.max.ms */
  connectionSetupTimeoutMs: 10_000,
  connectionSetupTimeoutMaxMs: 30_000,
} as const;

/** What the producer does when its connections change. */
export interface ConnectionUser {
  /** The connection to broker b closed: `unanswered` failed with it (their batches are retried). */
  connectionClosed(b: number, unanswered: ProduceRequest[], now: number, why: ClientCloseReason): void;
  /** A closed connection to broker b may be tried again: refresh metadata and send what is ready. */
  connectionRetry(b: number, now: number): void;
}

const enum Ev {
  /** The oldest request waiting on a connection may have run out of request.timeout.ms. */
  Deadline,
  /** A reset from the broker's machine reaches the client. */
  Reset,
  /** A closed (or blocked) connection may be tried again. */
  Wake,
}

export class ClientConnections implements EventTarget {
  private readonly open: boolean[];
  /** Numbered as they open: a reset or a stuck write for an older connection is stale. */
  private readonly generation: number[];
  /** Requests waiting for an answer (acks 1 and all), in the order they were sent. */
  private readonly waiting: ProduceRequest[][];
  private readonly deadlineAt: number[];
  /** A closed connection is not tried before this; an open one is blocked until this (a full send buffer). */
  private readonly retryAt: number[];
  private readonly wakeAt: number[];
  private readonly refusals: number[];
  private readonly hangs: number[];
  /** acks=0 bytes written into the connection and not drained. */
  private readonly stuckBytes: number[];

  constructor(
    private readonly scheduler: Scheduler,
    private readonly brokers: readonly Broker[],
    private readonly requestTimeoutMs: number,
    private readonly user: ConnectionUser,
  ) {
    this.open = brokers.map(() => true);
    this.generation = brokers.map(() => 0);
    this.waiting = brokers.map(() => []);
    this.deadlineAt = brokers.map(() => Infinity);
    this.retryAt = brokers.map(() => 0);
    this.wakeAt = brokers.map(() => Infinity);
    this.refusals = brokers.map(() => 0);
    this.hangs = brokers.map(() => 0);
    this.stuckBytes = brokers.map(() => 0);
  }

  /** Whether a request may go to broker b now. A closed connection is tried again when its backoff is over. */
  canSend(b: number, now: number): boolean {
    if (now < this.retryAt[b]!) {
      this.wake(b, this.retryAt[b]!);
      return false;
    }
    if (this.open[b]) return true;
    const broker = this.brokers[b]!;
    if (broker.reachableByClients) {
      this.open[b] = true;
      this.refusals[b] = 0;
      this.hangs[b] = 0;
      return true;
    }
    // Refused at once (a dead process on a live host), or no answer until the setup timeout.
    this.retryAt[b] = now + (clientView(broker) === 'refused' ? this.refusedBackoff(b) : this.hangTime(b));
    this.wake(b, this.retryAt[b]!);
    return false;
  }

  private refusedBackoff(b: number): number {
    const n = this.refusals[b]!++;
    return Math.min(CLIENT_NETWORK.reconnectBackoffMs * 2 ** n, CLIENT_NETWORK.reconnectBackoffMaxMs);
  }

  private hangTime(b: number): number {
    const n = this.hangs[b]!++;
    return Math.min(
      CLIENT_NETWORK.connectionSetupTimeoutMs * 2 ** n,
      CLIENT_NETWORK.connectionSetupTimeoutMaxMs,
    );
  }

  /** The request leaves on b's connection; one that expects an answer waits for it there. */
  sent(req: ProduceRequest): void {
    const b = req.broker;
    req.connection = this.generation[b]!;
    if (req.acks === '0') return;
    this.waiting[b]!.push(req);
    if (this.deadlineAt[b] === Infinity) this.setDeadline(b, req.sentAt + this.requestTimeoutMs);
  }

  answered(req: ProduceRequest): void {
    const q = this.waiting[req.broker]!;
    const i = q.indexOf(req);
    if (i >= 0) q.splice(i, 1);
  }

  /** The connection that carried `connection` (default: the current one) to b is reset; the client learns at `at`. */
  reset(b: number, at: number, connection = this.generation[b]!): void {
    this.scheduler.at(at, this, Ev.Reset, { b, connection });
  }

  /** An acks=0 request sits in b's connection undrained (`stuck`), or was delivered after all. */
  stuck(req: ProduceRequest, stuck: boolean, now: number): void {
    const b = req.broker;
    if (req.connection !== this.generation[b] || !this.open[b]) return;
    const full = this.stuckBytes[b]! >= CLIENT_NETWORK.sendBufferBytes;
    this.stuckBytes[b] = Math.max(0, this.stuckBytes[b]! + (stuck ? req.wireBytes : -req.wireBytes));
    if (full && !stuck && this.stuckBytes[b]! < CLIENT_NETWORK.sendBufferBytes) {
      // Drained after all (a cut healed): the blocked write goes through.
      this.retryAt[b] = now;
      this.user.connectionRetry(b, now);
    } else if (!full && stuck && this.stuckBytes[b]! >= CLIENT_NETWORK.sendBufferBytes) {
      // The buffer is full: the next write blocks and times out; nothing goes to b meanwhile.
      this.retryAt[b] = now + this.requestTimeoutMs;
      this.wake(b, this.retryAt[b]!);
    }
  }

  handle(kind: number, data: unknown, now: number): void {
    switch (kind as Ev) {
      case Ev.Deadline: {
        const b = data as number;
        this.deadlineAt[b] = Infinity;
        const oldest = this.waiting[b]![0];
        if (!oldest) return;
        const due = oldest.sentAt + this.requestTimeoutMs;
        if (due <= now) this.close(b, now, 'timeout');
        else this.setDeadline(b, due);
        return;
      }
      case Ev.Reset: {
        const { b, connection } = data as { b: number; connection: number };
        if (connection === this.generation[b] && this.open[b]) this.close(b, now, 'reset');
        return;
      }
      case Ev.Wake: {
        const b = data as number;
        if (this.wakeAt[b] !== now) return;
        this.wakeAt[b] = Infinity;
        // A blocked connection's write timed out: it closes, which is a failure like any other.
        if (this.open[b] && this.stuckBytes[b]! >= CLIENT_NETWORK.sendBufferBytes)
          this.close(b, now, 'blockedWrite');
        else this.user.connectionRetry(b, now);
        return;
      }
    }
  }

  private close(b: number, now: number, why: ClientCloseReason): void {
    this.open[b] = false;
    this.generation[b]!++;
    this.stuckBytes[b] = 0;
    this.retryAt[b] = now + CLIENT_NETWORK.reconnectBackoffMs;
    const unanswered = this.waiting[b]!;
    this.waiting[b] = [];
    this.user.connectionClosed(b, unanswered, now, why);
  }

  private setDeadline(b: number, at: number): void {
    this.deadlineAt[b] = at;
    this.scheduler.at(at, this, Ev.Deadline, b);
  }

  /** One wake per connection, at the earliest time asked for. */
  private wake(b: number, at: number): void {
    if (at >= this.wakeAt[b]!) return;
    this.wakeAt[b] = at;
    this.scheduler.at(at, this, Ev.Wake, b);
  }
}
