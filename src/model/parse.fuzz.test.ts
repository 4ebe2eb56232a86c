// Fuzz: the examples damaged in seeded ways (typos, wrong types, missing and unknown fields, lists
// copied thousands of times, junk nested thousands deep). Every refusal names where and what is
// allowed, never zod's generic words; nothing throws; text and value give the same answer.
import { describe, expect, it } from 'vitest';
import { parsePipeline, parsePipelineText } from './parse';
import { type Json, mutateDocument, seededRandom } from './testing/mutateDocument';
import { GENERIC, namesAPlace } from './testing/refusals';

const texts = import.meta.glob<string>('../../examples/*.json', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const examples = Object.keys(texts)
  .sort()
  .map((file) => JSON.parse(texts[file]!) as Json);

const DOCUMENTS = 2000;

describe('parsing damaged examples', () => {
  const random = seededRandom(20_240_612);
  const refusals: { what: string[]; errors: string[] }[] = [];
  let accepted = 0;
  for (let i = 0; i < DOCUMENTS; i++) {
    const { doc, what } = mutateDocument(examples[i % examples.length]!, random);
    const result = parsePipeline(doc);
    if (result.ok) accepted++;
    else refusals.push({ what, errors: result.errors });
  }

  it('refuses most of them (the mutations do damage)', () => {
    expect(examples.length).toBeGreaterThan(0);
    expect(refusals.length).toBeGreaterThan(DOCUMENTS * 0.8);
    expect(accepted + refusals.length).toBe(DOCUMENTS);
  });

  it('never uses a generic message', () => {
    const generic = refusals.flatMap((r) =>
      r.errors.filter((e) => GENERIC.test(e)).map((e) => `${r.what}: ${e}`),
    );
    expect(generic).toEqual([]);
  });

  it('names a path or a node in every message', () => {
    const placeless = refusals.flatMap((r) =>
      r.errors.filter((e) => !namesAPlace(e)).map((e) => `${r.what}: ${e}`),
    );
    expect(placeless).toEqual([]);
  });

  it('keeps every message short and the list at 20 plus a count', () => {
    for (const r of refusals) {
      expect(r.errors.length).toBeGreaterThan(0);
      expect(r.errors.length).toBeLessThanOrEqual(21);
      for (const e of r.errors) expect(e.length, e.slice(0, 200)).toBeLessThan(1200);
    }
  });

  it('answers text as it answers the value (a sample)', () => {
    const again = seededRandom(7);
    for (let i = 0; i < 100; i++) {
      const { doc } = mutateDocument(examples[i % examples.length]!, again, false);
      expect(parsePipelineText(JSON.stringify(doc))).toEqual(parsePipeline(doc));
    }
  });
});

describe('the mutations are deterministic', () => {
  it('the same seed damages the same way', () => {
    const a = mutateDocument(examples[0]!, seededRandom(3));
    const b = mutateDocument(examples[0]!, seededRandom(3));
    expect(a.what).toEqual(b.what);
    expect(JSON.stringify(a.doc)).toBe(JSON.stringify(b.doc));
  });
});
