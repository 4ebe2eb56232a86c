// The Web Worker entry: one SimSession exposed with Comlink. The page creates it with
// `new Worker(new URL('./simWorker.ts', import.meta.url), { type: 'module' })`.
import * as Comlink from 'comlink';
import { SimSession } from './session';

// A MessageChannel yields to pending messages (pause, reset) without setTimeout's 4 ms clamp.
const channel = new MessageChannel();
const queued: (() => void)[] = [];
channel.port1.onmessage = () => queued.shift()?.();

const session = new SimSession({
  now: () => performance.now(),
  soon: (fn) => {
    queued.push(fn);
    channel.port2.postMessage(null);
  },
  later: (fn, ms) => void setTimeout(fn, ms),
});

Comlink.expose(session);
