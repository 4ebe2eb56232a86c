// The Web Worker entry for headless runs (sweeps, searches): one run per call, answered with the
// figures or the series. A kept series' buffer is moved to the page, not copied. The page cancels
// a run by terminating the worker.
import * as Comlink from 'comlink';
import { runHeadless } from './headless';
import type { HeadlessRequest, HeadlessWorkerApi } from './headlessProtocol';

const api: HeadlessWorkerApi = {
  run: async (request: HeadlessRequest) => {
    const result = await runHeadless(request, () => performance.now());
    return result.ok && result.kept ? Comlink.transfer(result, [result.kept.data.buffer]) : result;
  },
};

Comlink.expose(api);
