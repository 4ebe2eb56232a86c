// The `lesson` command: its options, and a run as a child process on a tiny lesson.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyLesson } from '../lessons/testing/tinyLesson';
import { parseLessonArgs } from './lessonArgs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function lesson(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/lesson.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (run.error) throw run.error;
  return run;
}

/** One member at 1 ms a record against 2,000 records/s: lag grows until there are more. */
const TINY = { ...tinyLesson(), goal: { ...(tinyLesson().goal as object), seeds: [1] } };

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'streamlab-lesson-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('lesson options', () => {
  it('reads the file, --solution, --check and --seeds, and refuses the rest', () => {
    expect(parseLessonArgs(['a.json'])).toEqual({
      ok: true,
      args: { file: 'a.json', solution: false, check: false, seeds: undefined },
    });
    expect(parseLessonArgs(['a.json', '--solution', '--seeds', '1,2'])).toMatchObject({
      ok: true,
      args: { solution: true, seeds: [1, 2] },
    });
    expect(parseLessonArgs(['--check', 'a.json'])).toMatchObject({ ok: true, args: { check: true } });
    expect(parseLessonArgs([])).toEqual({ ok: false, error: 'no lesson or course file given' });
    expect(parseLessonArgs(['a.json', '--seeds'])).toMatchObject({ ok: false });
    expect(parseLessonArgs(['a.json', '--seeds', '1,x'])).toMatchObject({ ok: false });
    expect(parseLessonArgs(['a.json', '--seeds', '1,2,3,4,5,6'])).toMatchObject({ ok: false });
    expect(parseLessonArgs(['a.json', '--solution', '--check'])).toMatchObject({ ok: false });
    expect(parseLessonArgs(['a.json', '--nope'])).toEqual({ ok: false, error: 'unknown option --nope' });
  });
});

describe('npm run lesson', () => {
  it('judges the start (missed, exit 1), the solution (met, exit 0) and checks both', () => {
    const file = join(dir, 'tiny.json');
    writeFileSync(file, JSON.stringify(TINY));
    const start = lesson(file);
    expect(start.status).toBe(1);
    expect(start.stdout).toMatch(/starting pipeline: goal missed/);
    expect(start.stdout).toMatch(
      /✗ Lag does not grow after 5 s: [\d,.]+ records\/s \(target ≤ 50 records\/s\)/,
    );
    expect(start.stdout).toMatch(/One member takes about 1,000 records\/s; the producer writes 2,000\./);
    const solution = lesson(file, '--solution', '--seeds', '2');
    expect(solution.status).toBe(0);
    expect(solution.stdout).toMatch(/seed 2: goal met/);
    const check = lesson(file, '--check');
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(/check: ok/);
  }, 120_000);

  it('refuses an invalid lesson with the field named (exit 2)', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ ...TINY, hints: [] }));
    const r = lesson(file);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/is not a valid lesson:\n {2}hints: /);
  });
});
