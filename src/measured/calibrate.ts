// "Fit to measurement": find the value of one cost setting that makes the simulated rate match the
// measured one, by bisection (the rate falls as a per-record cost rises and grows with a machine's
// speed), and write it back into the document with a note of where it came from.
import type { Pipeline, Producer, SparkStage } from '../model/types';
import { readSetting, setSetting } from '../whatif/settings';
import { fittedFigure, perfSeconds, perfTestDocument, type FitKind, type SimulatedRun } from './compare';

/** One run of a document to its end (in a worker in the app, in-process in tests). */
export type SimulateFn = (doc: Pipeline, signal?: AbortSignal) => Promise<SimulatedRun>;

/** What to fit: a setting of the document, the figure it moves, and the measured value to reach. */
export interface FitPlan {
  kind: FitKind;
  /** The measured node: the producer, or the Spark job. */
  nodeId: string;
  /** The Spark stage whose cost is fitted. */
  stageId?: string;
  /** The setting, as a path in `prepared` (a producer without a machine of its own gets one). */
  path: string;
  /** The document with what the fit needs (the producer's named machine); the fit starts here. */
  prepared: Pipeline;
  /** The figure rises with the setting (a machine's speed) or falls (a per-record cost). */
  rising: boolean;
  min: number;
  max: number;
  target: number;
  /** "records/sec of kafka-producer-perf-test, line 5". */
  source: string;
  /** One paragraph: what is fitted and why that setting; what else the change touches. */
  explanation: string;
  /**
   * The setting was not in the document (the engine's estimate stood): the note records no previous
   * value, and `prepared` holds the fit's first guess.
   */
  wasUnset?: boolean;
  /** The document a probe simulates, from `prepared` with the setting changed. */
  simulated: (doc: Pipeline) => Pipeline;
}

const unique = (taken: Set<string>, stem: string) => {
  let id = stem;
  for (let k = 2; taken.has(id); k++) id = `${stem}-${k}`;
  return id;
};

/**
 * Fit a producer to kafka-producer-perf-test's records/sec. The schema has no per-record cost for a
 * producer (the client's cycles per record live in the engine's cost table); what the document
 * offers is the speed of the machine the client runs on (hardware.cpuGHz), which scales every cost
 * the client pays. A producer without a named machine gets one of its own, with the hardware it ran
 * on so far (cluster.clientHardware, else the first broker's), so the fit changes that producer only.
 */
export function producerMachinePlan(
  doc: Pipeline,
  producerId: string,
  target: { recordsPerSec: number; records: number; line: number },
): FitPlan {
  const producer = doc.producers.find((p) => p.id === producerId);
  if (!producer) throw new Error(`no producer ${producerId} in the document`);
  let prepared = doc;
  let hostId = producer.host;
  let made = false;
  if (hostId === undefined) {
    const taken = new Set([...doc.cluster.hosts.map((h) => h.id), ...doc.producers.map((p) => p.id)]);
    hostId = unique(taken, `${producerId}-machine`);
    const hardware = structuredClone(doc.cluster.clientHardware ?? doc.cluster.brokers[0]!.hardware);
    prepared = {
      ...doc,
      cluster: {
        ...doc.cluster,
        hosts: [...doc.cluster.hosts, { id: hostId, name: `${producerId}'s machine`, hardware }],
      },
      producers: doc.producers.map((p): Producer => (p.id === producerId ? { ...p, host: hostId } : p)),
    };
    made = true;
  }
  const sharers = [
    ...doc.producers.filter((p) => p.id !== producerId && p.host === hostId).map((p) => p.id),
    ...doc.consumerGroups.filter((g) => g.hosts?.includes(hostId!)).map((g) => g.id),
  ];
  const durationSec = perfSeconds(target.records, target.recordsPerSec);
  return {
    kind: 'producerMachine',
    nodeId: producerId,
    path: `cluster.hosts[${hostId}].hardware.cpuGHz`,
    prepared,
    rising: true,
    min: 0.5,
    max: 10,
    target: target.recordsPerSec,
    source: `kafka-producer-perf-test records/sec (line ${target.line})`,
    explanation:
      `A producer has no per-record cost in the document (the client's cycles per record are the engine's); the fit sets the clock speed (cpuGHz) of the machine ${producerId} runs on, which scales everything the client does, so that a perf test of ${producerId} alone, sending as fast as it can, sends ${Math.round(target.recordsPerSec).toLocaleString('en-US')} records/s.` +
      (made
        ? ` ${producerId} had no machine of its own named, so it gets one (${hostId}) with the hardware it ran on.`
        : '') +
      (sharers.length ? ` ${hostId} is shared with ${sharers.join(', ')}: they get the new speed too.` : ''),
    simulated: (d) => perfTestDocument(d, producerId, { durationSec }),
  };
}

