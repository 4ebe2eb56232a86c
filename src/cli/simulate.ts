// Runs a pipeline document from the command line and prints the summary as JSON.
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Simulation } from '../core';
import { parsePipelineText } from '../model';
import { USAGE, parseArgs } from './args';
import { seriesToCsv } from '../model/csv';

function fail(message: string): never {
  process.stderr.write(`simulate: ${message}\n`);
  process.exit(2);
}

function main(): void {
  const parsedArgs = parseArgs(process.argv.slice(2));
  if (!parsedArgs.ok) fail(`${parsedArgs.error}\n${USAGE}`);
  const args = parsedArgs.args;
  let text: string;
  try {
    text = readFileSync(args.file, 'utf8');
  } catch (e) {
    fail(`cannot read ${args.file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const parsed = parsePipelineText(text);
  if (!parsed.ok) fail(`${args.file} is not a valid pipeline:\n  ${parsed.errors.join('\n  ')}`);
  for (const w of parsed.warnings) process.stderr.write(`simulate: warning: ${w}\n`);

  const durationSec = args.durationSec ?? parsed.doc.run.durationSec;
  const started = performance.now();
  const sim = new Simulation(parsed.doc, args.seed === undefined ? {} : { seed: args.seed });
  sim.runUntil(durationSec * 1000);
  const wallSeconds = (performance.now() - started) / 1000;
  const summary = sim.summary();
  if (args.csv) writeFileSync(args.csv, seriesToCsv(sim.metrics.series()));
  process.stdout.write(
    JSON.stringify({ ...summary, wallSeconds: Math.round(wallSeconds * 1000) / 1000 }, null, 2) + '\n',
  );
}

main();
