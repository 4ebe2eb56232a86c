// The words of every refusal the schema gives, as a zod error map: each names what is allowed and,
// where something allowed is close to what was typed, suggests it. Messages written into the schema
// itself ("must be at least 0") take precedence; this covers the rest, above all unions and enums,
// whose zod defaults say only that nothing matched.
import type { z } from 'zod';
import { nearest } from './nearest';
import {
  allowedValues,
  describeForm,
  discriminatorOf,
  listValues,
  objectKeys,
  typeWord,
  unionOptions,
} from './schemaForms';

type RawIssue = z.core.$ZodRawIssue;
type Issue = z.core.$ZodIssue;
type Schema = z.core.$ZodType;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A value as it appears in a message: strings quoted and cut short, containers by their kind. */
export function shown(value: unknown): string {
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

/** `did you mean "window"?`, or undefined when nothing allowed is close to what was typed. */
function didYouMean(typed: unknown, candidates: readonly unknown[]): string | undefined {
  if (typeof typed !== 'string') return undefined;
  const near = nearest(
    typed,
    candidates.filter((c): c is string => typeof c === 'string'),
  );
  return near === undefined ? undefined : `did you mean ${JSON.stringify(near)}?`;
}

function notOneOf(input: unknown, values: readonly unknown[]): string {
  if (input === undefined)
    return `missing (expected ${values.length === 1 ? '' : 'one of '}${listValues(values)})`;
  if (values.length === 1) return `must be ${listValues(values)}, not ${shown(input)}`;
  const hint = didYouMean(input, values);
  return `${shown(input)} is not one of ${listValues(values)}${hint ? `; ${hint}` : ''}`;
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth'];

/** A path inside a union's branch, for the "closest form" part of a message. */
function relativePath(path: readonly PropertyKey[]): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i > 0 ? '.' : ''}${String(k)}`)).join('');
}

function unionMessage(issue: RawIssue & { code: 'invalid_union' }, union: Schema | undefined): string {
  const input = issue.input;
  const discriminator = issue.discriminator ?? (union && discriminatorOf(union));
  if (discriminator && issue.errors.length === 0) {
    // No branch has this discriminator value; the issue's path already ends with the discriminator.
    const typed = isPlainObject(input) ? input[discriminator] : undefined;
    return notOneOf(typed, (issue.options as unknown[] | undefined) ?? []);
  }
  const options = union ? (unionOptions(union) ?? []) : [];
  // A union of plain values (acks: "all", "1", 1, ...) reads as one list of values.
  const values = options.map((o) => allowedValues(o));
  if (options.length > 0 && values.every((v) => v !== undefined)) return notOneOf(input, values.flat());
  const forms = options.length > 0 ? options.map((o) => describeForm(o)).join(' or ') : 'another form';
  const closest = closestBranch(issue.errors, options, input);
  if (closest === undefined) return `expected ${forms}, not ${shown(input)}`;
  const detail = issue.errors[closest]!.slice(0, 2)
    .map((i) => (i.path.length > 0 ? `${relativePath(i.path)}: ${i.message}` : i.message))
    .join('; ');
  return `expected ${forms}; the closest is the ${ORDINALS[closest] ?? `#${closest + 1}`} form: ${detail}`;
}

/**
 * The branch the writer most likely meant: the one that knows most of the object's keys, then the
 * one with fewest problems. None when the value is not even of a branch's type.
 */
function closestBranch(errors: readonly Issue[][], options: readonly Schema[], input: unknown) {
  if (!isPlainObject(input) || errors.length === 0) return undefined;
  const given = Object.keys(input);
  let best: number | undefined;
  let bestScore = -Infinity;
  errors.forEach((branch, i) => {
    if (branch.some((e) => e.path.length === 0 && e.code === 'invalid_type')) return;
    const keys = options[i] ? objectKeys(options[i]) : undefined;
    const known = keys
      ? given.filter((k) => keys.required.includes(k) || keys.optional.includes(k)).length
      : 0;
    const score = known * 1000 - branch.length;
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  return best;
}

function typeMessage(issue: RawIssue & { code: 'invalid_type' }, schema: Schema | undefined): string {
  const expected =
    schema && (unionOptions(schema) || allowedValues(schema))
      ? describeForm(schema)
      : typeWord(issue.expected);
  if (issue.input === undefined) return `missing (expected ${expected})`;
  return `expected ${expected}, not ${shown(issue.input)}`;
}

function unknownKeysMessage(issue: RawIssue & { code: 'unrecognized_keys' }, schema: Schema | undefined) {
  const keys = schema ? objectKeys(schema) : undefined;
  const known = keys ? [...keys.required, ...keys.optional] : [];
  if (issue.keys.length === 1) {
    const hint = didYouMean(issue.keys[0], known);
    return `unknown setting ${shown(issue.keys[0])}${hint ? `; ${hint}` : ''}`;
  }
  const parts = issue.keys.slice(0, 5).map((k) => {
    const hint = didYouMean(k, known);
    return hint ? `${shown(k)} (${hint})` : shown(k);
  });
  if (issue.keys.length > 5) parts.push(`and ${issue.keys.length - 5} more`);
  return `unknown settings ${parts.join(', ')}`;
}

function sizeMessage(issue: RawIssue & { code: 'too_big' | 'too_small' }): string {
  const big = issue.code === 'too_big';
  const bound = big ? (issue as { maximum: number }).maximum : (issue as { minimum: number }).minimum;
  const unit = issue.origin === 'array' ? ' items' : issue.origin === 'string' ? ' characters' : '';
  return `must have at ${big ? 'most' : 'least'} ${String(bound)}${unit}`;
}

/** The error map: passed to safeParse, so it words every issue a schema does not word itself. */
export const issueMessage: z.core.$ZodErrorMap = (issue) => {
  const schema =
    issue.inst && '_zod' in issue.inst && 'def' in issue.inst._zod ? (issue.inst as Schema) : undefined;
  switch (issue.code) {
    case 'invalid_union':
      return unionMessage(issue, schema);
    case 'invalid_value':
      return notOneOf(issue.input, issue.values);
    case 'invalid_type':
      return typeMessage(issue, schema);
    case 'unrecognized_keys':
      return unknownKeysMessage(issue, schema);
    case 'too_big':
    case 'too_small':
      return sizeMessage(issue);
    case 'invalid_key':
      return `the key ${shown(issue.input)} is not allowed: ${issue.issues.map((i) => i.message).join('; ')}`;
    case 'invalid_format':
      return `${shown(issue.input)} does not have the expected format`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    default:
      return undefined;
  }
};
