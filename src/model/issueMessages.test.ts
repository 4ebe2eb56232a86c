// Refusals of union and enum fields name what is allowed and the nearest allowed value (issue 12).
// The expected lists are Kafka's and Spark's names and our presets, written out here by hand.
import { describe, expect, it } from 'vitest';
import { parsePipeline } from './parse';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function doc(): { [key: string]: Json } {
  return {
    version: 1,
    cluster: { brokers: [{ id: 'b1' }] },
    topics: [{ id: 'clicks' }],
    producers: [{ id: 'web', rate: { recordsPerSec: 100 } }],
    sparkJobs: [{ id: 'job', stages: [{ id: 's1', kind: 'map' }] }],
    edges: [
      { from: 'web', to: 'clicks' },
      { from: 'clicks', to: 'job' },
    ],
  };
}

/** The one error of `doc()` changed by `change` (which pokes wrong values anywhere, hence `any`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function errorOf(change: (d: { [key: string]: any }) => void): string {
  const value = doc();
  change(value);
  const result = parsePipeline(value);
  if (result.ok) throw new Error('expected a refusal');
  expect(result.errors).toHaveLength(1);
  return result.errors[0]!;
}

const STAGE_KINDS = [
  'map',
  'flatMap',
  'filter',
  'aggregate',
  'window',
  'join',
  'streamJoin',
  'cep',
  'score',
  'sink',
];

describe('a stage kind', () => {
  it('misspelt: names the stage, every kind and the nearest one', () => {
    const e = errorOf((d) => (d.sparkJobs[0].stages[0].kind = 'windw'));
    expect(e.startsWith('sparkJobs[0] ("job").stages[0] ("s1").kind: "windw" is not one of ')).toBe(true);
    for (const kind of STAGE_KINDS) expect(e).toContain(kind);
    expect(e).toContain('did you mean "window"?');
    expect(e).not.toMatch(/allowed form|Invalid/);
  });

  it('missing: says so and lists the kinds', () => {
    const e = errorOf((d) => delete d.sparkJobs[0].stages[0].kind);
    expect(e).toMatch(/stages\[0\] \("s1"\)\.kind: missing \(expected one of map, flatMap/);
  });

  it('a stage that is not an object names the kinds a stage can have', () => {
    const e = errorOf((d) => (d.sparkJobs[0].stages[0] = 'map'));
    expect(e).toMatch(/stages\[0\]: expected an object with kind: map \| flatMap .* \| sink, not "map"/);
  });

  it('nothing close: no guess', () => {
    expect(errorOf((d) => (d.sparkJobs[0].stages[0].kind = 'database'))).not.toContain('did you mean');
  });
});

describe('broker hardware', () => {
  it('an unknown preset: both forms, the presets and the nearest preset', () => {
    const e = errorOf((d) => (d.cluster.brokers[0].hardware = { preset: 'cloud' }));
    expect(e.startsWith('cluster.brokers[0] ("b1").hardware: expected ')).toBe(true);
    for (const word of ['commodity-2014', 'cloud-2024', 'laptop', 'cores', 'diskMBps', 'networkInMBps'])
      expect(e).toContain(word);
    expect(e).toMatch(
      /closest is the second form: preset: "cloud" is not one of .*did you mean "cloud-2024"\?/,
    );
  });

  it('numbers with a mistake: the closest form is the numbers, with what is wrong in them', () => {
    const e = errorOf((d) => (d.cluster.brokers[0].hardware = { cores: 'x', diskMBps: 3 }));
    expect(e).toMatch(/closest is the first form: cores: expected a number, not "x"; networkInMBps: missing/);
  });

  it('not an object: the forms, and what was given', () => {
    const e = errorOf((d) => (d.cluster.brokers[0].hardware = 'big'));
    expect(e).toMatch(
      /hardware: expected \{ cores, .* \} or \{ preset: commodity-2014 \| cloud-2024 \| laptop \}, not "big"/,
    );
  });
});

describe('acks', () => {
  it('lists what Kafka accepts, as text and as numbers', () => {
    const e = errorOf((d) => (d.producers[0].config = { acks: 2 }));
    expect(e.startsWith('producers[0] ("web").config.acks: 2 is not one of ')).toBe(true);
    for (const form of ['"all"', '"-1"', '"1"', '"0"', ' -1', ' 0', ' 1']) expect(e).toContain(form);
  });

  it('suggests "all" for "al"', () => {
    expect(errorOf((d) => (d.producers[0].config = { acks: 'al' }))).toContain('did you mean "all"?');
  });
});

describe('other unions and enums', () => {
  it('a key model kind', () => {
    const e = errorOf((d) => (d.producers[0].keys = { kind: 'zipff', count: 10 }));
    expect(e).toMatch(/keys\.kind: "zipff" is not one of null, uniform, zipf; did you mean "zipf"\?/);
  });

  it('a rate schedule entry', () => {
    const e = errorOf((d) => (d.producers[0].rate.schedule = [{ kind: 'spikes', atSec: 1 }]));
    expect(e).toMatch(
      /rate\.schedule\[0\]\.kind: "spikes" is not one of step, spike; did you mean "spike"\?/,
    );
  });

  it('a fault kind', () => {
    const e = errorOf((d) => (d.faults = [{ kind: 'brokerdown', atSec: 1, broker: 'b1' }]));
    expect(e).toMatch(
      /faults\[0\]\.kind: "brokerdown" is not one of brokerDown, slowDisk, .*; did you mean "brokerDown"\?/,
    );
  });

  it('a plain enum (rate kind, compression)', () => {
    expect(errorOf((d) => (d.producers[0].rate.kind = 'constnt'))).toMatch(
      /rate\.kind: "constnt" is not one of constant, poisson, max; did you mean "constant"\?/,
    );
    expect(errorOf((d) => (d.producers[0].config = { 'compression.type': 'LZ4' }))).toMatch(
      /"compression.type"\]: "LZ4" is not one of none, gzip, snappy, lz4, zstd; did you mean "lz4"\?/,
    );
  });
});

describe('unknown settings', () => {
  it('suggests the real name', () => {
    expect(errorOf((d) => (d.producers[0].config = { lingerMs: 5 }))).toMatch(
      /config: unknown setting "lingerMs"; did you mean "linger.ms"\?$/,
    );
  });

  it('several at once, each with its suggestion where there is one', () => {
    const e = errorOf((d) => (d.producers[0].config = { acs: 'all', zzz: 1 }));
    expect(e).toMatch(/unknown settings "acs" \(did you mean "acks"\?\), "zzz"$/);
  });
});

describe('size of messages', () => {
  it('a megabyte-long key or value is cut short in the message', () => {
    const e = errorOf((d) => (d.layout = { ['k'.repeat(1_000_000)]: { x: 0, y: 0 } }));
    expect(e.length).toBeLessThan(400);
    const v = errorOf((d) => (d.producers[0].rate.kind = 'q'.repeat(1_000_000)));
    expect(v.length).toBeLessThan(400);
  });

  it('a list over its bound names the bound and the unit', () => {
    const e = errorOf(
      (d) => (d.producers[0].rate.schedule = Array(1001).fill({ kind: 'step', atSec: 1, recordsPerSec: 1 })),
    );
    expect(e).toBe('producers[0] ("web").rate.schedule: must have at most 1000 items');
  });
});
