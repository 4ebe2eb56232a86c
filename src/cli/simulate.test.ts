// The `simulate` command run as a child process: a short real run, and refusals of bad input.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const EXAMPLE = 'examples/clickstream-personalisation.json';
const TIMEOUT_MS = 30_000;

function simulate(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/simulate.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
  });
  if (run.error) throw run.error;
  return run;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'streamlab-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('simulate on the clickstream example', () => {
  let run: ReturnType<typeof simulate>;
  let csvPath: string;
  beforeAll(() => {
    csvPath = join(dir, 'series.csv');
    run = simulate(EXAMPLE, '--duration', '5', '--seed', '3', '--csv', csvPath);
  }, TIMEOUT_MS);

  it('exits 0', () => {
    expect(run.status, run.stderr).toBe(0);
  });

  it('prints one JSON object with the summary', () => {
    const summary = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(typeof summary).toBe('object');
    expect(Array.isArray(summary)).toBe(false);
    expect(summary.simulatedSeconds).toBe(5);
    expect(typeof summary.wallSeconds).toBe('number');
    expect(summary.wallSeconds).toBeGreaterThanOrEqual(0);
    expect(typeof summary.events).toBe('number');
    expect(summary.events).toBeGreaterThan(0);

    const records = summary.records as Record<string, number>;
    for (const key of ['produced', 'acknowledged', 'consumed', 'inFlight', 'refused', 'dropped'])
      expect(typeof records[key], `records.${key}`).toBe('number');
    // 20000 records/s for 5 s, all accepted by a healthy cluster.
    expect(records.produced).toBeGreaterThan(80_000);
    expect(records.produced).toBeLessThan(120_000);
    expect(records.acknowledged).toBeLessThanOrEqual(records.produced!);
    expect(records.consumed).toBeGreaterThan(0);
    expect(records.consumed).toBeLessThanOrEqual(records.acknowledged!);

    const latency = summary.latencyMs as Record<string, number>;
    for (const key of ['p50', 'p95', 'p99', 'p999', 'max'])
      expect(typeof latency[key], `latencyMs.${key}`).toBe('number');
    expect(latency.p50).toBeLessThanOrEqual(latency.p95!);
    expect(latency.p95).toBeLessThanOrEqual(latency.p99!);
    expect(latency.p99).toBeLessThanOrEqual(latency.p999!);
    expect(latency.p999).toBeLessThanOrEqual(latency.max!);

    const job = (summary.sparkJobs as Record<string, Record<string, number>>).personaliser!;
    expect(job).toBeDefined();
    for (const key of ['batches', 'meanProcessingMs', 'maxSchedulingDelayMs', 'meanTotalDelayMs'])
      expect(typeof job[key], `sparkJobs.personaliser.${key}`).toBe('number');
    expect(job.batches).toBeGreaterThanOrEqual(3);
    expect(job.batches).toBeLessThanOrEqual(5);
  });

  it('writes a CSV with a header and one row per second', () => {
    const lines = readFileSync(csvPath, 'utf8').trimEnd().split('\n');
    expect(lines[0]!.startsWith('second')).toBe(true);
    expect(lines).toHaveLength(6);
    const width = lines[0]!.split(',').length;
    lines.slice(1).forEach((line, i) => {
      const cells = line.split(',');
      expect(cells).toHaveLength(width);
      expect(Number(cells[0])).toBe(i + 1);
      for (const cell of cells) expect(Number.isFinite(Number(cell)), cell).toBe(true);
    });
  });

  it(
    'gives the same simulated numbers for the same seed',
    () => {
      const again = simulate(EXAMPLE, '--duration', '5', '--seed', '3');
      expect(again.status).toBe(0);
      const strip = (text: string) => {
        const { wallSeconds: _w, ...rest } = JSON.parse(text) as Record<string, unknown>;
        return rest;
      };
      expect(strip(again.stdout)).toEqual(strip(run.stdout));
    },
    TIMEOUT_MS,
  );
});

