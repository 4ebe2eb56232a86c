import { describe, expect, it } from 'vitest';
import { readSetting } from '../whatif/settings';
import { runLocally } from '../whatif/local';
import type { Pipeline } from '../model/types';
import {
  applyFit,
  costliestStage,
  fitToMeasurement,
  producerCostPlan,
  producerMachinePlan,
  stageCostPlan,
  type SimulateFn,
} from './calibrate';
import {
  fittedFigure,
  perfTestDocument,
  simulatedProcessedRate,
  type SimulatedRun,
  type SummaryLike,
} from './compare';
import { parsePipeline } from '../model/parse';
import { sparkDocument } from './testDocs';
import { parseMeasurement } from './detect';
import { perfOverall } from './producerPerf';

/** The engine in-process, with its summary. */
const engine: SimulateFn = async (doc: Pipeline) => {
  const o = await runLocally(doc, doc.run.seed, undefined, { withSummary: true });
  return { columns: o.columns, rows: o.rows, summary: o.summary as SummaryLike };
};

describe('fit to measurement', () => {
  it("recovers a Spark stage's known cost from a simulated 'measurement' of the processed rate", async () => {
    const TRUE_COST = 150;
    const truth = await engine(sparkDocument(TRUE_COST));
    const measured = simulatedProcessedRate(truth.summary, 'job')!;
    expect(measured).toBeGreaterThan(1000);
    // Start from a cost almost four times too low.
    const doc = sparkDocument(40);
    expect(costliestStage(doc, 'job')!.id).toBe('parse');
    const plan = stageCostPlan(doc, 'job', 'parse', { processedRowsPerSec: measured, line: 1 });
    const result = await fitToMeasurement(plan, engine);
    expect(result.outcome).toBe('found');
    // The bisection stops when its bracket is within 1% of the value and interpolates between the
    // ends; the runs are deterministic and the rate is smooth in the cost (1% of cost moves it
    // about 0.6%), so the estimate lands well inside the bracket. 2% leaves room for the 4-digit
    // rounding and for the event order changing with the cost.
    expect(Math.abs(result.value! - TRUE_COST) / TRUE_COST).toBeLessThan(0.02);
    expect(Math.abs(result.simulated! - measured) / measured).toBeLessThan(0.01);
    expect(result.previous).toBe(40);
    expect(result.probes.length).toBeLessThanOrEqual(30);

    const written = applyFit(plan, result, '2026-03-02T10:00:00.000Z');
    if (!written.ok) throw new Error(written.error);
    expect(readSetting(written.doc, 'sparkJobs[job].stages[parse].costPerRecordUs')).toBe(result.value);
    const stage = written.doc.sparkJobs[0]!.stages[0]!;
    expect(stage.calibration).toMatchObject({
      setting: 'sparkJobs[job].stages[parse].costPerRecordUs',
      value: result.value,
      previous: 40,
      measured,
      date: '2026-03-02T10:00:00.000Z',
    });
    // The note survives the document's own parser (a saved file opens again).
    expect(parsePipeline(JSON.parse(JSON.stringify(written.doc))).ok).toBe(true);
  }, 120_000);

  it("recovers a producer's known client cost from a simulated perf test fed in as the tool's summary line", async () => {
    const TRUE_COST_US = 6;
    const doc = sparkDocument(100);
    expect(doc.producers[0]!.clientCostPerRecordUs).toBeUndefined();
    // The "real" run: a perf test of web alone at the true cost, 20 s.
    const truthDoc = perfTestDocument(
      { ...doc, producers: doc.producers.map((p) => ({ ...p, clientCostPerRecordUs: TRUE_COST_US })) },
      'web',
      { durationSec: 20 },
    );
    const truth = await engine(truthDoc);
    const rate = truth.summary.producers.web!.ackedPerSec;
    // One thread at 6 µs a record: about 166,667 records/s (a little less for GC pauses and start-up).
    expect(rate).toBeGreaterThan((1e6 / TRUE_COST_US) * 0.9);
    expect(rate).toBeLessThan((1e6 / TRUE_COST_US) * 1.01);
    // Written as kafka-producer-perf-test prints its summary, then read back by the parser.
    const records = Math.round(rate * 20);
    const mb = ((rate * 200) / 1024 / 1024).toFixed(2);
    const text = `${records} records sent, ${rate.toFixed(1)} records/sec (${mb} MB/sec), 3.10 ms avg latency, 40.00 ms max latency, 3 ms 50th, 5 ms 95th, 9 ms 99th, 30 ms 99.9th.`;
    const parsed = parseMeasurement(text);
    if (!parsed.ok || parsed.value.kind !== 'producerPerf') throw new Error('the summary did not read');
    const all = perfOverall(parsed.value);
    const plan = producerCostPlan(doc, 'web', {
      recordsPerSec: all.recordsPerSec,
      records: all.records,
      line: all.line,
    });
    expect(plan.path).toBe('producers[web].clientCostPerRecordUs');
    expect(plan.wasUnset).toBe(true);
    // The first guess: the time per record the measured rate leaves one thread.
    expect(readSetting(plan.prepared, plan.path)).toBeCloseTo(1e6 / all.recordsPerSec, 2);
    const result = await fitToMeasurement(plan, engine);
    expect(result.outcome).toBe('found');
    // Stated tolerance: within 2% of the true cost (the bracket closes at 1%, the value is then
    // interpolated and rounded to 4 digits).
    expect(Math.abs(result.value! - TRUE_COST_US) / TRUE_COST_US).toBeLessThan(0.02);
    const written = applyFit(plan, result, '2026-12-07T09:00:00.000Z');
    if (!written.ok) throw new Error(written.error);
    const web = written.doc.producers[0]!;
    expect(web.clientCostPerRecordUs).toBe(result.value);
    // Nothing else moved: no machine was made, the host and the clock are as they were.
    expect(web.host).toBeUndefined();
    expect(written.doc.cluster).toEqual(doc.cluster);
    expect(web.calibration).toMatchObject({
      setting: 'producers[web].clientCostPerRecordUs',
      value: result.value,
      source: 'kafka-producer-perf-test records/sec (line 1)',
      measured: all.recordsPerSec,
      date: '2026-12-07T09:00:00.000Z',
    });
    // The cost was not set before: the note has no previous value.
    expect(web.calibration!.previous).toBeUndefined();
    expect(parsePipeline(JSON.parse(JSON.stringify(written.doc))).ok).toBe(true);
    // A second fit starts from the written cost and records it as the previous value.
    const again = producerCostPlan(written.doc, 'web', { recordsPerSec: rate / 2, records, line: 1 });
    expect(again.wasUnset).toBe(false);
    expect(readSetting(again.prepared, again.path)).toBe(result.value);
  }, 120_000);

  it("recovers a producer machine's speed from a simulated perf test, giving the producer a machine of its own", async () => {
    const TRUE_GHZ = 1.5;
    const doc = sparkDocument(100);
    const probePlan = producerMachinePlan(doc, 'web', { recordsPerSec: 1, records: 10, line: 1 });
    expect(probePlan.path).toBe('cluster.hosts[web-machine].hardware.cpuGHz');
    expect(probePlan.explanation).toMatch(/gets one \(web-machine\)/);
    // The "measurement": the perf test's copy at the true speed.
    const atTruth = probePlan.prepared.cluster.hosts.map((h) => ({
      ...h,
      hardware: { ...h.hardware, cpuGHz: TRUE_GHZ },
    }));
    const truthDoc = probePlan.simulated({
      ...probePlan.prepared,
      cluster: { ...probePlan.prepared.cluster, hosts: atTruth },
    });
    const truth = await engine(truthDoc);
    const rate = fittedFigure('producerMachine', 'web', truth)!;
    const plan = producerMachinePlan(doc, 'web', { recordsPerSec: rate, records: rate * 10, line: 1 });
    const result = await fitToMeasurement(plan, engine);
    expect(result.outcome).toBe('found');
    expect(Math.abs(result.value! - TRUE_GHZ) / TRUE_GHZ).toBeLessThan(0.02);
    const written = applyFit(plan, result);
    if (!written.ok) throw new Error(written.error);
    expect(written.doc.producers[0]!.host).toBe('web-machine');
    expect(written.doc.producers[0]!.calibration?.setting).toBe('cluster.hosts[web-machine].hardware.cpuGHz');
    expect(readSetting(written.doc, 'cluster.hosts[web-machine].hardware.cpuGHz')).toBe(result.value);
    // The rest of the pipeline is untouched.
    expect(written.doc.sparkJobs).toEqual(doc.sparkJobs);
  }, 120_000);

  /** A stand-in engine: the rate is 100,000 records/s per GHz up to a ceiling of 300,000. */
  const fake: SimulateFn = async (d) => {
    const ghz = readSetting(d, 'cluster.hosts[web-machine].hardware.cpuGHz');
    const rate = Math.min(300_000, 100_000 * ghz);
    const run: SimulatedRun = {
      columns: ['second'],
      rows: [[1]],
      summary: {
        simulatedSeconds: 1,
        produceLatencyMs: { p50: 0, p95: 0, p99: 0, p999: 0, max: 0, mean: 0, records: 0 },
        producers: { web: { acknowledged: rate, ackedPerSec: rate } },
        consumerGroups: {},
        sparkJobs: {},
      },
    };
    return run;
  };

  it('says when no value in range reaches the measurement, and why, and writes nothing', async () => {
    const doc = sparkDocument(100);
    const plan = producerMachinePlan(doc, 'web', { recordsPerSec: 500_000, records: 5e6, line: 4 });
    const result = await fitToMeasurement(plan, fake);
    expect(result.outcome).toBe('unreachable');
    expect(result.value).toBe(10);
    expect(result.reason).toMatch(
      /even at 10 \(the highest value the fit tries\) the simulation gives 300,000, below the measured 500,000: something other than this setting limits it/,
    );
    expect(applyFit(plan, result).ok).toBe(false);
    const slow = await fitToMeasurement(
      producerMachinePlan(doc, 'web', { recordsPerSec: 10_000, records: 1e5, line: 4 }),
      fake,
    );
    expect(slow.outcome).toBe('unreachable');
    expect(slow.value).toBe(0.5);
    expect(slow.reason).toMatch(
      /lowest value.*gives 50,000, above the measured 10,000: the measured run was held back/,
    );
  });

  it('finds a linear figure exactly, reports its probes, and stops when cancelled', async () => {
    const doc = sparkDocument(100);
    const plan = producerMachinePlan(doc, 'web', { recordsPerSec: 123_400, records: 1e6, line: 4 });
    const seen: number[] = [];
    const result = await fitToMeasurement(plan, fake, { onProgress: (p) => seen.push(p.value) });
    expect(result.value).toBeCloseTo(1.234, 3);
    expect(result.probes.map((p) => p.value)).toEqual(seen);
    const controller = new AbortController();
    const cancelled = await fitToMeasurement(plan, fake, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.probes.length === 2) controller.abort();
      },
    });
    expect(cancelled.outcome).toBe('cancelled');
    expect(cancelled.value).toBeNull();
  });
});
