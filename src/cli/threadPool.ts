// A pool of worker threads for the sweep command: a RunFn that hands each run to an idle thread
// (sweepThread.ts), so the replications of a sweep or a search use every core. Cancelling a run
// stops its thread and starts a fresh one in its place.
import { Worker } from 'node:worker_threads';
import type { RunFn, RunOutcome } from '../whatif/run';
import type { ThreadReply, ThreadRequest } from './sweepThread';

interface Slot {
  worker: Worker;
  busy: boolean;
}

interface Pending {
  resolve: (o: RunOutcome) => void;
  reject: (e: Error) => void;
  slot: Slot;
}

export interface ThreadPool {
  runFn: RunFn;
  close: () => Promise<void>;
}

export function createThreadPool(size: number): ThreadPool {
  const url = new URL('./sweepThread.ts', import.meta.url);
  const pending = new Map<number, Pending>();
  const waiting: (() => void)[] = [];
  let nextId = 1;

  const spawn = (): Slot => {
    // Run from source (npm run sweep goes through tsx), a thread needs tsx's loader of its own
    // (loader hooks are per thread): a two-line starter registers it, then loads the thread module.
    const worker = url.pathname.endsWith('.ts')
      ? new Worker(
          `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`,
          { eval: true },
        )
      : new Worker(url);
    const slot: Slot = { worker, busy: false };
    slot.worker.on('message', (reply: ThreadReply) => {
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      release(slot);
      if (reply.ok) p.resolve(reply.outcome);
      else p.reject(new Error(reply.error));
    });
    slot.worker.on('error', (e) => {
      for (const [id, p] of pending)
        if (p.slot === slot) {
          pending.delete(id);
          p.reject(e);
        }
    });
    return slot;
  };
  const slots: Slot[] = Array.from({ length: Math.max(1, size) }, spawn);

  const release = (slot: Slot) => {
    slot.busy = false;
    waiting.shift()?.();
  };
  const acquire = async (): Promise<Slot> => {
    for (;;) {
      const free = slots.find((s) => !s.busy);
      if (free) {
        free.busy = true;
        return free;
      }
      await new Promise<void>((r) => waiting.push(r));
    }
  };

  const runFn: RunFn = async (doc, seed, signal) => {
    if (signal?.aborted) throw new Error('run cancelled');
    const slot = await acquire();
    if (signal?.aborted) {
      release(slot);
      throw new Error('run cancelled');
    }
    const id = nextId++;
    return new Promise<RunOutcome>((res, rej) => {
      // The abort listener goes once the run is settled, so a long sweep sharing one signal does
      // not pile up listeners.
      const done = () => signal?.removeEventListener('abort', onAbort);
      const resolve = (o: RunOutcome) => (done(), res(o));
      const reject = (e: Error) => (done(), rej(e));
      pending.set(id, { resolve, reject, slot });
      const onAbort = () => {
        if (!pending.has(id)) return;
        pending.delete(id);
        // The thread is busy with a run nobody wants: replace it.
        void slot.worker.terminate();
        const i = slots.indexOf(slot);
        if (i >= 0) slots[i] = spawn();
        waiting.shift()?.();
        reject(new Error('run cancelled'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      slot.worker.postMessage({ id, doc, seed } satisfies ThreadRequest);
    });
  };

  return {
    runFn,
    close: async () => {
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
