// How a setting's value reads on screen. Kafka's "never" and "no limit" are Long.MAX_VALUE; the
// document stores our stand-in for it (LONG_MAX, the largest whole number a double holds exactly),
// which shown raw reads as an arbitrary 9007199254740991. Every place that shows a setting or its
// default goes through here; the stored value stays the number.
import { LONG_MAX } from './schema/common';

/** What LONG_MAX reads as, in the inspector's fields, placeholders and help, and in lessons. */
export const LONG_MAX_TEXT = 'Long.MAX_VALUE (never / no limit)';

/** A setting's value as text: LONG_MAX by its Kafka name, anything else as it is. */
export function settingText(value: unknown): string {
  if (value === undefined) return '';
  if (value === LONG_MAX) return LONG_MAX_TEXT;
  return String(value);
}

/**
 * Whether typed text means Long.MAX_VALUE: its name (any case, with or without what follows it,
 * so the shown text reads back as itself) or Kafka's own 9223372036854775807.
 */
export function meansLongMax(text: string): boolean {
  const t = text.trim();
  return /^long\.max_value\b/i.test(t) || t === '9223372036854775807';
}

/** "(default ...)" for a setting's help line: no unit after Long.MAX_VALUE's words. */
export function defaultText(value: unknown, unit?: string): string {
  if (value === LONG_MAX) return `default ${LONG_MAX_TEXT}`;
  return `default ${settingText(value)}${unit ? ` ${unit}` : ''}`;
}
