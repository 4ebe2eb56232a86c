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
