// Spark's PIDRateEstimator against test vectors: two from the reference (kafka-spark-facts.md) and
// two worked by hand here, one with every term non-zero at a batch interval other than 1 s and one
// that ends on the minRate floor.
import { PidRateEstimator, PID_DEFAULTS, type PidSettings } from '../../core/spark/pidRateEstimator';
import { withinAbsolute, type Check, type ValidationCase } from '../case';

type Call = [timeMs: number, records: number, processingMs: number, schedulingDelayMs: number];

interface Vector {
  id: string;
  label: string;
  settings: PidSettings;
  calls: Call[];
  /** The rate each call after the first should return (the first only primes the estimator). */
  rates: number[];
}

const VECTORS: Vector[] = [
  {
    id: 'ref-20ms',
    label: 'reference: batch 20 ms, P 1, I 0, D 0, minRate 10',
    settings: { batchIntervalMs: 20, proportional: 1, integral: 0, derivative: 0, minRate: 10 },
    calls: [
      [0, 10, 10, 0],
      [10, 10, 10, 0],
    ],
    rates: [1000],
  },
  {
    id: 'ref-defaults',
    label: 'reference: defaults (P 1, I 0.2, D 0, minRate 100), batch 1 s',
    settings: { batchIntervalMs: 1000, ...PID_DEFAULTS },
    calls: [
      [1000, 5000, 500, 0],
      [2000, 5000, 1000, 200],
      [3000, 4800, 1200, 400],
    ],
    rates: [4800, 3680],
  },
  {
    // By hand: primed at 8000/s. Then rate 5000/s, error 3000, historical 100 * 5000 / 500 = 1000,
    // dError 3000 / 0.5 = 6000: 8000 - 1500 - 100 - 300 = 6100. Then rate 6000/s, error 100,
    // historical 300 * 6000 / 500 = 3600, dError (100 - 3000) / 0.6: 6100 - 50 - 360 + 241.667.
    id: 'hand-all-terms',
    label: 'by hand: batch 500 ms, P 0.5, I 0.1, D 0.05, minRate 50',
    settings: { batchIntervalMs: 500, proportional: 0.5, integral: 0.1, derivative: 0.05, minRate: 50 },
    calls: [
      [500, 2000, 250, 0],
      [1000, 2000, 400, 100],
      [1600, 3000, 500, 300],
    ],
    rates: [6100, 6100 - 50 - 360 + (0.05 * 2900) / 0.6],
  },
  {
    // By hand: primed at 10000/s; then 100 records in 1 s with 5 s of scheduling delay:
    // 10000 - 9900 - 0.2 * 500 = 0, held at minRate 100.
    id: 'hand-floor',
    label: 'by hand: defaults, a collapse held at minRate',
    settings: { batchIntervalMs: 1000, ...PID_DEFAULTS },
    calls: [
      [1000, 5000, 500, 0],
      [2000, 100, 1000, 5000],
    ],
    rates: [100],
  },
];

export const pidVectors: ValidationCase = {
  id: 'spark-pid',
  title: 'Backpressure: the PID rate estimator',
  reference:
    "Spark's PIDRateEstimator (spark.streaming.backpressure.pid.*): newRate = max(latestRate - P error - I " +
    'historicalError - D dError, minRate); the first batch only primes it. Vectors from kafka-spark-facts.md ' +
    'and worked by hand.',
  leavesOut:
    'The estimator is reproduced formula for formula; what it is fed (processing and scheduling delays) ' +
    'comes from the simulated batches.',
  run() {
    const checks: Check[] = [];
    for (const v of VECTORS) {
      const estimator = new PidRateEstimator(v.settings);
      const out = v.calls.map(([t, n, p, s]) => estimator.compute(t, n, p, s));
      checks.push({
        id: `spark-pid.${v.id}.primed`,
        quantity: `${v.label}: calls before the first rate`,
        unit: '',
        expected: 1,
        simulated: out.findIndex((r) => r !== undefined),
        bound: withinAbsolute(0),
      });
      v.rates.forEach((rate, k) =>
        checks.push({
          id: `spark-pid.${v.id}.rate${k + 1}`,
          quantity: `${v.label}: rate after batch ${k + 2}`,
          unit: 'records/s',
          expected: rate,
          simulated: out[k + 1] ?? NaN,
          bound: withinAbsolute(1e-6),
        }),
      );
    }
    return {
      setup:
        "PidRateEstimator called directly with each vector's batches (time, records, processing ms, scheduling delay ms).",
      checks,
    };
  },
};
