// How the Spark UI tables write their numbers: times in ms, sizes in bytes, batch times on the
// run's clock, and the task skew of a stage. Pure, so they are unit-tested.
import type { SparkExecutorLogLive, SparkExecutorsLive } from '../../worker/protocol';
import { formatClock, formatCount } from '../run/format';

/** Skew worth flagging: the slowest task takes at least this many times the median. */
export const SKEW_FLAG = 2;

/** A duration in ms: "0.4 ms" below 10 ms, else whole ms with separators ("12,345 ms"). */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (Math.abs(ms) < 10) return `${Number(ms.toFixed(1))} ms`;
  return `${formatCount(Math.round(ms))} ms`;
}

/** Bytes in decimal units ("0 B", "512 B", "1.5 MB"), as Spark's UI writes them. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '–';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = Math.max(0, bytes);
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return u === 0 ? `${Math.round(v)} B` : `${Number(v.toFixed(1))} ${units[u]}`;
}

/** A batch's time on the run's clock, with tenths when the batch interval is not whole seconds. */
export function batchClock(ms: number): string {
  const clock = formatClock(ms);
  const tenths = Math.round((ms % 1000) / 100);
  return tenths > 0 && tenths < 10 ? `${clock}.${tenths}` : clock;
}

/** Slowest task over median task; undefined when there is no median to divide by. */
export function skewRatio(slowestMs: number, medianMs: number): number | undefined {
  return medianMs > 0 ? slowestMs / medianMs : undefined;
}

/**
 * A share as a whole percentage, "37%"; "<1%" for a little work (not "0%", which reads as idle);
 * above 100% when the work would need more slots than there are.
 */
export function formatBusy(fraction: number): string {
  if (fraction > 0 && fraction < 0.005) return '<1%';
  return `${Math.round(Math.max(0, fraction) * 100)}%`;
}

/** Seconds with up to two decimals: 1836 ms -> "1.84 s", 1000 -> "1 s". */
function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))} s`;
}

function executors(n: number): string {
  return `${formatCount(n)} executor${n === 1 ? '' : 's'}`;
}

/**
 * One line of a job's executor log, the decision first and then what it rested on:
 * "+2 executors (1 → 3): processing 1.84 s per 1 s batch, ratio 1.84".
 */
export function executorLogLine(e: SparkExecutorLogLive, batchIntervalMs: number): string {
  if (e.kind !== 'allocation') {
    switch (e.kind) {
      case 'added':
        return `${executors(e.count)} asked for`;
      case 'started':
        return `${executors(e.count)} started (${formatCount(e.executors)} running)`;
      case 'removed':
        return `${executors(e.count)} removed (${formatCount(e.executors)} running)`;
      case 'lost':
        return `${executors(e.count)} lost (${formatCount(e.executors)} running)`;
      case 'replaced':
        return `${e.count === 1 ? 'a replacement' : `${formatCount(e.count)} replacements`} started (${formatCount(e.executors)} running)`;
      case 'cancelled':
        return `${executors(e.count)} not started after all: the new total is lower`;
    }
  }
  const why = `processing ${seconds(e.meanProcessingMs)} per ${seconds(batchIntervalMs)} batch, ratio ${Number(
    e.ratio.toFixed(2),
  )}`;
  switch (e.action) {
    case 'up':
      return `+${executors(e.target - e.registered)} (${e.registered} → ${e.target}): ${why}`;
    case 'down':
      return `−1 executor (${e.registered} → ${e.registered - 1}): ${why}`;
    case 'hold':
      return `kept ${formatCount(e.registered)}: ${why}`;
    case 'atMax':
      return `kept ${formatCount(e.registered)}, the maximum: ${why} (asks for ${e.asked} more)`;
    case 'atMin':
      return `kept ${formatCount(e.registered)}, the minimum: ${why}`;
    case 'receiversOnly':
      return `kept ${formatCount(e.registered)}: every executor runs a receiver, and Spark removes only those without one: ${why}`;
  }
}

/**
 * Why executors beyond the partitions do not read faster, when some get no read task; undefined
 * when every executor has one.
 */
export function readStageNote(
  x: Pick<SparkExecutorsLive, 'running' | 'cores' | 'readTasks' | 'idleInRead'>,
): string | undefined {
  if (x.idleInRead <= 0) return undefined;
  const tasks = `${formatCount(x.readTasks)} Kafka partition${x.readTasks === 1 ? '' : 's'}`;
  return `${formatCount(x.idleInRead)} of ${executors(x.running)} get no read task: the read stage runs one task per partition and the job reads ${tasks}. More executors do not read faster; more partitions would.`;
}
