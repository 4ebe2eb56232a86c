// How the Spark UI tables write their numbers: times in ms, sizes in bytes, batch times on the
// run's clock, and the task skew of a stage. Pure, so they are unit-tested.
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
