// How lag in time and time to drain read on the canvas and in the inspector.

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
