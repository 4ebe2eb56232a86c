// Little's law, L = lambda W: the time-averaged number of records in the system equals the arrival
// rate times their mean time in it. It holds for any system whose counts and times describe the
// same records, so it checks that the engine's record counts agree with its latencies.
import { within, type Check, type ValidationCase } from '../case';
import { describeQueue, runQueue, type QueueSpec } from './documents';

const BASE: QueueSpec = {
  arrivalsPerSec: 250,
  service: 'exponential',
  serviceMs: 2,
  durationSec: 200,
  seed: 1,
};
const SAMPLE_EVERY_MS = 2;
// Fetches held back until 1 MiB or 500 ms have gathered: each poll takes about 225 records at once.
const LONG_POLLS: QueueSpec = {
  ...BASE,
  arrivalsPerSec: 450,
  service: 'fixed',
  serviceMs: 1,
  fetchMinBytes: 1_048_576,
  fetchMaxWaitMs: 500,
};

function littleCheck(id: string, label: string, spec: QueueSpec): { check: Check; records: number } {
  const run = runQueue(spec, SAMPLE_EVERY_MS);
  const m = run.main;
  return {
    records: m.records,
    check: {
      id,
      quantity: `records in system L, ${label}`,
      unit: 'records',
      expected: (m.arrivalsPerSec * m.meanMs) / 1000,
      simulated: m.inSystem,
      bound: within(0.05),
    },
  };
}

export const littlesLaw: ValidationCase = {
  id: 'little',
  title: "Little's law on the M/M/1 pipeline at rho = 0.5",
  reference:
    "Little's law L = lambda W, with lambda the run's arrival rate and W its mean end-to-end latency " +
    '(creation to processed); L is the time average of produced - consumed.',
  leavesOut:
    'Nothing of the model: the law holds exactly for consistent counts, so any miss is bookkeeping, not ' +
    'physics. A record counts as consumed when it is done, not when its whole poll is: a metrics tick counts ' +
    'the records of a poll finished so far, and a reading between ticks adds them too. Sampled every 2 ' +
    'simulated milliseconds, which adds a little noise, not bias.',
  run() {
    const defaults = littleCheck('little.default-poll', 'default max.poll.records (500)', BASE);
    const single = littleCheck('little.one-per-poll', 'max.poll.records = 1', { ...BASE, maxPollRecords: 1 });
    // Polls of more than 64 records are costed as one evenly spread span: counted the same way?
    const busy = littleCheck(
      'little.long-polls',
      'polls of about 225 records (fetch.min.bytes 1 MiB, fetch.max.wait.ms 500), fixed 1 ms a record',
      LONG_POLLS,
    );
    return {
      setup:
        `${describeQueue(BASE)} Run three times: with the default max.poll.records, with 1, and at 450 ` +
        'records/s with a fixed 1 ms a record and fetches held back until 1 MiB or 500 ms have gathered, so ' +
        'that each poll takes about 225 records and takes about 225 ms to process.',
      isolates:
        'Nothing is subtracted: L counts records from creation to being counted as consumed, and W times the ' +
        'same records from creation to processed, transport included in both.',
      samples: { count: defaults.records + single.records + busy.records, what: 'records (all three runs)' },
      checks: [defaults.check, single.check, busy.check],
    };
  },
};
