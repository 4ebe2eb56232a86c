// M/M/c. No pipeline forms one queue in front of c servers (a consumer group gives each member its
// own partitions, so c members are c separate queues). The engine's resource that is one is
// ServerPool: a broker's CPU cores, which request handling queues for. This case feeds it Poisson
// arrivals with exponential work, as a broker would be fed, and checks Erlang C.
import { ServerPool } from '../../core/engine/resource';
import { Rng } from '../../core/util/rng';
import { within, type Check, type ValidationCase } from '../case';
import { twoStandardErrors } from '../measure';
import { mmc } from '../theory';

const LAMBDA_PER_SEC = 15;
const MU_PER_SEC = 10;
const SERVERS = 2;
const CUSTOMERS = 1_000_000;
const WARMUP = 10_000;
const BATCHES = 20;
const SEED = 1;

/** The p-th share of sorted values: the smallest with at least that share at or below it. */
function quantile(sorted: Float64Array, p: number): number {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

export const mmcServerPool: ValidationCase = {
  id: 'mmc-server-pool',
  title: "M/M/2: the engine's shared pool of servers (broker CPU cores)",
  reference:
    'M/M/c with Erlang C: the worked example lambda = 15/s, mu = 10/s, c = 2 gives C = 9/14, Wq = 0.1286 s, ' +
    'W = 0.2286 s. The wait is 0 with chance 1 - C and otherwise exponential with rate c mu - lambda, so ' +
    'its p-quantile is ln(C / (1 - p)) / (c mu - lambda).',
  leavesOut:
    'This checks the queue discipline of ServerPool (work goes to the first free core, first come first ' +
    'served) and nothing about what a request costs: those costs are assumptions in costs.ts. Real request ' +
    'handling also has thread hand-offs and lock contention that no pool of identical servers shows.',
  run() {
    const pool = new ServerPool('cores', SERVERS);
    const rng = new Rng(SEED);
    const lambda = LAMBDA_PER_SEC / 1000;
    const mu = MU_PER_SEC / 1000;
    const waits = new Float64Array(CUSTOMERS);
    const times = new Float64Array(CUSTOMERS);
    let arrival = 0;
    for (let i = 0; i < WARMUP + CUSTOMERS; i++) {
      arrival += rng.exponential(lambda);
      const work = rng.exponential(mu);
      const end = pool.reserve(arrival, work);
      if (i < WARMUP) continue;
      times[i - WARMUP] = end - arrival;
      waits[i - WARMUP] = end - arrival - work;
    }
    const perBatch = CUSTOMERS / BATCHES;
    const batchMean = (xs: Float64Array) =>
      Array.from({ length: BATCHES }, (_, b) => {
        let sum = 0;
        for (let i = b * perBatch; i < (b + 1) * perBatch; i++) sum += xs[i]!;
        return sum / perBatch;
      });
    const mean = (xs: Float64Array) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const sortedWaits = waits.slice().sort();
    const theory = mmc(LAMBDA_PER_SEC, MU_PER_SEC, SERVERS);
    const bound = within(0.05);
    const waitQuantile = (p: number): Check => ({
      id: `mmc-server-pool.wait-p${p}`,
      quantity: `p${p} wait before service`,
      unit: 's',
      expected: theory.waitQuantile(p / 100),
      simulated: quantile(sortedWaits, p / 100) / 1000,
      bound,
    });
    // completion - arrival - work leaves float dust (1e-13 ms) for a customer who did not wait.
    let waited = 0;
    for (const w of waits) if (w > 1e-6) waited++;
    return {
      setup:
        `ServerPool with ${SERVERS} servers, called directly: Poisson arrivals at ${LAMBDA_PER_SEC}/s, exponential ` +
        `work with mean ${1000 / MU_PER_SEC} ms, engine's seeded generator with seed ${SEED}; the first ` +
        `${WARMUP.toLocaleString('en-US')} customers left out.`,
      isolates:
        'The pool alone: no pipeline, no transport. Waits are exact per customer (completion - arrival - work), ' +
        'so percentiles are order statistics, not histogram buckets.',
      samples: { count: CUSTOMERS, what: 'customers' },
      checks: [
        {
          id: 'mmc-server-pool.wait-chance',
          quantity: 'share of arrivals that wait (Erlang C)',
          unit: '',
          expected: theory.waitChance,
          simulated: waited / CUSTOMERS,
          bound,
        },
        {
          id: 'mmc-server-pool.wait',
          quantity: 'mean wait before service Wq',
          unit: 's',
          expected: theory.wq,
          simulated: mean(waits) / 1000,
          bound,
          uncertainty: twoStandardErrors(batchMean(waits)) / 1000,
        },
        {
          id: 'mmc-server-pool.mean',
          quantity: 'mean time in system W',
          unit: 's',
          expected: theory.w,
          simulated: mean(times) / 1000,
          bound,
          uncertainty: twoStandardErrors(batchMean(times)) / 1000,
        },
        waitQuantile(50),
        waitQuantile(95),
        waitQuantile(99),
      ],
    };
  },
};
