// Runs a pipeline document and reads what a validation case compares, after a warm-up cut: the
// records a reader finished after the warm-up (their latency distribution from the engine's own
// histogram), the arrival rate, and the time-averaged number of records in the system.
import { JsHistogram, build } from 'hdr-histogram-js';
import type { Pipeline } from '../model/types';
import { Simulation } from '../core/engine/simulation';
import { recordTotals } from '../core/engine/probe';
import type { RunSummary } from '../core/engine/summary';

export interface MeasureOptions {
  /** Records finished before this simulated time are left out: the queue starts empty. */
  warmupMs: number;
  endMs: number;
  /** The consumer group or Spark job whose end-to-end latency is read. */
  readerId: string;
  /**
   * Samples produced - consumed (records created and not yet counted as processed) every this many
   * simulated ms after the warm-up, for Little's law. 0 or undefined: no sampling.
   */
  sampleEveryMs?: number;
  /**
   * Splits the measured span into this many equal stretches of time and returns the latency
   * figures of each (batch means), from which a case estimates the noise of the overall figures.
   */
  batches?: number;
}

export interface LatencyFigures {
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

export interface Measurement extends LatencyFigures {
  /** Records the reader finished after the warm-up. */
  records: number;
  /** Records created per second after the warm-up. */
  arrivalsPerSec: number;
  /** Time-averaged records in the system after the warm-up (NaN without sampling). */
  inSystem: number;
  /** The same figures for the records finished in each stretch (empty without `batches`). */
  batchFigures: LatencyFigures[];
  /** The run's own summary over the whole run (no warm-up cut): what the CLI and the app show. */
  summary: RunSummary;
}

/**
 * About two standard errors of a figure over the whole span, from its values in equal stretches
 * (batch means): stretches much longer than a busy period are close to independent.
 */
export function twoStandardErrors(values: readonly number[]): number {
  const k = values.length;
  if (k < 2) return NaN;
  const mean = values.reduce((a, b) => a + b, 0) / k;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (k - 1);
  return 2 * Math.sqrt(variance / k);
}

/** Latency figures of the records in `h` (count and sum kept apart: the histogram has no exact sum). */
function figures(h: JsHistogram, count: number, sumMs: number): LatencyFigures {
  // The engine reports a percentile as its bucket's upper edge (within 0.1%), in microseconds.
  const at = (p: number) => h.getValueAtPercentile(p) / 1000;
  return { meanMs: count > 0 ? sumMs / count : NaN, p50Ms: at(50), p95Ms: at(95), p99Ms: at(99) };
}

/** A histogram laid out as the engine's (microseconds, 3 significant digits), so buckets line up. */
function histogram(): JsHistogram {
  const h = build({
    bitBucketSize: 64,
    lowestDiscernibleValue: 1,
    numberOfSignificantValueDigits: 3,
    autoResize: true,
  });
  if (!(h instanceof JsHistogram)) throw new Error('expected the JavaScript HDR histogram');
  return h;
}

export function measure(doc: Pipeline, o: MeasureOptions): Measurement {
  const sim = new Simulation(doc);
  const recorder = sim.readerLatency.get(o.readerId);
  if (!recorder) throw new Error(`no reader '${o.readerId}' in the document`);
  sim.runUntil(o.warmupMs);
  const before = histogram();
  const [countBefore, sumBefore] = recorder.addTo(before, 'overall');
  const producedBefore = recordTotals(sim).produced;

  let area = 0;
  let samples = 0;
  const step = o.sampleEveryMs ?? 0;
  const batches = o.batches ?? 0;
  const batchFigures: LatencyFigures[] = [];
  let previous = before;
  let [count, sum] = [countBefore, sumBefore];
  const stops = batches > 0 ? batches : 1;
  for (let b = 1; b <= stops; b++) {
    const stopMs = o.warmupMs + ((o.endMs - o.warmupMs) * b) / stops;
    if (step > 0) {
      // Sampling at fixed instants: Poisson arrivals see no pattern in them, so the average of the
      // samples estimates the time average.
      for (let t = sim.nowMs + step; t <= stopMs; t += step) {
        sim.runUntil(t);
        const r = recordTotals(sim);
        area += r.produced - r.consumed - r.refused - r.dropped - r.lost;
        samples++;
      }
    }
    sim.runUntil(stopMs);
    if (batches > 0) {
      const now = histogram();
      const [c, s] = recorder.addTo(now, 'overall');
      const stretch = histogram();
      stretch.add(now);
      stretch.subtract(previous);
      batchFigures.push(figures(stretch, c - count, s - sum));
      [previous, count, sum] = [now, c, s];
    }
  }

  const after = histogram();
  const [countAfter, sumAfter] = recorder.addTo(after, 'overall');
  after.subtract(before);
  const records = countAfter - countBefore;
  return {
    records,
    ...figures(after, records, sumAfter - sumBefore),
    arrivalsPerSec: ((recordTotals(sim).produced - producedBefore) * 1000) / (o.endMs - o.warmupMs),
    inSystem: samples > 0 ? area / samples : NaN,
    batchFigures,
    summary: sim.summary(),
  };
}
