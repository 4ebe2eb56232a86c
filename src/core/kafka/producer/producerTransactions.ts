// A producer's transactions (transactional.id): when they begin and end, and what that costs.
//
// Every record the producer takes belongs to its open transaction; the first one begins it. A
// transaction ends in one of three ways:
// - commit: the application calls commitTransaction() every transactionCommitIntervalMs (or after
//   transactionCommitRecords records), or a Spark job's Kafka sink at the end of each batch. The
//   producer flushes (every record of the transaction acknowledged), sends EndTxn to the transaction
//   coordinator, which writes the decision to __transaction_state and answers; then it writes a
//   commit marker into every partition the transaction touched, and their last stable offsets move.
//   While commitTransaction() runs the application cannot send: new records wait (as send() would
//   block), so the commit's round trips add to their latency.
// - timeout: the coordinator aborts a transaction older than transaction.timeout.ms at its next
//   check (every transaction.abort.timed.out.transaction.cleanup.interval.ms, 10 s). That is what
//   becomes of the transaction of a producer that died in the middle of it.
// - fenced: a new instance with the same transactional.id (a Spark driver relaunched) makes the
//   coordinator abort the old instance's open transaction at once.
// - a failed send: a batch of the transaction fails for good (the leader refused it, e.g.
//   NOT_ENOUGH_REPLICAS or no leader, until delivery.timeout.ms ran out, or it expired unsent or
//   while retrying against a dead leader). Kafka's producer then enters its abortable error state
//   (TransactionManager: a failed batch of a transactional producer moves it there, unless it is
//   already aborting): from then on send() and commitTransaction() throw, and the only way on is
//   abortTransaction(). That aborts, with the error, the batches still waiting in the accumulator,
//   waits for the requests already in flight to be answered, then sends EndTxn(abort); the
//   coordinator writes abort markers, so what of the transaction reached the logs is hidden from
//   read_committed readers. The application then begins a new transaction. What it sends there is
//   its own choice; here, as a consume-transform-produce loop does (it rewinds its input to the
//   last committed position and processes it again), it sends every record of the aborted
//   transaction again, first in the next transaction. The resent records are new send() calls:
//   the producer's ledger counts them again (produced), while the first copies stay counted as
//   they ended (acknowledged and aborted, refused, or dropped). A Spark job's Kafka sink does not
//   resend here: its batch fails and the job's own retry writes it again.
// Before the first record goes to a partition in a transaction, AddPartitionsToTxn tells the
// coordinator about it: one round trip, in parallel for the partitions found at the same moment.
import type { EventTarget, Scheduler } from '../../engine/scheduler';
import type { Partition } from '../partition';
import type { Broker } from '../broker';
import { MARKER_RETRY_MS, newTransaction, writeMarker, type Transaction } from '../transactions';

/** Kafka's transaction.abort.timed.out.transaction.cleanup.interval.ms (broker), its default. */
export const TXN_TIMEOUT_CHECK_MS = 10_000;
/**
 * Work at the coordinator or a leader for one transactional request (append to __transaction_state
 * or the partition log), besides the network: an assumption of about half a millisecond.
 */
export const TXN_REQUEST_MS = 0.5;

/**
 * One step of the protocol (AddPartitionsToTxn, EndTxn, a marker write) with one-way network
 * latency L: the request and its answer (2 L), and the write's replication to the other in-sync
 * replicas (transaction.state.log.min.isr 2, or the partition's ISR) before it counts (2 L more).
 */
export function txnStepMs(networkLatencyMs: number): number {
  return 4 * networkLatencyMs + TXN_REQUEST_MS;
}

export const ABORTED_TIMEOUT = 'transaction.timeout.ms expired: the coordinator aborted the transaction';
export const ABORTED_FENCED =
  'producer fenced: a new instance with the same transactional.id aborted the open transaction';
const ABORTED_SEND_FAILED_PREFIX =
  'a send failed inside the transaction, so commitTransaction() could not succeed: the application aborted it';
/** Why a transaction ended in abortTransaction() after one of its batches failed for `cause`. */
export function abortedSendFailed(cause: string): string {
  return `${ABORTED_SEND_FAILED_PREFIX} (${cause})`;
}
/** What becomes of a batch still in the accumulator when its transaction is aborted (Kafka's TransactionAbortedException). */
export const DROPPED_TXN_ABORTED =
  'its transaction was being aborted after a failed send: batches not yet sent were dropped (TransactionAbortedException)';

