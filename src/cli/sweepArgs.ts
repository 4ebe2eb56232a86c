// Command-line arguments of `sweep`, parsed strictly (a typo is an error, not a silent default) into
// a sweep or search spec of src/whatif, the same specs the app runs and share links carry.
import { METRIC_IDS, type MetricId } from '../whatif/metrics';
import {
  parseSearchSpec,
  parseSweepSpec,
  type SearchSpec,
  type SweepSpec,
  type SweepValues,
} from '../whatif/spec';

export const SWEEP_USAGE = `usage:
  npm run sweep -- <pipeline.json> --set 'PATH=FROM..TO:STEPS[:log]' [--set ...] [--seeds N]
                   [--rel-err E [--max-seeds M]] [--metric ID[,ID...]] [--warmup S] [--duration S]
                   [--csv out.csv] [--json] [--progress] [--jobs N]
  npm run sweep -- <pipeline.json> --search 'PATH=LOW..HIGH' [--fewest] [--criteria C[,C...]]
                   [--seeds N] [--tolerance T] [--warmup S] [--duration S] [--json] [--progress] [--jobs N]
  --jobs: runs at once, each on a thread of its own (default: one per core; 1 runs in this process)
  PATH: e.g. producers[orders].rate.recordsPerSec, topics[clicks].partitions, cluster.brokers
  values: FROM..TO:STEPS (linear, STEPS points), FROM..TO:STEPS:log, or a list 1,2,4,8
  metrics: ${METRIC_IDS.join(', ')}
  criteria: lag<=0.01 (lag growth as a share of throughput), p99<=MS, sched<=MS, noloss, loss`;

export interface SweepCliArgs {
  file: string;
  mode: 'sweep' | 'search';
  sweep?: SweepSpec;
  search?: SearchSpec;
  csv: string | undefined;
  json: boolean;
  progress: boolean;
  /** Runs at once (threads); undefined: one per core. */
  jobs: number | undefined;
}

export type SweepArgsResult = { ok: true; args: SweepCliArgs } | { ok: false; error: string };

/** `PATH=...`: splits at the last '=' that is followed by the values (paths hold no '='). */
function splitAssignment(text: string, option: string): { path: string; rhs: string } | string {
  const i = text.indexOf('=');
  if (i <= 0 || i === text.length - 1) return `${option} needs PATH=VALUES, got "${text}"`;
  return { path: text.slice(0, i).trim(), rhs: text.slice(i + 1).trim() };
}

const NUMBER = String.raw`[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?`;
const RANGE = new RegExp(`^(${NUMBER})\\.\\.(${NUMBER})(?::(\\d+))?(?::(log|linear))?$`);

/** FROM..TO:STEPS[:log], or a comma list; one number is a list of one. */
export function parseValues(rhs: string): SweepValues | string {
  const m = RANGE.exec(rhs);
  if (m) {
    const steps = m[3] === undefined ? NaN : Number(m[3]);
    if (!Number.isInteger(steps) || steps < 1)
      return `"${rhs}": a range needs a number of points, FROM..TO:STEPS`;
    return {
      kind: 'range',
      from: Number(m[1]),
      to: Number(m[2]),
      steps,
      scale: m[4] === 'log' ? 'log' : 'linear',
    };
  }
  const parts = rhs.split(',').map((s) => s.trim());
  const values = parts.map(Number);
  if (parts.some((p) => p === '') || values.some((v) => !Number.isFinite(v)))
    return `"${rhs}" is neither FROM..TO:STEPS nor a list of numbers`;
  return { kind: 'list', values };
}

/** lag<=0.01, p99<=200, sched<=1000, noloss, loss (allow loss). */
export function parseCriteria(text: string): Record<string, number | boolean> | string {
  const out: Record<string, number | boolean> = {};
  for (const raw of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (raw === 'noloss') out.noLoss = true;
    else if (raw === 'loss') out.noLoss = false;
    else {
      const m = /^(lag|p99|sched)\s*<=\s*(.+)$/.exec(raw);
      const v = m ? Number(m[2]) : NaN;
      if (!m || !Number.isFinite(v))
        return `unknown criterion "${raw}" (lag<=SHARE, p99<=MS, sched<=MS, noloss, loss)`;
      out[
        { lag: 'maxLagGrowth', p99: 'maxP99Ms', sched: 'maxSchedulingDelayMs' }[
          m[1] as 'lag' | 'p99' | 'sched'
        ]
      ] = v;
    }
  }
  return out;
}