/**
 * Why a producer fit is refused for a run held to a rate, or null when the run went flat out. A
 * producer fit (its client cost, or its machine's clock) sets how fast the client can send; a run
 * at --throughput N sends N if it can, so its rate says nothing about that limit, and a cost fitted
 * to it would hold the producer near N in every simulation. Only a run at --throughput -1 says how
 * fast the client goes.
 */
export function producerFitRefusal(
  producerId: string,
  run: { throttled: boolean; throughput: number | null },
  measuredRecordsPerSec: number,
): string | null {
  if (!run.throttled) return null;
  const held = run.throughput !== null ? `--throughput ${run.throughput}` : 'a --throughput rate';
  return (
    `No fit from this run: it was held to ${held}, so its ${Math.round(measuredRecordsPerSec).toLocaleString('en-US')} records/s is the rate it was asked for, not the most ${producerId}'s client can send; a cost fitted to it would hold ${producerId} near that rate in every simulation. ` +
    `To fit, run kafka-producer-perf-test.sh for ${producerId} again with --throughput -1 (as fast as it can; the other options as in load.sh) and paste that output.`
  );
}

/** The bounds of a producer's clientCostPerRecordUs (the schema's). */
export const CLIENT_COST_US = { min: 0.001, max: 1_000_000 } as const;

/**
 * Fit a producer's client cost (clientCostPerRecordUs: the time send() takes the application thread
 * per record on its machine) to kafka-producer-perf-test's records/sec. The perf test sends as fast
 * as it can (--throughput -1), so its rate is what that one thread gets through, unless the brokers
 * or the network hold it back first. The change is this producer's alone, whoever shares its
 * machine. Without a cost in the document the fit starts at the time per record the measured rate
 * leaves the thread (1e6 / rate µs), which is where a thread-bound client lands.
 */
export function producerCostPlan(
  doc: Pipeline,
  producerId: string,
  target: { recordsPerSec: number; records: number; line: number },
): FitPlan {
  const producer = doc.producers.find((p) => p.id === producerId);
  if (!producer) throw new Error(`no producer ${producerId} in the document`);
  const wasUnset = producer.clientCostPerRecordUs === undefined;
  const guess =
    target.recordsPerSec > 0
      ? Math.min(CLIENT_COST_US.max, Math.max(CLIENT_COST_US.min, roundSig(1e6 / target.recordsPerSec)))
      : 1;
  const prepared: Pipeline = wasUnset
    ? {
        ...doc,
        producers: doc.producers.map((p): Producer =>
          p.id === producerId ? { ...p, clientCostPerRecordUs: guess } : p,
        ),
      }
    : doc;
  const durationSec = perfSeconds(target.records, target.recordsPerSec);
  const rate = Math.round(target.recordsPerSec).toLocaleString('en-US');
  return {
    kind: 'producerCost',
    nodeId: producerId,
    path: `producers[${producerId}].clientCostPerRecordUs`,
    prepared,
    rising: false,
    min: CLIENT_COST_US.min,
    max: CLIENT_COST_US.max,
    target: target.recordsPerSec,
    source: `kafka-producer-perf-test records/sec (line ${target.line})`,
    wasUnset,
    explanation:
      `The fit sets ${producerId}'s client cost per record (clientCostPerRecordUs: the CPU time send() takes its application thread for one record, on its machine) so that a perf test of ${producerId} alone, sending as fast as it can, sends ${rate} records/s, as measured. ` +
      (wasUnset
        ? `The document had no cost for it (the engine estimated one from the machine's clock, the record size and the codec); the fit starts at ${guess} µs, the time per record that rate leaves one thread.`
        : `It was ${producer.clientCostPerRecordUs} µs.`) +
      ' Nothing else changes: other clients on the same machine keep their costs.',
    simulated: (d) => perfTestDocument(d, producerId, { durationSec }),
  };
}

