// The Web Worker entry for headless runs (sweeps, searches): one run per call, answered with the
// summary and the per-second series. The page cancels a run by terminating the worker.
import * as Comlink from 'comlink';
import { runHeadless } from './headless';
import type { HeadlessRequest, HeadlessWorkerApi } from './headlessProtocol';

const api: HeadlessWorkerApi = {
  run: (request: HeadlessRequest) => runHeadless(request, () => performance.now()),
};

Comlink.expose(api);
