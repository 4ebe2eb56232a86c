// How lag in time and time to drain read on the canvas and in the inspector.
import { compact } from './format';

/** A duration in seconds, short: "0.4 s", "12 s", "2.5 min", "1.2 h". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '∞';
  const s = Math.max(0, seconds);
  if (s < 10) return `${Number(s.toFixed(1))} s`;
  if (s < 120) return `${Math.round(s)} s`;
  if (s < 7200) return `${Number((s / 60).toFixed(1))} min`;
  return `${Number((s / 3600).toFixed(1))} h`;
}

/** Time to drain as the engine gives it: 0 caught up, Infinity not draining, else how long. */
export function formatDrain(drainSec: number): string {
  if (drainSec === 0) return 'caught up';
  if (!Number.isFinite(drainSec)) return 'not draining';
  return `drains in ${formatDuration(drainSec)}`;
}

/**
 * A reader's lag line on its node. What a reader still has to read comes first, with its age and the
 * time to drain (a Spark job: records in no completed batch; a group: records no poll has returned,
 * from the members' positions). A group's committed lag (end − committed offset, kafka-consumer-groups'
 * LAG) comes last and is named so: with auto-commit every few seconds it can be tens of thousands
 * while the group has read everything ("unread 0 · caught up · committed lag 48.5k").
 */
export function readerLagText(reading: {
  /** Unread (a group) or unprocessed (a Spark job) records. */
  records: number;
  /** Age of the oldest of them. */
  seconds: number;
  drainSec: number;
  /** A group's committed lag; absent for a Spark job. */
  committedLag?: number;
}): string {
  const parts = [
    `${reading.committedLag === undefined ? 'unprocessed' : 'unread'} ${compact(reading.records)}`,
  ];
  if (reading.seconds > 0) parts.push(`${formatDuration(reading.seconds)} old`);
  parts.push(formatDrain(reading.drainSec));
  if (reading.committedLag !== undefined) parts.push(`committed lag ${compact(reading.committedLag)}`);
  return parts.join(' · ');
}
