// The receivers of a receiver source (socket, Kinesis- or Flume-style): records arrive at the source
// at its rate, each receiver accepts its share up to its rate limit (spark.streaming.receiver.maxRate,
// and backpressure's rate when on), cuts what it accepted into a block every
// spark.streaming.blockInterval, and stores the block: copied to a second executor, or written to
// the write-ahead log. A batch takes the blocks stored by its batch time, one task per block.
// Records move as counts with the span of their arrival times; each one is at the source, buffered
// in a receiver, in a stored block, taken by a batch, or lost with its reason.
import type { SparkJob, SparkSource } from '../../model/types';
import { SPARK } from '../costs';
import type { EventTarget, Scheduler } from '../engine/scheduler';
import { RateSchedule } from '../kafka/producer/rateSchedule';
import { Rng } from '../util/rng';

/** `n` records whose arrival times span [s, e] (ms). */
export interface ArrivalSlice {
  n: number;
  s: number;
  e: number;
}

export interface ReceivedBlock {
  receiver: number;
  records: number;
  bytes: number;
  slices: ArrivalSlice[];
  cutAt: number;
  /** When it counts as stored: copied to a second executor, or (write-ahead log) in the log. */
  storedAt: number;
}

export interface ReceiverSettings {
  blockIntervalMs: number;
  /** spark.streaming.receiver.maxRate: records/s per receiver (Infinity: unlimited). */
  maxRate: number;
  writeAheadLog: boolean;
  /** spark.streaming.backpressure.initialRate: the first limit (per receiver) while backpressure has none. */
  initialRate: number | undefined;
  /** One way between two executors (ms), and an executor's network card (MB/s). */
  latencyMs: number;
  networkMBps: number;
}

/** Why records of a receiver source were lost (the keys of `lost`). */
export const RECEIVER_LOSS = {
  buffered: 'receiver executor lost: records buffered in the receiver, not yet in a block',
  unreplicated: 'receiver executor lost before block replicated',
  unlogged: 'receiver executor lost before block written to the write-ahead log',
  driverBuffered: 'driver failed: records buffered in a receiver, not yet in a block',
  driverBlocks: 'driver failed: received blocks not processed and not in a write-ahead log',
} as const;

/** Where every record of the source is. */
export interface ReceiverTotals {
  arrived: number;
  /** Arrived and not accepted yet: over the rate limit, or while the receiver was down. */
  atSource: number;
  buffered: number;
  /** Stored or being stored, not yet taken by a batch. */
  inBlocks: number;
  /** Accepted by the receivers, over the run (a record sent again counts again). */
  received: number;
  blocks: number;
  /** Sent again by a reliable source after a receiver died before storing them. */
  resent: number;
  lost: Record<string, number>;
}

interface Receiver {
  up: boolean;
  /** Arrivals are generated up to here. */
  lastAt: number;
  carry: number;
  /** Records the rate limit still allows (fractional part carried). */
  allowance: number;
  backlog: ArrivalSlice[];
  buffer: ArrivalSlice[];
  /** When the receiver's block pushing (replication or log write) is free. */
  storeFreeAt: number;
}

const enum Ev {
  Block,
  Restart,
}

const count = (slices: readonly ArrivalSlice[]) => slices.reduce((a, s) => a + s.n, 0);

export class ReceiverInput implements EventTarget {
  private readonly receivers: Receiver[];
  private readonly schedule: RateSchedule;
  private readonly rng: Rng;
  /** Per receiver, what backpressure allows (records/s); Infinity when off or not yet known. */
  private rateLimit: number;
  /** Blocks cut and not yet taken by a batch, in the order they were cut. */
  private pending: ReceivedBlock[] = [];
  /** A file source: one writer making a file every newFileEveryMs, no receivers, nothing lost. */
  readonly files: boolean;
  readonly totals: ReceiverTotals = {
    arrived: 0,
    atSource: 0,
    buffered: 0,
    inBlocks: 0,
    received: 0,
    blocks: 0,
    resent: 0,
    lost: {},
  };

