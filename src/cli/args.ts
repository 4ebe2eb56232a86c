// Command-line arguments of `simulate`, parsed strictly so a typo is an error, not a silent default.

export interface SimulateArgs {
  file: string;
  durationSec: number | undefined;
  seed: number | undefined;
  csv: string | undefined;
  /** Progress on stderr even when it is not a terminal (it is shown on a terminal anyway). */
  progress: boolean;
}

export const USAGE =
  'usage: npm run simulate -- <pipeline.json> [--duration S] [--seed N] [--csv out.csv] [--progress]';

export type ArgsResult = { ok: true; args: SimulateArgs } | { ok: false; error: string };

export function parseArgs(argv: readonly string[]): ArgsResult {
  let file: string | undefined;
  let durationSec: number | undefined;
  let seed: number | undefined;
  let csv: string | undefined;
  let progress = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    // An option's value must be there and must not be the next option.
    const value = (): string | undefined => {
      const v = argv[++i];
      return v === undefined || v.trim() === '' || v.startsWith('--') ? undefined : v;
    };
    if (arg === '--duration') {
      const v = Number(value() ?? NaN);
      if (!Number.isFinite(v) || v <= 0 || v > 86_400)
        return { ok: false, error: '--duration must be a number of seconds in (0, 86400]' };
      durationSec = v;
    } else if (arg === '--seed') {
      const v = Number(value() ?? NaN);
      if (!Number.isInteger(v) || v < 0 || v > 4_294_967_295)
        return { ok: false, error: '--seed must be an integer from 0 to 4294967295' };
      seed = v;
    } else if (arg === '--csv') {
      csv = value();
      if (!csv) return { ok: false, error: '--csv needs a file name' };
    } else if (arg === '--progress') {
      progress = true;
    } else if (arg.startsWith('-')) {
      return { ok: false, error: `unknown option ${arg}` };
    } else if (file === undefined) {
      file = arg;
    } else {
      return { ok: false, error: `unexpected argument ${arg}` };
    }
  }
  if (!file) return { ok: false, error: 'no pipeline file given' };
  return { ok: true, args: { file, durationSec, seed, csv, progress } };
}
