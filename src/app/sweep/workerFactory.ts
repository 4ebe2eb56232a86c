// The real headless-run worker behind the pool: a module Web Worker wrapped with Comlink. A worker
// that crashes rejects the run it had instead of leaving it waiting for ever.
import * as Comlink from 'comlink';
import type { HeadlessRequest, HeadlessResult, HeadlessWorkerApi } from '../../worker/headlessProtocol';
import type { PoolWorker } from './pool';

export function createHeadlessWorker(): PoolWorker {
  const worker = new Worker(new URL('../../worker/headlessWorker.ts', import.meta.url), { type: 'module' });
  const remote = Comlink.wrap<HeadlessWorkerApi>(worker);
  let failPending: ((error: Error) => void) | null = null;
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    failPending?.(new Error(`the run's worker failed: ${e.message || 'it could not start'}`));
  });
  return {
    run(request: HeadlessRequest): Promise<HeadlessResult> {
      return new Promise<HeadlessResult>((resolve, reject) => {
        failPending = reject;
        remote.run(request).then(resolve, reject);
      });
    },
    terminate() {
      failPending = null;
      remote[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}