  constructor(
    readonly source: SparkSource,
    private readonly settings: ReceiverSettings,
    private readonly scheduler: Scheduler,
    seed: number,
  ) {
    this.files = source.kind === 'file';
    this.schedule = new RateSchedule(source.rate);
    this.rng = new Rng(seed);
    this.rateLimit = settings.initialRate ?? Infinity;
    this.receivers = Array.from({ length: this.files ? 1 : source.receivers }, () => ({
      up: true,
      lastAt: 0,
      carry: 0,
      allowance: 0,
      backlog: [],
      buffer: [],
      storeFreeAt: 0,
    }));
  }

  /** Receivers running now: each holds one executor core. */
  get running(): number {
    if (this.files) return 0;
    return this.receivers.reduce((n, r) => n + (r.up ? 1 : 0), 0);
  }

  get count(): number {
    return this.receivers.length;
  }

  /** Blocks (tasks) a batch gets when every receiver gets records: one per block interval each. */
  blocksPerBatch(batchIntervalMs: number): number {
    return Math.ceil(batchIntervalMs / this.blockIntervalMs) * this.receivers.length;
  }

  /** How often a block is cut: spark.streaming.blockInterval, or for files how often one lands. */
  get blockIntervalMs(): number {
    return this.files ? this.source.newFileEveryMs : this.settings.blockIntervalMs;
  }

  /** Whether a restarted driver still has the blocks of the batches it dropped: the log, or the files. */
  get durable(): boolean {
    return this.files || this.settings.writeAheadLog;
  }

  get writeAheadLog(): boolean {
    return this.settings.writeAheadLog;
  }

  /** The limit each receiver takes records at (records/s): maxRate and backpressure's rate. */
  get limitPerReceiver(): number {
    // A file stream has no receiver to limit (and no rate controller).
    if (this.files) return Infinity;
    return Math.min(this.settings.maxRate, this.rateLimit);
  }

  start(now: number): void {
    for (const r of this.receivers) r.lastAt = now;
    this.scheduler.at(now + this.blockIntervalMs, this, Ev.Block);
  }

  /** Backpressure's new rate for each receiver (ReceiverRateController.publish); capped by maxRate. */
  setRateLimit(perReceiver: number): void {
    if (perReceiver > 0) this.rateLimit = perReceiver;
  }

  handle(kind: number, data: unknown, now: number): void {
    if ((kind as Ev) === Ev.Restart) {
      const r = this.receivers[data as number]!;
      r.up = true;
      r.storeFreeAt = now;
      r.allowance = 0;
      return;
    }
    this.scheduler.at(now + this.blockIntervalMs, this, Ev.Block);
    this.receivers.forEach((r, i) => {
      this.receive(r, now);
      if (r.up) this.cutBlock(r, i, now);
    });
  }

  /** Arrivals up to `now` join the source's backlog; a running receiver accepts what its limit allows. */
  private receive(r: Receiver, now: number): void {
    const dt = now - r.lastAt;
    if (dt <= 0) return;
    const mean = ((this.schedule.rateAt(r.lastAt) / this.receivers.length) * dt) / 1000;
    let n: number;
    if (this.source.rate.kind === 'constant') {
      const exact = mean + r.carry;
      n = Math.floor(exact);
      r.carry = exact - n;
    } else n = this.rng.poisson(mean);
    if (n > 0) {
      r.backlog.push({ n, s: r.lastAt, e: now });
      this.totals.arrived += n;
      this.totals.atSource += n;
    }
    r.lastAt = now;
    if (!r.up) return;
    const limit = this.limitPerReceiver;
    const waiting = count(r.backlog);
    let take = waiting;
    if (limit < Infinity) {
      r.allowance += (limit * dt) / 1000;
      take = Math.min(waiting, Math.floor(r.allowance));
      r.allowance -= take;
      // An idle limiter stores at most one record's worth of permits: no burst after a quiet spell.
      if (take === waiting) r.allowance = Math.min(r.allowance, 1);
    }
    if (take <= 0) return;
    r.buffer.push(...takeFront(r.backlog, take));
    this.totals.atSource -= take;
    this.totals.buffered += take;
    this.totals.received += take;
  }

  private cutBlock(r: Receiver, receiver: number, now: number): void {
    const records = count(r.buffer);
    if (records === 0) return; // Spark makes no block of an empty buffer
    const bytes = records * this.source.recordBytes;
    const storedAt = Math.max(r.storeFreeAt, now) + this.storeMs(records, bytes);
    r.storeFreeAt = storedAt;
    this.pending.push({ receiver, records, bytes, slices: r.buffer, cutAt: now, storedAt });
    r.buffer = [];
    this.totals.buffered -= records;
    this.totals.inBlocks += records;
    this.totals.blocks++;
  }

