// Measured against simulated: which node of the document each measurement belongs to, which
// document to simulate for it, and the table of figures with the error of each.
import { sourcesOf } from '../model/graph';
import type { Pipeline } from '../model/types';
import { perfOverall } from './producerPerf';
import type { Measurement, SparkProgress } from './types';

/** The parts of the engine's run summary the comparison reads (the CLI's JSON has the same shape). */
export interface SummaryLike {
  simulatedSeconds: number;
  produceLatencyMs: {
    p50: number;
    p95: number;
    p99: number;
    p999: number;
    max: number;
    mean: number;
    records: number;
  };
  producers: Record<string, { acknowledged: number; ackedPerSec: number } | undefined>;
  consumerGroups: Record<string, { recordsPerSec: number } | undefined>;
  sparkJobs: Record<
    string,
    { batches: number; records: number; recordsPerSec: number; meanProcessingMs: number } | undefined
  >;
}

/** One finished run: its per-second series and its summary. */
export interface SimulatedRun {
  columns: readonly string[];
  rows: readonly (readonly number[])[];
  summary: SummaryLike;
}

/**
 * Something measured that belongs to one node of the document: the perf test's producer, a
 * described group, a Spark query. `candidates` are the nodes it may be, the best guess first.
 */
export interface Subject {
  key: string;
  /** What was measured, in the tool's words ("group fulfilment on orders", "query fraud-scoring"). */
  label: string;
  nodeKind: 'producer' | 'consumerGroup' | 'sparkJob';
  candidates: string[];
  /** Several candidates and no name or topic picked one out: the user should choose. */
  ambiguous: boolean;
  /** The node it is taken to be until the user says otherwise; null: left out (nothing matches). */
  guess: string | null;
}

/** Which document node each subject is (subject key -> node id). */
export type Assignment = Record<string, string>;

const nameOf = (n: { id: string; name?: string | undefined }) => [n.id, n.name ?? ''];

/** Nodes first whose id or name is `name`, then those reading `topics`, then the rest. */
function rank<T extends { id: string; name?: string | undefined }>(
  nodes: readonly T[],
  name: string | null,
  reads: (id: string) => boolean,
): { ids: string[]; ambiguous: boolean; guess: string | null } {
  const byName = name ? nodes.filter((n) => nameOf(n).includes(name)) : [];
  const byTopic = nodes.filter((n) => !byName.includes(n) && reads(n.id));
  const rest = nodes.filter((n) => !byName.includes(n) && !byTopic.includes(n));
  const ids = [...byName, ...byTopic, ...rest].map((n) => n.id);
  const sure = byName.length === 1 || (byName.length === 0 && byTopic.length === 1);
  return { ids, ambiguous: ids.length > 1 && !sure, guess: byName[0]?.id ?? byTopic[0]?.id ?? null };
}

/** Spark progress grouped by query (its id, else its name). */
export function sparkQueries(progress: readonly SparkProgress[]): { key: string; items: SparkProgress[] }[] {
  const out = new Map<string, SparkProgress[]>();
  for (const p of progress) {
    const key = p.id ?? p.name ?? 'query';
    out.set(key, [...(out.get(key) ?? []), p]);
  }
  return [...out].map(([key, items]) => ({ key, items }));
}

