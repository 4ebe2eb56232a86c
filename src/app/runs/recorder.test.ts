import { describe, expect, it } from 'vitest';
import { testDoc } from '../canvas/testDoc';
import { headlineOf } from './archive';
import { toSavedRun, type FinishedRun } from './recorder';

function finished(): FinishedRun {
  // Four seconds of one producer's acknowledgements: 100, 200, 300, 400 (mean 250).
  const columns = ['second', 'web.producedBytes', 'web.produced', 'web.acknowledged', 'latency.p99'];
  const rows = [1, 2, 3, 4].map((s) => [s, 0, 100 * s, 100 * s, 10 * s]);
  return {
    doc: testDoc(),
    columns,
    rows,
    spans: rows.map(() => 1),
    totals: null,
    finishedAt: 1_700_000_000_000,
    wallSec: 3.25,
  };
}

describe('recorder', () => {
  it('keeps a run with its document, seed, number, name and figures', () => {
    const run = finished();
    const headline = headlineOf(run);
    // Mean of the acknowledged column over the whole run: (100 + 200 + 300 + 400) / 4.
    expect(headline.throughput).toBe(250);
    // Mean of the per-second p99: (10 + 20 + 30 + 40) / 4.
    expect(headline.p99).toBe(25);
    const saved = toSavedRun(run, 3, headline, 'fixed');
    expect(saved).toMatchObject({
      id: 'fixed',
      seq: 3,
      name: `${run.doc.name} #3`,
      seed: run.doc.run.seed,
      finishedAt: run.finishedAt,
      wallSec: 3.25,
      headline,
    });
    expect(saved.doc).toBe(run.doc);
    expect(saved.rows).toEqual(run.rows);
  });

  it("leaves out the sweep's default warm-up (the first 10 s of a 120 s run), as a sweep point does", () => {
    const base = finished();
    const doc = { ...base.doc, run: { ...base.doc.run, durationSec: 120 } };
    // Seconds 1..20, acknowledged 100 x second: after the first 10 s, the mean of 1100..2000 is 1550
    // (over the whole run it would be 1050). p99 is 5 ms for the first 10 s, then 50 ms.
    const rows = Array.from({ length: 20 }, (_, i) => [
      i + 1,
      0,
      100 * (i + 1),
      100 * (i + 1),
      i < 10 ? 5 : 50,
    ]);
    const run: FinishedRun = { ...base, doc, rows, spans: rows.map(() => 1) };
    const headline = headlineOf(run);
    expect(headline.throughput).toBe(1550);
    expect(headline.p99).toBe(50);
    expect(toSavedRun(run, 1, headline, 'w').warmupSec).toBe(10);
  });

  it('thins a long series before keeping it', () => {
    const run = finished();
    const rows = Array.from({ length: 2000 }, (_, i) => [i + 1, 0, 5, 5, 1]);
    const saved = toSavedRun({ ...run, rows, spans: rows.map(() => 1) }, 1, {}, 'x');
    expect(saved.rows.length).toBeLessThanOrEqual(600);
    // The spans still cover every second of the run.
    expect(saved.spans.reduce((a, b) => a + b, 0)).toBe(2000);
    expect(saved.rows.at(-1)![0]).toBe(2000);
  });
});
