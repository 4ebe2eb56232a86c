// Share links: the whole document (seed and duration included, so the exact run) in the URL hash as
// `v1.<base64url of deflate-raw JSON>`. Links come from strangers, so decoding checks the length
// before decoding, caps the decompressed size while streaming, and then goes through the model's
// own parser. It never throws: every failure is a message for the user.
//
// A link may also carry a sweep or search spec (what to run, never results) after the document:
// `v1.<document>.w1.<base64url of deflate-raw JSON of the spec>`. Its decoding is capped the same
// way; its meaning (settings, counts) is checked by the sweep view, which gets it as plain JSON.
//
// A lesson link carries the lesson's pipeline as the document and the rest of the lesson after it:
// `v1.<pipeline>.l1.<base64url of deflate-raw JSON of the lesson without its pipeline>`. It is
// decoded here under its own cap and handed on as plain JSON; the lessons code checks it
// (src/lessons/parse.ts) before anything opens, so a broken lesson never replaces the user's work.
import { MAX_DOCUMENT_BYTES, parsePipelineText, type Pipeline } from '../../model';
import { keepBrokerHardware, minimise } from './minimise';

export const LINK_VERSION = 1;
/** Longer hashes are refused before any decoding; a document near the size limit still fits. */
export const MAX_LINK_CHARS = 512 * 1024;

/** Version of the spec part of a link (`.w1.`). */
export const SPEC_LINK_VERSION = 1;
/** A spec is small (a few settings and numbers); a larger one is refused while inflating. */
export const MAX_SPEC_BYTES = 64 * 1024;

/** Version of the lesson part of a link (`.l1.`). */
export const LESSON_LINK_VERSION = 1;
/** A lesson's texts, goal and quiz (its pipeline travels as the document): well under this. */
export const MAX_LESSON_LINK_BYTES = 128 * 1024;

export type LinkResult =
  | {
      ok: true;
      doc: Pipeline;
      warnings: string[];
      /** A sweep or search spec carried by the link, as parsed JSON (not yet checked). */
      spec?: unknown;
      /** Set when the link had a spec part that could not be read (the document still opens). */
      specError?: string;
      /** A lesson carried by the link: its JSON without the pipeline (the document is the pipeline). */
      lesson?: Record<string, unknown>;
      /** Set when the link had a lesson part that could not be read (then nothing should open). */
      lessonError?: string;
    }
  | { ok: false; error: string };

export async function encodeShareHash(doc: Pipeline, spec?: unknown): Promise<string> {
  const json = JSON.stringify(minimise(doc, { keepVerbatim: keepBrokerHardware }));
  const packed = await squeeze(new TextEncoder().encode(json), new CompressionStream('deflate-raw'));
  const hash = `v${LINK_VERSION}.${toBase64Url(packed)}`;
  if (spec === undefined) return hash;
  const specPacked = await squeeze(
    new TextEncoder().encode(JSON.stringify(spec)),
    new CompressionStream('deflate-raw'),
  );
  return `${hash}.w${SPEC_LINK_VERSION}.${toBase64Url(specPacked)}`;
}

/** A lesson in a link: its pipeline as the document, the rest of the lesson in an `l1` part. */
export async function encodeLessonHash(
  lesson: { pipeline: Pipeline } & Record<string, unknown>,
): Promise<string> {
  const { pipeline, ...rest } = lesson;
  const packed = await squeeze(
    new TextEncoder().encode(JSON.stringify(rest)),
    new CompressionStream('deflate-raw'),
  );
  return `${await encodeShareHash(pipeline)}.l${LESSON_LINK_VERSION}.${toBase64Url(packed)}`;
}

/** The full address to share: this page with the document (and a sweep or search spec) in the hash. */
export async function shareUrl(doc: Pipeline, base: string, spec?: unknown): Promise<string> {
  return `${base.split('#')[0]}#${await encodeShareHash(doc, spec)}`;
}