/** What each part of the measurement may be in the document. */
export function subjects(m: Measurement, doc: Pipeline): Subject[] {
  switch (m.kind) {
    case 'producerPerf': {
      // The perf test names no producer: the only one is sure, several are the user's choice.
      const ids = doc.producers.map((p) => p.id);
      return [
        {
          key: 'perf',
          label: 'the perf test',
          nodeKind: 'producer',
          candidates: ids,
          ambiguous: ids.length > 1,
          guess: ids[0] ?? null,
        },
      ];
    }
    case 'consumerPerf': {
      const ids = doc.consumerGroups.map((g) => g.id);
      return [
        {
          key: 'perf',
          label: 'the perf test',
          nodeKind: 'consumerGroup',
          candidates: ids,
          ambiguous: ids.length > 1,
          guess: ids[0] ?? null,
        },
      ];
    }
    case 'consumerGroups': {
      const pairs = [...new Set(m.rows.map((r) => `${r.group}\u0000${r.topic}`))];
      return pairs.map((pair) => {
        const [group, topic] = pair.split('\u0000') as [string, string];
        const r = rank(doc.consumerGroups, group, (id) => sourcesOf(doc, id).includes(topic));
        return {
          key: pair,
          label: `group ${group || '(unnamed)'} on ${topic}`,
          nodeKind: 'consumerGroup',
          candidates: r.ids,
          ambiguous: r.ambiguous,
          guess: r.guess,
        };
      });
    }
    case 'sparkProgress':
      return sparkQueries(m.progress).map(({ key, items }) => {
        const first = items[0]!;
        const topics = new Set(items.flatMap((p) => p.sources.flatMap((s) => s.topics)));
        const r = rank(doc.sparkJobs, first.name, (id) => sourcesOf(doc, id).some((t) => topics.has(t)));
        return {
          key,
          label: `query ${first.name ?? first.id ?? key}`,
          nodeKind: 'sparkJob',
          candidates: r.ids,
          ambiguous: r.ambiguous,
          guess: r.guess,
        };
      });
  }
}

/**
 * Each subject on its guess, or on the choice already made while that node still exists ('' is a
 * choice too: left out). A subject nothing matches is left out until the user picks its node.
 */
export function defaultAssignment(list: readonly Subject[], chosen: Assignment = {}): Assignment {
  const out: Assignment = {};
  for (const s of list) {
    const pick = chosen[s.key];
    const id = pick !== undefined && (pick === '' || s.candidates.includes(pick)) ? pick : s.guess;
    if (id !== null && id !== '') out[s.key] = id;
    else if (pick === '') out[s.key] = '';
  }
  return out;
}

// ---- The document to simulate ----

/** A perf test's simulated length: as long as the measured one (records / rate), 10 to 60 s. */
export function perfSeconds(records: number, recordsPerSec: number): number {
  const s = recordsPerSec > 0 ? records / recordsPerSec : 20;
  return Math.min(60, Math.max(10, Math.round(s)));
}

/**
 * The document a kafka-producer-perf-test is compared with: the cluster, the producer and the
 * topic(s) it writes, nothing else (no readers, no faults), for `durationSec`. The producer sends
 * evenly at `throughput` records/s when the test was held to one (--throughput N), else as fast as
 * its machine lets it (--throughput -1).
 */
export function perfTestDocument(
  doc: Pipeline,
  producerId: string,
  options: { throughput?: number | null; durationSec: number },
): Pipeline {
  const producer = doc.producers.find((p) => p.id === producerId);
  if (!producer) throw new Error(`no producer ${producerId} in the document`);
  const topics = new Set(doc.edges.filter((e) => e.from === producerId).map((e) => e.to));
  const held = options.throughput !== undefined && options.throughput !== null && options.throughput > 0;
  const rate = held
    ? { kind: 'constant' as const, recordsPerSec: options.throughput!, schedule: [] }
    : { kind: 'max' as const, recordsPerSec: 0, schedule: [] };
  return {
    ...doc,
    topics: doc.topics.filter((t) => topics.has(t.id)),
    producers: [{ ...producer, rate }],
    consumerGroups: [],
    sparkJobs: [],
    sinks: [],
    faults: [],
    edges: doc.edges.filter((e) => e.from === producerId && topics.has(e.to)),
    layout: {},
    run: { ...doc.run, durationSec: options.durationSec },
  };
}

/**
 * What to simulate to compare `m`: the document itself, or a perf test's copy of it (held to
 * `throughput` records/s when given, else flat out).
 */