/** What the transactions need from their producer. */
export interface TransactionalClient {
  whenFlushed(done: () => void): void;
  /** The application may send again (a commit is over): admit waiting records and send. */
  resume(now: number): void;
  /** Drops the batches of `txn` still in the accumulator (not yet sent), with DROPPED_TXN_ABORTED. */
  dropUnsent(txn: Transaction): void;
  /** The application sends `count` records again, ahead of those waiting: new send() calls. */
  resend(count: number, now: number): void;
  /** The cluster's brokers (the partitions' leaders take the coordinator's markers). */
  readonly brokers: readonly Broker[];
}

export interface TransactionSettings {
  transactionalId: string;
  timeoutMs: number;
  /** Commit every this many ms of a transaction's life (undefined: the caller commits). */
  commitIntervalMs: number | undefined;
  /** ...or once it holds this many records (0: no limit). */
  commitRecords: number;
  networkLatencyMs: number;
}

const enum Ev {
  CommitDue,
  TimeoutCheck,
  EndTxnAnswered,
  MarkersWritten,
  /** abortTransaction()'s EndTxn after a failed send is answered. */
  AbortAnswered,
  /** The coordinator tries a refused marker again. */
  MarkerRetry,
}

export class ProducerTransactions implements EventTarget {
  /** The open transaction (or the one being committed), if any. */
  current: Transaction | undefined;
  /** commitTransaction() is running: the application's new records wait. */
  holding = false;
  private seq = 0;
  /** The coordinator is still writing the previous transaction's markers until then. */
  private coordinatorBusyUntil = 0;
  /** When each partition of the current transaction is added (AddPartitionsToTxn answered). */
  private addedAt = new Map<Partition, number>();
  private lastAddRoundAt = -1;
  private readonly stepMs: number;
  /** Callbacks for the commit in progress, told whether it committed. */
  private onCommitted: ((committed: boolean) => void)[] = [];

  // Over the run.
  committed = 0;
  aborted = 0;
  committedRecords = 0;
  /** Aborted transactions with why (rare, so kept whole: their records may still reach the log). */
  private readonly abortedTxns: { txn: Transaction; reason: string }[] = [];
  addPartitionsRequests = 0;
  endTxnRequests = 0;
  markersWritten = 0;
  /** Transactions aborted by the application after a failed send, and the records it sent again. */
  abortedAfterFailedSend = 0;
  resentRecords = 0;
  /** Transactions whose records the application sends again once their abort is answered. */
  private readonly resendAfterAbort = new Set<Transaction>();
  /** Sum of commit durations (commitTransaction() called to answered). */
  commitMsTotal = 0;

  constructor(
    private readonly client: TransactionalClient,
    private readonly scheduler: Scheduler,
    readonly settings: TransactionSettings,
  ) {
    this.stepMs = txnStepMs(settings.networkLatencyMs);
  }

  /** Records are about to be added: the open transaction, begun now if there is none. */
  take(count: number, now: number): Transaction {
    let txn = this.current;
    if (!txn) {
      txn = newTransaction(this.settings.transactionalId, ++this.seq, now);
      this.current = txn;
      this.addedAt = new Map();
      const s = this.settings;
      if (s.commitIntervalMs !== undefined)
        this.scheduler.at(now + s.commitIntervalMs, this, Ev.CommitDue, txn);
      // The first cleanup check that finds it past its timeout.
      const expires = now + s.timeoutMs;
      const check = Math.floor(expires / TXN_TIMEOUT_CHECK_MS + 1) * TXN_TIMEOUT_CHECK_MS;
      this.scheduler.at(check, this, Ev.TimeoutCheck, txn);
    }
    txn.records += count;
    const cap = this.settings.commitRecords;
    if (cap > 0 && txn.records >= cap && txn.state === 'open') this.commit(now);
    return txn;
  }

  /**
   * When a batch of `txn` for partition p may leave: at once if p is already in the transaction,
   * else once an AddPartitionsToTxn round (one per instant, for every new partition) is answered.
   */
  partitionReadyAt(txn: Transaction, p: Partition, now: number): number {
    if (txn !== this.current) return now;
    const known = this.addedAt.get(p);
    if (known !== undefined) return known;
    // Added to the transaction: it gets a marker when the transaction ends, whatever its batches do.
    txn.partitions.add(p);
    if (this.lastAddRoundAt !== now) {
      this.lastAddRoundAt = now;
      this.addPartitionsRequests++;
    }
    const at = Math.max(now, this.coordinatorBusyUntil) + this.stepMs;
    this.addedAt.set(p, at);
    return at;
  }

