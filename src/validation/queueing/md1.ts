// M/D/1: Poisson arrivals to one consumer whose per-record cost is fixed. The mean wait before
// service is half of M/M/1's at the same load (Pollaczek-Khinchine with no service variance).
import { within, type ValidationCase } from '../case';
import { twoStandardErrors } from '../measure';
import { md1 } from '../theory';
import { describeQueue, runQueue, transportNote, type QueueSpec } from './documents';

const SPEC: QueueSpec = { arrivalsPerSec: 400, service: 'fixed', serviceMs: 2, durationSec: 2400, seed: 1 };

/** The reference's worked example (lambda 8/s, mu 10/s, Wq 0.2 s), run 50 times faster. */
export const md1Worked: ValidationCase = {
  id: 'md1-worked',
  title: 'M/D/1 at rho = 0.8 (the worked example)',
  reference:
    'M/D/1: Wq = rho / (2 mu (1 - rho)). The worked example lambda = 8/s, mu = 10/s (Wq = 0.2 s) with time ' +
    'running 50 times faster: lambda = 400/s, service exactly 2 ms, Wq = 4 ms, W = 6 ms.',
  leavesOut:
    'Real processing times are never exactly constant; a fixed cost is the lower bound of the wait at a given ' +
    "load. The consumer's own decoding and its garbage-collection pauses add a little, as for M/M/1.",
  run() {
    const run = runQueue(SPEC);
    const theory = md1(SPEC.arrivalsPerSec / 1000, 1 / SPEC.serviceMs);
    const transport = run.transport.meanMs;
    const m = run.main;
    // Every record's service is exactly serviceMs, so the wait is what is left of the time in system.
    const waits = m.batchFigures.map((b) => b.meanMs - transport - SPEC.serviceMs);
    return {
      setup: describeQueue(SPEC),
      isolates: `${transportNote(run)} The wait before service is that time in system minus the fixed ${SPEC.serviceMs} ms of service.`,
      samples: { count: m.records, what: 'records' },
      checks: [
        {
          id: 'md1-worked.wait',
          quantity: 'mean wait before service Wq',
          unit: 'ms',
          expected: theory.wq,
          simulated: m.meanMs - transport - SPEC.serviceMs,
          bound: within(0.05),
          uncertainty: twoStandardErrors(waits),
        },
        {
          id: 'md1-worked.mean',
          quantity: 'mean time in system W',
          unit: 'ms',
          expected: theory.w,
          simulated: m.meanMs - transport,
          bound: within(0.05),
          uncertainty: twoStandardErrors(waits),
        },
      ],
    };
  },
};
