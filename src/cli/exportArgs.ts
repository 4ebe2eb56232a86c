// Command-line arguments of `export`, parsed strictly so a typo is an error, not a silent default.

export interface ExportCliArgs {
  file: string;
  outDir: string;
  /** Leave the simulator's predictions out of the README (no run). */
  predict: boolean;
  /** Simulated seconds of the prediction run; undefined: the document's run.durationSec. */
  durationSec: number | undefined;
}

export const EXPORT_USAGE = 'usage: npm run export -- <pipeline.json> <outDir> [--no-predict] [--duration S]';

export type ExportArgsResult = { ok: true; args: ExportCliArgs } | { ok: false; error: string };

export function parseExportArgs(argv: readonly string[]): ExportArgsResult {
  const positional: string[] = [];
  let predict = true;
  let durationSec: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--no-predict') predict = false;
    else if (arg === '--duration') {
      const raw = argv[++i];
      const v = raw === undefined || raw.startsWith('--') ? NaN : Number(raw);
      if (!Number.isFinite(v) || v <= 0 || v > 86_400)
        return { ok: false, error: '--duration must be a number of seconds in (0, 86400]' };
      durationSec = v;
    } else if (arg.startsWith('-')) return { ok: false, error: `unknown option ${arg}` };
    else positional.push(arg);
  }
  if (positional.length === 0) return { ok: false, error: 'no pipeline file given' };
  if (positional.length === 1) return { ok: false, error: 'no output folder given' };
  if (positional.length > 2) return { ok: false, error: `unexpected argument ${positional[2]}` };
  if (!predict && durationSec !== undefined)
    return { ok: false, error: '--duration sets the prediction run; it means nothing with --no-predict' };
  return { ok: true, args: { file: positional[0]!, outDir: positional[1]!, predict, durationSec } };
}
