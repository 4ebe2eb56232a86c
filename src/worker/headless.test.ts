import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../core';
import { parsePipelineText } from '../model';
import { runHeadless } from './headless';

const text = readFileSync(new URL('../../examples/hot-key-skew.json', import.meta.url), 'utf8');
const raw: unknown = JSON.parse(text);
const clock = () => 0;

describe('runHeadless', () => {
  it('gives the numbers a direct run of the same document, seed and duration gives', () => {
    const result = runHeadless({ doc: raw, seed: 7, durationSec: 5 }, clock);
    if (!result.ok) throw new Error(result.error);
    const parsed = parsePipelineText(text);
    if (!parsed.ok) throw new Error('example invalid');
    const sim = new Simulation(parsed.doc, { seed: 7 });
    sim.runUntil(5000);
    expect(result.seed).toBe(7);
    expect(result.summary).toEqual(sim.summary());
    expect(result.summary.simulatedSeconds).toBe(5);
    expect(result.series.rows).toHaveLength(5);
    expect(result.series.columns[0]).toBe(sim.metrics.series().columns[0]);
  });

  it('another seed gives other numbers', () => {
    const a = runHeadless({ doc: raw, seed: 1, durationSec: 3 }, clock);
    const b = runHeadless({ doc: raw, seed: 2, durationSec: 3 }, clock);
    if (!a.ok || !b.ok) throw new Error('run failed');
    expect(a.summary.latencyMs).not.toEqual(b.summary.latencyMs);
  });

  it('answers an invalid document or duration with a message, never a throw', () => {
    const bad = runHeadless({ doc: { version: 1, producers: 'x' } }, clock);
    expect(bad.ok).toBe(false);
    const zero = runHeadless({ doc: raw, durationSec: 0 }, clock);
    expect(zero).toEqual({ ok: false, error: expect.stringContaining('duration') as unknown });
  });
});
