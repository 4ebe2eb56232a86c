// The Examples menu lists exactly the files in examples/, each with its name and description.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exampleIds, loadExamples } from './examples';

const EXAMPLES_DIR = new URL('../../../examples/', import.meta.url);

describe('examples', () => {
  it('lists every file in examples/', () => {
    const files = readdirSync(EXAMPLES_DIR)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -'.json'.length))
      .sort();
    expect(files.length).toBeGreaterThan(0);
    expect(exampleIds).toEqual(files);
  });

  it('loads each with the name and description written in its file', async () => {
    const entries = await loadExamples();
    for (const entry of entries) {
      const raw = JSON.parse(readFileSync(new URL(`${entry.id}.json`, EXAMPLES_DIR), 'utf8')) as {
        name: string;
        description: string;
      };
      expect(entry).toMatchObject({ name: raw.name, description: raw.description });
    }
    expect(await loadExamples()).toBe(entries);
  });
});
