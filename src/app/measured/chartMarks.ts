// The measured figures the run's charts draw (charts/measuredMarks.ts), from what the Measured tab
// read and which node each part of it is: a producer perf test's rate on the throughput chart, a
// consumer perf test's too, a described group's lag on the lag chart, a Spark query's input rate and
// batch durations on its job's charts. Each is labelled with the node and the tool.
import type { Pipeline } from '../../model';
import {
  MEASUREMENT_TOOLS,
  perfOverall,
  sparkQueries,
  type Assignment,
  type Measurement,
} from '../../measured';
import type { MarksByChart, MeasuredMark } from '../charts/measuredMarks';

const n0 = (x: number) => Math.round(x).toLocaleString('en-US');

const mean = (xs: number[]): number | null =>
  xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;

const push = (out: MarksByChart, target: keyof MarksByChart, mark: MeasuredMark) => {
  out[target] = [...(out[target] ?? []), mark];
};

export function chartMarks(m: Measurement, assignment: Assignment, doc: Pipeline): MarksByChart {
  const out: MarksByChart = {};
  const tool = MEASUREMENT_TOOLS[m.kind];
  switch (m.kind) {
    case 'producerPerf': {
      const id = assignment.perf;
      if (!id || !doc.producers.some((p) => p.id === id)) break;
      const all = perfOverall(m);
      // Each progress line covers records / rate seconds, one after another from the start.
      let t = 0;
      const points = m.progress.map((l) => {
        t += l.recordsPerSec > 0 ? l.records / l.recordsPerSec : 0;
        return { x: t, y: l.recordsPerSec };
      });
      push(out, 'throughput', {
        key: `perf:${id}`,
        label: `measured ${id} (${tool}): ${n0(all.recordsPerSec)} records/s`,
        short: `measured ${id}: ${n0(all.recordsPerSec)}/s`,
        y: all.recordsPerSec,
        points,
      });
      break;
    }
    case 'consumerPerf': {
      const id = assignment.perf;
      const row = m.rows[m.rows.length - 1];
      if (!id || !row || !doc.consumerGroups.some((g) => g.id === id)) break;
      push(out, 'throughput', {
        key: `consumerPerf:${id}`,
        label: `measured ${id} (${tool}): ${n0(row.recordsPerSec)} records/s read`,
        short: `measured ${id}: ${n0(row.recordsPerSec)}/s`,
        y: row.recordsPerSec,
        points: [],
      });
      break;
    }
    case 'consumerGroups': {
      // The lag of every described partition a node was matched to, summed per node: the chart's
      // committed lag of a group is over all its partitions too.
      const lagOf = new Map<string, number>();
      for (const r of m.rows) {
        const id = assignment[`${r.group}\u0000${r.topic}`];
        if (!id || r.lag === null || !doc.consumerGroups.some((g) => g.id === id)) continue;
        lagOf.set(id, (lagOf.get(id) ?? 0) + r.lag);
      }
      for (const [id, lag] of lagOf)
        push(out, 'lag', {
          key: `lag:${id}`,
          label: `measured ${id} lag (${tool}): ${n0(lag)} records`,
          short: `measured ${id}: ${n0(lag)}`,
          y: lag,
          points: [],
        });
      break;
    }
    case 'sparkProgress': {
      for (const q of sparkQueries(m.progress)) {
        const id = assignment[q.key];
        const job = doc.sparkJobs.find((j) => j.id === id);
        if (!id || !job) continue;
        // The first batch lands where the simulated job's first one ends (one interval in), the
        // others at their own distance from it (or one interval apart when Spark gave no time).
        const intervalSec = job.batchIntervalMs / 1000;
        const t0 = q.items[0]!.timeMs;
        const at = (p: (typeof q.items)[number], i: number) =>
          intervalSec + (t0 !== null && p.timeMs !== null ? (p.timeMs - t0) / 1000 : i * intervalSec);
        const input = q.items.flatMap((p, i) =>
          p.inputRowsPerSecond === null ? [] : [{ x: at(p, i), y: p.inputRowsPerSecond }],
        );
        const durations = q.items.flatMap((p, i) => {
          const ms = p.durationMs.triggerExecution;
          return ms === undefined ? [] : [{ x: at(p, i), y: ms }];
        });
        const inputMean = mean(input.map((p) => p.y));
        const durationMean = mean(durations.map((p) => p.y));
        if (input.length)
          push(out, `sparkInput:${id}`, {
            key: `input:${q.key}`,
            label: `measured input rate (${tool}): ${n0(inputMean!)} rows/s, mean of ${input.length} batches`,
            short: `measured: ${n0(inputMean!)}/s`,
            y: inputMean,
            points: input,
          });
        if (durations.length)
          push(out, `sparkTimes:${id}`, {
            key: `duration:${q.key}`,
            label: `measured batch duration (${tool}, triggerExecution): ${n0(durationMean!)} ms, mean of ${durations.length}`,
            short: `measured: ${n0(durationMean!)} ms`,
            y: durationMean,
            points: durations,
          });
      }
      break;
    }
  }
  return out;
}