  /** Time to store a block: its copy to a second executor, or its write to the log. */
  private storeMs(records: number, bytes: number): number {
    const s = this.settings;
    // A file counts once it is in the directory (written elsewhere, renamed in whole).
    if (this.files) return 0;
    if (!s.writeAheadLog) return s.latencyMs + bytes / (s.networkMBps * 1000);
    return (
      SPARK.receiverWalSyncMs +
      bytes / (SPARK.checkpointWriteMBps * 1000) +
      (records * SPARK.receiverWalRecordUs) / 1000
    );
  }

  /** The blocks stored by `batchTime`, for the batch cut then (ReceivedBlockTracker.allocateBlocksToBatch). */
  takeBlocks(batchTime: number): ReceivedBlock[] {
    const taken: ReceivedBlock[] = [];
    const left: ReceivedBlock[] = [];
    for (const b of this.pending) (b.storedAt <= batchTime ? taken : left).push(b);
    this.pending = left;
    this.totals.inBlocks -= taken.reduce((a, b) => a + b.records, 0);
    return taken;
  }

  /** Blocks of batches a restarted driver recovers from the write-ahead log: taken again by the next batch. */
  giveBack(blocks: readonly ReceivedBlock[], now: number): void {
    for (const b of blocks) {
      this.pending.push({ ...b, storedAt: Math.min(b.storedAt, now) });
      this.totals.inBlocks += b.records;
    }
  }

  /**
   * Executors died, `lost` of the `executors` running: receivers are spread over executors in turn
   * (receiver i on executor i mod executors), so those of the lost ones die with them. A reliable
   * source (Kinesis, Flume) had not been told of what the receiver had not stored, and sends it
   * again; from a socket it is lost: the buffer, and the blocks not yet replicated (or written to the
   * log). Each receiver starts again on another executor after the restart delay.
   */
  executorsLost(lost: number, executors: number, now: number): void {
    if (this.files || lost <= 0 || executors <= 0) return;
    this.receivers.forEach((r, i) => {
      if (!r.up || i % executors >= lost) return;
      this.receive(r, now);
      this.dropReceiver(r, i, now, 'executor');
      this.scheduler.at(now + SPARK.receiverRestartMs, this, Ev.Restart, i);
    });
  }

  /**
   * The driver died: every receiver stops with it and starts again once the driver is back. Blocks
   * not processed are lost without the write-ahead log (the driver's record of them is gone) and
   * recovered from it with the log: the caller gives back those of the dropped batches.
   */
  driverFailed(now: number, restartMs: number): void {
    // Files keep landing in the directory and stay there for the restarted driver.
    if (this.files) return;
    this.receivers.forEach((r, i) => {
      if (r.up) {
        this.receive(r, now);
        this.dropReceiver(r, i, now, 'driver');
      }
      this.scheduler.at(now + restartMs, this, Ev.Restart, i);
    });
    if (this.settings.writeAheadLog) return;
    const stored = this.pending.reduce((a, b) => a + b.records, 0);
    this.pending = [];
    this.totals.inBlocks -= stored;
    this.lose(RECEIVER_LOSS.driverBlocks, stored);
  }

  /** Records of blocks taken by batches that will never complete (a driver failure without the log). */
  blocksLost(records: number): void {
    this.lose(RECEIVER_LOSS.driverBlocks, records);
  }

  private dropReceiver(r: Receiver, i: number, now: number, cause: 'executor' | 'driver'): void {
    r.up = false;
    const reliable = this.source.kind !== 'socket';
    const buffered = r.buffer;
    r.buffer = [];
    this.totals.buffered -= count(buffered);
    // Blocks still being copied (or logged) when the executor died; a driver failure leaves the
    // executors, so their copies finish.
    const unstored =
      cause === 'executor' ? this.pending.filter((b) => b.receiver === i && b.storedAt > now) : [];
    if (unstored.length) this.pending = this.pending.filter((b) => !unstored.includes(b));
    const unstoredRecords = unstored.reduce((a, b) => a + b.records, 0);
    this.totals.inBlocks -= unstoredRecords;
    if (reliable) {
      const again = [...unstored.flatMap((b) => b.slices), ...buffered];
      r.backlog.unshift(...again);
      this.totals.atSource += count(again);
      this.totals.resent += count(again);
      return;
    }
    this.lose(cause === 'executor' ? RECEIVER_LOSS.buffered : RECEIVER_LOSS.driverBuffered, count(buffered));
    this.lose(
      this.settings.writeAheadLog ? RECEIVER_LOSS.unlogged : RECEIVER_LOSS.unreplicated,
      unstoredRecords,
    );
  }

