// The forms read into specs, specs filled back into the forms, and specs through a share link and
// back (seed included), with hostile specs refused by name.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePipeline, type Pipeline } from '../../model';
import { decodeShareHash } from '../persist/shareLink';
import { defaultWarmupSec, listSettings, setSetting } from '../../whatif';
import {
  cutByRunLength,
  defaultRunLengthSec,
  defaultSearchDraft,
  defaultSweepDraft,
  lateReadersWarning,
  MAX_RUNS,
  readLinkSpec,
  readSearchDraft,
  readSweepDraft,
  runLengthWarning,
  burstWarning,
  searchBoundsFor,
  searchSpecToDraft,
  sweepSpecToDraft,
  type SweepDraft,
  unlimitedNote,
  valuesDraftFor,
} from './draft';
import { specLink } from './shareSpec';

function example(name: string): Pipeline {
  const url = new URL(`../../../examples/${name}.json`, import.meta.url);
  const r = parsePipeline(JSON.parse(readFileSync(url, 'utf8')));
  if (!r.ok) throw new Error(r.errors.join('; '));
  return r.doc;
}

const doc = example('broker-failure');
const RATE = 'producers[checkout].rate.recordsPerSec';
const PARTS = 'topics[orders].partitions';

const sweepDraft = (over: Partial<SweepDraft> = {}): SweepDraft => ({
  axes: [{ setting: RATE, values: { mode: 'list', text: '5000, 10000, 20000' } }],
  seeds: '3',
  warmupSec: '2',
  durationSec: '8',
  metrics: ['throughput', 'p99'],
  stopping: { on: false, relErrPct: '5', maxReps: '20' },
  ...over,
});

describe('readSweepDraft', () => {
  it('reads a filled form into the spec the core runs', () => {
    const r = readSweepDraft(sweepDraft(), doc);
    expect(r).toEqual({
      ok: true,
      spec: {
        kind: 'sweep',
        version: 1,
        axes: [{ setting: RATE, values: { kind: 'list', values: [5000, 10000, 20000] } }],
        seeds: 3,
        warmupSec: 2,
        durationSec: 8,
        metrics: ['throughput', 'p99'],
      },
    });
  });

  it('reads two settings, a range and the stopping rule', () => {
    const r = readSweepDraft(
      sweepDraft({
        axes: [
          { setting: RATE, values: { mode: 'range', from: '1000', to: '100000', steps: '3', scale: 'log' } },
          { setting: PARTS, values: { mode: 'list', text: '3 6' } },
        ],
        stopping: { on: true, relErrPct: '2.5', maxReps: '10' },
      }),
      doc,
    );
    if (!r.ok) throw new Error(r.error);
    expect(r.spec.axes[0]!.values).toEqual({ kind: 'range', from: 1000, to: 100000, steps: 3, scale: 'log' });
    expect(r.spec.stopping).toEqual({ relErr: 0.025, minReps: 3, maxReps: 10 });
  });

  it.each([
    [{ axes: [] }, 'choose a setting'],
    [
      { axes: [{ setting: 'producers[nope].rate', values: { mode: 'list', text: '1' } }] },
      'choose the first setting',
    ],
    [
      {
        axes: [
          { setting: RATE, values: { mode: 'list', text: '1' } },
          { setting: RATE, values: { mode: 'list', text: '2' } },
        ],
      },
      'the same',
    ],
    [{ axes: [{ setting: PARTS, values: { mode: 'list', text: '2, 3.5' } }] }, 'not a whole number'],
    [{ axes: [{ setting: PARTS, values: { mode: 'list', text: '0, 3' } }] }, 'below 1'],
    [{ seeds: '0' }, 'Seeds'],
    [{ seeds: 'many' }, 'Seeds'],
    [{ warmupSec: '-1' }, 'Warm-up'],
    [{ warmupSec: '8' }, 'shorter than the run'],
    [{ durationSec: '0' }, 'Duration'],
    [{ metrics: [] }, 'at least one metric'],
    [{ stopping: { on: true, relErrPct: '0', maxReps: '20' } }, 'percentage'],
    [{ stopping: { on: true, relErrPct: '5', maxReps: '2' } }, 'Most seeds'],
    [
      {
        axes: [
          { setting: RATE, values: { mode: 'range', from: '1', to: '50', steps: '50', scale: 'linear' } },
          { setting: PARTS, values: { mode: 'range', from: '1', to: '50', steps: '50', scale: 'linear' } },
        ],
      },
      `at most ${MAX_RUNS}`,
    ],
  ] as [Partial<SweepDraft>, string][])('refuses a bad form with a reason (%#)', (over, words) => {
    const r = readSweepDraft(sweepDraft(over), doc);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(words);
  });

  it('the default form of every example reads', () => {
    for (const name of ['broker-failure', 'hot-key-skew', 'two-stage-jobs']) {
      const d = example(name);
      expect(readSweepDraft(defaultSweepDraft(d), d).ok, name).toBe(true);
      expect(readSearchDraft(defaultSearchDraft(d), d).ok, name).toBe(true);
    }
  });
});

