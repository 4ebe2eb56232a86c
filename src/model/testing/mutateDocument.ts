// Seeded mutations of pipeline documents, for fuzz tests and the parse benchmark: the kind of damage a
// hand-edited file, a careless script or a hostile link does (a typo in a name, a value of the wrong
// type, a missing or unknown field, a list grown huge, junk nested deep). Deterministic: the same seed
// gives the same documents on every machine, so a failure can be replayed from its seed.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** mulberry32: a small, fast 32-bit generator; plenty for choosing mutations. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
type Path = (string | number)[];

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/**
 * Every place in the document a mutation can reach: objects, arrays and leaves alike. Junk from an
 * earlier mutation is not walked into (past 12 levels, or past the 50th item of a list).
 */
function allPaths(value: Json, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (path.length >= 12) return out;
  if (Array.isArray(value)) value.slice(0, 50).forEach((v, i) => allPaths(v, [...path, i], out));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) allPaths(v, [...path, k], out);
  return out;
}

function getAt(root: Json, path: Path): Json {
  let node: Json = root;
  for (const key of path) node = (node as Record<string | number, Json>)[key]!;
  return node;
}

/** A typing slip: one character dropped, doubled, swapped with the next, or replaced. */
export function typo(text: string, random: Random): string {
  if (text.length === 0) return 'x';
  const i = Math.floor(random() * text.length);
  switch (Math.floor(random() * 5)) {
    case 0:
      return text.slice(0, i) + text.slice(i + 1) || 'x';
    case 1:
      return text.slice(0, i + 1) + text.slice(i);
    case 2:
      return i + 1 < text.length ? text.slice(0, i) + text[i + 1] + text[i] + text.slice(i + 2) : text + 's';
    case 3:
      return text.toUpperCase() === text ? text.toLowerCase() : text.toUpperCase();
    default:
      return text.slice(0, i) + 'q' + text.slice(i + 1);
  }
}

const STRANGE_VALUES: readonly Json[] = [
  null,
  true,
  false,
  0,
  -1,
  0.5,
  1e308,
  -1e308,
  '',
  'none',
  '5',
  'all',
  [],
  {},
  { kind: 'x' },
  'x'.repeat(300),
];

/** Replaces a leaf or a branch by something of another type or out of range. */
function wrongValue(old: Json, random: Random): Json {
  if (typeof old === 'string' && random() < 0.6) return typo(old, random);
  if (typeof old === 'number' && random() < 0.6)
    return pick(random, [-old - 1, old * 1e6 + 1e6, old + 0.5, String(old), -1e-9, Number.MAX_SAFE_INTEGER]);
  return strange(random);
}

/**
 * One of STRANGE_VALUES, as a fresh copy: the shared [] and {} must not be put into documents,
 * where later mutations would change them (and, through them, every later document, up to a cycle).
 */
function strange(random: Random): Json {
  return structuredClone(pick(random, STRANGE_VALUES));
}

/** Junk nested `depth` levels deep, alternating arrays and objects. */
export function deepJunk(depth: number): Json {
  let value: Json = 1;
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { kind: value };
  return value;
}

export interface Mutation {
  doc: Json;
  /** What was done, for a failure message: `typo at producers.0.keys.kind`. */
  what: string[];
}

/**
 * One to three mutations of a copy of `doc`. `heavy` also allows the costly kinds (a list copied a
 * few thousand times, junk nested thousands deep) that the parse bound is about.
 */
export function mutateDocument(doc: Json, random: Random, heavy = true): Mutation {
  const copy = structuredClone(doc);
  const what: string[] = [];
  const count = 1 + Math.floor(random() * 3);
  for (let m = 0; m < count; m++) {
    const paths = allPaths(copy).filter((p) => p.length > 0);
    if (paths.length === 0) break;
    const path = pick(random, paths);
    const parent = getAt(copy, path.slice(0, -1)) as Record<string | number, Json>;
    const key = path[path.length - 1]!;
    const old = parent[key]!;
    const where = path.join('.');
    const r = random();
    if (r < 0.45) {
      parent[key] = wrongValue(old, random);
      what.push(`wrong value at ${where}`);
    } else if (r < 0.6 && !Array.isArray(parent)) {
      delete parent[key];
      what.push(`removed ${where}`);
    } else if (r < 0.72 && !Array.isArray(parent) && typeof key === 'string') {
      // A misspelt setting name, next to (or instead of) the real one.
      const value = parent[key]!;
      if (random() < 0.5) delete parent[key];
      parent[typo(key, random)] = value;
      what.push(`renamed ${where}`);
    } else if (r < 0.82 && Array.isArray(old) && old.length > 0) {
      const times = heavy && random() < 0.3 ? 1000 + Math.floor(random() * 9000) : 2;
      const item = pick(random, old);
      // The same item, not copies: the parser sees the same list, and junk nested deep cannot be cloned.
      for (let i = 0; i < times; i++) old.push(item);
      what.push(`copied an item of ${where} ${times} times`);
    } else if (r < 0.9 && old !== null && typeof old === 'object') {
      parent[key] = Array.isArray(old) ? { ...old } : Object.values(old);
      what.push(`${Array.isArray(old) ? 'array' : 'object'} turned inside out at ${where}`);
    } else if (heavy && r < 0.95) {
      parent[key] = deepJunk(1 + Math.floor(random() * 5000));
      what.push(`deep junk at ${where}`);
    } else {
      parent[key] = strange(random);
      what.push(`strange value at ${where}`);
    }
  }
  return { doc: copy, what };
}
