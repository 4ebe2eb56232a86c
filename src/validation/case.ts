// What a validation case is: plain data about it plus a pure run that builds its documents, runs
// them with the engine and returns the figures to compare. The suite turns these into the report.
import type { Bound } from './report';

export interface Check {
  id: string;
  quantity: string;
  unit: string;
  expected: number;
  simulated: number;
  bound: Bound;
  /** About two standard errors of `simulated`, in its unit, if the case estimates its noise. */
  uncertainty?: number;
  /** Set only for a figure known to miss its bound, with the reason (see CheckRow.knownIssue). */
  knownIssue?: string;
}

export interface CaseOutcome {
  /** What was run: document, seed, simulated time. */
  setup: string;
  isolates?: string;
  samples?: { count: number; what: string };
  checks: Check[];
}

export interface ValidationCase {
  /** Unique across the suite, stable (tests and the page refer to it). */
  id: string;
  title: string;
  reference: string;
  leavesOut: string;
  /** Deterministic: the same engine gives the same outcome every time. */
  run(): CaseOutcome;
}

/** A section of the report and the cases in it, in order. */
export interface SectionSpec {
  id: string;
  title: string;
  intro: string;
  cases: readonly ValidationCase[];
  /** Shown instead of a table when the section has no cases. */
  whenEmpty: string;
}

/** Within a relative fraction of the expected value (0.05 = 5%). */
export const within = (fraction: number): Bound => ({ kind: 'relative', max: fraction });
/** Within a factor of the expected value either way (1.5 = from expected / 1.5 to expected * 1.5). */
export const withinFactor = (factor: number): Bound => ({ kind: 'factor', max: factor });
/** Within an absolute difference, in the check's unit. */
export const withinAbsolute = (max: number): Bound => ({ kind: 'absolute', max });
