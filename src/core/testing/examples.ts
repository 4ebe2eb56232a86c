// Test support: the pipelines in examples/, read from disk (Node only) and validated.
import { readFileSync } from 'node:fs';
import { Simulation } from '../engine/simulation';
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

/** An example, edited by `edit` (on its JSON, as a user would in the inspector), then validated. */
export function editedExample(name: string, edit: (json: ExampleJson) => void): Pipeline {
  const json = exampleJson(name) as unknown as ExampleJson;
  edit(json);
  return validExample(json);
}

/** The example JSON's parts the experiments edit, loosely typed: the schema checks the result. */
export interface ExampleJson {
  description: string;
  cluster: { config?: Record<string, unknown>; brokers: { id: string }[] };
  topics: { id: string; config?: Record<string, unknown> }[];
  producers: { id: string; rate: { recordsPerSec: number }; config: Record<string, unknown> }[];
  consumerGroups?: { id: string; members: number }[];
  sparkJobs?: {
    [field: string]: unknown;
    id: string;
    config: Record<string, unknown>;
    stages: { id: string; [field: string]: unknown }[];
  }[];
  sinks?: { id: string; [field: string]: unknown }[];
  faults?: Record<string, unknown>[];
}

/** A series column of a run, by name, failing loudly when the column does not exist. */
export function seriesColumn(sim: Simulation, name: string): number[] {
  const { columns, rows } = sim.metrics.series();
  const i = columns.indexOf(name);
  if (i < 0) throw new Error(`no series column ${name}`);
  return rows.map((r) => r[i]!);
}

/** Runs a document for `seconds` of simulated time. */
export function runFor(doc: Pipeline, seconds: number): Simulation {
  const sim = new Simulation(doc);
  sim.runUntil(seconds * 1000);
  return sim;
}
