// Writes what every example, the large pipeline and the schema's maxima produce (the run summary,
// and a hash of the per-second series) into one JSON file per run, so a speed change can be checked
// to leave every number exactly as it was: run it before and after, then `diff -r` the two folders.
// `npx tsx src/bench/fingerprint.ts OUT_DIR [--no-maxima]`.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Simulation } from '../core';
import { parsePipelineText, type Pipeline } from '../model';
import { largePipeline } from './largePipeline';
import { maximaCases } from './maxima';

function fingerprint(doc: Pipeline, durationSec: number): string {
  const sim = new Simulation(doc);
  sim.runUntil(durationSec * 1000);
  const series = sim.metrics.series();
  const seriesHash = createHash('sha256').update(JSON.stringify(series)).digest('hex');
  // The event count is left out: a speed change may well handle the same run in fewer events.
  return JSON.stringify({ seriesHash, rows: series.rows.length, summary: sim.summary() }, null, 1);
}

function main(): void {
  const out = process.argv[2];
  if (!out) throw new Error('usage: fingerprint.ts OUT_DIR [--no-maxima]');
  mkdirSync(out, { recursive: true });
  const runs: [string, () => Pipeline, number][] = [];
  for (const file of readdirSync('examples')
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const parsed = parsePipelineText(readFileSync(join('examples', file), 'utf8'));
    if (!parsed.ok) throw new Error(`${file}: ${parsed.errors.join('; ')}`);
    runs.push([file.replace(/\.json$/, ''), () => parsed.doc, parsed.doc.run.durationSec]);
  }
  runs.push(['large-x1', () => largePipeline(1, 60), 60]);
  runs.push(['large-x10', () => largePipeline(10, 20), 20]);
  runs.push(['large-untuned', () => largePipeline(1, 20, false), 20]);
  if (!process.argv.includes('--no-maxima'))
    for (const c of maximaCases(3)) runs.push([`max-${c.name.replace(/[^a-z0-9]+/gi, '-')}`, () => c.doc, 3]);
  for (const [name, doc, seconds] of runs) {
    writeFileSync(join(out, `${name}.json`), fingerprint(doc(), seconds));
    console.log(name);
  }
}

main();