  /**
   * commitTransaction(): holds new records, flushes, then EndTxn. `done` hears whether it
   * committed (false: the transaction was aborted meanwhile). Without an open transaction, `done`
   * hears true at once (nothing to commit).
   */
  commit(now: number, done?: (committed: boolean) => void): void {
    const txn = this.current;
    if (done) this.onCommitted.push(done);
    if (!txn) {
      this.settle(true);
      return;
    }
    if (txn.state !== 'open') return;
    txn.state = 'committing';
    this.holding = true;
    const calledAt = now;
    this.client.whenFlushed(() => {
      // Aborted while flushing, or its owner died (abandon): no EndTxn comes.
      if (txn.state !== 'committing' || this.current !== txn) return;
      this.endTxnRequests++;
      this.scheduler.at(this.scheduler.now + this.stepMs, this, Ev.EndTxnAnswered, { txn, calledAt });
    });
  }

  /**
   * The instance owning the open transaction died (a Spark driver): its transaction is aborted at
   * `fencedAt`, when the relaunched instance initialises with the same transactional.id, unless the
   * timeout check comes first.
   */
  abandon(now: number, fencedAt: number): void {
    const txn = this.current;
    if (!txn) return;
    this.current = undefined;
    this.holding = false;
    this.resendAfterAbort.delete(txn);
    const expires = txn.beganAt + this.settings.timeoutMs;
    const check = Math.floor(expires / TXN_TIMEOUT_CHECK_MS + 1) * TXN_TIMEOUT_CHECK_MS;
    this.scheduler.at(Math.max(now, Math.min(fencedAt, check)), this, Ev.TimeoutCheck, txn);
    this.fencedAt.set(txn, fencedAt);
    this.settle(false);
  }

  private readonly fencedAt = new Map<Transaction, number>();

  /**
   * A batch of `txn` failed for good with `cause` (refused, or delivery.timeout.ms ran out): the
   * producer is in its abortable error state and the application calls abortTransaction(). New
   * records wait as during a commit; the batches not yet sent are dropped; once the requests in
   * flight are answered, EndTxn(abort) goes to the coordinator. Nothing happens for a transaction
   * already ending another way (aborted by the coordinator, or this one already aborting).
   */
  sendFailed(txn: Transaction, cause: string): void {
    if (txn !== this.current || (txn.state !== 'open' && txn.state !== 'committing')) return;
    txn.state = 'aborting';
    this.holding = true;
    if (this.settings.commitIntervalMs !== undefined) this.resendAfterAbort.add(txn);
    this.client.dropUnsent(txn);
    this.client.whenFlushed(() => {
      if (txn.state !== 'aborting' || this.current !== txn) return;
      this.endTxnRequests++;
      const at = Math.max(this.scheduler.now, this.coordinatorBusyUntil) + this.stepMs;
      this.scheduler.at(at, this, Ev.AbortAnswered, { txn, cause });
    });
  }

  handle(kind: number, data: unknown, now: number): void {
    switch (kind as Ev) {
      case Ev.CommitDue:
        if (data === this.current) this.commit(now);
        return;
      case Ev.TimeoutCheck: {
        const txn = data as Transaction;
        // An application's abort in progress counts too: its producer may have died meanwhile.
        if (txn.state !== 'open' && txn.state !== 'committing' && txn.state !== 'aborting') return;
        const fenced = this.fencedAt.get(txn);
        this.fencedAt.delete(txn);
        this.abort(txn, now, fenced !== undefined && fenced <= now ? ABORTED_FENCED : ABORTED_TIMEOUT);
        return;
      }
      case Ev.EndTxnAnswered: {
        const { txn, calledAt } = data as { txn: Transaction; calledAt: number };
        if (txn.state !== 'committing') return;
        txn.state = 'committed';
        this.committed++;
        // Flushed: every record of it that will reach a log has.
        this.committedRecords += txn.appended;
        this.commitMsTotal += now - calledAt;
        // The coordinator writes the markers after answering; the next transaction's partitions
        // wait for that (CONCURRENT_TRANSACTIONS, retried).
        const markersAt = now + this.stepMs;
        this.coordinatorBusyUntil = markersAt;
        this.scheduler.at(markersAt, this, Ev.MarkersWritten, { txn, commit: true });
        if (this.current === txn) this.current = undefined;
        this.holding = false;
        this.settle(true);
        this.client.resume(now);
        return;
      }
      case Ev.MarkersWritten: {
        const { txn, commit } = data as { txn: Transaction; commit: boolean };
        for (const p of txn.partitions) this.writeMarker(txn, commit, p, now);
        return;
      }
      case Ev.MarkerRetry: {
        const { txn, commit, p } = data as { txn: Transaction; commit: boolean; p: Partition };
        this.writeMarker(txn, commit, p, now);
        return;
      }
      case Ev.AbortAnswered: {
        const { txn, cause } = data as { txn: Transaction; cause: string };
        if (txn.state !== 'aborting') return;
        this.abortedAfterFailedSend++;
        this.abort(txn, now, abortedSendFailed(cause));
        return;
      }
    }
  }

