// Share links that carry a lesson: the lesson's pipeline as the document and the rest of the lesson
// in an `l1` part. Round trip, a part made by another deflate implementation, and damaged or hostile
// lesson parts, which are named (the app then opens nothing).
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parsePipeline, type Pipeline } from '../../model';
import { MAX_LESSON_LINK_BYTES, decodeShareHash, encodeLessonHash, encodeShareHash } from './shareLink';

function example(): Pipeline {
  const url = new URL('../../../examples/hot-key-skew.json', import.meta.url);
  const result = parsePipeline(JSON.parse(readFileSync(url, 'utf8')));
  if (!result.ok) throw new Error(result.errors.join('; '));
  return result.doc;
}

const rest = {
  format: 'streamlab-lesson',
  version: 1,
  id: 'keep-up',
  title: 'Keep up — “quotes” & <b>markup</b>',
  hints: ['Try more members.'],
};
const part = (bytes: Buffer | string) =>
  deflateRawSync(typeof bytes === 'string' ? Buffer.from(bytes) : bytes).toString('base64url');

async function decodedWith(suffix: string) {
  const result = await decodeShareHash(`#${await encodeShareHash(example())}${suffix}`);
  if (!result.ok) throw new Error(result.error);
  return result;
}

describe('share links with a lesson', () => {
  it('round-trip the lesson: the pipeline as the document, the rest as the lesson part', async () => {
    const hash = await encodeLessonHash({ ...rest, pipeline: example() });
    expect(hash).toMatch(/^v1\.[A-Za-z0-9_-]+\.l1\.[A-Za-z0-9_-]+$/);
    const back = await decodeShareHash(`#${hash}`);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.doc).toEqual(example());
    expect(back.lesson).toEqual(rest);
    expect(back.lessonError).toBeUndefined();
    expect(back.spec).toBeUndefined();
  });

  it('reads a lesson part made by another deflate implementation', async () => {
    const result = await decodedWith(`.l1.${part(JSON.stringify(rest))}`);
    expect(result.lesson).toEqual(rest);
  });

  it.each([
    ['a newer version', `.l9.${part('{}')}`, 'newer Streamlab'],
    ['an empty lesson part', '.l1.', 'empty or damaged'],
    ['foreign characters', '.l1.ab%cd', 'empty or damaged'],
    ['bytes that are not deflate data', `.l1.${Buffer.from('hello there').toString('base64url')}`, 'corrupt'],
    ['text that is not JSON', `.l1.${part('not json {')}`, 'not JSON'],
    ['JSON that is not an object', `.l1.${part('[1,2]')}`, 'not a lesson'],
    ['two lessons', `.l1.${part('{}')}.l1.${part('{}')}`, 'more than one lesson'],
  ])('names what is wrong with a lesson part: %s', async (_name, suffix, words) => {
    const result = await decodedWith(suffix);
    expect(result.lesson).toBeUndefined();
    expect(result.lessonError).toMatch(/^The lesson in the link was not opened: /);
    expect(result.lessonError).toContain(words);
  });

  it('stops an inflating lesson at its size cap', async () => {
    const bomb = Buffer.alloc(MAX_LESSON_LINK_BYTES * 20, 0x20);
    const result = await decodedWith(`.l1.${deflateRawSync(bomb).toString('base64url')}`);
    expect(result.lessonError).toContain(`larger than ${MAX_LESSON_LINK_BYTES} bytes`);
  });

  it('keeps a sweep part and a lesson part apart', async () => {
    const spec = { kind: 'sweep' };
    const result = await decodedWith(`.w1.${part(JSON.stringify(spec))}.l1.${part(JSON.stringify(rest))}`);
    expect(result.spec).toEqual(spec);
    expect(result.lesson).toEqual(rest);
  });
});