  private lose(reason: string, records: number): void {
    if (records <= 0) return;
    this.totals.lost[reason] = (this.totals.lost[reason] ?? 0) + records;
  }

  /** Records lost, all reasons. */
  get lostRecords(): number {
    return Object.values(this.totals.lost).reduce((a, b) => a + b, 0);
  }

  /** Age (ms) of the oldest record not yet taken by a batch, at `now`. */
  oldestWaitingMs(now: number): number {
    let oldest = Infinity;
    for (const r of this.receivers) {
      if (r.backlog[0]) oldest = Math.min(oldest, r.backlog[0].s);
      if (r.buffer[0]) oldest = Math.min(oldest, r.buffer[0].s);
    }
    for (const b of this.pending) if (b.slices[0]) oldest = Math.min(oldest, b.slices[0].s);
    return oldest === Infinity ? 0 : Math.max(0, now - oldest);
  }
}

/** Takes `n` records off the front of a list of slices, splitting a slice's time span by share. */
function takeFront(slices: ArrivalSlice[], n: number): ArrivalSlice[] {
  const out: ArrivalSlice[] = [];
  while (n > 0 && slices.length) {
    const s = slices[0]!;
    if (s.n <= n) {
      out.push(slices.shift()!);
      n -= s.n;
      continue;
    }
    const cut = s.s + ((s.e - s.s) * n) / s.n;
    out.push({ n, s: s.s, e: cut });
    slices[0] = { n: s.n - n, s: cut, e: s.e };
    n = 0;
  }
  return out;
}

/** The receivers' settings from the job's Spark config and its executors' machine. */
export function receiverSettingsOf(job: SparkJob, latencyMs: number): ReceiverSettings {
  const c = job.config;
  const hw = job.executorHardware;
  const maxRate = c['spark.streaming.receiver.maxRate'] ?? Infinity;
  const initial = c['spark.streaming.backpressure.enabled']
    ? c['spark.streaming.backpressure.initialRate']
    : undefined;
  return {
    blockIntervalMs: c['spark.streaming.blockInterval'],
    maxRate,
    writeAheadLog: c['spark.streaming.receiver.writeAheadLog.enable'],
    initialRate: initial,
    latencyMs,
    networkMBps: hw ? Math.min(hw.networkInMBps, hw.networkBaselineMBps ?? Infinity) : 125,
  };
}

/**
 * A receiver source in the run's record totals, as a producer would be: arrived records are
 * produced. No broker acknowledges them, and a stored block is not safe yet (a driver failure
 * without the write-ahead log loses it), so they count as acknowledged once a completed batch has
 * processed them; until then they are in flight: at the source, in a receiver's buffer, in a
 * stored block or in a batch not finished (`inBatches`, the job's). Those lost before a block was
 * stored are dropped, those lost after (a driver failure without the log) are lost. So
 * produced = acknowledged + inFlight + dropped + lost, and acknowledged is what the job processed.
 */
export function receiverLedger(
  input: ReceiverInput,
  inBatches: number,
): {
  produced: number;
  acknowledged: number;
  inFlight: number;
  dropped: Record<string, number>;
  lost: Record<string, number>;
} {
  const t = input.totals;
  const dropped: Record<string, number> = {};
  const lost: Record<string, number> = {};
  for (const [reason, n] of Object.entries(t.lost))
    (reason === RECEIVER_LOSS.driverBlocks ? lost : dropped)[reason] = n;
  const gone = Object.values(t.lost).reduce((a, b) => a + b, 0);
  const inFlight = t.atSource + t.buffered + t.inBlocks + inBatches;
  return { produced: t.arrived, acknowledged: t.arrived - inFlight - gone, inFlight, dropped, lost };
}
