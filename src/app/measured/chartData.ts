// What the Measured tab's chart draws for a comparison: the simulated series of the compared
// figure, the measured figure as a reference line, and measured points where the tool printed
// several over time (perf-test progress lines, Spark batches).
import { perfOverall, sparkProcessedRate, sparkQueries } from '../../measured';
import type { Comparison } from './measuredStore';

export interface MeasuredChartData {
  title: string;
  yLabel: string;
  /** The simulated series, second by second. */
  simulated: { x: number; y: number }[];
  /** Measured points placed on the simulated time axis. */
  points: { x: number; y: number }[];
  /** The measured figure the table compares. */
  reference: { y: number; label: string } | null;
}

const column = (c: Comparison, name: string) => c.run.columns.indexOf(name);

function series(c: Comparison, name: string): { x: number; y: number }[] {
  const i = column(c, name);
  if (i < 0) return [];
  return c.run.rows.map((r) => ({ x: r[0] ?? 0, y: r[i] ?? 0 }));
}

export function measuredChartData(c: Comparison): MeasuredChartData | null {
  const m = c.measurement;
  switch (m.kind) {
    case 'producerPerf': {
      const id = c.assignment.perf;
      if (!id) return null;
      const all = perfOverall(m);
      // Progress lines at the end of the seconds each covers (records / rate), one after another.
      let t = 0;
      const points = m.progress.map((l) => {
        t += l.recordsPerSec > 0 ? l.records / l.recordsPerSec : 0;
        return { x: Math.round(t * 10) / 10, y: l.recordsPerSec };
      });
      return {
        title: `${id}: records/s acknowledged, simulated perf test against measured`,
        yLabel: 'records/s',
        simulated: series(c, `${id}.acknowledged`),
        points,
        reference: {
          y: all.recordsPerSec,
          label: `measured ${Math.round(all.recordsPerSec).toLocaleString('en-US')}/s`,
        },
      };
    }
    case 'consumerPerf': {
      const id = c.assignment.perf;
      if (!id) return null;
      const r = m.rows[m.rows.length - 1]!;
      return {
        title: `${id}: records/s consumed`,
        yLabel: 'records/s',
        simulated: series(c, `${id}.consumed`),
        points: [],
        reference: {
          y: r.recordsPerSec,
          label: `measured ${Math.round(r.recordsPerSec).toLocaleString('en-US')}/s`,
        },
      };
    }
    case 'consumerGroups': {
      // The described group the chart shows: one named as its node, else the first compared.
      const keys = Object.keys(c.assignment).filter((k) => c.assignment[k]);
      const key = keys.find((k) => k.split('\u0000')[0] === c.assignment[k]) ?? keys[0];
      const id = key === undefined ? undefined : c.assignment[key];
      if (key === undefined || !id) return null;
      const [group, topic] = key.split('\u0000');
      const rows = m.rows.filter((r) => r.group === group && r.topic === topic && r.lag !== null);
      const total = rows.reduce((a, r) => a + (r.lag ?? 0), 0);
      return {
        title: `${id}: committed lag in all partitions (simulated) against ${group}'s described lag`,
        yLabel: 'records',
        simulated: series(c, `${id}.lag`),
        points: [],
        reference: rows.length ? { y: total, label: `measured ${total.toLocaleString('en-US')}` } : null,
      };
    }
    case 'sparkProgress': {
      const q = sparkQueries(m.progress)[0];
      const id = q ? c.assignment[q.key] : undefined;
      if (!q || !id) return null;
      const rec = column(c, `${id}.inputRecords`);
      const ms = column(c, `${id}.processingMs`);
      const batches = column(c, `${id}.batches`);
      const simulated =
        rec < 0 || ms < 0 || batches < 0
          ? []
          : c.run.rows
              .filter((r) => (r[batches] ?? 0) > 0 && (r[ms] ?? 0) > 0)
              .map((r) => ({ x: r[0] ?? 0, y: ((r[rec] ?? 0) / (r[ms] ?? 1)) * 1000 }));
      // Measured batches from the first simulated batch on, at their own spacing.
      const t0 = q.items[0]!.timeMs;
      const x0 = simulated[0]?.x ?? 0;
      const points = q.items
        .filter((p) => p.processedRowsPerSecond !== null && p.timeMs !== null && t0 !== null)
        .map((p) => ({ x: x0 + (p.timeMs! - t0!) / 1000, y: p.processedRowsPerSecond! }));
      const rate = sparkProcessedRate(q.items);
      return {
        title: `${id}: rows processed per second of batch time`,
        yLabel: 'rows/s',
        simulated,
        points,
        reference:
          rate === null ? null : { y: rate, label: `measured ${Math.round(rate).toLocaleString('en-US')}/s` },
      };
    }
  }
}
