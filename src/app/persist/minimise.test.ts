// minimise must give back exactly the document it was given once parsed, for every example, for
// edited documents and for randomly perturbed ones, while leaving the defaults out.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HARDWARE_PRESETS, parsePipeline, type Pipeline } from '../../model';
import { emptyDocument } from '../store/emptyDocument';
import { jsonEqual, keepBrokerHardware, minimise } from './minimise';

const EXAMPLES_DIR = new URL('../../../examples/', import.meta.url);
const exampleFiles = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.json'));

function parseOrThrow(value: unknown): Pipeline {
  const result = parsePipeline(value);
  if (!result.ok) throw new Error(result.errors.join('; '));
  return result.doc;
}

function loadExample(file: string): Pipeline {
  return parseOrThrow(JSON.parse(readFileSync(new URL(file, EXAMPLES_DIR), 'utf8')));
}

function expectRoundTrip(doc: Pipeline, keepHardware = false): unknown {
  const minimal = minimise(doc, keepHardware ? { keepVerbatim: keepBrokerHardware } : {});
  const back = parsePipeline(minimal);
  expect(back.ok, JSON.stringify(back)).toBe(true);
  if (back.ok) expect(back.doc).toEqual(doc);
  return minimal;
}

/** A small seeded generator (mulberry32) so a failing perturbation can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every [parent, key] pair in a JSON tree whose value is a number, boolean or string. */
function leaves(node: unknown, out: [Record<string | number, unknown>, string | number][] = []) {
  if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      const k = Array.isArray(node) ? Number(key) : key;
      if (value !== null && typeof value === 'object') leaves(value, out);
      else out.push([node as Record<string | number, unknown>, k]);
    }
  }
  return out;
}

describe('minimise', () => {
  it.each(exampleFiles)('round-trips the example %s', (file) => {
    expectRoundTrip(loadExample(file));
    expectRoundTrip(loadExample(file), true);
  });

  it.each(exampleFiles)('leaves out settings the example never sets (%s)', (file) => {
    const text = JSON.stringify(minimise(loadExample(file)));
    const written = readFileSync(new URL(file, EXAMPLES_DIR), 'utf8');
    // Unless the example sets them, their values in the parsed document are schema defaults.
    for (const name of ['max.block.ms', 'delivery.timeout.ms', 'session.timeout.ms', 'segment.bytes'])
      if (!written.includes(name)) expect(text).not.toContain(name);
  });

  it('reduces the empty document to what differs from the defaults', () => {
    const cloud = HARDWARE_PRESETS['cloud-2024'];
    const hardware = {
      preset: 'cloud-2024',
      cores: cloud.cores,
      cpuGHz: cloud.cpuGHz,
      cpuWakeMs: cloud.cpuWakeMs,
      cpuSleepAfterMs: cloud.cpuSleepAfterMs,
      diskMBps: cloud.diskMBps,
      diskFsyncMs: cloud.diskFsyncMs,
      networkInMBps: cloud.networkInMBps,
      networkOutMBps: cloud.networkOutMBps,
      networkBaselineMBps: cloud.networkBaselineMBps,
      networkBurstSec: cloud.networkBurstSec,
      memoryGB: cloud.memoryGB,
    };
    // "Untitled pipeline" is the schema's default name; cloud-2024 is the default hardware.
    expect(minimise(emptyDocument())).toEqual({
      version: 1,
      cluster: { brokers: [{ id: 'broker-1' }, { id: 'broker-2' }, { id: 'broker-3' }] },
    });
    expect(minimise(emptyDocument(), { keepVerbatim: keepBrokerHardware })).toEqual({
      version: 1,
      cluster: {
        brokers: ['broker-1', 'broker-2', 'broker-3'].map((id) => ({ id, hardware })),
      },
    });
  });

  it('keeps values an edit set, even when they look like defaults elsewhere', () => {
    const doc = loadExample('payments-fraud-detection.json');
    const edited: Pipeline = {
      ...doc,
      name: '<img src=x onerror=alert(1)>',
      producers: doc.producers.map((p) => ({
        ...p,
        name: 'gateway',
        config: { ...p.config, 'linger.ms': 5, 'enable.idempotence': false, acks: '0' },
      })),
      sparkJobs: doc.sparkJobs.map((j) => ({
        ...j,
        config: { ...j.config, 'spark.streaming.backpressure.initialRate': 500 },
      })),
      run: { seed: 1, durationSec: 61 },
    };
    const minimal = expectRoundTrip(parseOrThrow(edited), true) as Record<string, unknown>;
    expect(minimal.name).toBe('<img src=x onerror=alert(1)>');
    expect(minimal.run).toEqual({ durationSec: 61 });
    const producer = (minimal.producers as Record<string, unknown>[])[0];
    expect(producer?.config).toMatchObject({ 'enable.idempotence': false, acks: '0' });
    expect(producer?.config).not.toHaveProperty('linger.ms');
  });

  it.each(exampleFiles)('round-trips randomly edited versions of %s', (file) => {
    const base = loadExample(file);
    const next = random(file.length * 7919);
    let tried = 0;
    for (let round = 0; round < 40; round++) {
      const copy = JSON.parse(JSON.stringify(base)) as unknown;
      const all = leaves(copy);
      for (let edit = 0; edit < 3; edit++) {
        const pick = all[Math.floor(next() * all.length)];
        if (!pick) continue;
        const [parent, key] = pick;
        const value = parent[key];
        if (typeof value === 'boolean') parent[key] = !value;
        else if (typeof value === 'number') parent[key] = [0, 1, value * 2, Math.round(value / 3)][edit % 4];
        else if (typeof value === 'string' && key === 'name') parent[key] = `renamed ${round}`;
      }
      const result = parsePipeline(copy);
      if (!result.ok) continue;
      tried++;
      expectRoundTrip(result.doc, round % 2 === 0);
    }
    // Most perturbations must stay valid, or this test would prove little.
    expect(tried).toBeGreaterThan(10);
  });
});

describe('jsonEqual', () => {
  it('compares deeply and treats undefined keys as absent', () => {
    expect(jsonEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(jsonEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(jsonEqual({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(jsonEqual({ a: 1 }, { a: '1' })).toBe(false);
    expect(jsonEqual([], {})).toBe(false);
  });
});
