// The run client against the real worker session, in-process: the same messages as in the browser,
// without a Worker. Timers are faked so stalls and debounces take no real time.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parsePipelineText, type Fault, type Pipeline } from '../../model';
import type { Frame } from '../../worker/protocol';
import { SimSession } from '../../worker/session';
import { useDocumentStore } from '../store/documentStore';
import {
  CLEARED_NOTICE,
  RELOAD_DEBOUNCE_MS,
  RESET_NOTICE,
  RESTARTED_NOTICE,
  RunClient,
  STALL_MS,
} from './simClient';
import { initialRunState, useRunStore } from './runStore';
import type { WorkerFactory, WorkerHandle } from './workerHandle';

function example(name: string, durationSec = 30): Pipeline {
  const r = parsePipelineText(readFileSync(`examples/${name}.json`, 'utf8'));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return { ...r.doc, run: { ...r.doc.run, durationSec } };
}

/** A worker stand-in: a SimSession on fake timers. `frozen` makes it stop answering (a stuck worker). */
function inProcessWorkers() {
  const created: { session: SimSession; terminated: boolean; crash: (m: string) => void }[] = [];
  let frozen = false;
  const factory: WorkerFactory = (onFrame, onCrash) => {
    const session = new SimSession({
      now: () => Date.now(),
      soon: (fn) => void setTimeout(fn, 0),
      later: (fn, ms) => void setTimeout(fn, ms),
    });
    const entry = { session, terminated: false, crash: onCrash };
    created.push(entry);
    session.connect((f: Frame) => {
      if (!entry.terminated && !frozen) onFrame(structuredClone(f));
    });
    const call =
      <A extends unknown[], R>(fn: (...a: A) => R) =>
      (...a: A): Promise<R> =>
        entry.terminated ? new Promise<R>(() => {}) : Promise.resolve(fn.apply(session, a));
    const handle: WorkerHandle = {
      api: {
        load: call(session.load),
        play: call(session.play),
        pause: call(session.pause),
        step: call(session.step),
        reset: call(session.reset),
        setSpeed: call(session.setSpeed),
        seek: call(session.seek),
        exportCsv: call(session.exportCsv),
        addFault: call(session.addFault),
      },
      terminate: () => {
        entry.terminated = true;
        session.pause();
      },
    };
    return handle;
  };
  return { factory, created, freeze: () => (frozen = true) };
}

const emptyTotals = () => ({
  produced: 0,
  acknowledged: 0,
  consumed: 0,
  inFlight: 0,
  refused: 0,
  dropped: 0,
  refusedReasons: {},
  droppedReasons: {},
});

let stop: (() => void) | undefined;

beforeEach(() => {
  vi.useFakeTimers();
  useRunStore.setState({ ...initialRunState });
  useDocumentStore.setState({
    doc: example('clickstream-personalisation'),
    notice: null,
    past: [],
    future: [],
  });
});

afterEach(() => {
  stop?.();
  stop = undefined;
  vi.useRealTimers();
});

function startClient() {
  const workers = inProcessWorkers();
  const client = new RunClient({ createWorker: workers.factory, now: () => Date.now() });
  stop = client.start();
  return { client, workers };
}

