// Same document and seed: the same numbers, however the run is sliced. Another seed: other numbers.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePipelineText } from '../../model/parse';
import type { Pipeline } from '../../model/types';
import { randomPipeline } from '../testing/randomPipeline';
import { Rng } from '../util/rng';
import { Simulation } from './simulation';

function example(name: string): Pipeline {
  const r = parsePipelineText(readFileSync(`examples/${name}.json`, 'utf8'));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.doc;
}

function runSliced(doc: Pipeline, endMs: number, slices: number[], seed?: number) {
  const sim = new Simulation(doc, seed === undefined ? {} : { seed });
  let t = 0;
  for (const step of slices) {
    t = Math.min(endMs, t + step);
    sim.runUntil(t);
  }
  sim.runUntil(endMs);
  return { summary: sim.summary(), series: sim.metrics.series().rows };
}

describe('determinism', () => {
  const doc = example('iot-sensor-monitoring');
  const whole = runSliced(doc, 20_000, [20_000]);

  it('gives identical results in one go and in slices of different sizes', () => {
    const rng = new Rng(99);
    const randomSlices = Array.from({ length: 400 }, () => rng.next() * 100);
    for (const slices of [[1], [0.37, 1000, 3.3], [999.999], randomSlices]) {
      const repeated = Array.from(
        { length: Math.ceil(20_000 / Math.min(...slices)) + 1 },
        (_, i) => slices[i % slices.length]!,
      );
      const sliced = runSliced(doc, 20_000, repeated.slice(0, 25_000));
      expect(sliced.summary).toEqual(whole.summary);
      expect(sliced.series).toEqual(whole.series);
    }
  });

  it('gives identical results for a fresh run with the same seed', () => {
    expect(runSliced(doc, 20_000, [20_000]).summary).toEqual(whole.summary);
  });

  it('changes the numbers with another seed', () => {
    const other = runSliced(doc, 20_000, [20_000], 12345);
    expect(other.summary.records.produced).not.toBe(whole.summary.records.produced);
    expect(other.summary.latencyMs).not.toEqual(whole.summary.latencyMs);
  });

  it('is deterministic for random pipelines too', () => {
    for (const seed of [3, 17, 29]) {
      const d = randomPipeline(seed);
      expect(runSliced(d, 8_000, [8_000]).summary).toEqual(runSliced(d, 8_000, [123.4, 77]).summary);
    }
  });
});