/** True when the hash looks like it is meant to carry a document (so it deserves an answer). */
export function hashHasLink(hash: string): boolean {
  return hash.replace(/^#/, '').trim() !== '';
}

export async function decodeShareHash(hash: string): Promise<LinkResult> {
  const text = hash.replace(/^#/, '').trim();
  if (text.length > MAX_LINK_CHARS)
    return fail(`the link is ${text.length} characters long; the most Streamlab opens is ${MAX_LINK_CHARS}`);
  const match = /^v(\d{1,6})\.(.*)$/s.exec(text);
  if (!match) return fail('it is not a Streamlab share link (it should start with "#v1.")');
  const version = Number(match[1]);
  if (version > LINK_VERSION)
    return fail(
      `it was made by a newer Streamlab (link version ${version}); this one opens version ${LINK_VERSION}`,
    );
  if (version !== LINK_VERSION) return fail(`link version ${version} is not one Streamlab knows`);

  const [payload = '', ...moreParts] = (match[2] ?? '').split('.');
  // After the document come tagged parts, a tag and its payload each: `l` a lesson, the rest a spec.
  const specParts: string[] = [];
  const lessonParts: string[] = [];
  for (let i = 0; i < moreParts.length; i += 2)
    (/^l\d{1,6}$/.test(moreParts[i]!) ? lessonParts : specParts).push(...moreParts.slice(i, i + 2));
  if (payload === '') return fail('the link is empty after "v1."; it may have been cut off');
  if (!/^[A-Za-z0-9_-]+$/.test(payload))
    return fail('the link contains characters that do not belong in it; it may have been altered');
  const bytes = fromBase64Url(payload);
  if (!bytes) return fail('the link is damaged (it is not valid base64); it may have been cut off');

  const unpacked = await squeeze(bytes, new DecompressionStream('deflate-raw'), MAX_DOCUMENT_BYTES).catch(
    (e: unknown) => e,
  );
  if (unpacked instanceof TooLarge)
    return fail(`the document in the link is larger than ${MAX_DOCUMENT_BYTES} bytes; it was not opened`);
  if (!(unpacked instanceof Uint8Array))
    return fail(
      'the link is damaged (its compressed data is incomplete or corrupt); it may have been cut off',
    );

  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(unpacked);
  } catch {
    return fail('the link is damaged (its content is not text)');
  }
  const parsed = parsePipelineText(json, { draft: true });
  if (!parsed.ok) return fail(`the document in the link is not valid: ${parsed.errors.join('; ')}`);
  const result: LinkResult = {
    ok: true,
    doc: parsed.doc,
    warnings: [...parsed.problems, ...parsed.warnings],
  };
  if (specParts.length > 0) {
    const spec = await decodeSpecParts(specParts);
    if ('error' in spec) result.specError = `The sweep in the link was not opened: ${spec.error}.`;
    else result.spec = spec.spec;
  }
  if (lessonParts.length > 0) {
    const lesson = await decodeLessonParts(lessonParts);
    if ('error' in lesson) result.lessonError = `The lesson in the link was not opened: ${lesson.error}.`;
    else result.lesson = lesson.lesson;
  }
  return result;
}

async function decodeLessonParts(
  parts: string[],
): Promise<{ lesson: Record<string, unknown> } | { error: string }> {
  const [tag = '', payload = '', ...more] = parts;
  const version = Number(/^l(\d{1,6})$/.exec(tag)?.[1]);
  if (more.length > 0) return { error: 'the link holds more than one lesson' };
  if (version > LESSON_LINK_VERSION)
    return { error: `it was made by a newer Streamlab (lesson link version ${version})` };
  if (version !== LESSON_LINK_VERSION)
    return { error: `lesson link version ${version} is not one Streamlab knows` };
  const json = await unpackJson(payload, MAX_LESSON_LINK_BYTES);
  if ('error' in json) return json;
  const value = json.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { error: 'its lesson part is not a lesson (a JSON object)' };
  return { lesson: value as Record<string, unknown> };
}

/** A base64url payload of deflate-raw JSON, inflated under `limit` bytes; errors say what is wrong. */
async function unpackJson(payload: string, limit: number): Promise<{ value: unknown } | { error: string }> {
  if (!/^[A-Za-z0-9_-]+$/.test(payload)) return { error: 'its part of the link is empty or damaged' };
  const bytes = fromBase64Url(payload);
  if (!bytes) return { error: 'its part of the link is damaged (not valid base64)' };
  const unpacked = await squeeze(bytes, new DecompressionStream('deflate-raw'), limit).catch(
    (e: unknown) => e,
  );
  if (unpacked instanceof TooLarge) return { error: `it is larger than ${limit} bytes` };
  if (!(unpacked instanceof Uint8Array)) return { error: 'its compressed data is incomplete or corrupt' };
  try {
    return { value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(unpacked)) as unknown };
  } catch {
    return { error: 'it is not JSON text' };
  }
}

async function decodeSpecParts(parts: string[]): Promise<{ spec: unknown } | { error: string }> {
  const [tag = '', payload = '', ...more] = parts;
  const version = /^w(\d{1,6})$/.exec(tag);
  if (!version || more.length > 0) return { error: 'its part of the link is not in a form Streamlab knows' };
  if (Number(version[1]) > SPEC_LINK_VERSION)
    return { error: `it was made by a newer Streamlab (sweep version ${version[1]})` };
  if (Number(version[1]) !== SPEC_LINK_VERSION)
    return { error: `sweep version ${version[1]} is not one Streamlab knows` };
  const json = await unpackJson(payload, MAX_SPEC_BYTES);
  return 'error' in json ? json : { spec: json.value };
}

function fail(reason: string): LinkResult {
  return { ok: false, error: `Could not open the link: ${reason}.` };
}

class TooLarge extends Error {}

/** Runs bytes through a (de)compression stream, stopping as soon as the output passes `limit`. */
async function squeeze(
  input: Uint8Array,
  transform: CompressionStream | DecompressionStream,
  limit = Infinity,
): Promise<Uint8Array> {
  const reader = new Blob([input as Uint8Array<ArrayBuffer>]).stream().pipeThrough(transform).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      // Stop the decompressor here instead of letting a small link inflate into gigabytes.
      await reader.cancel().catch(() => undefined);
      throw new TooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  // Chunks keep String.fromCharCode's argument list well below engine limits.
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | undefined {
  if (text.length % 4 === 1) return undefined; // no base64 string has this length
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  try {
    const binary = atob(padded);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return undefined;
  }
}
