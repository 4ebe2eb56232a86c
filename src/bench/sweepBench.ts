// The what-if figure of issue 14: a sweep of 20 points x 5 seeds of an example at 120 simulated
// seconds, run in-process one run after another (the command line's way), with its wall time.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parsePipelineText } from '../model';
import { localRunFn } from '../whatif/local';
import { listSettings } from '../whatif/settings';
import { parseSweepSpec, runSweep } from '../whatif';

export async function benchSweep(file: string, points = 20, seeds = 5, seconds = 120): Promise<void> {
  const parsed = parsePipelineText(readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error(`${file}: ${parsed.errors.join('; ')}`);
  const rate = listSettings(parsed.doc).find((s) => s.path.endsWith('rate.recordsPerSec'));
  if (!rate) throw new Error(`${file}: no producer rate to sweep`);
  const spec = parseSweepSpec({
    kind: 'sweep',
    axes: [
      {
        setting: rate.path,
        values: { kind: 'range', from: rate.value / 2, to: rate.value * 2, steps: points },
      },
    ],
    seeds,
    durationSec: seconds,
    metrics: ['throughput', 'p99', 'maxLagRecords'],
  });
  if (!spec.ok) throw new Error(spec.errors.join('; '));
  const started = performance.now();
  const r = await runSweep(spec.spec, parsed.doc, localRunFn());
  const wall = (performance.now() - started) / 1000;
  console.log(
    `\nsweep of ${file}: ${rate.path} ${rate.value / 2}..${rate.value * 2}, ${points} points x ${seeds} seeds x ` +
      `${seconds} s = ${r.runs} runs in ${wall.toFixed(1)} s on one core (${(wall / r.runs).toFixed(2)} s a run; ` +
      `target < 60 s on 2 cores)`,
  );
}
