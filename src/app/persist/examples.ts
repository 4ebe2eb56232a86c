// The Examples menu: every file in examples/, each fetched as its own small chunk (not in the main
// bundle) and kept once loaded, so examples still open after the network goes away.
import { parsePipelineText, type Pipeline } from '../../model';

const loaders = import.meta.glob<string>('/examples/*.json', { query: '?raw', import: 'default' });

export interface Example {
  /** The file name without `.json`, e.g. `iot-sensor-monitoring`. */
  id: string;
  name: string;
  description: string;
  doc: Pipeline;
}

export type ExampleEntry = Example | { id: string; error: string };

export const exampleIds: readonly string[] = Object.keys(loaders)
  .map((path) => path.replace(/^.*\//, '').replace(/\.json$/, ''))
  .sort();

let loading: Promise<ExampleEntry[]> | undefined;

/** Loads and parses every example once; later calls share the same answer. */
export function loadExamples(): Promise<ExampleEntry[]> {
  loading ??= Promise.all(exampleIds.map(loadOne));
  // A failed fetch (offline before the first load) must not stick: let the next call try again.
  void loading.then((entries) => {
    if (entries.some((e) => 'error' in e && e.error.startsWith('could not load'))) loading = undefined;
  });
  return loading;
}

async function loadOne(id: string): Promise<ExampleEntry> {
  const load = loaders[`/examples/${id}.json`];
  if (!load) return { id, error: 'could not load it' };
  let text: string;
  try {
    text = await load();
  } catch {
    return { id, error: 'could not load it (are you offline?)' };
  }
  const parsed = parsePipelineText(text);
  if (!parsed.ok) return { id, error: `it is not valid: ${parsed.errors.join('; ')}` };
  return { id, name: parsed.doc.name, description: parsed.doc.description, doc: parsed.doc };
}