/** The stage of a job a fit should change by default: the one with the highest cost per record. */
export function costliestStage(doc: Pipeline, jobId: string): SparkStage | undefined {
  const job = doc.sparkJobs.find((j) => j.id === jobId);
  return job?.stages.reduce<SparkStage | undefined>(
    (a, s) => (!a || s.costPerRecordUs > a.costPerRecordUs ? s : a),
    undefined,
  );
}

/** Fit a Spark stage's costPerRecordUs to the rows per second Spark processed at. */
export function stageCostPlan(
  doc: Pipeline,
  jobId: string,
  stageId: string,
  target: { processedRowsPerSec: number; line: number },
): FitPlan {
  const job = doc.sparkJobs.find((j) => j.id === jobId);
  const index = job?.stages.findIndex((s) => s.id === stageId) ?? -1;
  if (!job || index < 0) throw new Error(`no stage ${stageId} in Spark job ${jobId}`);
  return {
    kind: 'stageCost',
    nodeId: jobId,
    stageId,
    path: `sparkJobs[${jobId}].stages[${stageId}].costPerRecordUs`,
    prepared: doc,
    rising: false,
    min: 0.001,
    max: 10_000_000,
    target: target.processedRowsPerSec,
    source: `Spark processedRowsPerSecond (rows over triggerExecution, from line ${target.line})`,
    explanation: `The fit sets the CPU time one record costs in stage ${stageId} of ${jobId} (costPerRecordUs) so that the simulated job processes ${Math.round(target.processedRowsPerSec).toLocaleString('en-US')} rows per second of batch time, as Spark measured. The other stages keep their costs: what the measurement says about the whole job lands on this stage.`,
    simulated: (d) => d,
  };
}

export interface FitProbe {
  value: number;
  /** The simulated figure at that value (null: the run had none, e.g. no batch completed). */
  simulated: number | null;
}

export interface FitProgress {
  probes: FitProbe[];
  /** The value being simulated now. */
  value: number;
  /** The bracket so far (values), once known. */
  low: number | null;
  high: number | null;
}

export interface FitResult {
  /** found: the value is within the bracket; unreachable: not even the bound gets there; cancelled. */
  outcome: 'found' | 'unreachable' | 'cancelled';
  previous: number;
  value: number | null;
  /** The simulated figure at `value` (a last run at the written value). */
  simulated: number | null;
  target: number;
  probes: FitProbe[];
  reason?: string;
}

export interface FitOptions {
  /** The bracket is closed when its ends differ by at most this share. Default 0.01. */
  relTol?: number;
  /** Runs at most (the final run at the written value included). Default 30. */
  maxProbes?: number;
  signal?: AbortSignal;
  onProgress?: (p: FitProgress) => void;
}

const roundSig = (x: number, digits = 4) => Number(x.toPrecision(digits));

/**
 * Bisection in log space (costs span orders of magnitude): start at the current value, step by
 * factors of 4 until the measured figure lies between two probes, halve the bracket's ratio until
 * its ends are within relTol, then take the point between them where the figure would equal the
 * target (linear in log value), rounded to 4 significant digits, and run it once more to report.
 */
