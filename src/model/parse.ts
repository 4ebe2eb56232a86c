// The only way into the document: from text or a parsed value to a normalised Pipeline, or to
// messages that name the field and the reason. Never throws, never returns half a document.
import type { z } from 'zod';
import { checkGraph } from './graph';
import { issueMessage } from './issueMessages';
import { PIPELINE_VERSION, pipelineSchema } from './schema/document';
import type { Pipeline } from './types';

export type ParseResult =
  | {
      ok: true;
      doc: Pipeline;
      warnings: string[];
      /** Graph errors let through in draft mode (always empty otherwise): fix before running. */
      problems: string[];
    }
  | { ok: false; errors: string[] };

export interface ParseOptions {
  /**
   * Draft mode accepts a document whose fields are all valid but whose graph is not yet runnable
   * (a duplicate connection, a window that is not a multiple of the batch interval, ...) and reports
   * those as `problems`. The app loads its own autosave, links and files this way, so work in
   * progress is never refused; running and the CLI stay strict.
   */
  draft?: boolean;
}

/** Documents past this size are refused before parsing, so a hostile file cannot exhaust memory. */
export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;
const MAX_MESSAGES = 20;

export function parsePipelineText(text: string, options: ParseOptions = {}): ParseResult {
  if (text.length > MAX_DOCUMENT_BYTES)
    return fail([`the document is ${text.length} characters; the limit is ${MAX_DOCUMENT_BYTES}`]);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return fail([`not valid JSON: ${e instanceof Error ? e.message : String(e)}`]);
  }
  return parsePipeline(value, options);
}

export function parsePipeline(value: unknown, options: ParseOptions = {}): ParseResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return fail(['the document must be a JSON object']);
  const version = (value as { version?: unknown }).version;
  if (version === undefined) return fail(['version: missing; this format needs "version": 1']);
  if (typeof version === 'number' && Number.isInteger(version) && version > PIPELINE_VERSION)
    return fail([
      `version: ${version} was written by a newer Streamlab; this one reads version ${PIPELINE_VERSION}`,
    ]);

  const parsed = pipelineSchema.safeParse(value, { reportInput: true, error: issueMessage });
  if (!parsed.success) return fail(parsed.error.issues.map((issue) => describeIssue(issue, value)));
  const graph = checkGraph(parsed.data);
  if (graph.errors.length > 0 && !options.draft) return fail(graph.errors);
  return { ok: true, doc: parsed.data, warnings: capped(graph.warnings), problems: capped(graph.errors) };
}

/** The first messages and a count of the rest: a broken document of 10,000 edges is not 10,000 lines. */
function capped(messages: string[]): string[] {
  const shown = messages.slice(0, MAX_MESSAGES);
  if (messages.length > MAX_MESSAGES) shown.push(`... and ${messages.length - MAX_MESSAGES} more`);
  return shown;
}

function fail(errors: string[]): ParseResult {
  return { ok: false, errors: capped(errors) };
}

/** Keys past this length are cut in messages, so a hostile key cannot make a message megabytes long. */
const MAX_KEY_SHOWN = 64;

/** `producers[0] ("web").config["linger.ms"]: must be at least 0`. */
function describeIssue(issue: z.core.$ZodIssue, root: unknown): string {
  let text = '';
  let node: unknown = root;
  for (const key of issue.path) {
    const name = String(key);
    const short = name.length > MAX_KEY_SHOWN ? `${name.slice(0, MAX_KEY_SHOWN)}...` : name;
    if (typeof key === 'number') text += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(short)) text += text ? `.${short}` : short;
    else text += `[${JSON.stringify(short)}]`;
    node =
      node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    const id = node !== null && typeof node === 'object' ? (node as { id?: unknown }).id : undefined;
    if (typeof key === 'number' && typeof id === 'string') text += ` (${JSON.stringify(id.slice(0, 64))})`;
  }
  return `${text || 'document'}: ${issue.message}`;
}
