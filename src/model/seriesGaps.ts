// Which cells of the per-second series mean "no data this second" rather than a measured 0. The
// series itself is all numbers (a 0 stands in for nothing); the charts draw these seconds as gaps
// and the CSV leaves them blank, so anyone averaging a column averages only measured seconds.

/** Latency percentiles all 0: no record finished in that second (a 0 ms latency is not possible). */
export const noLatency = (percentiles: readonly number[]): boolean => percentiles.every((v) => v === 0);

/** A Spark job's batch times exist only for seconds in which one of its batches completed. */
export const batchCompleted = (batches: number): boolean => batches > 0;

/** A Spark job's estimatedRate is 0 while the rate controller has no estimate (no backpressure yet). */
export const noEstimate = (rate: number): boolean => !(rate > 0);

const LATENCY = ['latency.p50', 'latency.p95', 'latency.p99', 'latency.p999'];
const BATCH_TIMES = ['.schedulingDelayMs', '.processingMs', '.totalDelayMs'];

/**
 * For a series' columns, a function giving the indices of a row's cells with no data: the merged
 * latency percentiles and each reader's own (`<id>.latency.p50`, ...) in a second where none
 * finished; a Spark job's batch times in a second without a completed batch; its estimatedRate
 * while it has none.
 */
export function noDataCells(columns: readonly string[]): (row: readonly number[]) => number[] {
  const index = new Map(columns.map((c, i) => [c, i]));
  const latencyGroups: number[][] = [];
  for (const c of columns) {
    if (!c.endsWith('latency.p50')) continue;
    const prefix = c.slice(0, -'latency.p50'.length);
    if (prefix !== '' && !prefix.endsWith('.')) continue;
    latencyGroups.push(
      LATENCY.map((name) => index.get(prefix + name)).filter((i): i is number => i !== undefined),
    );
  }
  const jobs = columns
    .filter((c) => c.endsWith('.estimatedRate'))
    .map((c) => c.slice(0, -'.estimatedRate'.length))
    .map((id) => ({
      batches: index.get(`${id}.batches`),
      times: BATCH_TIMES.map((s) => index.get(id + s)).filter((i): i is number => i !== undefined),
      estimated: index.get(`${id}.estimatedRate`)!,
    }));
  return (row) => {
    const out: number[] = [];
    for (const group of latencyGroups) if (noLatency(group.map((i) => row[i] ?? 0))) out.push(...group);
    for (const job of jobs) {
      if (job.batches !== undefined && !batchCompleted(row[job.batches] ?? 0)) out.push(...job.times);
      if (noEstimate(row[job.estimated] ?? 0)) out.push(job.estimated);
    }
    return out;
  };
}
