// Test support: the pipelines in examples/, read from disk (Node only) and validated.
import { readFileSync } from 'node:fs';
import { parsePipeline } from '../../model/parse';
import type { Pipeline } from '../../model/types';

const EXAMPLES_DIR = new URL('../../../examples/', import.meta.url);

/** The example's JSON as written, for tests that edit it before validating. */
export function exampleJson(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`${name}.json`, EXAMPLES_DIR), 'utf8')) as Record<string, unknown>;
}

/** Validates a (possibly edited) example document, failing loudly. */
export function validExample(json: unknown): Pipeline {
  const r = parsePipeline(json);
  if (!r.ok) throw new Error(`invalid example:\n${r.errors.join('\n')}`);
  return r.doc;
}

/** The example as the app and the CLI load it. */
export function loadExample(name: string): Pipeline {
  return validExample(exampleJson(name));
}
