import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../core';
import { parsePipelineText } from '../model';
import { runHeadless } from './headless';

const text = readFileSync(new URL('../../examples/hot-key-skew.json', import.meta.url), 'utf8');
const raw: unknown = JSON.parse(text);
const clock = () => 0;

describe('runHeadless', () => {
  it('gives the numbers a direct run of the same document, seed and duration gives', async () => {
    const result = await runHeadless({ doc: raw, seed: 7, durationSec: 5 }, clock);
    if (!result.ok) throw new Error(result.error);
    const parsed = parsePipelineText(text);
    if (!parsed.ok) throw new Error('example invalid');
    const sim = new Simulation(parsed.doc, { seed: 7 });
    sim.runUntil(5000);
    const series = sim.metrics.series();
    expect(result.seed).toBe(7);
    expect(result.outcome.totals).toEqual(sim.summary().records);
    expect(result.outcome.rows).toEqual(series.rows);
    expect(result.outcome.rows).toHaveLength(5);
    expect(result.outcome.columns).toEqual(series.columns);
  });

  it('sends the summary back only when asked for it (a structured-clonable object)', async () => {
    const plain = await runHeadless({ doc: raw, seed: 7, durationSec: 3 }, clock);
    const kept = await runHeadless({ doc: raw, seed: 7, durationSec: 3, keepSummary: true }, clock);
    if (!plain.ok || !kept.ok) throw new Error('run failed');
    expect(plain.outcome.summary).toBeUndefined();
    const summary = kept.outcome.summary as { simulatedSeconds: number; produceLatencyMs: { p99: number } };
    expect(summary.simulatedSeconds).toBe(3);
    expect(summary.produceLatencyMs.p99).toBeGreaterThan(0);
    expect(structuredClone(summary)).toEqual(summary);
  });

  it('another seed gives other numbers', async () => {
    const a = await runHeadless({ doc: raw, seed: 1, durationSec: 3 }, clock);
    const b = await runHeadless({ doc: raw, seed: 2, durationSec: 3 }, clock);
    if (!a.ok || !b.ok) throw new Error('run failed');
    expect(a.outcome.rows).not.toEqual(b.outcome.rows);
  });

  it('answers an invalid document or duration with a message, never a throw', async () => {
    const bad = await runHeadless({ doc: { version: 1, producers: 'x' } }, clock);
    expect(bad.ok).toBe(false);
    const zero = await runHeadless({ doc: raw, durationSec: 0 }, clock);
    expect(zero).toEqual({ ok: false, error: expect.stringContaining('duration') as unknown });
  });
});
