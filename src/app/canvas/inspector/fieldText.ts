// What an inspector field shows besides its input's own value handling: the value as text, the
// placeholder of an emptied input and the "(default ...)" after the help. Pure, for the tests; the
// wording of special values (Long.MAX_VALUE) comes from model/settingText.ts.
import { LONG_MAX } from '../../../model/schema/common';
import { LONG_MAX_TEXT, defaultText, settingText } from '../../../model/settingText';
import type { FieldInfo, InspectedKind } from '../fieldInfo';

/** The value in a text or number input. */
export const fieldValueText = (value: unknown): string => settingText(value);

/**
 * What an emptied number input stands for: a setting whose default is Long.MAX_VALUE goes back to
 * it (its placeholder says so); other required numbers have nothing (the input asks for a number).
 */
export const emptyMeans = (field: FieldInfo, defaultValue: unknown): number | undefined =>
  (field.input.type === 'int' || field.input.type === 'number') && defaultValue === LONG_MAX
    ? LONG_MAX
    : undefined;

/** The placeholder of an emptied input, or none. */
export function fieldPlaceholder(field: FieldInfo, defaultValue: unknown): string | undefined {
  if (field.input.type === 'optionalNumber') return field.input.unsetLabel;
  return emptyMeans(field, defaultValue) !== undefined ? LONG_MAX_TEXT : undefined;
}

/** The "(default ...)" after the help, without the brackets, or none. */
export function fieldDefaultText(field: FieldInfo, defaultValue: unknown): string | undefined {
  const { input } = field;
  if (input.type === 'optionalNumber' || input.type === 'optionalBoolean')
    return defaultValue === undefined ? `default: ${input.unsetLabel}` : defaultText(defaultValue);
  if (input.type !== 'text' && defaultValue !== undefined) return defaultText(defaultValue, field.unit);
  return undefined;
}

/**
 * The placeholder of a node's emptied name: the canvas then shows the node's id, so the input says
 * so ("agents (its id)") rather than looking like a name that is missing. The pipeline's own name
 * has no id to fall back on.
 */
export function namePlaceholder(field: FieldInfo, kind: InspectedKind, ownerId: string): string | undefined {
  if (kind === 'pipeline' || field.path.length !== 1 || field.path[0] !== 'name') return undefined;
  return `${ownerId} (its id)`;
}
