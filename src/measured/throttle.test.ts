// How a pasted perf test is taken: held to a rate or flat out. The figures are made up for the
// test: a producer set to 20,000 records/s, perf-test summaries at rates near it, far above and
// below, with and without the command line that ran them.
import { describe, expect, it } from 'vitest';
import type { Producer } from '../model/types';
import { producerFitRefusal } from './calibrate';
import { parseProducerPerf } from './producerPerf';
import { sparkDocument } from './testDocs';
import { configuredRates, heldCalibrationWarning, perfRunEvidence, perfRunMode } from './throttle';
import type { ProducerPerfMeasurement } from './types';

const summary = (rate: number) =>
  `600000 records sent, ${rate} records/sec (5.72 MB/sec), 2.10 ms avg latency, 80.00 ms max latency, 2 ms 50th, 4 ms 95th, 9 ms 99th, 60 ms 99.9th.`;

const perf = (text: string): ProducerPerfMeasurement => {
  const r = parseProducerPerf(text);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.value;
};

/** The test document's producer with another rate. */
function producer(rate: Producer['rate']): Producer {
  return { ...sparkDocument(100).producers[0]!, rate };
}

const at20k = producer({ kind: 'constant', recordsPerSec: 20_000, schedule: [] });

describe('how a perf test ran', () => {
  it("reads a run at the producer's own rate as held to it (the review's case: 19,999 against 20,000)", () => {
    const ev = perfRunEvidence(perf(summary(19999.2)), at20k);
    expect(ev).toMatchObject({ throttled: true, throughput: 20_000, source: 'rate' });
    expect(ev.reason).toContain('within 0.1% of web');
    // Still a match at 2.5% off, not at 4% (the limit is 3%).
    expect(perfRunEvidence(perf(summary(19_500)), at20k).throttled).toBe(true);
    expect(perfRunEvidence(perf(summary(20_500)), at20k).throttled).toBe(true);
    expect(perfRunEvidence(perf(summary(19_200)), at20k).throttled).toBeNull();
    // With no word from the user, the comparison is held to 20,000 records/s.
    const mode = perfRunMode(perf(summary(19999.2)), at20k, null);
    expect(mode).toMatchObject({ throttled: true, throughput: 20_000, decidedBy: 'rate', warning: null });
  });

  it('reads a run far above every rate the producer is set to as flat out', () => {
    const ev = perfRunEvidence(perf(summary(883_325)), at20k);
    expect(ev).toMatchObject({ throttled: false, throughput: null, source: 'rate' });
    expect(perfRunMode(perf(summary(883_325)), at20k, null).throttled).toBe(false);
  });

  it('matches a step of the rate as well as the base rate', () => {
    const stepped = producer({
      kind: 'poisson',
      recordsPerSec: 5_000,
      schedule: [{ kind: 'step', atSec: 30, recordsPerSec: 12_000 }],
    });
    expect(configuredRates(stepped)).toEqual([5_000, 12_000]);
    expect(perfRunEvidence(perf(summary(11_950)), stepped)).toMatchObject({
      throttled: true,
      throughput: 12_000,
    });
    // Between the two, well off both: the text does not say.
    expect(perfRunEvidence(perf(summary(8_000)), stepped).throttled).toBeNull();
    // Above the step's rate by more than 3%: not held to either.
    expect(perfRunEvidence(perf(summary(13_000)), stepped).throttled).toBe(false);
  });

  it("below the producer's rate the text does not say: taken as load.sh runs it, held to the rate", () => {
    const m = perf(summary(12_000));
    expect(perfRunEvidence(m, at20k).source).toBe('none');
    const mode = perfRunMode(m, at20k, null);
    expect(mode).toMatchObject({ throttled: true, throughput: 20_000, decidedBy: 'default' });
    expect(mode.note).toContain('as the exported load.sh runs it');
    // A producer without a rate ('max') is run at --throughput -1 by load.sh.
    const flat = producer({ kind: 'max', recordsPerSec: 0, schedule: [] });
    expect(perfRunMode(m, flat, null)).toMatchObject({ throttled: false, decidedBy: 'default' });
  });

  it('the pasted command line decides, whatever the rate looks like or the box says', () => {
    const flatOut = perf(`kafka-producer-perf-test.sh --topic clicks --throughput -1\n${summary(19999.2)}`);
    expect(perfRunEvidence(flatOut, at20k)).toMatchObject({ throttled: false, source: 'command' });
    const mode = perfRunMode(flatOut, at20k, true);
    expect(mode).toMatchObject({ throttled: false, decidedBy: 'command' });
    expect(mode.warning).not.toBeNull();
    // Held to a rate other than the producer's: the simulated test is held to the command's.
    const held = perf(`kafka-producer-perf-test.sh --topic clicks --throughput 15000\n${summary(14_990)}`);
    expect(perfRunMode(held, at20k, false)).toMatchObject({ throttled: true, throughput: 15_000 });
  });

  it("the user's word goes over the measured rate, with a warning when they disagree", () => {
    const m = perf(summary(19999.2));
    const flat = perfRunMode(m, at20k, false);
    expect(flat).toMatchObject({ throttled: false, throughput: null, decidedBy: 'user' });
    expect(flat.warning).toMatch(/within 0\.1% of web's rate.*Yet it is taken as a run flat out/);
    // Agreeing with the text: no warning.
    expect(perfRunMode(m, at20k, true).warning).toBeNull();
    expect(perfRunMode(perf(summary(883_325)), at20k, false).warning).toBeNull();
  });
});

describe('no producer fit from a run held to a rate', () => {
  it('refuses with why and the run to do instead; a run flat out is fitted', () => {
    const refused = producerFitRefusal('checkout', { throttled: true, throughput: 20_000 }, 19999.2);
    expect(refused).toContain('held to --throughput 20000');
    expect(refused).toContain('19,999 records/s');
    expect(refused).toContain('--throughput -1');
    expect(producerFitRefusal('checkout', { throttled: false, throughput: null }, 883_325)).toBeNull();
  });
});

describe('a producer fit already in the document', () => {
  const note = (measured: number) => ({
    setting: 'producers[web].clientCostPerRecordUs',
    value: 49.99,
    source: 'kafka-producer-perf-test records/sec (line 1)',
    measured,
    simulated: measured,
  });

  it("is flagged when its measured rate is the producer's own (the review's 49.99 µs from 19,999 records/s)", () => {
    const held = heldCalibrationWarning({
      ...at20k,
      clientCostPerRecordUs: 49.99,
      calibration: note(19999.2),
    });
    expect(held).toContain('--throughput 20000');
    expect(held).toContain('undo the fit');
    // A rate far from the producer's: a flat-out run, nothing to say.
    expect(heldCalibrationWarning({ ...at20k, calibration: note(250_000) })).toBeNull();
    // Without a note, or a producer without a rate: nothing.
    expect(heldCalibrationWarning(at20k)).toBeNull();
    const flat = producer({ kind: 'max', recordsPerSec: 0, schedule: [] });
    expect(heldCalibrationWarning({ ...flat, calibration: note(19999.2) })).toBeNull();
  });
});
