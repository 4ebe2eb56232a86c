// Judging a lesson's goal: each condition's figure read from a finished run (its per-second series,
// record totals and summary), compared with the target, and explained. The same code judges in the
// app (runs from a worker) and in the tests and command line (runs in-process).
import type { Pipeline } from '../model/types';
import { headlineMetrics, type LossTotals } from '../whatif/metrics';
import { withRun, type RunFn } from '../whatif/run';
import type { Lesson } from './parse';
import { lockedChanges } from './paths';
import type { Condition, ConditionSource } from './schema';

/** What a judged run must carry: the series, the totals, the summary (for summary conditions). */
export interface JudgedRun {
  columns: readonly string[];
  rows: readonly (readonly number[])[];
  totals?: LossTotals | undefined;
  summary?: unknown;
  /** The document that ran (for the cost metric). */
  doc?: Pipeline | undefined;
}

export interface ConditionResult {
  label: string;
  met: boolean;
  /** The measured figure; null when the run has nothing it applies to (then the condition is missed). */
  figure: number | null;
  /** "312 ms", "0 records". */
  shown: string;
  /** "≤ 500 ms". */
  target: string;
  /** The lesson's explanation for this outcome, if it gives one. */
  explanation?: string | undefined;
  /** Why the figure could not be read (a column or summary entry the run does not have). */
  problem?: string | undefined;
}

export interface SeedResult {
  seed: number;
  met: boolean;
  conditions: ConditionResult[];
}

export interface GoalResult {
  met: boolean;
  seeds: SeedResult[];
  /** Settings changed that the lesson keeps fixed: the goal is not judged while there are any. */
  locked: string[];
}

const OP_TEXT: Record<Condition['op'], string> = { '<=': '≤', '<': '<', '>=': '≥', '>': '>', '==': '=' };

/**
 * A figure for people: whole numbers grouped, small ones with up to three significant decimals. A
 * unit that is a plural noun ("members", "records/s") is singular after exactly one ("1 member").
 */
export function formatFigure(x: number, unit?: string): string {
  const abs = Math.abs(x);
  const digits = abs >= 100 || Number.isInteger(x) ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  const n = x.toLocaleString('en-US', { maximumFractionDigits: digits });
  if (!unit) return n;
  return `${n} ${n === '1' || n === '-1' ? singular(unit) : unit}`;
}

/** "members" -> "member", "records/s" -> "record/s"; short units ("ms", "s") and others stay. */
function singular(unit: string): string {
  const m = /^([A-Za-z]{3,})s(\b.*)?$/.exec(unit);
  return m ? `${m[1]}${m[2] ?? ''}` : unit;
}

function compare(op: Condition['op'], x: number, v: number): boolean {
  switch (op) {
    case '<=':
      return x <= v;
    case '<':
      return x < v;
    case '>=':
      return x >= v;
    case '>':
      return x > v;
    case '==':
      return x === v;
  }
}

/** Rows in the condition's window: second t covers (t - 1, t], so the window is fromSec < t <= toSec. */
function windowRows(run: JudgedRun, c: Condition): readonly (readonly number[])[] {
  const from = c.fromSec ?? 0;
  const to = c.toSec ?? Infinity;
  return run.rows.filter((r) => (r[0] ?? 0) > from && (r[0] ?? 0) <= to);
}

/** Least-squares slope per second of the values against their seconds. */
function growth(seconds: number[], values: number[]): number {
  const n = values.length;
  if (n < 2) return 0;
  const mx = seconds.reduce((a, b) => a + b, 0) / n;
  const my = values.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (seconds[i]! - mx) * (values[i]! - my);
    sxx += (seconds[i]! - mx) ** 2;
  }
  return sxx === 0 ? 0 : sxy / sxx;
}

/** Splits "a.b[c.d].e" into ["a", "b", "c.d", "e"]. */
function summaryKeys(path: string): string[] {
  const keys: string[] = [];
  const re = /([^.[\]]+)|\[([^\]]*)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path)) !== null) keys.push(m[1] ?? m[2]!);
  return keys;
}

type Reading = { figure: number | null; problem?: string };

function read(source: ConditionSource, c: Condition, run: JudgedRun): Reading {
  switch (source.kind) {
    case 'headline': {
      const rows = windowRows(run, c);
      const m = headlineMetrics({ columns: run.columns, rows, totals: run.totals, doc: run.doc });
      return { figure: m[source.metric] };
    }
    case 'series': {
      const i = run.columns.indexOf(source.column);
      if (i < 0) return { figure: null, problem: `the run has no series "${source.column}"` };
      const rows = windowRows(run, c);
      if (rows.length === 0) return { figure: null, problem: 'the run has no seconds in the window' };
      const values = rows.map((r) => r[i] ?? 0);
      switch (source.agg) {
        case 'max':
          return { figure: Math.max(...values) };
        case 'min':
          return { figure: Math.min(...values) };
        case 'mean':
          return { figure: values.reduce((a, b) => a + b, 0) / values.length };
        case 'sum':
          return { figure: values.reduce((a, b) => a + b, 0) };
        case 'first':
          return { figure: values[0]! };
        case 'last':
          return { figure: values[values.length - 1]! };
        case 'growth':
          return {
            figure: growth(
              rows.map((r) => r[0] ?? 0),
              values,
            ),
          };
      }
      break;
    }
    case 'summary': {
      if (run.summary === undefined) return { figure: null, problem: 'the run has no summary' };
      let node: unknown = run.summary;
      for (const k of summaryKeys(source.path)) {
        if (typeof node !== 'object' || node === null || !(k in node))
          return { figure: null, problem: `the run summary has no "${source.path}"` };
        node = (node as Record<string, unknown>)[k];
      }
      if (node === null) return { figure: null };
      if (typeof node !== 'number') return { figure: null, problem: `"${source.path}" is not a number` };
      return { figure: node };
    }
  }
}

/** Each condition of the goal judged on one run. */
export function judgeConditions(conditions: readonly Condition[], run: JudgedRun): ConditionResult[] {
  return conditions.map((c) => {
    const { figure, problem } = read(c.source, c, run);
    const met = figure !== null && compare(c.op, figure, c.value);
    return {
      label: c.label,
      met,
      figure,
      shown: figure === null ? 'none' : formatFigure(figure, c.unit),
      target: `${OP_TEXT[c.op]} ${formatFigure(c.value, c.unit)}`,
      explanation: met ? c.whenMet : c.whenMissed,
      problem,
    };
  });
}

/** The lesson's seeds (default [1]). */
export const goalSeeds = (lesson: Pick<Lesson, 'goal'>): number[] => lesson.goal.seeds ?? [1];

/**
 * Runs `doc` (the learner's version of the lesson's pipeline) once per goal seed with `runFn` and
 * judges every condition on every run. A document that changes a locked setting is not run.
 */
export async function judgeLesson(
  lesson: Lesson,
  doc: Pipeline,
  runFn: RunFn,
  signal?: AbortSignal,
): Promise<GoalResult> {
  const locked = lockedChanges(
    lesson.pipeline,
    doc,
    lesson.editable.map((e) => e.path),
  );
  if (locked.length > 0) return { met: false, seeds: [], locked };
  const seeds: SeedResult[] = [];
  for (const seed of goalSeeds(lesson)) {
    const runDoc = withRun(doc, seed);
    const outcome = await runFn(runDoc, seed, signal);
    const conditions = judgeConditions(lesson.goal.conditions, { ...outcome, doc: runDoc });
    seeds.push({ seed, met: conditions.every((c) => c.met), conditions });
  }
  return { met: seeds.every((s) => s.met), seeds, locked };
}