export function documentToSimulate(
  m: Measurement,
  doc: Pipeline,
  assignment: Assignment,
  options: { throughput?: number | null } = {},
): Pipeline {
  if (m.kind === 'producerPerf') {
    const id = assignment.perf;
    if (id === undefined) throw new Error('the document has no producer to compare the perf test with');
    const all = perfOverall(m);
    return perfTestDocument(doc, id, {
      ...options,
      durationSec: perfSeconds(all.records, all.recordsPerSec),
    });
  }
  return doc;
}

// ---- The table ----

/** producerCost: the producer's clientCostPerRecordUs; producerMachine: its machine's cpuGHz. */
export type FitKind = 'producerCost' | 'producerMachine' | 'stageCost';

export interface ComparisonRow {
  /** The node the figures are of. */
  node: string;
  /** What the tool called it, when that is not the node's id ("group audit on payments"). */
  measuredAs?: string;
  metric: string;
  unit: string;
  simulated: number | null;
  measured: number | null;
  /** (simulated - measured) / measured; null when either is missing or the measured is 0. */
  error: number | null;
  /** The line of the pasted text the measured figure comes from. */
  line: number | null;
  /** This row's measured figure can be fitted to (a rate a cost sets). */
  fit?: FitKind;
  note?: string;
}

export function relativeError(simulated: number | null, measured: number | null): number | null {
  if (simulated === null || measured === null || !Number.isFinite(simulated) || !Number.isFinite(measured))
    return null;
  if (measured === 0) return null;
  return (simulated - measured) / Math.abs(measured);
}

const row = (r: Omit<ComparisonRow, 'error'>): ComparisonRow => ({
  ...r,
  error: relativeError(r.simulated, r.measured),
});

const MIB = 1024 * 1024;

/** Seconds at the start of a run left out of per-second means (a quarter of the run, at most 10 s). */
export function warmupSeconds(run: SimulatedRun): number {
  const last = run.rows[run.rows.length - 1]?.[0] ?? 0;
  return Math.min(10, Math.floor(last / 4));
}

/** Mean of a column over the rows after the warm-up; null when the column is not in the series. */
export function columnMean(run: SimulatedRun, column: string): number | null {
  const i = run.columns.indexOf(column);
  if (i < 0) return null;
  const warm = warmupSeconds(run);
  const rows = run.rows.filter((r) => (r[0] ?? 0) > warm);
  if (rows.length === 0) return null;
  return rows.reduce((a, r) => a + (r[i] ?? 0), 0) / rows.length;
}

/** The measured rate Spark processed at: rows over trigger time, all batches with rows together. */
export function sparkProcessedRate(items: readonly SparkProgress[]): number | null {
  let rows = 0;
  let ms = 0;
  for (const p of items) {
    const t = p.durationMs.triggerExecution;
    if (p.numInputRows > 0 && t !== undefined && t > 0) {
      rows += p.numInputRows;
      ms += t;
    }
  }
  if (ms > 0) return (rows / ms) * 1000;
  const rates = items.map((p) => p.processedRowsPerSecond).filter((r): r is number => r !== null);
  return rates.length ? rates.reduce((a, b) => a + b, 0) / rates.length : null;
}

const meanOf = (xs: readonly (number | null | undefined)[]): number | null => {
  const v = xs.filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
};

/** The simulated rate a Spark job processes at: records over processing time. */
export function simulatedProcessedRate(summary: SummaryLike, jobId: string): number | null {
  const j = summary.sparkJobs[jobId];
  if (!j || j.batches === 0 || j.meanProcessingMs <= 0) return null;
  return j.records / ((j.batches * j.meanProcessingMs) / 1000);
}

/** The simulated figure a fit matches: a producer's acknowledged rate, a Spark job's processed rate. */
export function fittedFigure(kind: FitKind, nodeId: string, run: SimulatedRun): number | null {
  if (kind !== 'stageCost') return run.summary.producers[nodeId]?.ackedPerSec ?? null;
  return simulatedProcessedRate(run.summary, nodeId);
}