describe('RunClient', () => {
  it('loads the document, runs at max speed to the end and keeps the latest rows', async () => {
    const { client } = startClient();
    await vi.advanceTimersByTimeAsync(0);
    expect(useRunStore.getState().columns[0]).toBe('second');
    client.setSpeed('max');
    client.play();
    await vi.advanceTimersByTimeAsync(20_000);
    const s = useRunStore.getState();
    expect(s.status).toBe('finished');
    expect(s.simMs).toBe(30_000);
    expect(s.rows.map((r) => r[0])).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(s.totals?.produced).toBeGreaterThan(500_000);
    expect(s.live?.nodes['web-frontend']?.recordsPerSec).toBeGreaterThan(15_000);
    const csv = await client.exportCsv();
    expect(csv.split('\n')[0]).toMatch(/^second,/);
    expect(csv.trim().split('\n')).toHaveLength(31);
  });

  it('shows a kept run as finished, its series on the charts, until Play runs the document again', async () => {
    const { client } = startClient();
    await vi.advanceTimersByTimeAsync(0);
    const columns = useRunStore.getState().columns;
    const doc = example('clickstream-personalisation', 12);
    // The kept series lists its columns in another order: the store puts them in the run's.
    const kept = {
      columns: [...columns].reverse(),
      rows: [4, 8, 12].map((t) => [...columns].reverse().map((c) => (c === 'second' ? t : t * 10))),
      spans: [4, 4, 4],
      totals: { ...emptyTotals(), produced: 123 },
    };
    useDocumentStore.getState().replaceDocument(doc);
    client.showRun(doc, kept);
    // The debounced reload of the new document and the worker's idle frames change nothing.
    await vi.advanceTimersByTimeAsync(RELOAD_DEBOUNCE_MS + 1000);
    const s = useRunStore.getState();
    expect(s.status).toBe('finished');
    expect(s.simMs).toBe(12_000);
    expect(s.durationMs).toBe(12_000);
    expect(s.columns).toEqual(columns);
    expect(s.rows.map((r) => r[0])).toEqual([4, 8, 12]);
    expect(s.rows[2]![1]).toBe(120);
    expect(s.spans).toEqual([4, 4, 4]);
    expect(s.totals?.produced).toBe(123);
    expect(useDocumentStore.getState().notice).toBeNull();
    // Download CSV gives the kept series, not the worker's run waiting at 0 s.
    const csv = (await client.exportCsv()).trim().split('\n');
    expect(csv[0]).toBe(columns.join(','));
    expect(csv).toHaveLength(4);

    // Play starts the document again from 0 s.
    client.setSpeed('max');
    client.play();
    await vi.advanceTimersByTimeAsync(10_000);
    const after = useRunStore.getState();
    expect(after.status).toBe('finished');
    expect(after.rows.map((r) => r[0])).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(after.totals?.produced).toBeGreaterThan(123);
  });

  it('says why when play is pressed on a pipeline that cannot run', async () => {
    const doc = example('clickstream-personalisation');
    useDocumentStore.setState({
      doc: {
        ...doc,
        topics: [...doc.topics, { ...doc.topics[0]!, id: 'other' }],
        edges: [...doc.edges, { from: 'web-frontend', to: 'other' }],
      },
    });
    const { client } = startClient();
    await vi.advanceTimersByTimeAsync(0);
    client.play();
    const notice = useDocumentStore.getState().notice;
    expect(notice?.kind).toBe('error');
    expect(notice?.text).toMatch(/^This pipeline cannot run yet: producer "web-frontend" writes to 2 topics/);
    expect(useRunStore.getState().status).toBe('idle');
  });

  it('restarts from 0 s with a notice when a setting changes during a run, not for a layout move', async () => {
    const { client } = startClient();
    await vi.advanceTimersByTimeAsync(0);
    client.setSpeed(10);
    client.play();
    await vi.advanceTimersByTimeAsync(1500);
    expect(useRunStore.getState().simMs).toBeGreaterThan(10_000);

    // Moving a node on the canvas changes only the layout: the run goes on.
    useDocumentStore.getState().change((d) => ({ ...d, layout: { ...d.layout, clicks: { x: 1, y: 2 } } }));
    await vi.advanceTimersByTimeAsync(RELOAD_DEBOUNCE_MS + 50);
    expect(useRunStore.getState().simMs).toBeGreaterThan(10_000);
    expect(useDocumentStore.getState().notice).toBeNull();

    useDocumentStore
      .getState()
      .change((d) => ({ ...d, topics: d.topics.map((t) => ({ ...t, partitions: 24 })) }));
    await vi.advanceTimersByTimeAsync(RELOAD_DEBOUNCE_MS + 50);
    expect(useDocumentStore.getState().notice).toEqual({ kind: 'info', text: RESTARTED_NOTICE });
    const s = useRunStore.getState();
    expect(s.status).toBe('running');
    expect(s.simMs).toBeLessThan(2000);
    // The new run has the new partitions, and no rows of the old run survived.
    expect(s.live?.partitions['clicks']).toHaveLength(24);
    expect(s.rows.every((r, i) => r[0] === i + 1)).toBe(true);
  });

  it('says the run went back to 0 s, not that it restarted, when a setting changes while paused', async () => {
    const { client } = startClient();
    await vi.advanceTimersByTimeAsync(0);
    client.setSpeed(10);
    client.play();
    await vi.advanceTimersByTimeAsync(1500);
    client.pause();
    await vi.advanceTimersByTimeAsync(100);
    expect(useRunStore.getState().status).toBe('paused');
    useDocumentStore
      .getState()
      .change((d) => ({ ...d, topics: d.topics.map((t) => ({ ...t, partitions: 24 })) }));
    await vi.advanceTimersByTimeAsync(RELOAD_DEBOUNCE_MS + 50);
    expect(useDocumentStore.getState().notice).toEqual({ kind: 'info', text: RESET_NOTICE });
    expect(useRunStore.getState().status).not.toBe('running');
    expect(useRunStore.getState().simMs).toBe(0);
  });

  it('takes down the "press Play" notice once the changed pipeline runs, and leaves other notices', async () => {
    useDocumentStore.setState({ doc: example('clickstream-personalisation', 5) });
    const { client } = startClient();
    await vi.advanceTimersByTimeAsync(0);
    client.setSpeed('max');
    client.play();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(useRunStore.getState().status).toBe('finished');
    const changePartitions = (n: number) =>
      useDocumentStore
        .getState()
        .change((d) => ({ ...d, topics: d.topics.map((t) => ({ ...t, partitions: n })) }));
    changePartitions(24);
    await vi.advanceTimersByTimeAsync(RELOAD_DEBOUNCE_MS + 50);
    expect(useDocumentStore.getState().notice).toEqual({ kind: 'info', text: CLEARED_NOTICE });
    client.play();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(useRunStore.getState().status).toBe('finished');
    expect(useRunStore.getState().live?.partitions['clicks']).toHaveLength(24);
    expect(useDocumentStore.getState().notice).toBeNull();

    // A notice of someone else's, put up after the change, is not the client's to take down.
    changePartitions(12);
    await vi.advanceTimersByTimeAsync(RELOAD_DEBOUNCE_MS + 50);
    const other = { kind: 'info' as const, text: 'Opened the example' };
    useDocumentStore.getState().setNotice(other);
    client.play();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(useDocumentStore.getState().notice).toBe(other);
  });

  it('replaces a worker that stops answering while running', async () => {
    const { client, workers } = startClient();
    await vi.advanceTimersByTimeAsync(0);
    client.setSpeed(1);
    client.play();
    await vi.advanceTimersByTimeAsync(500);
    expect(useRunStore.getState().status).toBe('running');
    workers.freeze();
    await vi.advanceTimersByTimeAsync(STALL_MS + 1500);
    expect(workers.created).toHaveLength(2);
    expect(workers.created[0]!.terminated).toBe(true);
    expect(useDocumentStore.getState().notice?.text).toMatch(/stopped responding/);
    expect(useRunStore.getState().status).toBe('idle');
    expect(useRunStore.getState().simMs).toBe(0);
  });

  it('replaces a crashed worker and shows what happened', async () => {
    const { workers } = startClient();
    await vi.advanceTimersByTimeAsync(0);
    workers.created[0]!.crash('out of memory');
    await vi.advanceTimersByTimeAsync(0);
    expect(workers.created).toHaveLength(2);
    expect(useDocumentStore.getState().notice).toEqual({
      kind: 'error',
      text: 'The simulation worker crashed (out of memory); it was restarted at 0 s.',
    });
    expect(useRunStore.getState().columns.length).toBeGreaterThan(1);
  });

  it('shows the engine error of a failed run', async () => {
    const { client, workers } = startClient();
    await vi.advanceTimersByTimeAsync(0);
    const session = workers.created[0]!.session as unknown as { runner: { sim: { runUntil: () => void } } };
    session.runner.sim.runUntil = () => {
      throw new Error('negative queue length');
    };
    client.play();
    await vi.advanceTimersByTimeAsync(100);
    expect(useRunStore.getState().status).toBe('error');
    expect(useDocumentStore.getState().notice?.text).toBe(
      'The simulation failed at 00:00: negative queue length. Press reset to start again.',
    );
  });

  describe('faults during a run', () => {
    /** Gives the loaded simulation an addFault (or takes it away), whatever the engine has today. */
    function engineAddFault(session: SimSession, fn: ((f: Fault) => void) | undefined) {
      const runner = (session as unknown as { runner: { sim: Record<string, unknown> } }).runner;
      runner.sim.addFault = fn;
    }

    async function runTo10s() {
      const started = startClient();
      await vi.advanceTimersByTimeAsync(0);
      started.client.setSpeed(10);
      started.client.play();
      await vi.advanceTimersByTimeAsync(1100);
      expect(useRunStore.getState().simMs).toBeGreaterThan(10_000);
      return started;
    }

    it('kills a broker now without a restart when the engine can take faults', async () => {
      const { client, workers } = await runTo10s();
      const added: Fault[] = [];
      engineAddFault(workers.created[0]!.session, (f) => added.push(f));
      const before = useRunStore.getState().simMs;
      await client.killBrokerNow('broker-2');
      await vi.advanceTimersByTimeAsync(RELOAD_DEBOUNCE_MS + 50);
      const faults = useDocumentStore.getState().doc.faults;
      expect(faults).toHaveLength(1);
      // Kill is a process kill: connections reset, clients fail over at once (not a silent host).
      expect(faults[0]).toMatchObject({ kind: 'brokerDown', broker: 'broker-2', mode: 'processKilled' });
      expect(added).toEqual(faults);
      expect(faults[0]!.atSec * 1000).toBeGreaterThanOrEqual(before);
      expect(useRunStore.getState().simMs).toBeGreaterThan(before);
      expect(useDocumentStore.getState().notice?.text).toMatch(
        /^Broker broker-2's process killed at [\d.]+ s/,
      );
    });

    it('applies a fault added in the future live, and restarts when one is removed', async () => {
      const { workers } = await runTo10s();
      const added: Fault[] = [];
      engineAddFault(workers.created[0]!.session, (f) => added.push(f));
      const later: Fault = { kind: 'brokerDown', atSec: 25, broker: 'broker-1', durationSec: 3 };
      useDocumentStore.getState().change((d) => ({ ...d, faults: [later] }));
      await vi.advanceTimersByTimeAsync(RELOAD_DEBOUNCE_MS + 50);
      expect(added).toEqual([later]);
      expect(useRunStore.getState().simMs).toBeGreaterThan(10_000);
      expect(useDocumentStore.getState().notice).toBeNull();

      useDocumentStore.getState().change((d) => ({ ...d, faults: [] }));
      await vi.advanceTimersByTimeAsync(RELOAD_DEBOUNCE_MS + 50);
      expect(useDocumentStore.getState().notice).toEqual({ kind: 'info', text: RESTARTED_NOTICE });
      expect(useRunStore.getState().simMs).toBeLessThan(2000);
    });

    it('falls back to a restart, saying why, when the engine cannot add faults', async () => {
      const { client, workers } = await runTo10s();
      engineAddFault(workers.created[0]!.session, undefined);
      await client.killBrokerNow('broker-3');
      expect(useDocumentStore.getState().doc.faults[0]).toMatchObject({
        kind: 'brokerDown',
        broker: 'broker-3',
        mode: 'processKilled',
      });
      await vi.advanceTimersByTimeAsync(50);
      expect(useDocumentStore.getState().notice?.text).toBe(
        `${RESTARTED_NOTICE} (the fault could not join the run: this engine cannot add faults to a running simulation)`,
      );
      expect(useRunStore.getState().simMs).toBeLessThan(2000);
    });
  });
});
