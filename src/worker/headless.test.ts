import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../core';
import { parsePipelineText } from '../model';
import { headlineMetrics } from '../whatif/metrics';
import { runHeadless } from './headless';
import { packRows, unpackRows } from './headlessProtocol';

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
    const kept = await runHeadless({ doc: raw, seed: 7, durationSec: 3, withSummary: true }, clock);
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

  it('hands back the summary only when asked (withSummary)', async () => {
    const plain = await runHeadless({ doc: raw, seed: 3, durationSec: 2 }, clock);
    const full = await runHeadless({ doc: raw, seed: 3, durationSec: 2, withSummary: true }, clock);
    if (!plain.ok || !full.ok) throw new Error('run failed');
    expect(plain.outcome.summary).toBeUndefined();
    expect(full.outcome.summary).toMatchObject({ records: full.outcome.totals });
    expect(full.outcome.rows).toEqual(plain.outcome.rows);
  });

  it('answers an invalid document or duration with a message, never a throw', async () => {
    const bad = await runHeadless({ doc: { version: 1, producers: 'x' } }, clock);
    expect(bad.ok).toBe(false);
    const zero = await runHeadless({ doc: raw, durationSec: 0 }, clock);
    expect(zero).toEqual({ ok: false, error: expect.stringContaining('duration') as unknown });
  });

  it('asked for figures, answers with the figures a read of its series gives, and no series', async () => {
    const full = await runHeadless({ doc: raw, seed: 4, durationSec: 12 }, clock);
    const lean = await runHeadless({ doc: raw, seed: 4, durationSec: 12, figures: { warmupSec: 3 } }, clock);
    if (!full.ok || !lean.ok) throw new Error('run failed');
    const parsed = parsePipelineText(text);
    if (!parsed.ok) throw new Error('example invalid');
    expect(lean.outcome.rows).toEqual([]);
    expect(lean.outcome.totals).toEqual(full.outcome.totals);
    expect(lean.outcome.metrics).toEqual(
      headlineMetrics({ ...full.outcome, doc: parsed.doc }, { warmupSec: 3 }),
    );
    expect(lean.kept).toBeUndefined();
  });

  it('asked to keep the run, hands back its series thinned and packed, with the batch warm-up left out of its figures', async () => {
    const full = await runHeadless({ doc: raw, seed: 5, durationSec: 20 }, clock);
    const kept = await runHeadless(
      { doc: raw, seed: 5, durationSec: 20, figures: { warmupSec: 5 }, keepRows: 8 },
      clock,
    );
    if (!full.ok || !kept.ok || !kept.kept) throw new Error('run failed');
    const { columns, data, spans, headline, warmupSec } = kept.kept;
    expect(columns).toEqual(full.outcome.columns);
    const rows = unpackRows(data, columns.length);
    expect(rows.length).toBeLessThanOrEqual(8);
    expect(rows).toHaveLength(spans.length);
    // Every second is still accounted for, and the last row ends at the run's end.
    expect(spans.reduce((a, b) => a + b, 0)).toBe(20);
    expect(rows.at(-1)![0]).toBe(20);
    const parsed = parsePipelineText(text);
    if (!parsed.ok) throw new Error('example invalid');
    // The figures the batch works out for this run (first 5 s left out), so Runs shows the point's.
    expect(warmupSec).toBe(5);
    expect(headline).toEqual(headlineMetrics({ ...full.outcome, doc: parsed.doc }, { warmupSec: 5 }));
    expect(headline.throughput).not.toBe(
      headlineMetrics({ ...full.outcome, doc: parsed.doc }, { warmupSec: 0 }).throughput,
    );
  });
});

describe('packRows / unpackRows', () => {
  it('round-trips rows, a missing cell as NaN', () => {
    const rows = [
      [1, 2, 3],
      [4, 5],
    ];
    const data = packRows(rows, 3);
    expect(data).toHaveLength(6);
    expect(unpackRows(data, 3)).toEqual([
      [1, 2, 3],
      [4, 5, NaN],
    ]);
    expect(unpackRows(new Float64Array(0), 0)).toEqual([]);
  });
});
