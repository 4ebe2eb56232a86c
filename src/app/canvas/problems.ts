// The document check (checkGraph) split by node, so each node and the inspector can show what
// concerns them, with the pipeline check's findings that checkGraph does not make (a topic nobody
// reads, replication factor 1, ...) as warnings. Computed once per document version, however many
// nodes ask.
import { checkGraph, type Pipeline } from '../../model';
import { checkPipeline, GRAPH_REPORTS } from '../check/gaps';

export interface NodeProblems {
  errors: string[];
  warnings: string[];
}

const NONE: NodeProblems = { errors: [], warnings: [] };
let cachedDoc: Pipeline | undefined;
let cached = new Map<string, NodeProblems>();

/** Messages name nodes as "id"; a message belongs to every node it names. */
function byNode(doc: Pipeline): Map<string, NodeProblems> {
  const report = checkGraph(doc);
  const result = new Map<string, NodeProblems>();
  const file = (message: string, bucket: keyof NodeProblems) => {
    for (const match of message.matchAll(/"([^"]+)"/g)) {
      const id = match[1];
      if (id === undefined) continue;
      const entry = result.get(id) ?? { errors: [], warnings: [] };
      if (!entry[bucket].includes(message)) entry[bucket].push(message);
      result.set(id, entry);
    }
  };
  report.errors.forEach((m) => file(m, 'errors'));
  report.warnings.forEach((m) => file(m, 'warnings'));
  for (const gap of checkPipeline(doc)) if (!GRAPH_REPORTS.has(gap.kind)) file(gap.text, 'warnings');
  return result;
}

export function problemsOf(doc: Pipeline, id: string): NodeProblems {
  if (doc !== cachedDoc) {
    cached = byNode(doc);
    cachedDoc = doc;
  }
  return cached.get(id) ?? NONE;
}

/** The node's first error, for a tooltip; warnings (e.g. "not connected yet") are not alarming enough. */
export const firstError = (doc: Pipeline, id: string): string | undefined => problemsOf(doc, id).errors[0];
