// Sweeps a pipeline's settings, or searches for its limit, from the command line: the same specs
// and the same engine as the app (src/whatif), the runs spread over worker threads (--jobs). A table (or
// with --json the whole result) goes to stdout, progress to stderr; Ctrl+C stops and prints what
// finished.
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Pipeline } from '../model/types';
import { availableParallelism } from 'node:os';
import { localRunFn } from '../whatif/local';
import { failInput, readPipelineFile } from './pipelineFile';
import { createThreadPool } from './threadPool';
import { formatMetric, metricDescriptor, type MetricId } from '../whatif/metrics';
import { runSearch, type SearchResult } from '../whatif/search';
import { runSweep, sweepToCsv, type SweepResult } from '../whatif/sweep';
import { duration } from './progress';
import { SWEEP_USAGE, parseSweepArgs } from './sweepArgs';

const EXIT_INTERRUPTED = 130;

function fail(message: string): never {
  return failInput('sweep', message);
}

const yieldOnce = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A progress line: on a terminal rewritten in place, elsewhere at most one a second. */
function progressLine(enabled: boolean) {
  const tty = process.stderr.isTTY === true;
  let last = -Infinity;
  return {
    show(text: string) {
      if (!enabled) return;
      const now = performance.now();
      if (!tty && now - last < 1000) return;
      last = now;
      process.stderr.write(tty ? `\r\x1b[K${text}` : `${text}\n`);
    },
    done() {
      if (enabled && tty) process.stderr.write('\r\x1b[K');
    },
  };
}

function sweepTable(r: SweepResult): string {
  const head = [
    ...r.spec.axes.map((a) => a.setting),
    ...r.spec.metrics.map((m) => metricDescriptor(m).short),
    'runs',
  ];
  const rows = r.points.map((p) => [
    ...p.values.map(String),
    ...r.spec.metrics.map((m) => cell(m, p.stats[m])),
    String(p.runs.length),
  ]);
  return table([head, ...rows]);
}

function cell(m: MetricId, s: { mean: number; halfWidth: number } | undefined): string {
  if (!s) return '–';
  const hw = Number.isFinite(s.halfWidth)
    ? ` ± ${formatMetric(m, s.halfWidth).replace(/ .*$|\/h$/, '')}`
    : '';
  return `${formatMetric(m, s.mean)}${hw}`;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return (
    rows
      .map((r) =>
        r
          .map((c, i) => c.padEnd(widths[i]!))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}

function searchText(r: SearchResult): string {
  const lines = r.probes.map(
    (p) =>
      `  ${String(p.value).padStart(10)}  ${p.passed ? 'meets' : 'fails'}  ${cell('throughput', p.stats.throughput)}, ` +
      `lag growth ${cell('lagGrowth', p.stats.lagGrowth)}, p99 ${cell('p99', p.stats.p99)}` +
      (p.reasons.length ? `\n              ${p.reasons.join('; ')}` : ''),
  );
  const what =
    r.spec.direction === 'highest'
      ? 'highest value that meets the criteria'
      : 'fewest that meet the criteria';
  let verdict: string;
  if (r.outcome === 'found')
    verdict = `${what}: ${r.best} (boundary between ${r.low} and ${r.high}; ${r.value} with interval ${r.interval!.low} .. ${r.interval!.high})`;
  else if (r.outcome === 'allPass') verdict = `every value up to the bound meets the criteria (${r.best})`;
  else if (r.outcome === 'nonePass') verdict = 'not even the near bound meets the criteria';
  else verdict = `cancelled; best so far ${r.best ?? 'none'}`;
  return `${r.spec.setting}, probes in the order they ran:\n${lines.join('\n')}\n${verdict}\n`;
}

/** The result without the documents of the points (the input document with one setting changed). */
function sweepJson(r: SweepResult) {
  return { ...r, points: r.points.map(({ doc: _doc, ...p }) => p) };
}

async function main(): Promise<void> {
  const parsedArgs = parseSweepArgs(process.argv.slice(2));
  if (!parsedArgs.ok) fail(`${parsedArgs.error}\n${SWEEP_USAGE}`);
  const args = parsedArgs.args;
  const doc: Pipeline = readPipelineFile('sweep', args.file);

  const controller = new AbortController();
  process.on('SIGINT', () => {
    if (controller.signal.aborted) process.exit(EXIT_INTERRUPTED);
    controller.abort();
  });
  const progress = progressLine(args.progress || process.stderr.isTTY === true);
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  // One run per core at once, each on a worker thread; --jobs 1 runs them here, one after another.
  const jobs = args.jobs ?? Math.max(1, availableParallelism());
  const pool = jobs > 1 ? createThreadPool(jobs) : undefined;
  const runFn = pool?.runFn ?? localRunFn({ pause: yieldOnce, sliceMs: 5000 });
  let out: string;
  try {
    if (args.mode === 'sweep') {
      const r = await runSweep(args.sweep!, doc, runFn, {
        concurrency: jobs,
        signal: controller.signal,
        onProgress: (p) => {
          const left = (elapsed() / p.done) * (p.total - p.done);
          progress.show(
            `sweep: ${p.done}/${p.total} runs (point ${p.point.values.join(', ')}, seed ${p.run.seed}), ${duration(elapsed())}, about ${duration(left)} left`,
          );
        },
      });
      progress.done();
      if (args.csv) writeFileSync(args.csv, sweepToCsv(r));
      out = args.json
        ? JSON.stringify({ ...sweepJson(r), wallSeconds: elapsed() / 1000 }, null, 2) + '\n'
        : sweepTable(r);
      process.stderr.write(
        `sweep: ${r.runs} runs in ${duration(elapsed())}${r.cancelled ? ' (stopped by Ctrl+C)' : ''}\n`,
      );
      finish(out, r.cancelled);
    } else {
      const r = await runSearch(args.search!, doc, runFn, {
        concurrency: jobs,
        signal: controller.signal,
        onProgress: (p) =>
          progress.show(
            `search: probing ${p.value} (bracket ${p.low ?? '?'} .. ${p.high ?? '?'}), ${p.done} runs, ${duration(elapsed())}`,
          ),
      });
      progress.done();
      out = args.json
        ? JSON.stringify({ ...r, wallSeconds: elapsed() / 1000 }, null, 2) + '\n'
        : searchText(r);
      process.stderr.write(`sweep: ${r.runs} runs in ${duration(elapsed())}\n`);
      finish(out, r.outcome === 'cancelled');
    }
  } catch (e) {
    progress.done();
    fail(e instanceof Error ? e.message : String(e));
  } finally {
    await pool?.close();
  }
}

function finish(out: string, interrupted: boolean): void {
  process.stdout.write(out, () => process.exit(interrupted ? EXIT_INTERRUPTED : 0));
}

void main();
