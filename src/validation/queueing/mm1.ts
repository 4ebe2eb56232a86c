// M/M/1: Poisson arrivals to one consumer with exponential per-record cost. The time in system is
// exponential with rate mu - lambda, so its mean and every percentile have a closed form.
import { within, type Check, type ValidationCase } from '../case';
import { twoStandardErrors, type LatencyFigures } from '../measure';
import { mm1 } from '../theory';
import { describeQueue, GROUP_ID, runQueue, transportNote, type QueueSpec } from './documents';

const LEAVES_OUT =
  "Besides the group's processing setting, the consumer's own work (decoding each record, a few hundred CPU " +
  'cycles) and its rare garbage-collection pauses lengthen the service a little; at 2 ms a record they stay ' +
  'well inside the bound. The engine costs polls of more than 64 records with random costs as one ' +
  'gamma-distributed total spread evenly over the poll; at these loads such polls are too rare to matter.';

function mm1Case(id: string, title: string, spec: QueueSpec, scaleNote: string): ValidationCase {
  return {
    id,
    title,
    reference: `M/M/1: W = 1/(mu - lambda); time in system exponential with rate mu - lambda. ${scaleNote}`,
    leavesOut: LEAVES_OUT,
    run() {
      const run = runQueue(spec);
      const lambda = spec.arrivalsPerSec / 1000;
      const mu = 1 / spec.serviceMs;
      const theory = mm1(lambda, mu);
      const transport = run.transport.meanMs;
      const m = run.main;
      const bound = within(0.05);
      const noise = (key: keyof LatencyFigures) => twoStandardErrors(m.batchFigures.map((b) => b[key]));
      const percentile = (p: 50 | 95 | 99): Check => ({
        id: `${id}.p${p}`,
        quantity: `p${p} time in system`,
        unit: 'ms',
        expected: theory.timeInSystemQuantile(p / 100),
        simulated: m[`p${p}Ms`] - transport,
        bound,
        uncertainty: noise(`p${p}Ms`),
      });
      return {
        setup: describeQueue(spec),
        isolates: transportNote(run),
        samples: { count: m.records, what: 'records' },
        checks: [
          {
            id: `${id}.mean`,
            quantity: 'mean time in system W',
            unit: 'ms',
            expected: theory.w,
            simulated: m.meanMs - transport,
            bound,
            uncertainty: noise('meanMs'),
          },
          percentile(50),
          percentile(95),
          percentile(99),
          {
            id: `${id}.summary-p99`,
            quantity: 'p99 time in system as the run summary reports it (whole run, no warm-up cut)',
            unit: 'ms',
            expected: theory.timeInSystemQuantile(0.99),
            simulated: m.summary.consumerGroups[GROUP_ID]!.latencyMs.p99 - transport,
            bound,
          },
        ],
      };
    },
  };
}

/** Half loaded: the noise is small, so the percentiles are a sharp test of the shape. */
export const mm1Half = mm1Case(
  'mm1-half',
  'M/M/1 at rho = 0.5',
  { arrivalsPerSec: 250, service: 'exponential', serviceMs: 2, durationSec: 1200, seed: 1 },
  'lambda = 250/s, mu = 500/s: W = 4 ms.',
);

/** The reference's worked example (lambda 8/s, mu 10/s, W 0.5 s), run 50 times faster. */
export const mm1Worked = mm1Case(
  'mm1-worked',
  'M/M/1 at rho = 0.8 (the worked example)',
  { arrivalsPerSec: 400, service: 'exponential', serviceMs: 2, durationSec: 3000, seed: 1 },
  'The worked example lambda = 8/s, mu = 10/s (W = 0.5 s) with time running 50 times faster: lambda = 400/s, ' +
    'mu = 500/s, W = 10 ms. Near capacity a queue is noisy, hence the long run.',
);
