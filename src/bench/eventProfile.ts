// Where a run's time goes, event by event: for each kind of event (the class of its target and the
// handler's number) how many come per simulated second and how long each takes to handle, and what
// is left for the event queue itself. Handlers are timed from outside (their prototypes are wrapped
// when the scheduler first sees a target of that class), so the engine carries no profiling code;
// the clock reads make each event about 0.1 µs slower than in a plain run.
// `npx tsx src/bench/eventProfile.ts [seconds] [--untuned | --x10]` profiles the large pipeline;
// `--doc examples/x.json` profiles that document instead.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parsePipelineText } from '../model';
import { Simulation } from '../core';
import { Scheduler, type EventTarget } from '../core/engine/scheduler';
import { largePipeline } from './largePipeline';

interface Tally {
  count: number;
  /** Time inside the handler less the time of handlers it called directly (ms). */
  selfMs: number;
}

/**
 * Names of the handlers' numbers, in the order of each class's `Ev` enum (const enums, so they are
 * not there at run time: keep these in step when an enum changes). Others print as class:number.
 */
const KINDS: Record<string, string[]> = {
  Broker: [
    'ProduceReceived',
    'ProduceValidated',
    'ProduceAppend',
    'ProduceRespond',
    'FetchArrive',
    'FetchSweep',
    'FetchDeliver',
    'RemoteFetchDone',
  ],
  ProducerClient: ['Arrival', 'Linger', 'Retry', 'Written', 'Flushed', 'Admit'],
  ConsumerMember: ['Processed', 'Written'],
  ReplicaFetcher: ['Validated', 'Appended', 'Retry'],
  SparkStreamingJob: ['BatchTime', 'BatchDone', 'DriverBack', 'ExecutorsBack', 'ExecutorReady'],
};

const tallies = new Map<string, Tally>();
const wrapped = new Set<object>();
/** Time of handlers nested in the one running (a handler may call another target's handle). */
const nested: number[] = [];

function wrap(target: EventTarget): void {
  const proto = Object.getPrototypeOf(target) as EventTarget & { constructor: { name: string } };
  if (wrapped.has(proto)) return;
  wrapped.add(proto);
  const name = proto.constructor.name;
  const original = proto.handle;
  proto.handle = function (this: EventTarget, kind: number, data: unknown, now: number): void {
    const key = `${name}.${KINDS[name]?.[kind] ?? kind}`;
    nested.push(0);
    const start = performance.now();
    original.call(this, kind, data, now);
    const total = performance.now() - start;
    const inner = nested.pop()!;
    if (nested.length > 0) nested[nested.length - 1]! += total;
    let t = tallies.get(key);
    if (!t) tallies.set(key, (t = { count: 0, selfMs: 0 }));
    t.count++;
    t.selfMs += total - inner;
  };
}

function main(): void {
  const seconds = Number(process.argv[2] ?? 30);
  const scale = process.argv.includes('--x10') ? 10 : 1;
  const docAt = process.argv.indexOf('--doc');
  let doc = largePipeline(scale, seconds, !process.argv.includes('--untuned'));
  if (docAt >= 0) {
    const file = process.argv[docAt + 1] ?? '';
    const parsed = parsePipelineText(readFileSync(file, 'utf8'));
    if (!parsed.ok) throw new Error(`${file}: ${parsed.errors.join('; ')}`);
    doc = parsed.doc;
  }
  const at = Scheduler.prototype.at;
  Scheduler.prototype.at = function (time, target, kind, data) {
    wrap(target);
    at.call(this, time, target, kind, data);
  };
  const sim = new Simulation(doc);
  // The first two simulated seconds warm the compiler and fill the pipeline; they are not counted.
  sim.runUntil(2000);
  tallies.clear();
  const events = sim.events;
  const started = performance.now();
  sim.runUntil(seconds * 1000);
  const wallMs = performance.now() - started;
  const simSeconds = seconds - 2;
  let handlersMs = 0;
  for (const t of tallies.values()) handlersMs += t.selfMs;
  const n = sim.events - events;
  console.log(
    `${doc.name}: ${simSeconds} simulated s in ${(wallMs / 1000).toFixed(2)} s (${(simSeconds / (wallMs / 1000)).toFixed(1)}x real time, timed), ` +
      `${Math.round(n / simSeconds)} events per simulated s, ${((wallMs * 1e6) / n).toFixed(0)} ns per event`,
  );
  console.log(
    `handlers ${((100 * handlersMs) / wallMs).toFixed(1)}% of the time; the event loop and the queue ` +
      `${(((wallMs - handlersMs) * 1e6) / n).toFixed(0)} ns per event (timer reads included)`,
  );
  console.log('event kind                         per sim s   ns each   ms per sim s   share');
  for (const [key, t] of [...tallies].sort((a, b) => b[1].selfMs - a[1].selfMs))
    console.log(
      [
        key.padEnd(32),
        String(Math.round(t.count / simSeconds)).padStart(10),
        ((t.selfMs * 1e6) / t.count).toFixed(0).padStart(9),
        (t.selfMs / simSeconds).toFixed(2).padStart(14),
        `${((100 * t.selfMs) / wallMs).toFixed(1)}%`.padStart(7),
      ].join(' '),
    );
}

main();
