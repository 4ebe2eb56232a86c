// Runs a pipeline document from the command line and prints the summary as JSON on stdout. Long
// runs show their progress on stderr; Ctrl+C stops the run and still prints the summary so far.
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Simulation } from '../core';
import { seriesToCsv } from '../model/csv';
import { USAGE, parseArgs } from './args';
import { failInput, readPipelineFile } from './pipelineFile';
import { progressWriter } from './progress';
import { runSliced } from './slicedRun';

/** 130 (128 + SIGINT, as shells report it) for a run cut short by Ctrl+C; bad input exits with 2. */
const EXIT_INTERRUPTED = 130;

function fail(message: string): never {
  return failInput('simulate', message);
}

async function main(): Promise<void> {
  const parsedArgs = parseArgs(process.argv.slice(2));
  if (!parsedArgs.ok) fail(`${parsedArgs.error}\n${USAGE}`);
  const args = parsedArgs.args;
  const doc = readPipelineFile('simulate', args.file);

  const durationSec = args.durationSec ?? doc.run.durationSec;
  const endMs = durationSec * 1000;
  const started = performance.now();
  const sim = new Simulation(doc, args.seed === undefined ? {} : { seed: args.seed });

  // The first Ctrl+C stops at the end of the current slice and prints what there is; a second one
  // (the run did not stop, or the output is stuck) leaves at once.
  let interrupted = false;
  process.on('SIGINT', () => {
    if (interrupted) process.exit(EXIT_INTERRUPTED);
    interrupted = true;
  });
  const showProgress = args.progress || process.stderr.isTTY === true;
  const progress = showProgress
    ? progressWriter((t) => process.stderr.write(t), process.stderr.isTTY === true)
    : undefined;
  const state = () => ({ simulatedMs: sim.nowMs, endMs, wallMs: performance.now() - started });
  progress?.update(state(), true);
  const finished = await runSliced(sim, endMs, {
    shouldStop: () => interrupted,
    onSlice: () => progress?.update(state()),
  });
  progress?.finish(state());

  const wallSeconds = (performance.now() - started) / 1000;
  const summary = sim.summary();
  if (args.csv) writeFileSync(args.csv, seriesToCsv(sim.metrics.series()));
  const note = finished
    ? {}
    : {
        interrupted: `stopped by Ctrl+C at ${summary.simulatedSeconds} of ${durationSec} simulated seconds; the figures cover the run so far`,
      };
  if (!finished) process.stderr.write(`simulate: ${note.interrupted}\n`);
  const out = JSON.stringify(
    { ...note, ...summary, wallSeconds: Math.round(wallSeconds * 1000) / 1000 },
    null,
    2,
  );
  // Exit only once stdout has taken the summary (a pipe may be slower than the process).
  process.stdout.write(out + '\n', () => process.exit(finished ? 0 : EXIT_INTERRUPTED));
}

void main();
