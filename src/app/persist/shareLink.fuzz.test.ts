// Fuzz of share links: the examples' links damaged character by character, and links carrying
// damaged documents. Every refusal is one sentence that says what is wrong, never zod's generic
// words, and a refused document names where in it the problem is.
import { readdirSync, readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parsePipeline } from '../../model';
import { type Json, mutateDocument, seededRandom, typo } from '../../model/testing/mutateDocument';
import { GENERIC, namesAPlace } from '../../model/testing/refusals';
import { decodeShareHash, encodeShareHash } from './shareLink';

const EXAMPLES_DIR = new URL('../../../examples/', import.meta.url);
const examples = readdirSync(EXAMPLES_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(new URL(f, EXAMPLES_DIR), 'utf8')) as Json);

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const INVALID_DOCUMENT = 'Could not open the link: the document in the link is not valid: ';

/** A link's text damaged once: cut, a character changed, dropped, or foreign, or the prefix altered. */
function damageLink(hash: string, random: () => number): string {
  const at = 3 + Math.floor(random() * (hash.length - 3));
  switch (Math.floor(random() * 5)) {
    case 0:
      return hash.slice(0, at);
    case 1:
      return hash.slice(0, at) + BASE64URL[Math.floor(random() * 64)] + hash.slice(at + 1);
    case 2:
      return hash.slice(0, at) + hash.slice(at + 1);
    case 3:
      return hash.slice(0, at) + '%' + hash.slice(at);
    default:
      return typo(hash.slice(0, 3), random) + hash.slice(3);
  }
}

function expectGoodRefusal(error: string): void {
  expect(error.startsWith('Could not open the link: '), error).toBe(true);
  expect(error, error).not.toMatch(GENERIC);
  if (error.startsWith(INVALID_DOCUMENT))
    expect(namesAPlace(error.slice(INVALID_DOCUMENT.length)), error.slice(0, 300)).toBe(true);
}

describe('damaged share links', () => {
  it('refuse with a clear sentence (300 damaged links of the examples)', async () => {
    const random = seededRandom(99);
    const links = await Promise.all(
      examples.map(async (e) => {
        const parsed = parsePipeline(e);
        if (!parsed.ok) throw new Error(parsed.errors.join('; '));
        return `#${await encodeShareHash(parsed.doc)}`;
      }),
    );
    let refused = 0;
    for (let i = 0; i < 300; i++) {
      const result = await decodeShareHash(damageLink(links[i % links.length]!, random));
      if (result.ok) continue;
      refused++;
      expectGoodRefusal(result.error);
    }
    expect(refused).toBeGreaterThan(150);
  });

  it('carrying damaged documents, refuse naming the place in the document (300 links)', async () => {
    const random = seededRandom(1234);
    let refused = 0;
    for (let i = 0; i < 300; i++) {
      const { doc } = mutateDocument(examples[i % examples.length]!, random, false);
      const hash = `#v1.${deflateRawSync(Buffer.from(JSON.stringify(doc))).toString('base64url')}`;
      const result = await decodeShareHash(hash);
      if (result.ok) continue;
      refused++;
      expectGoodRefusal(result.error);
    }
    expect(refused).toBeGreaterThan(200);
  });
});
