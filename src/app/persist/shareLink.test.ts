// Share links: round trips, length of the examples' links, and every kind of broken or hostile link.
import { readdirSync, readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_BYTES, parsePipeline, type Pipeline } from '../../model';
import { emptyDocument } from '../store/emptyDocument';
import { MAX_LINK_CHARS, decodeShareHash, encodeShareHash, shareUrl } from './shareLink';

const EXAMPLES_DIR = new URL('../../../examples/', import.meta.url);
const exampleFiles = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.json'));

function loadExample(file: string): Pipeline {
  const result = parsePipeline(JSON.parse(readFileSync(new URL(file, EXAMPLES_DIR), 'utf8')));
  if (!result.ok) throw new Error(result.errors.join('; '));
  return result.doc;
}

/** Builds a link by hand (Node's zlib, independent of the code under test) around any bytes. */
function handMadeHash(payload: Buffer | string): string {
  const bytes = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  return `#v1.${deflateRawSync(bytes).toString('base64url')}`;
}

async function expectRefused(hash: string, ...fragments: string[]): Promise<string> {
  const result = await decodeShareHash(hash);
  expect(result.ok).toBe(false);
  const error = result.ok ? '' : result.error;
  for (const fragment of fragments) expect(error).toContain(fragment);
  return error;
}

describe('share links', () => {
  it.each(exampleFiles)('round-trips %s, seed and duration included', async (file) => {
    const doc = loadExample(file);
    const hash = await encodeShareHash(doc);
    expect(hash).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    const back = await decodeShareHash(`#${hash}`);
    expect(back).toMatchObject({ ok: true });
    if (back.ok) {
      expect(back.doc).toEqual(doc);
      expect(back.doc.run).toEqual(doc.run);
    }
  });

  it.each(exampleFiles)('keeps the link for %s under 2,000 characters', async (file) => {
    const url = await shareUrl(loadExample(file), 'http://localhost:4173/');
    expect(url.length).toBeLessThan(2000);
  });

  it('replaces any hash already in the base address', async () => {
    const url = await shareUrl(emptyDocument(), 'https://example.test/app/#v1.old');
    expect(url).toMatch(/^https:\/\/example\.test\/app\/#v1\.[A-Za-z0-9_-]+$/);
  });

  it('opens a link made by another deflate implementation', async () => {
    const result = await decodeShareHash(
      handMadeHash('{"version":1,"name":"hand made","cluster":{"brokers":[{"id":"b"}]}}'),
    );
    expect(result.ok && result.doc.name).toBe('hand made');
  });

  it('refuses a truncated link', async () => {
    const hash = await encodeShareHash(loadExample(exampleFiles[0] ?? ''));
    await expectRefused(hash.slice(0, Math.floor(hash.length / 2)), 'Could not open the link', 'cut off');
  });

  it('refuses garbage that is not base64', async () => {
    await expectRefused('#v1.<script>alert(1)</script>', 'characters that do not belong');
    await expectRefused('#v1.A', 'not valid base64');
    await expectRefused('#v1.', 'empty');
    await expectRefused('#hello', 'not a Streamlab share link');
  });

  it('refuses valid base64 of bytes that are not deflate data', async () => {
    await expectRefused(
      `#v1.${Buffer.from('just some words, no compression').toString('base64url')}`,
      'corrupt',
    );
  });

  it('refuses deflate data that is not UTF-8 text, or not JSON, or not a pipeline', async () => {
    await expectRefused(handMadeHash(Buffer.from([0xff, 0xfe, 0x00, 0xc3])), 'not text');
    await expectRefused(handMadeHash('{"version":1,'), 'not valid JSON');
    await expectRefused(
      handMadeHash('{"version":1,"cluster":{"brokers":[]}}'),
      'cluster.brokers',
      'at least one broker',
    );
  });

  it('stops a zip bomb at the size cap instead of inflating it', async () => {
    const bomb = deflateRawSync(Buffer.alloc(50 * 1024 * 1024, ' '), { level: 9 });
    const hash = `#v1.${bomb.toString('base64url')}`;
    expect(hash.length).toBeLessThan(MAX_LINK_CHARS); // so it is the decompression cap that stops it
    const before = process.memoryUsage().arrayBuffers;
    const error = await expectRefused(hash, `larger than ${MAX_DOCUMENT_BYTES} bytes`);
    expect(error).not.toContain('cut off');
    // Far less than the 50 MB the link would inflate to was held at once.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(20 * 1024 * 1024);
  });

  it('refuses an oversized hash before decoding it', async () => {
    // Valid-looking base64 that would take a long time to inflate if it were looked at.
    const huge = `#v1.${'A'.repeat(MAX_LINK_CHARS + 1)}`;
    await expectRefused(huge, `${MAX_LINK_CHARS + 4} characters long`);
  });

  it('says a link from a newer Streamlab is from a newer Streamlab', async () => {
    await expectRefused('#v2.AAAA', 'newer Streamlab', 'version 2');
    await expectRefused('#v0.AAAA', 'version 0');
  });

  it('keeps markup in a name as plain text', async () => {
    const name = '<img src=x onerror="alert(1)">';
    const doc: Pipeline = { ...emptyDocument(), name };
    const back = await decodeShareHash(await encodeShareHash(doc));
    expect(back.ok && back.doc.name).toBe(name);
  });
});
