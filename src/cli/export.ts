// `npm run export -- <pipeline.json> <outDir>`: writes the folder that runs the pipeline on real
// software (see src/export), with the simulator's predictions for it in the README unless --no-predict.
import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { exportStack, predictionsFromRun, type ExportPredictions } from '../export';
import { runLocally } from '../whatif/local';
import { EXPORT_USAGE, parseExportArgs } from './exportArgs';
import { failInput, readPipelineFile } from './pipelineFile';

function fail(message: string): never {
  return failInput('export', message);
}

async function main(): Promise<void> {
  const parsed = parseExportArgs(process.argv.slice(2));
  if (!parsed.ok) fail(`${parsed.error}\n${EXPORT_USAGE}`);
  const args = parsed.args;
  const doc = readPipelineFile('export', args.file);

  let existing: ReturnType<typeof statSync> | undefined;
  try {
    existing = statSync(args.outDir);
  } catch {
    existing = undefined;
  }
  if (existing && !existing.isDirectory()) fail(`${args.outDir} exists and is not a folder`);

  let predictions: ExportPredictions | undefined;
  if (args.predict) {
    const durationSec = args.durationSec ?? doc.run.durationSec;
    const runDoc = { ...doc, run: { ...doc.run, durationSec } };
    process.stderr.write(
      `export: simulating ${durationSec} s (seed ${doc.run.seed}) for the predictions...\n`,
    );
    // Let the event loop breathe between slices so Ctrl+C is heard.
    const outcome = await runLocally(runDoc, doc.run.seed, undefined, {
      pause: () => new Promise((r) => setImmediate(r)),
    });
    predictions = predictionsFromRun(runDoc, outcome, `npm run export (the simulator run on this document)`);
  }

  const files = exportStack(doc, predictions, { noPredictionsReason: 'exported with --no-predict' });
  try {
    for (const f of files) {
      const path = join(args.outDir, f.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, f.text);
      if (f.executable) chmodSync(path, 0o755);
    }
  } catch (e) {
    fail(`cannot write to ${args.outDir}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const lines = [
    `Wrote ${files.length} files to ${resolve(args.outDir)}:`,
    ...files.map((f) => `  ${f.path}${f.executable ? ' (executable)' : ''}`),
    predictions
      ? `Predictions in README.md: ${predictions.durationSec} simulated seconds, seed ${predictions.seed}.`
      : 'No predictions (--no-predict).',
    'Checked for structure only, never run against a real cluster: see README.md to start it.',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

void main();