describe('readSearchDraft', () => {
  it('reads the criteria as the core takes them', () => {
    const r = readSearchDraft(
      {
        ...defaultSearchDraft(doc),
        low: '1000',
        high: '90000',
        maxP99Ms: '250',
        maxLagGrowthPct: '2',
        tolerancePct: '5',
      },
      doc,
    );
    if (!r.ok) throw new Error(r.error);
    expect(r.spec).toMatchObject({
      kind: 'search',
      setting: RATE,
      low: 1000,
      high: 90000,
      direction: 'highest',
      tolerance: 0.05,
      criteria: { maxLagGrowth: 0.02, maxP99Ms: 250, noLoss: true },
    });
  });
  it.each([
    [{ low: '5', high: '5' }, 'below the highest'],
    [{ low: 'x' }, 'lowest value'],
    [{ maxP99Ms: '-3' }, 'p99 bound'],
    [{ tolerancePct: '0' }, 'precision'],
    [{ setting: 'nowhere' }, 'choose the setting'],
  ])('refuses %j', (over, words) => {
    const r = readSearchDraft({ ...defaultSearchDraft(doc), ...over }, doc);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(words);
  });
});

describe('spec <-> form <-> link', () => {
  it('a sweep spec filled back into the form reads to the same spec', () => {
    const r = readSweepDraft(sweepDraft({ stopping: { on: true, relErrPct: '5', maxReps: '12' } }), doc);
    if (!r.ok) throw new Error(r.error);
    expect(readSweepDraft(sweepSpecToDraft(r.spec), doc)).toEqual(r);
  });

  it('a search spec filled back into the form reads to the same spec', () => {
    const r = readSearchDraft({ ...defaultSearchDraft(doc), maxP99Ms: '300' }, doc);
    if (!r.ok) throw new Error(r.error);
    expect(readSearchDraft(searchSpecToDraft(r.spec), doc)).toEqual(r);
  });

  it('goes through a share link and back, with the first seed written out', async () => {
    for (const read of [readSweepDraft(sweepDraft(), doc), readSearchDraft(defaultSearchDraft(doc), doc)]) {
      if (!read.ok) throw new Error(read.error);
      const url = await specLink(doc, read.spec, 'http://localhost/app');
      const back = await decodeShareHash(url.slice(url.indexOf('#')));
      if (!back.ok) throw new Error(back.error);
      const opened = readLinkSpec(back.spec, back.doc);
      if (!opened.ok) throw new Error(opened.error);
      expect(opened.spec).toEqual({ ...read.spec, baseSeed: doc.run.seed });
    }
  });

  it.each([
    ['not an object', 'sweep please'],
    ['an unknown kind', { kind: 'explode' }],
    [
      'an unknown field',
      { kind: 'sweep', axes: [{ setting: RATE, values: { kind: 'list', values: [1] } }], run: 'rm -rf' },
    ],
    [
      'a setting the document lacks',
      {
        kind: 'sweep',
        axes: [{ setting: 'producers[evil].rate.recordsPerSec', values: { kind: 'list', values: [1] } }],
      },
    ],
    [
      'too many seeds',
      { kind: 'sweep', seeds: 1000, axes: [{ setting: RATE, values: { kind: 'list', values: [1] } }] },
    ],
    [
      'too many runs',
      {
        kind: 'sweep',
        seeds: 100,
        axes: [{ setting: RATE, values: { kind: 'range', from: 1, to: 9, steps: 50 } }],
      },
    ],
    ['a number that is not one', { kind: 'search', setting: RATE, low: '1', high: 5 }],
    ['a value the setting refuses', { kind: 'search', setting: PARTS, low: -5, high: 5 }],
  ])('refuses a hostile spec in a link: %s', (_name, raw) => {
    const r = readLinkSpec(raw, doc);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^The sweep in the link was not opened: .+\.$/);
  });
});