describe('simulate refuses bad input', () => {
  it(
    'a missing file',
    () => {
      const missing = join(dir, 'does-not-exist.json');
      const run = simulate(missing, '--duration', '1');
      expect(run.status).not.toBe(0);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(missing);
    },
    TIMEOUT_MS,
  );

  it(
    'a malformed JSON file',
    () => {
      const file = join(dir, 'broken.json');
      writeFileSync(file, '{ "version": 1, ');
      const run = simulate(file, '--duration', '1');
      expect(run.status).not.toBe(0);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('not valid JSON');
      expect(run.stderr).toContain(file);
    },
    TIMEOUT_MS,
  );

  it(
    'a schema-invalid file names the field',
    () => {
      const file = join(dir, 'invalid.json');
      const doc = JSON.parse(readFileSync(join(ROOT, EXAMPLE), 'utf8')) as {
        producers: { config: Record<string, unknown> }[];
      };
      doc.producers[0]!.config['linger.ms'] = -1;
      writeFileSync(file, JSON.stringify(doc));
      const run = simulate(file, '--duration', '1');
      expect(run.status).not.toBe(0);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('producers[0]');
      expect(run.stderr).toContain('"web-frontend"');
      expect(run.stderr).toContain('linger.ms');
      expect(run.stderr).toContain('at least 0');
    },
    TIMEOUT_MS,
  );

  it(
    'bad arguments print the usage',
    () => {
      const run = simulate(EXAMPLE, '--duration', 'soon');
      expect(run.status).not.toBe(0);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('--duration');
      expect(run.stderr).toContain('usage');
    },
    TIMEOUT_MS,
  );
});

describe('simulate on a long run', () => {
  it(
    '--progress writes progress lines to stderr and keeps stdout the JSON summary',
    () => {
      const run = simulate(EXAMPLE, '--duration', '3', '--progress');
      expect(run.status, run.stderr).toBe(0);
      const lines = run.stderr.split('\n').filter((l) => l.startsWith('simulate: '));
      // At least the start and the end; more on a slow machine.
      expect(lines.length).toBeGreaterThanOrEqual(2);
      expect(lines[0]).toBe('simulate: 0.0 of 3.0 simulated s (0%), starting');
      expect(lines.at(-1)).toMatch(/^simulate: 3\.0 of 3\.0 simulated s \(100%\), [\d.]+x real time, done$/);
      for (const line of lines.slice(1, -1))
        expect(line).toMatch(/simulated s \(\d+%\), [\d.]+x real time, (about .* left|done)$/);
      expect((JSON.parse(run.stdout) as { simulatedSeconds: number }).simulatedSeconds).toBe(3);
    },
    TIMEOUT_MS,
  );

  it('without --progress and off a terminal, stderr stays quiet', () => {
    const run = simulate(EXAMPLE, '--duration', '1');
    expect(run.status).toBe(0);
    expect(run.stderr).not.toContain('simulated s');
  });

  it(
    'Ctrl+C (SIGINT) prints the summary so far with a note, and exits with 130',
    async () => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'src/cli/simulate.ts', EXAMPLE, '--duration', '86400', '--progress'],
        { cwd: ROOT },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      // Signal once, when the run is under way: after its first progress line past the start. Only
      // once: stderr goes on (the progress, then the interruption's own line) while the child
      // writes its summary, and a second Ctrl+C would make it leave at once, without the summary.
      let signalled = false;
      const sent = new Promise<void>((resolve) =>
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
          if (!signalled && /x real time, about/.test(stderr)) {
            signalled = true;
            child.kill('SIGINT');
            resolve();
          }
        }),
      );
      const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
      await sent;
      expect(code, stderr).toBe(130);
      const summary = JSON.parse(stdout) as { interrupted: string; simulatedSeconds: number };
      expect(summary.simulatedSeconds).toBeGreaterThan(0);
      expect(summary.simulatedSeconds).toBeLessThan(86_400);
      expect(summary.interrupted).toBe(
        `stopped by Ctrl+C at ${summary.simulatedSeconds} of 86400 simulated seconds; the figures cover the run so far`,
      );
      expect(stderr).toContain(`simulate: stopped by Ctrl+C at ${summary.simulatedSeconds} of 86400`);
    },
    TIMEOUT_MS * 2,
  );
});
