// Small pure helpers for what nodes and edges draw: short numbers, heat colours, widths, leaders.
import type { Broker } from '../../model';

export function compact(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${trim(value / 1e9)}G`;
  if (abs >= 1e6) return `${trim(value / 1e6)}M`;
  if (abs >= 1e3) return `${trim(value / 1e3)}k`;
  if (abs >= 10 || value === 0) return String(Math.round(value));
  return trim(value);
}

const trim = (v: number): string =>
  Math.abs(v) >= 100 ? String(Math.round(v)) : String(Number(v.toFixed(1)));

export const percent = (fraction: number): string => `${Math.round(Math.max(0, fraction) * 100)}%`;

/**
 * Heat of a lag for colouring partitions: 0 for none, 1 from about a million records on. A log scale,
 * because lag of 10 and of 10,000 are both worth seeing.
 */
export const lagHeat = (lag: number): number => Math.min(1, Math.log10(1 + Math.max(0, lag)) / 6);

/** Green (no lag) through yellow to red (deep lag). */
export const heatColour = (heat: number): string => `hsl(${Math.round(130 * (1 - heat))} 70% 45%)`;

/**
 * The leader of each partition before a run, placed as the engine places them: round-robin over
 * the brokers, starting one broker further for each topic (src/core/engine/placement.ts).
 */
export function plannedLeaders(topicIndex: number, partitions: number, brokers: readonly Broker[]): string[] {
  const leaders: string[] = [];
  for (let p = 0; p < partitions; p++) leaders.push(brokers[(topicIndex + p) % brokers.length]?.id ?? '?');
  return leaders;
}

/** Stroke width for a rate: 1.5 px when idle, up to about 9 px at a million records per second. */
export const edgeWidth = (recordsPerSec: number): number =>
  1.5 + 1.25 * Math.log10(1 + Math.max(0, recordsPerSec));
