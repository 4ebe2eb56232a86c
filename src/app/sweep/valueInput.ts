// What the user types for a swept setting's values: a list ("1000, 2000, 5e3") or a range (from,
// to, number of points, linear or log). A list is read here, with a sentence for each mistake.

/** Most values one setting may take in one sweep (the runs multiply with seeds and a 2nd setting). */
export const MAX_VALUES = 50;

export type ValuesDraft =
  | { mode: 'list'; text: string }
  | { mode: 'range'; from: string; to: string; steps: string; scale: 'linear' | 'log' };

export type ValuesRead = { ok: true; values: number[] } | { ok: false; error: string };
// A range's points are the what-if core's (axisValues); see draft.ts.

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
