// Starts the simulation Web Worker and wraps it with Comlink. Kept apart from the run client so
// tests can hand the client an in-process stand-in instead of a real Worker.
import * as Comlink from 'comlink';
import type { Frame, SimWorkerApi } from '../../worker/protocol';

type Command = Exclude<keyof SimWorkerApi, 'connect'>;

/** The worker's API as the page calls it: every call answers asynchronously. */
export type SimWorkerCalls = {
  [K in Command]: (...args: Parameters<SimWorkerApi[K]>) => Promise<ReturnType<SimWorkerApi[K]>>;
};

export interface WorkerHandle {
  api: SimWorkerCalls;
  terminate(): void;
}

/** Creates a worker that sends its frames to `onFrame` and reports a crash to `onCrash`. */
export type WorkerFactory = (
  onFrame: (frame: Frame) => void,
  onCrash: (message: string) => void,
) => WorkerHandle;

export const createSimWorker: WorkerFactory = (onFrame, onCrash) => {
  const worker = new Worker(new URL('../../worker/simWorker.ts', import.meta.url), { type: 'module' });
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    onCrash(e.message || 'the worker failed to start');
  });
  worker.addEventListener('messageerror', () => onCrash('a message from the worker could not be read'));
  const remote = Comlink.wrap<SimWorkerApi>(worker);
  remote.connect(Comlink.proxy(onFrame)).catch((e: unknown) => onCrash(String(e)));
  return {
    api: remote as unknown as SimWorkerCalls,
    terminate() {
      remote[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
};
