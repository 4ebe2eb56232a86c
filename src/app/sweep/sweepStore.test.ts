// The sweep view's batches through the pool, with in-process stand-ins for the workers: the app's
// sweep gives, seed for seed, the numbers the core gives running the engine directly (what the
// command line does); cancel stops a batch and leaves it marked cancelled.
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { parsePipeline, type Pipeline } from '../../model';
import { parseSearchSpec, parseSweepSpec, runSearch, runSweep, type SweepPoint } from '../../whatif';
import { localRunFn } from '../../whatif/local';
import { runHeadless } from '../../worker/headless';
import type { HeadlessRequest, HeadlessResult } from '../../worker/headlessProtocol';
import { KEPT_ROWS } from '../runs/archive';
import type { PoolWorker } from './pool';
import { useDocumentStore } from '../store/documentStore';
import { defaultSweepDraft, type SweepDraft } from './draft';
import { pointKey } from './sweepView';
import {
  cancelBatch,
  ensureDrafts,
  openSpecFromLink,
  pointsToShow,
  setWorkerFactoryForTests,
  startSearch,
  startSweep,
  useSweepStore,
} from './sweepStore';

function example(name: string): Pipeline {
  const url = new URL(`../../../examples/${name}.json`, import.meta.url);
  const r = parsePipeline(JSON.parse(readFileSync(url, 'utf8')));
  if (!r.ok) throw new Error(r.errors.join('; '));
  return r.doc;
}

/** A worker that runs the headless entry in this process. */
const inProcess = (): PoolWorker => ({
  run: (request) => runHeadless(structuredClone(request), () => 0),
  terminate: () => undefined,
});

const stripDocs = <T extends { doc?: unknown }>(xs: T[]) => xs.map(({ doc: _doc, ...rest }) => rest);

describe('sweep batches', () => {
  it('give the same numbers as the core running the engine in-process, seed for seed', async () => {
    setWorkerFactoryForTests(inProcess);
    const doc = example('broker-failure');
    const parsed = parseSweepSpec({
      kind: 'sweep',
      axes: [
        {
          setting: 'producers[checkout].rate.recordsPerSec',
          values: { kind: 'list', values: [5000, 15000] },
        },
      ],
      seeds: 2,
      warmupSec: 1,
      durationSec: 4,
      metrics: ['throughput', 'p99', 'maxLagRecords'],
    });
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    const progress: number[] = [];
    const unsubscribe = useSweepStore.subscribe((s) => {
      if (s.progress && progress.at(-1) !== s.progress.done) progress.push(s.progress.done);
    });
    await startSweep(parsed.spec, doc);
    unsubscribe();
    const state = useSweepStore.getState();
    expect(state.status).toBe('done');
    expect(state.batch).toBe('sweep');
    expect(progress).toEqual([0, 1, 2, 3, 4]);
    const direct = await runSweep(parsed.spec, doc, localRunFn());
    expect(stripDocs(state.sweep!.points)).toEqual(stripDocs(direct.points));
    expect(state.sweep!.points.map((p) => p.runs.map((r) => r.seed))).toEqual([
      [doc.run.seed, doc.run.seed + 1],
      [doc.run.seed, doc.run.seed + 1],
    ]);
  });

  it('ask the workers for figures only, and for the run itself at the first seed of each point', async () => {
    const requests: HeadlessRequest[] = [];
    setWorkerFactoryForTests(() => ({
      run: (request) => {
        requests.push(request);
        return runHeadless(structuredClone(request), () => 0);
      },
      terminate: () => undefined,
    }));
    const doc = example('broker-failure');
    const parsed = parseSweepSpec({
      kind: 'sweep',
      axes: [
        {
          setting: 'producers[checkout].rate.recordsPerSec',
          values: { kind: 'list', values: [5000, 15000] },
        },
      ],
      seeds: 3,
      warmupSec: 2,
      durationSec: 5,
      metrics: ['throughput'],
    });
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    await startSweep(parsed.spec, doc);
    const first = doc.run.seed;
    expect(requests).toHaveLength(6);
    expect(requests.every((r) => r.figures?.warmupSec === 2)).toBe(true);
    expect(requests.filter((r) => r.keepRows !== undefined).map((r) => r.seed)).toEqual([first, first]);
    expect(requests.find((r) => r.keepRows !== undefined)?.keepRows).toBe(KEPT_ROWS);
    // The batch holds those two runs, one per point, for the run list.
    const { held, points } = useSweepStore.getState().sweep!;
    expect(held.count).toBe(2);
    for (const p of points) {
      const run = held.get(pointKey(p), first);
      expect(run?.kept.columns[0]).toBe('second');
      expect(run?.kept.data.length).toBe(5 * run!.kept.columns.length);
      expect(held.get(pointKey(p), first + 1)).toBeUndefined();
    }
  });

  it('find the same limit as the core in-process', async () => {
    setWorkerFactoryForTests(inProcess);
    const doc = example('broker-failure');
    const parsed = parseSearchSpec({
      kind: 'search',
      setting: 'consumerGroups[fulfilment].members',
      low: 1,
      high: 3,
      direction: 'fewest',
      seeds: 1,
      warmupSec: 1,
      durationSec: 4,
    });
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    await startSearch(parsed.spec, doc, true);
    const state = useSweepStore.getState();
    expect(state.status).toBe('done');
    const direct = await runSearch(parsed.spec, doc, localRunFn());
    const { spec: _a, probes: pa, ...restApp } = state.search!.result!;
    const { spec: _b, probes: pb, ...restDirect } = direct;
    expect(restApp).toEqual(restDirect);
    expect(pa.map((p) => [p.value, p.passed, p.stats])).toEqual(pb.map((p) => [p.value, p.passed, p.stats]));
  });

  it('cancel stops the batch: status cancelled, the running worker terminated', async () => {
    const terminated: number[] = [];
    let made = 0;
    setWorkerFactoryForTests(() => {
      const id = made++;
      return {
        run: () => new Promise<HeadlessResult>(() => undefined), // never answers by itself
        terminate: () => terminated.push(id),
      };
    });
    const doc = example('broker-failure');
    const parsed = parseSweepSpec({
      kind: 'sweep',
      axes: [
        {
          setting: 'producers[checkout].rate.recordsPerSec',
          values: { kind: 'list', values: [1000, 2000, 3000] },
        },
      ],
      seeds: 2,
      durationSec: 4,
      warmupSec: 1,
    });
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    const running = startSweep(parsed.spec, doc);
    // The points are planned one per task before the first run starts.
    await vi.waitFor(() => expect(made).toBeGreaterThan(0));
    expect(useSweepStore.getState().status).toBe('running');
    cancelBatch();
    await running;
    expect(useSweepStore.getState().status).toBe('cancelled');
    expect(terminated.length).toBe(made);
  });
});