  /**
   * The marker of `txn` goes into partition p (the leader appends it and wakes its readers), or,
   * if the leader refuses it, the coordinator tries again later.
   */
  private writeMarker(txn: Transaction, commit: boolean, p: Partition, now: number): void {
    if (writeMarker(p, this.client.brokers, txn, commit, now)) this.markersWritten++;
    else this.scheduler.at(now + MARKER_RETRY_MS, this, Ev.MarkerRetry, { txn, commit, p });
  }

  /**
   * `txn` is aborted (by the coordinator, or answered to the application's abortTransaction()):
   * markers go out next, the producer starts afresh, and after a failed send the application sends
   * the aborted transaction's records again.
   */
  private abort(txn: Transaction, now: number, reason: string): void {
    txn.state = 'aborted';
    this.aborted++;
    this.abortedTxns.push({ txn, reason });
    this.scheduler.at(now + this.stepMs, this, Ev.MarkersWritten, { txn, commit: false });
    if (this.current === txn) {
      this.current = undefined;
      const wasHolding = this.holding;
      this.holding = false;
      this.settle(false);
      if (this.resendAfterAbort.delete(txn) && txn.records > 0) {
        this.resentRecords += txn.records;
        this.client.resend(txn.records, now);
      } else if (wasHolding) this.client.resume(now);
    }
    this.resendAfterAbort.delete(txn);
  }

  private settle(committed: boolean): void {
    const cbs = this.onCommitted;
    if (cbs.length === 0) return;
    this.onCommitted = [];
    for (const cb of cbs) cb(committed);
  }

  /**
   * Records of aborted transactions in the logs: acknowledged (or still to be written, from
   * requests sent before the abort), then hidden from read_committed readers. Records the producer
   * had not sent yet are not among them (a crash drops those).
   */
  get abortedRecords(): number {
    return this.abortedTxns.reduce((n, a) => n + a.txn.appended, 0);
  }

  /** abortedRecords by reason (timeout, fenced). */
  get abortReasons(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const { txn, reason } of this.abortedTxns) out[reason] = (out[reason] ?? 0) + txn.appended;
    return out;
  }

  /** Records of transactions still open or being committed. */
  get openRecords(): number {
    return this.current ? this.current.records : 0;
  }
}

/**
 * Gives a producer with transactional.id its transactions. `appCommits`: the application commits
 * on its own schedule (transactionCommitIntervalMs / transactionCommitRecords); false for a Spark
 * job's Kafka sink, which commits at the end of each batch. Returns them (undefined without
 * transactional.id).
 */
export function attachTransactions(
  producer: TransactionalClient & {
    doc: {
      config: { 'transactional.id'?: string | undefined; 'transaction.timeout.ms': number };
      transactionCommitIntervalMs: number;
      transactionCommitRecords: number;
    };
    transactions: ProducerTransactions | undefined;
  },
  scheduler: Scheduler,
  networkLatencyMs: number,
  appCommits = true,
): ProducerTransactions | undefined {
  const c = producer.doc.config;
  const id = c['transactional.id'];
  if (id === undefined) return undefined;
  producer.transactions = new ProducerTransactions(producer, scheduler, {
    transactionalId: id,
    timeoutMs: c['transaction.timeout.ms'],
    commitIntervalMs: appCommits ? producer.doc.transactionCommitIntervalMs : undefined,
    commitRecords: appCommits ? producer.doc.transactionCommitRecords : 0,
    networkLatencyMs,
  });
  return producer.transactions;
}