/**
 * The table: per subject its figures, simulated and measured, with the error. `run` is the
 * simulation of documentToSimulate(m, doc, assignment).
 */
export function compare(
  m: Measurement,
  doc: Pipeline,
  assignment: Assignment,
  run: SimulatedRun,
): ComparisonRow[] {
  const s = run.summary;
  switch (m.kind) {
    case 'producerPerf': {
      const id = assignment.perf;
      const producer = doc.producers.find((p) => p.id === id);
      if (!id || !producer) return [];
      const all = perfOverall(m);
      const line = all.line;
      const acked = s.producers[id]?.ackedPerSec ?? null;
      const lat = s.produceLatencyMs;
      const impliedBytes = all.recordsPerSec > 0 ? (all.mbPerSec * MIB) / all.recordsPerSec : null;
      const sizeNote =
        impliedBytes !== null && Math.abs(impliedBytes - producer.recordBytes) > 0.1 * producer.recordBytes
          ? `the measurement implies ${Math.round(impliedBytes)} B a record, the document's producer has ${producer.recordBytes} B`
          : undefined;
      const rows: ComparisonRow[] = [
        row({
          node: id,
          metric: 'records/sec',
          unit: '',
          simulated: acked,
          measured: all.recordsPerSec,
          line,
          fit: 'producerCost',
        }),
        row({
          node: id,
          metric: 'MB/sec',
          unit: '',
          simulated: acked === null ? null : (acked * producer.recordBytes) / MIB,
          measured: all.mbPerSec,
          line,
          ...(sizeNote ? { note: sizeNote } : {}),
        }),
        row({
          node: id,
          metric: 'avg latency',
          unit: 'ms',
          simulated: lat.mean,
          measured: all.avgLatencyMs,
          line,
        }),
        row({
          node: id,
          metric: 'max latency',
          unit: 'ms',
          simulated: lat.max,
          measured: all.maxLatencyMs,
          line,
        }),
      ];
      if (m.summary) {
        const p = m.summary;
        rows.push(
          row({ node: id, metric: 'p50 latency', unit: 'ms', simulated: lat.p50, measured: p.p50Ms, line }),
          row({ node: id, metric: 'p95 latency', unit: 'ms', simulated: lat.p95, measured: p.p95Ms, line }),
          row({ node: id, metric: 'p99 latency', unit: 'ms', simulated: lat.p99, measured: p.p99Ms, line }),
          row({
            node: id,
            metric: 'p99.9 latency',
            unit: 'ms',
            simulated: lat.p999,
            measured: p.p999Ms,
            line,
          }),
        );
      }
      return rows;
    }
    case 'consumerPerf': {
      const id = assignment.perf;
      if (!id) return [];
      const topic = doc.topics.find((t) => t.id === sourcesOf(doc, id)[0]);
      const bytes = doc.producers.find((p) =>
        doc.edges.some((e) => e.from === p.id && e.to === topic?.id),
      )?.recordBytes;
      const consumed = s.consumerGroups[id]?.recordsPerSec ?? null;
      const r = m.rows[m.rows.length - 1]!;
      const note = 'the perf test reads as fast as it can; the group reads what the producers send';
      return [
        row({
          node: id,
          metric: 'nMsg.sec',
          unit: '',
          simulated: consumed,
          measured: r.recordsPerSec,
          line: r.line,
          note,
        }),
        row({
          node: id,
          metric: 'MB.sec',
          unit: '',
          simulated: consumed === null || bytes === undefined ? null : (consumed * bytes) / MIB,
          measured: r.mbPerSec,
          line: r.line,
        }),
      ];
    }
    case 'consumerGroups': {
      const out: ComparisonRow[] = [];
      for (const sub of subjects(m, doc)) {
        const id = assignment[sub.key];
        if (!id) continue;
        const [group, topic] = sub.key.split('\u0000') as [string, string];
        const rows = m.rows.filter((r) => r.group === group && r.topic === topic);
        const own = sourcesOf(doc, id)[0];
        const partitions = doc.topics.find((t) => t.id === own)?.partitions ?? 0;
        const note = own !== topic ? `the document's ${id} reads ${own ?? 'no topic'}` : undefined;
        const first = out.length;
        let simTotal = 0;
        let measTotal = 0;
        let known = true;
        for (const r of rows.slice().sort((a, b) => a.partition - b.partition)) {
          const sim = r.partition < partitions ? columnMean(run, `${id}.lag.p${r.partition}`) : null;
          if (sim === null || r.lag === null) known = false;
          else {
            simTotal += sim;
            measTotal += r.lag;
          }
          out.push(
            row({
              node: id,
              metric: `lag p${r.partition}`,
              unit: 'records',
              simulated: sim,
              measured: r.lag,
              line: r.line,
              ...(r.partition >= partitions
                ? { note: `the document's topic has ${partitions} partition${partitions === 1 ? '' : 's'}` }
                : note
                  ? { note }
                  : {}),
            }),
          );
        }
        if (rows.length > 1)
          out.push(
            row({
              node: id,
              metric: 'lag, all partitions',
              unit: 'records',
              simulated: known ? simTotal : null,
              measured: known ? measTotal : null,
              line: rows[0]!.line,
              ...(known ? {} : { note: 'a partition without a figure on one side' }),
            }),
          );
        if (group !== id || own !== topic)
          for (let i = first; i < out.length; i++) out[i]!.measuredAs = sub.label;
      }
      return out;
    }
    case 'sparkProgress': {
      const out: ComparisonRow[] = [];
      for (const q of sparkQueries(m.progress)) {
        const id = assignment[q.key];
        if (!id) continue;
        const j = s.sparkJobs[id];
        const line = q.items[0]!.line;
        const job = doc.sparkJobs.find((x) => x.id === id);
        const batches = j && j.batches > 0 ? j : null;
        const first = out.length;
        out.push(
          row({
            node: id,
            metric: 'input rows/s',
            unit: 'rows/s',
            simulated: j ? j.recordsPerSec : null,
            measured: meanOf(q.items.map((p) => p.inputRowsPerSecond)),
            line,
            note: 'mean over the batches; input follows what the producers send',
          }),
          row({
            node: id,
            metric: 'processed rows/s',
            unit: 'rows/s',
            simulated: simulatedProcessedRate(s, id),
            measured: sparkProcessedRate(q.items),
            line,
            fit: 'stageCost',
            note: 'rows over batch time (triggerExecution; simulated: processing time)',
          }),
          row({
            node: id,
            metric: 'batch duration',
            unit: 'ms',
            simulated: batches ? batches.meanProcessingMs : null,
            measured: meanOf(q.items.map((p) => p.durationMs.triggerExecution)),
            line,
          }),
          row({
            node: id,
            metric: 'rows per batch',
            unit: 'rows',
            simulated: batches ? batches.records / batches.batches : null,
            measured: meanOf(q.items.map((p) => p.numInputRows)),
            line,
            ...(job && q.items.length > 1 && q.items[0]!.timeMs !== null && q.items[1]!.timeMs !== null
              ? {
                  note: `trigger every ${Math.round((q.items[1]!.timeMs! - q.items[0]!.timeMs!) / Math.max(1, q.items[1]!.batchId - q.items[0]!.batchId))} ms measured, ${job.batchIntervalMs} ms in the document`,
                }
              : {}),
          }),
        );
        const name = q.items[0]!.name ?? q.items[0]!.id ?? q.key;
        if (name !== id) for (let i = first; i < out.length; i++) out[i]!.measuredAs = `query ${name}`;
      }
      return out;
    }
  }
}