describe('the forms and the document', () => {
  it('start over when another pipeline is opened, but keep what a link filled in for it', () => {
    const first = example('broker-failure');
    const second = example('iot-sensor-monitoring');
    const docs = useDocumentStore.getState();
    docs.replaceDocument(first);
    ensureDrafts(first);
    // A setting both pipelines have, so only the change of pipeline can reset the form.
    const edited: SweepDraft = {
      ...useSweepStore.getState().sweepDraft!,
      axes: [{ setting: 'cluster.brokers', values: { mode: 'list', text: '3, 4' } }],
      seeds: '7',
    };
    useSweepStore.getState().setSweepDraft(edited);
    ensureDrafts(first); // the same pipeline, edited or not: the form stays
    expect(useSweepStore.getState().sweepDraft!.seeds).toBe('7');

    docs.replaceDocument(second);
    ensureDrafts(second);
    expect(useSweepStore.getState().sweepDraft).toEqual(defaultSweepDraft(second));

    // A link: the document opens, then its spec fills the form, which the next look keeps.
    docs.replaceDocument(first);
    openSpecFromLink(
      {
        kind: 'sweep',
        axes: [{ setting: 'topics[orders].partitions', values: { kind: 'list', values: [3, 6] } }],
        seeds: 4,
      },
      first,
    );
    ensureDrafts(first);
    const draft = useSweepStore.getState().sweepDraft!;
    expect(draft.axes[0]!.setting).toBe('topics[orders].partitions');
    expect(draft.seeds).toBe('4');
    expect(useSweepStore.getState().mode).toBe('sweep');
  });
});

describe('pointsToShow', () => {
  it('hands over a fresh copy of the points that changed and the same object for the others', () => {
    const point = (index: number, seeds: number[]): SweepPoint => ({
      index,
      values: [index],
      doc: example('broker-failure'),
      runs: seeds.map((seed) => ({ seed, metrics: {} as SweepPoint['runs'][number]['metrics'] })),
      stats: {},
    });
    const a = point(0, [1]);
    const b = point(1, [1]);
    const seen = new Map([
      [1, b],
      [0, a],
    ]);
    const shown = new Map<number, SweepPoint>();
    const changed = new Set([0, 1]);
    const first = pointsToShow(seen, shown, changed);
    expect(first.map((p) => p.index)).toEqual([0, 1]);
    expect(first[0]).not.toBe(a);
    expect(changed.size).toBe(0);
    // Point 1 gets a run in place: only it is copied again.
    b.runs.push({ seed: 2, metrics: {} as SweepPoint['runs'][number]['metrics'] });
    changed.add(1);
    const second = pointsToShow(seen, shown, changed);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(second[1]!.runs).toHaveLength(2);
    expect(first[1]!.runs).toHaveLength(1);
  });
});
