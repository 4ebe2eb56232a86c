// parseArgs of `simulate`: strict, so a typo is an error and not a silent default.
import { describe, expect, it } from 'vitest';
import { USAGE, parseArgs } from './args';

function errorOf(argv: string[]): string {
  const result = parseArgs(argv);
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.args)}`);
  return result.error;
}

describe('parseArgs', () => {
  it('takes a file alone, leaving the options undefined', () => {
    expect(parseArgs(['pipe.json'])).toEqual({
      ok: true,
      args: { file: 'pipe.json', durationSec: undefined, seed: undefined, csv: undefined, progress: false },
    });
  });

  it('takes a file and all options', () => {
    expect(parseArgs(['pipe.json', '--duration', '12.5', '--seed', '42', '--csv', 'out.csv'])).toEqual({
      ok: true,
      args: { file: 'pipe.json', durationSec: 12.5, seed: 42, csv: 'out.csv', progress: false },
    });
  });

  it('accepts options before the file', () => {
    expect(parseArgs(['--seed', '0', '--csv', 'o.csv', '--duration', '86400', 'p.json'])).toEqual({
      ok: true,
      args: { file: 'p.json', durationSec: 86400, seed: 0, csv: 'o.csv', progress: false },
    });
  });

  it('accepts the largest seed', () => {
    const result = parseArgs(['p.json', '--seed', '4294967295']);
    expect(result.ok && result.args.seed).toBe(4294967295);
  });

  it.each(['--durations', '-d', '--help', '--csv=out.csv', '-'])('refuses the unknown option %s', (opt) => {
    const error = errorOf(['p.json', opt]);
    expect(error).toContain('unknown option');
    expect(error).toContain(opt);
  });

  it.each(['0', '-1', 'abc', '86401', 'NaN', 'Infinity', '5s'])('refuses --duration %s', (v) => {
    expect(errorOf(['p.json', '--duration', v])).toMatch(/--duration/);
  });

  it('refuses --duration without a value', () => {
    expect(errorOf(['p.json', '--duration'])).toMatch(/--duration/);
  });

  it.each(['-1', '1.5', 'x', '4294967296', 'NaN', '3abc'])('refuses --seed %s', (v) => {
    expect(errorOf(['p.json', '--seed', v])).toMatch(/--seed/);
  });

  it('refuses --seed without a value', () => {
    expect(errorOf(['p.json', '--seed'])).toMatch(/--seed/);
  });

  // Known bug (see report): Number('') is 0, so an empty --seed value becomes seed 0 instead of an error.
  it('refuses an empty --seed value', () => {
    expect(errorOf(['p.json', '--seed', ''])).toMatch(/--seed/);
  });

  it('refuses --csv without a file name', () => {
    expect(errorOf(['p.json', '--csv'])).toMatch(/--csv/);
  });

  it('refuses a missing file', () => {
    expect(errorOf([])).toMatch(/no pipeline file/);
    expect(errorOf(['--seed', '3', '--duration', '5'])).toMatch(/no pipeline file/);
  });

  it('refuses an extra positional argument', () => {
    const error = errorOf(['a.json', 'b.json']);
    expect(error).toContain('unexpected argument');
    expect(error).toContain('b.json');
  });

  it('takes --progress as a flag with no value, anywhere', () => {
    const result = parseArgs(['--progress', 'p.json', '--seed', '3']);
    expect(result.ok && result.args).toMatchObject({ file: 'p.json', progress: true, seed: 3 });
  });

  it('has a usage line naming every option', () => {
    for (const opt of ['--duration', '--seed', '--csv', '--progress']) expect(USAGE).toContain(opt);
  });
});