export function parseSweepArgs(argv: readonly string[]): SweepArgsResult {
  let file: string | undefined;
  const sets: string[] = [];
  let search: string | undefined;
  let fewest = false;
  let seeds: number | undefined;
  let relErr: number | undefined;
  let maxSeeds: number | undefined;
  let metrics: MetricId[] | undefined;
  let warmupSec: number | undefined;
  let durationSec: number | undefined;
  let criteria: Record<string, number | boolean> = {};
  let tolerance: number | undefined;
  let csv: string | undefined;
  let json = false;
  let progress = false;
  let jobs: number | undefined;
  const fail = (error: string): SweepArgsResult => ({ ok: false, error });
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string | undefined => {
      const v = argv[++i];
      return v === undefined || v.trim() === '' || v.startsWith('--') ? undefined : v;
    };
    const number = (name: string, ok: (v: number) => boolean): number | string => {
      const v = Number(value() ?? NaN);
      return Number.isFinite(v) && ok(v) ? v : `${name} has a value out of range`;
    };
    let n: number | string;
    switch (arg) {
      case '--set': {
        const v = value();
        if (!v) return fail('--set needs PATH=VALUES');
        sets.push(v);
        break;
      }
      case '--search': {
        search = value();
        if (!search) return fail('--search needs PATH=LOW..HIGH');
        break;
      }
      case '--fewest':
        fewest = true;
        break;
      case '--seeds':
        if (typeof (n = number('--seeds', (v) => Number.isInteger(v) && v >= 1 && v <= 1000)) === 'string')
          return fail(`${n} (a whole number 1-1000)`);
        seeds = n;
        break;
      case '--rel-err':
        if (typeof (n = number('--rel-err', (v) => v > 0 && v <= 10)) === 'string')
          return fail(`${n} (a share such as 0.05)`);
        relErr = n;
        break;
      case '--max-seeds':
        if (
          typeof (n = number('--max-seeds', (v) => Number.isInteger(v) && v >= 2 && v <= 1000)) === 'string'
        )
          return fail(`${n} (2-1000)`);
        maxSeeds = n;
        break;
      case '--warmup':
        if (typeof (n = number('--warmup', (v) => v >= 0 && v <= 86_400)) === 'string')
          return fail(`${n} (seconds)`);
        warmupSec = n;
        break;
      case '--duration':
        if (typeof (n = number('--duration', (v) => v >= 1 && v <= 86_400)) === 'string')
          return fail(`${n} (seconds, 1-86400)`);
        durationSec = n;
        break;
      case '--tolerance':
        if (typeof (n = number('--tolerance', (v) => v > 0 && v <= 1)) === 'string')
          return fail(`${n} (a share such as 0.02)`);
        tolerance = n;
        break;
      case '--metric': {
        const v = value();
        const ids = (v ?? '').split(',').map((s) => s.trim());
        const bad = ids.find((id) => !(METRIC_IDS as readonly string[]).includes(id));
        if (!v || bad !== undefined)
          return fail(`unknown metric "${bad ?? ''}"; one of ${METRIC_IDS.join(', ')}`);
        metrics = [...(metrics ?? []), ...(ids as MetricId[])];
        break;
      }
      case '--criteria': {
        const c = parseCriteria(value() ?? '');
        if (typeof c === 'string') return fail(c);
        criteria = { ...criteria, ...c };
        break;
      }
      case '--csv':
        csv = value();
        if (!csv) return fail('--csv needs a file name');
        break;
      case '--json':
        json = true;
        break;
      case '--progress':
        progress = true;
        break;
      case '--jobs':
        if (typeof (n = number('--jobs', (v) => Number.isInteger(v) && v >= 1 && v <= 256)) === 'string')
          return fail(n);
        jobs = n;
        break;
      default:
        if (arg.startsWith('-')) return fail(`unknown option ${arg}`);
        if (file !== undefined) return fail(`unexpected argument ${arg}`);
        file = arg;
    }
  }
  if (!file) return fail('no pipeline file given');
  if (search !== undefined && sets.length > 0)
    return fail('give either --set (a sweep) or --search, not both');
  const common = {
    ...(seeds !== undefined && { seeds }),
    ...(warmupSec !== undefined && { warmupSec }),
    ...(durationSec !== undefined && { durationSec }),
  };
  if (search !== undefined) {
    const a = splitAssignment(search, '--search');
    if (typeof a === 'string') return fail(a);
    const m = new RegExp(`^(${NUMBER})\\.\\.(${NUMBER})$`).exec(a.rhs);
    if (!m) return fail(`--search needs PATH=LOW..HIGH, got "${search}"`);
    const r = parseSearchSpec({
      kind: 'search',
      setting: a.path,
      low: Number(m[1]),
      high: Number(m[2]),
      direction: fewest ? 'fewest' : 'highest',
      criteria,
      ...(tolerance !== undefined && { tolerance }),
      ...common,
    });
    if (!r.ok) return fail(r.errors.join('; '));
    return { ok: true, args: { file, mode: 'search', search: r.spec, csv, json, progress, jobs } };
  }
  if (sets.length === 0) return fail('nothing to vary: give --set PATH=VALUES (or --search)');
  if (sets.length > 2) return fail('at most two --set');
  const axes = [];
  for (const s of sets) {
    const a = splitAssignment(s, '--set');
    if (typeof a === 'string') return fail(a);
    const values = parseValues(a.rhs);
    if (typeof values === 'string') return fail(`--set ${values}`);
    axes.push({ setting: a.path, values });
  }
  const r = parseSweepSpec({
    kind: 'sweep',
    axes,
    ...common,
    ...(metrics && { metrics }),
    ...(relErr !== undefined && {
      stopping: {
        relErr,
        ...(seeds !== undefined && { minReps: Math.max(2, seeds) }),
        ...(maxSeeds !== undefined && { maxReps: maxSeeds }),
      },
    }),
  });
  if (!r.ok) return fail(r.errors.join('; '));
  return { ok: true, args: { file, mode: 'sweep', sweep: r.spec, csv, json, progress, jobs } };
}
