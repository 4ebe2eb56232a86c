// Building blocks shared by every part of the document.
import { z } from 'zod';

/** Ids are used in edges, CSV column names and share links, so they stay short and plain. */
export const nodeId = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/,
    'must be 1-64 characters: letters, digits, "_", "-" or ".", starting with a letter or digit',
  );

/** Display labels are rendered as text only; they are bounded so a hostile file cannot bloat the UI. */
export const label = z.string().max(120, 'must be at most 120 characters');

export const int = (min: number, max: number, belowMin?: string) =>
  z
    .number()
    .int('must be a whole number')
    .min(min, belowMin ?? `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

export const num = (min: number, max: number) =>
  z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);

/** A probability or fraction. */
export const fraction = num(0, 1);

/** 2^31 - 1, Kafka's "effectively unlimited" integer. */
export const INT_MAX = 2147483647;

/** Kafka's Long.MAX_VALUE ("never"), bounded to what JSON numbers hold exactly. */
export const LONG_MAX = Number.MAX_SAFE_INTEGER;

/**
 * Where a fitted value came from: Streamlab's "Fit to measurement" writes one on the node whose
 * measurement it matched (optional; documents without it are unchanged).
 */
export const calibrationSchema = z.strictObject({
  /** The setting the fit changed, as a path (`cluster.hosts[m].hardware.cpuGHz`). */
  setting: z.string().max(300, 'must be at most 300 characters'),
  value: z.number(),
  /** The value before the fit; absent when the setting was not set (the engine's estimate stood). */
  previous: z.number().optional(),
  /** What was matched: the tool, the figure and its value. */
  source: z.string().max(500, 'must be at most 500 characters'),
  /** The measured figure and what the simulation gives at the fitted value. */
  measured: z.number(),
  simulated: z.number(),
  /** When the fit was made (ISO 8601), as the app wrote it. */
  date: z.string().max(40, 'must be at most 40 characters').optional(),
});
