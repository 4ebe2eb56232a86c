// Moving bytes between machines: through the sender's network card and the receiver's, each a FIFO
// link. A link serves whatever is queued on it in order, so one big transfer queued whole would hold
// it for its entire length while small requests wait behind it; TCP does not behave like that: the
// connections crossing a busy link share it about equally. So a transfer longer than a link's quantum
// (NETWORK_QUANTUM_MS of its rate) goes one quantum at a time, each queued when the last is through:
// every active transfer then holds at most one quantum in each queue, and the links serve their
// transfers in turn. Short transfers (most requests) go in one piece and cost no event of their own.
import { NETWORK_QUANTUM_MS } from '../costs';
import type { FifoResource } from './resource';
import type { EventTarget, Scheduler } from './scheduler';

const QUANTUM_MS = NETWORK_QUANTUM_MS;

interface Transfer {
  left: number;
  quantum: number;
  out: FifoResource | undefined;
  into: FifoResource | undefined;
  delayMs: number;
  target: EventTarget;
  kind: number;
  data: unknown;
}

export class Network implements EventTarget {
  constructor(private readonly scheduler: Scheduler) {}

  /**
   * Sends `bytes` from `now` out through `out` and in through `into` (either may be absent), then
   * after `delayMs` (the wire's latency) hands `data` to `target` as event `kind`. A chunk crosses
   * both links at once: it is through when the later of the two has carried it.
   */
  send(
    now: number,
    bytes: number,
    out: FifoResource | undefined,
    into: FifoResource | undefined,
    delayMs: number,
    target: EventTarget,
    kind: number,
    data: unknown,
  ): void {
    const quantum = QUANTUM_MS * Math.min(out?.ratePerMs ?? Infinity, into?.ratePerMs ?? Infinity);
    if (!(bytes > quantum)) {
      this.scheduler.at(crossBoth(now, bytes, out, into) + delayMs, target, kind, data);
      return;
    }
    this.next({ left: bytes, quantum, out, into, delayMs, target, kind, data }, now);
  }

  private next(t: Transfer, now: number): void {
    const chunk = t.left > t.quantum ? t.quantum : t.left;
    t.left -= chunk;
    const through = crossBoth(now, chunk, t.out, t.into);
    if (t.left > 0) this.scheduler.at(through, this, 0, t);
    else this.scheduler.at(through + t.delayMs, t.target, t.kind, t.data);
  }

  handle(_kind: number, data: unknown, now: number): void {
    this.next(data as Transfer, now);
  }
}

function crossBoth(
  now: number,
  bytes: number,
  out: FifoResource | undefined,
  into: FifoResource | undefined,
): number {
  const a = out ? out.reserve(now, bytes) : now;
  const b = into ? into.reserve(now, bytes) : now;
  return a > b ? a : b;
}