describe('the run length a sweep starts with', () => {
  it("is the document's own, so its faults and spikes happen in every run", () => {
    // two-regions-mirrormaker runs 200 s (region failover at 150 s); payments-fraud-detection 120 s.
    expect(defaultRunLengthSec(example('two-regions-mirrormaker'))).toBe(200);
    expect(defaultSweepDraft(example('two-regions-mirrormaker')).durationSec).toBe('200');
    expect(defaultSearchDraft(example('payments-fraud-detection')).durationSec).toBe('120');
    expect(runLengthWarning(example('two-regions-mirrormaker'), '200')).toBeNull();
    expect(runLengthWarning(example('payments-fraud-detection'), '')).toBeNull();
  });

  it('warns by name when a shorter run leaves out a fault or cuts a spike short', () => {
    const regions = runLengthWarning(example('two-regions-mirrormaker'), '60');
    expect(regions).toContain('regionFailover');
    expect(regions).toContain('at 150 s');
    expect(regions).toContain('never happens');
    expect(regions).toContain('A run longer than 150 s keeps them all.');
    // The x3 spike runs from 60 s to 90 s: a 60 s run never reaches it, a 75 s run cuts it short.
    expect(runLengthWarning(example('payments-fraud-detection'), '60')).toMatch(
      /x3 spike at 60 s-90 s.*never happens/,
    );
    expect(runLengthWarning(example('payments-fraud-detection'), '75')).toMatch(
      /x3 spike at 60 s-90 s.*cut short/,
    );
    expect(cutByRunLength(example('payments-fraud-detection'), '90')).toEqual({ never: [], cut: [] });
  });

  it('takes the warm-up from the same rule the Runs list uses', () => {
    expect(defaultSweepDraft(doc).warmupSec).toBe(String(defaultWarmupSec(doc.run.durationSec)));
    expect(defaultSweepDraft(doc).warmupSec).toBe('10');
  });

  it('warns when a reader starts after each run ends, naming it', () => {
    const d = example('event-sourced-state');
    expect(lateReadersWarning(d, '300')).toContain('balance-restore (starts at 300 s)');
    expect(lateReadersWarning(d, '60')).toContain('reads nothing');
    expect(runLengthWarning(d, '60')).toContain('reads nothing');
    // Empty: the document's 600 s.
    expect(lateReadersWarning(d, '')).toBeNull();
  });
});

describe('a setting whose 0 means no limit', () => {
  const SINK = 'sinks[warehouse-db].maxRecordsPerSec';
  const unlimited = (() => {
    const r = setSetting(doc, SINK, 0);
    if (!r.ok) throw new Error(r.error);
    return r.doc;
  })();
  const info = listSettings(unlimited).find((s) => s.path === SINK)!;

  it('is proposed around the rate its producers send it, not 0 to 1', () => {
    // checkout sends 20,000 records/s through orders and fulfilment to warehouse-db: half to twice that.
    expect(valuesDraftFor(unlimited, info)).toMatchObject({ mode: 'range', from: '10000', to: '40000' });
    expect(searchBoundsFor(unlimited, info)).toEqual({ low: '5000', high: '80000' });
    expect(unlimitedNote(unlimited, info)).toContain('20,000 records/s');
  });

  it('with nothing upstream, proposes no values and says why', () => {
    const alone = { ...unlimited, edges: unlimited.edges.filter((e) => e.to !== 'warehouse-db') };
    expect(valuesDraftFor(alone, info)).toEqual({ mode: 'list', text: '' });
    expect(unlimitedNote(alone, info)).toContain('type the values');
  });

  it('a limit that is set is swept around its value as before', () => {
    const set = listSettings(doc).find((s) => s.path === SINK)!;
    expect(unlimitedNote(doc, set)).toBeNull();
    expect(valuesDraftFor(doc, set)).toMatchObject({ from: '50000', to: '200000' });
  });
});

describe('finding a limit on brokers with an "up to" network', () => {
  const withBrokers = (hardware: Record<string, unknown>): Pipeline => {
    const url = new URL('../../../examples/payments-fraud-detection.json', import.meta.url);
    const json = JSON.parse(readFileSync(url, 'utf8')) as { cluster: { brokers: { id: string }[] } };
    json.cluster.brokers = json.cluster.brokers.map((b) => ({ id: b.id, hardware }));
    const r = parsePipeline(json);
    if (!r.ok) throw new Error(r.errors.join('; '));
    return r.doc;
  };

  it('warns when each run ends before the burst credits would (cloud-2024: 600 s at full use)', () => {
    const doc = withBrokers({ preset: 'cloud-2024' });
    const note = burstWarning(doc, '120');
    expect(note).toContain('3,100 MB/s');
    expect(note).toContain('1,000 MB/s');
    expect(note).toContain('600 s');
    expect(burstWarning(doc, '600')).toBeNull();
  });

  it('says nothing for cards without burst credits', () => {
    expect(burstWarning(withBrokers({ preset: 'commodity-2014' }), '120')).toBeNull();
  });
});
