// Share links that carry a sweep or search spec after the document: round trip, the spec part
// built by hand with Node's zlib (independent of the encoder), and damaged or hostile spec parts,
// which never stop the document from opening.
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parsePipeline, type Pipeline } from '../../model';
import { MAX_SPEC_BYTES, decodeShareHash, encodeShareHash } from './shareLink';

function example(): Pipeline {
  const url = new URL('../../../examples/hot-key-skew.json', import.meta.url);
  const result = parsePipeline(JSON.parse(readFileSync(url, 'utf8')));
  if (!result.ok) throw new Error(result.errors.join('; '));
  return result.doc;
}

const spec = { kind: 'sweep', seeds: 3, settings: [{ path: 'producers[p].rate', values: [1, 2.5, 1e6] }] };
const part = (bytes: Buffer | string) =>
  deflateRawSync(typeof bytes === 'string' ? Buffer.from(bytes) : bytes).toString('base64url');

async function openedWith(suffix: string) {
  const docHash = await encodeShareHash(example());
  const result = await decodeShareHash(`#${docHash}${suffix}`);
  if (!result.ok) throw new Error(`the document should still open: ${result.error}`);
  expect(result.doc).toEqual(example());
  return result;
}

describe('share links with a spec', () => {
  it('round-trip the spec exactly, beside the document', async () => {
    const hash = await encodeShareHash(example(), spec);
    expect(hash).toMatch(/^v1\.[A-Za-z0-9_-]+\.w1\.[A-Za-z0-9_-]+$/);
    const back = await decodeShareHash(`#${hash}`);
    expect(back).toEqual({ ok: true, doc: example(), warnings: expect.any(Array) as unknown, spec });
  });

  it('a link without a spec has none', async () => {
    const back = await decodeShareHash(`#${await encodeShareHash(example())}`);
    expect(back.ok && 'spec' in back).toBe(false);
  });

  it('reads a spec part made by another deflate implementation', async () => {
    const result = await openedWith(`.w1.${part(JSON.stringify(spec))}`);
    expect(result.spec).toEqual(spec);
    expect(result.specError).toBeUndefined();
  });

  it.each([
    ['an unknown tag', `.x1.${part('{}')}`, 'not in a form'],
    ['a newer version', `.w9.${part('{}')}`, 'newer Streamlab'],
    ['an empty spec part', '.w1.', 'empty or damaged'],
    ['foreign characters', '.w1.ab%cd', 'empty or damaged'],
    ['bytes that are not deflate data', `.w1.${Buffer.from('hello there').toString('base64url')}`, 'corrupt'],
    ['text that is not JSON', `.w1.${part('not json {')}`, 'not JSON'],
    ['bytes that are not UTF-8', `.w1.${part(Buffer.from([0xff, 0xfe, 0x00]))}`, 'not JSON'],
    ['a part too many', `.w1.${part('{}')}.more`, 'not in a form'],
  ])('opens the document and says why the spec was not read: %s', async (_name, suffix, words) => {
    const result = await openedWith(suffix);
    expect(result.spec).toBeUndefined();
    expect(result.specError).toMatch(/^The sweep in the link was not opened: /);
    expect(result.specError).toContain(words);
  });

  it('stops an inflating spec at its size cap', async () => {
    const bomb = Buffer.alloc(MAX_SPEC_BYTES * 20, 0x20);
    const suffix = `.w1.${deflateRawSync(bomb).toString('base64url')}`;
    expect(suffix.length).toBeLessThan(10_000);
    const result = await openedWith(suffix);
    expect(result.specError).toContain(`larger than ${MAX_SPEC_BYTES} bytes`);
  });
});
