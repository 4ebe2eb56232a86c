import { describe, expect, it } from 'vitest';
import type { HeadlessRequest, HeadlessResult } from '../../worker/headlessProtocol';
import { defaultPoolSize, isCancelled, progressOf, RunPool, type PoolWorker } from './pool';

/** A stand-in worker whose runs finish when the test says so. */
class FakeWorker implements PoolWorker {
  static made: FakeWorker[] = [];
  pending: { request: HeadlessRequest; resolve(r: HeadlessResult): void; reject(e: unknown): void }[] = [];
  terminated = false;
  runs = 0;
  constructor() {
    FakeWorker.made.push(this);
  }
  run(request: HeadlessRequest): Promise<HeadlessResult> {
    if (this.terminated) throw new Error('run on a terminated worker');
    if (this.pending.length > 0) throw new Error('two runs at once on one worker');
    this.runs++;
    return new Promise((resolve, reject) => this.pending.push({ request, resolve, reject }));
  }
  finish(): void {
    const p = this.pending.shift()!;
    p.resolve({ ok: false, error: `done seed ${p.request.seed}` });
  }
  fail(): void {
    this.pending.shift()!.reject(new Error('crashed'));
  }
  terminate(): void {
    this.terminated = true;
  }
}

const flush = () => new Promise((r) => setTimeout(r, 0));
const req = (seed: number): HeadlessRequest => ({ doc: {}, seed });
const seedOf = (r: HeadlessResult) => (r.ok ? r.seed : Number(r.error.replace('done seed ', '')));

function makePool(size: number) {
  FakeWorker.made = [];
  return new RunPool(() => new FakeWorker(), size);
}

describe('RunPool', () => {
  it('runs at most `size` runs at once and queues the rest in order', async () => {
    const pool = makePool(2);
    const order: number[] = [];
    const all = [1, 2, 3, 4, 5].map((s) => pool.run(req(s)).then((r) => order.push(seedOf(r))));
    expect(FakeWorker.made).toHaveLength(2);
    expect(pool.running).toBe(2);
    expect(pool.queued).toBe(3);
    expect(FakeWorker.made.map((w) => w.pending[0]!.request.seed)).toEqual([1, 2]);
    FakeWorker.made[1]!.finish();
    await flush();
    // The freed worker takes the next queued run; no new worker is made.
    expect(FakeWorker.made).toHaveLength(2);
    expect(FakeWorker.made[1]!.pending[0]!.request.seed).toBe(3);
    while (FakeWorker.made.some((w) => w.pending.length)) {
      for (const w of FakeWorker.made) if (w.pending.length) w.finish();
      await flush();
    }
    await Promise.all(all);
    expect(order.sort()).toEqual([1, 2, 3, 4, 5]);
    expect(pool.running).toBe(0);
    expect(pool.queued).toBe(0);
  });

  it('cancels a queued run without touching any worker', async () => {
    const pool = makePool(1);
    const first = pool.run(req(1));
    const ctl = new AbortController();
    const second = pool.run(req(2), ctl.signal);
    ctl.abort();
    await expect(second).rejects.toSatisfy(isCancelled);
    expect(pool.queued).toBe(0);
    expect(FakeWorker.made[0]!.terminated).toBe(false);
    FakeWorker.made[0]!.finish();
    expect(seedOf(await first)).toBe(1);
  });

  it('cancels a running run by terminating its worker; the next run gets a fresh worker', async () => {
    const pool = makePool(1);
    const ctl = new AbortController();
    const first = pool.run(req(1), ctl.signal);
    const second = pool.run(req(2));
    ctl.abort();
    await expect(first).rejects.toSatisfy(isCancelled);
    expect(FakeWorker.made[0]!.terminated).toBe(true);
    expect(FakeWorker.made).toHaveLength(2);
    expect(FakeWorker.made[1]!.pending[0]!.request.seed).toBe(2);
    FakeWorker.made[1]!.finish();
    expect(seedOf(await second)).toBe(2);
  });

  it('a run answered after it was cancelled stays cancelled', async () => {
    const pool = makePool(1);
    const ctl = new AbortController();
    const first = pool.run(req(1), ctl.signal);
    const stale = FakeWorker.made[0]!;
    ctl.abort();
    stale.finish(); // the old worker answers anyway
    await expect(first).rejects.toSatisfy(isCancelled);
  });

  it('cancelAll rejects every queued and running run and terminates the busy workers', async () => {
    const pool = makePool(2);
    const runs = [1, 2, 3, 4].map((s) => pool.run(req(s)));
    pool.cancelAll();
    const settled = await Promise.allSettled(runs);
    expect(settled.every((s) => s.status === 'rejected' && isCancelled(s.reason))).toBe(true);
    expect(FakeWorker.made.every((w) => w.terminated)).toBe(true);
    expect(pool.running + pool.queued).toBe(0);
    expect(pool.alive).toBe(0);
  });

  it('a signal already aborted rejects at once and queues nothing', async () => {
    const pool = makePool(1);
    const ctl = new AbortController();
    ctl.abort();
    await expect(pool.run(req(1), ctl.signal)).rejects.toSatisfy(isCancelled);
    expect(FakeWorker.made).toHaveLength(0);
  });

  it('a worker that fails rejects its run and is replaced for the next one', async () => {
    const pool = makePool(1);
    const first = pool.run(req(1));
    const second = pool.run(req(2));
    FakeWorker.made[0]!.fail();
    await expect(first).rejects.toThrow('crashed');
    expect(FakeWorker.made[0]!.terminated).toBe(true);
    expect(FakeWorker.made).toHaveLength(2);
    FakeWorker.made[1]!.finish();
    expect(seedOf(await second)).toBe(2);
  });

  it('refuses runs after dispose', async () => {
    const pool = makePool(1);
    pool.dispose();
    await expect(pool.run(req(1))).rejects.toThrow('closed');
  });
});

describe('defaultPoolSize', () => {
  it('is the hardware threads less one, at least one', () => {
    expect(defaultPoolSize(8)).toBe(7);
    expect(defaultPoolSize(2)).toBe(1);
    expect(defaultPoolSize(1)).toBe(1);
    expect(defaultPoolSize(undefined)).toBe(1);
  });
});

describe('progressOf', () => {
  it('estimates the time left from the mean wall time per run so far', () => {
    expect(progressOf(0, 10, 500).leftMs).toBeUndefined();
    expect(progressOf(4, 10, 2000)).toEqual({ done: 4, total: 10, leftMs: 3000 });
    expect(progressOf(10, 10, 2000).leftMs).toBe(0);
  });
});