export async function fitToMeasurement(
  plan: FitPlan,
  run: SimulateFn,
  options: FitOptions = {},
): Promise<FitResult> {
  const relTol = options.relTol ?? 0.01;
  const maxProbes = options.maxProbes ?? 30;
  const previous = readSetting(plan.prepared, plan.path);
  const probes: FitProbe[] = [];
  let low: FitProbe | null = null; // the figure below the target
  let high: FitProbe | null = null; // the figure above it
  const bracket = () => {
    // In value order: the value end with the smaller value first.
    if (!low || !high) return { lo: null, hi: null };
    return low.value < high.value ? { lo: low.value, hi: high.value } : { lo: high.value, hi: low.value };
  };
  const cancelled = (): FitResult => ({
    outcome: 'cancelled',
    previous,
    value: null,
    simulated: null,
    target: plan.target,
    probes,
  });
  const probe = async (value: number): Promise<FitProbe> => {
    const b = bracket();
    options.onProgress?.({ probes: probes.slice(), value, low: b.lo, high: b.hi });
    const set = setSetting(plan.prepared, plan.path, value);
    if (!set.ok) throw new Error(set.error);
    const outcome = await run(plan.simulated(set.doc), options.signal);
    const p = { value, simulated: fittedFigure(plan.kind, plan.nodeId, outcome) };
    probes.push(p);
    return p;
  };
  const place = (p: FitProbe) => {
    // A run without the figure counts as "no rate": below any target.
    const y = p.simulated ?? 0;
    if (y < plan.target) low = p;
    else high = p;
  };
  try {
    const start = Math.min(plan.max, Math.max(plan.min, previous > 0 ? previous : plan.min));
    const first = await probe(start);
    place(first);
    // Walk out by factors of 4 until the target is bracketed or a bound is reached.
    let current = first;
    while (!low || !high) {
      if (options.signal?.aborted) return cancelled();
      const needUp = (current.simulated ?? 0) < plan.target === plan.rising;
      const next = needUp ? Math.min(plan.max, current.value * 4) : Math.max(plan.min, current.value / 4);
      if (next === current.value || probes.length >= maxProbes - 1) {
        const bound = current.value;
        return {
          outcome: 'unreachable',
          previous,
          value: bound,
          simulated: current.simulated,
          target: plan.target,
          probes,
          reason:
            `even at ${bound} (the ${bound === plan.max ? 'highest' : 'lowest'} value the fit tries) the simulation gives ${fmt(current.simulated)}, ` +
            ((current.simulated ?? 0) < plan.target
              ? `below the measured ${fmt(plan.target)}: something other than this setting limits it in the simulation`
              : `above the measured ${fmt(plan.target)}: the measured run was held back by something the document does not have (a test held to --throughput, another limit)`),
        };
      }
      current = await probe(next);
      place(current);
    }
    // Bisect the bracket's ratio.
    for (;;) {
      if (options.signal?.aborted) return cancelled();
      const { lo, hi } = bracket();
      if (lo === null || hi === null || hi / lo <= 1 + relTol || probes.length >= maxProbes - 1) break;
      place(await probe(Math.sqrt(lo * hi)));
    }
    const l = low! as FitProbe;
    const h = high! as FitProbe;
    const yl = l.simulated ?? 0;
    const yh = h.simulated ?? 0;
    const t = yh === yl ? 0.5 : Math.min(1, Math.max(0, (plan.target - yl) / (yh - yl)));
    const estimate = roundSig(Math.exp(Math.log(l.value) + t * (Math.log(h.value) - Math.log(l.value))));
    if (options.signal?.aborted) return cancelled();
    const last = await probe(estimate);
    return {
      outcome: 'found',
      previous,
      value: estimate,
      simulated: last.simulated,
      target: plan.target,
      probes,
    };
  } catch (e) {
    if (options.signal?.aborted || (e instanceof Error && e.name === 'AbortError')) return cancelled();
    throw e;
  }
}

const fmt = (x: number | null) => (x === null ? 'no figure' : Math.round(x).toLocaleString('en-US'));

/**
 * The document with the fitted value written in and a calibration note on the measured node (the
 * producer, or the Spark stage). `date` is the app's (ISO 8601); the pure core has no clock.
 */
export function applyFit(
  plan: FitPlan,
  result: FitResult,
  date?: string,
): { ok: true; doc: Pipeline } | { ok: false; error: string } {
  if (result.outcome !== 'found' || result.value === null)
    return { ok: false, error: result.reason ?? 'there is no fitted value to write' };
  const set = setSetting(plan.prepared, plan.path, result.value);
  if (!set.ok) return set;
  const note = {
    setting: plan.path,
    value: result.value,
    ...(plan.wasUnset ? {} : { previous: result.previous }),
    source: plan.source,
    measured: plan.target,
    simulated: result.simulated ?? 0,
    ...(date ? { date } : {}),
  };
  const doc = set.doc;
  if (plan.kind !== 'stageCost')
    return {
      ok: true,
      doc: {
        ...doc,
        producers: doc.producers.map((p) => (p.id === plan.nodeId ? { ...p, calibration: note } : p)),
      },
    };
  return {
    ok: true,
    doc: {
      ...doc,
      sparkJobs: doc.sparkJobs.map((j) =>
        j.id !== plan.nodeId
          ? j
          : { ...j, stages: j.stages.map((s) => (s.id === plan.stageId ? { ...s, calibration: note } : s)) },
      ),
    },
  };
}
