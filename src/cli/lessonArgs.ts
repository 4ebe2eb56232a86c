// Command-line arguments of `lesson`, parsed strictly so a typo is an error, not a silent default.

export interface LessonArgs {
  file: string;
  /** Judge the solution instead of the starting pipeline. */
  solution: boolean;
  /** Judge both and succeed only if the start misses its goal and the solution meets it. */
  check: boolean;
  /** Seeds to judge on instead of each lesson's own. */
  seeds: number[] | undefined;
}

export const LESSON_USAGE =
  'usage: npm run lesson -- <lesson-or-course.json> [--solution | --check] [--seeds 1,2]';

export type LessonArgsResult = { ok: true; args: LessonArgs } | { ok: false; error: string };

export function parseLessonArgs(argv: readonly string[]): LessonArgsResult {
  let file: string | undefined;
  let solution = false;
  let check = false;
  let seeds: number[] | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--solution') solution = true;
    else if (arg === '--check') check = true;
    else if (arg === '--seeds') {
      const v = argv[++i];
      const list = v === undefined || v.startsWith('--') ? [] : v.split(',').map((s) => Number(s.trim()));
      if (
        list.length === 0 ||
        list.length > 5 ||
        list.some((n) => !Number.isInteger(n) || n < 0 || n > 2 ** 31 - 1)
      )
        return {
          ok: false,
          error: '--seeds must be a list of 1 to 5 whole numbers from 0 to 2147483647, such as 1,2',
        };
      seeds = list;
    } else if (arg.startsWith('-')) return { ok: false, error: `unknown option ${arg}` };
    else if (file === undefined) file = arg;
    else return { ok: false, error: `unexpected argument ${arg}` };
  }
  if (solution && check)
    return { ok: false, error: '--check judges both already; give --solution or --check' };
  if (!file) return { ok: false, error: 'no lesson or course file given' };
  return { ok: true, args: { file, solution, check, seeds } };
}
