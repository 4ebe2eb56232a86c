// What the user types for a swept setting's values, read into numbers with a sentence for each
// mistake: a list ("1000, 2000, 5e3") or a range (from, to, number of points, linear or log).

/** Most values one setting may take in one sweep (the runs multiply with seeds and a 2nd setting). */
export const MAX_VALUES = 50;

export type ValuesDraft =
  | { mode: 'list'; text: string }
  | { mode: 'range'; from: string; to: string; steps: string; scale: 'linear' | 'log' };

export type ValuesRead = { ok: true; values: number[] } | { ok: false; error: string };

const num = (text: string): number | undefined => {
  const t = text.trim().replace(/_/g, '');
  if (t === '' || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return undefined;
  const v = Number(t);
  return Number.isFinite(v) ? v : undefined;
};

/** Reads "10, 20 50;100" (commas, semicolons or spaces between numbers), in the order given. */
export function parseValueList(text: string): ValuesRead {
  const items = text.split(/[\s,;]+/).filter((s) => s !== '');
  if (items.length === 0) return { ok: false, error: 'give at least one value' };
  if (items.length > MAX_VALUES)
    return { ok: false, error: `at most ${MAX_VALUES} values (${items.length} given)` };
  const values: number[] = [];
  for (const item of items) {
    const v = num(item);
    if (v === undefined) return { ok: false, error: `"${item.slice(0, 20)}" is not a number` };
    if (values.includes(v)) return { ok: false, error: `${item} is given twice` };
    values.push(v);
  }
  return { ok: true, values };
}

/**
 * The points of a range: `steps` values from `from` to `to`, both included, evenly spaced, or on a
 * log scale evenly spaced in their logarithm (both ends then above 0). Whole-number settings round
 * each point and drop repeats.
 */
export function rangeValues(
  from: number,
  to: number,
  steps: number,
  scale: 'linear' | 'log',
  integer = false,
): number[] {
  const out: number[] = [];
  for (let i = 0; i < steps; i++) {
    const f = steps === 1 ? 0 : i / (steps - 1);
    let v =
      scale === 'log'
        ? Math.exp(Math.log(from) + f * (Math.log(to) - Math.log(from)))
        : from + f * (to - from);
    // Hit the ends exactly, and keep 0.1 steps from showing as 0.30000000000000004.
    if (i === 0) v = from;
    else if (i === steps - 1) v = to;
    else v = integer ? Math.round(v) : Number(v.toPrecision(12));
    if (!out.includes(v)) out.push(v);
  }
  return out;
}

/** Reads a draft into its values; `integer` and `min` come from the setting being swept. */
export function readValues(draft: ValuesDraft, setting: { integer: boolean; min: number }): ValuesRead {
  let values: number[];
  if (draft.mode === 'list') {
    const read = parseValueList(draft.text);
    if (!read.ok) return read;
    values = read.values;
  } else {
    const from = num(draft.from);
    const to = num(draft.to);
    const steps = num(draft.steps);
    if (from === undefined) return { ok: false, error: '"from" is not a number' };
    if (to === undefined) return { ok: false, error: '"to" is not a number' };
    if (steps === undefined || !Number.isInteger(steps) || steps < 2 || steps > MAX_VALUES)
      return { ok: false, error: `the number of points must be a whole number from 2 to ${MAX_VALUES}` };
    if (from === to) return { ok: false, error: '"from" and "to" are the same value' };
    if (draft.scale === 'log' && (from <= 0 || to <= 0))
      return { ok: false, error: 'a log scale needs both ends above 0' };
    values = rangeValues(from, to, steps, draft.scale, setting.integer);
  }
  for (const v of values) {
    if (setting.integer && !Number.isInteger(v))
      return { ok: false, error: `${v} is not a whole number, and this setting counts` };
    if (v < setting.min)
      return { ok: false, error: `${v} is below ${setting.min}, the least this setting takes` };
  }
  return { ok: true, values };
}
