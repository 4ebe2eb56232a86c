// One worker thread of the sweep command: runs the documents it is sent, one at a time, with the
// in-process engine, and posts back each run's series and totals. The numbers are the engine's own,
// so a sweep gives the same figures on one thread or on several.
import { parentPort } from 'node:worker_threads';
import type { Pipeline } from '../model/types';
import { runLocally } from '../whatif/local';

export interface ThreadRequest {
  id: number;
  doc: Pipeline;
  seed: number;
}

export type ThreadReply =
  | { id: number; ok: true; outcome: Awaited<ReturnType<typeof runLocally>> }
  | { id: number; ok: false; error: string };

parentPort?.on('message', (req: ThreadRequest) => {
  runLocally(req.doc, req.seed).then(
    (outcome) => parentPort!.postMessage({ id: req.id, ok: true, outcome } satisfies ThreadReply),
    (e: unknown) =>
      parentPort!.postMessage({
        id: req.id,
        ok: false,
        error: e instanceof Error ? e.message : String(e),
      } satisfies ThreadReply),
  );
});
