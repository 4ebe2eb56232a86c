// What a schema accepts, in words, read from the zod schema itself so that a message stays right
// when a field, a preset or a stage kind is added: "one of map, flatMap, ...", "{ preset: laptop | ... }".
import type { z } from 'zod';

type Schema = z.core.$ZodType;
type Primitive = string | number | bigint | boolean | null | undefined;

const defOf = (schema: Schema) => schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;

/** The schema under optional, default, prefault, nullable, readonly, catch and transform wrappers. */
export function unwrap(schema: Schema): Schema {
  let current = schema;
  for (let i = 0; i < 20; i++) {
    const def = defOf(current);
    if ('innerType' in def) current = def.innerType as Schema;
    else if (def.type === 'pipe') current = def.in as Schema;
    else break;
  }
  return current;
}

/** Values an enum or literal accepts, or undefined for any other schema. */
export function allowedValues(schema: Schema): Primitive[] | undefined {
  const def = defOf(unwrap(schema));
  if (def.type === 'enum') return Object.values(def.entries as Record<string, string | number>);
  if (def.type === 'literal') return [...(def.values as Primitive[])];
  return undefined;
}

/** The keys of an object schema (undefined for others), required ones first. */
export function objectKeys(schema: Schema): { required: string[]; optional: string[] } | undefined {
  const def = defOf(unwrap(schema));
  if (def.type !== 'object') return undefined;
  const required: string[] = [];
  const optional: string[] = [];
  for (const [key, field] of Object.entries(def.shape as Record<string, Schema>))
    (field._zod.optin ? optional : required).push(key);
  return { required, optional };
}

export function unionOptions(schema: Schema): Schema[] | undefined {
  const def = defOf(unwrap(schema));
  return def.type === 'union' ? [...(def.options as Schema[])] : undefined;
}

export function discriminatorOf(schema: Schema): string | undefined {
  const def = defOf(unwrap(schema));
  return typeof def.discriminator === 'string' ? def.discriminator : undefined;
}

const PLAIN = /^[A-Za-z0-9][\w.-]*$/;

/** `map, flatMap, filter` when every value is a plain word; JSON otherwise ("1" and 1 differ for acks). */
export function listValues(values: readonly unknown[], separator = ', '): string {
  const plain = values.every((v) => typeof v === 'string' && PLAIN.test(v));
  return values.map((v) => (plain || typeof v === 'symbol' ? String(v) : JSON.stringify(v))).join(separator);
}

const TYPE_WORDS: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'a string',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  record: 'an object',
};

/** "a number" for zod's "number", and so on. */
export const typeWord = (type: string): string => TYPE_WORDS[type] ?? type;

/** One accepted form in words: "a number", "one of a, b", "{ kind: x | y, ... }". Depth keeps it short. */
export function describeForm(schema: Schema, depth = 0): string {
  const inner = unwrap(schema);
  const def = defOf(inner);
  const values = allowedValues(inner);
  if (values) return values.length === 1 ? listValues(values) : `one of ${listValues(values)}`;
  const discriminator = discriminatorOf(inner);
  const options = unionOptions(inner);
  if (discriminator && options) {
    const kinds = options.flatMap((o) => {
      const field = defOf(unwrap(o)).shape as Record<string, Schema> | undefined;
      return (field && allowedValues(field[discriminator]!)) ?? [];
    });
    return `an object with ${discriminator}: ${listValues(kinds, ' | ')}`;
  }
  if (options) return options.map((o) => describeForm(o, depth + 1)).join(' or ');
  if (def.type === 'object' && depth < 2) {
    const shape = def.shape as Record<string, Schema>;
    const keys = objectKeys(inner)!;
    const named = (key: string): string => {
      const fieldValues = allowedValues(shape[key]!);
      return fieldValues && fieldValues.length <= 8 ? `${key}: ${listValues(fieldValues, ' | ')}` : key;
    };
    const optional = keys.optional.length > 0 ? `; optional ${keys.optional.join(', ')}` : '';
    return `{ ${keys.required.map(named).join(', ')}${optional} }`;
  }
  return typeWord(def.type);
}
