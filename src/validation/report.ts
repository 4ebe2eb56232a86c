// The accuracy report as data: what `npm run validate` writes to JSON, docs/accuracy.md renders and
// the app shows under "How accurate is this?". Types only, so the app can import them without
// reaching the engine.

/**
 * How far a simulated figure may be from the expected one:
 * - relative: |simulated - expected| <= max * |expected|
 * - factor: simulated and expected within a factor max of each other (latency percentiles)
 * - absolute: |simulated - expected| <= max, in the figure's unit (for expected values of 0)
 */
export interface Bound {
  kind: 'relative' | 'factor' | 'absolute';
  max: number;
}

/** One figure compared: expected (from theory, documentation or measurement) against simulated. */
export interface CheckRow {
  id: string;
  quantity: string;
  unit: string;
  expected: number;
  simulated: number;
  /**
   * Signed, in the bound's terms: (simulated - expected) / |expected| (relative), simulated /
   * expected (factor), or simulated - expected in the unit (absolute).
   */
  error: number;
  bound: Bound;
  pass: boolean;
  /** About two standard errors of `simulated` from its sampling noise, when the case estimates it. */
  uncertainty?: number;
  /**
   * Why this figure is known to miss its bound (a reported engine issue). The unit test holds such
   * a row to missing, so whoever fixes the cause removes the note.
   */
  knownIssue?: string;
  /** The same figures as the page shows them. */
  text: { expected: string; simulated: string; error: string; bound: string };
}

export interface CaseReport {
  id: string;
  title: string;
  /** What was run: the document, seed, duration and records covered. */
  setup: string;
  /** Where the expected values come from. */
  reference: string;
  /** What the comparison isolates (what is subtracted or left out of the measurement), if anything. */
  isolates?: string;
  /** What the model leaves out that a real system has. */
  leavesOut: string;
  /** Records (or customers, batches) the figures cover, when that is meaningful. */
  samples?: { count: number; what: string };
  checks: CheckRow[];
  /** Set when the case could not run (it threw): the message. A case that fails to run fails. */
  failure?: string;
}

export interface ErrorSummary {
  checks: number;
  passed: number;
  /** Checks that miss their bound for a known, reported reason (counted in checks, not in passed). */
  knownIssues: number;
  /** Cases that could not run. */
  brokenCases: number;
  /** Mean and worst relative error |simulated - expected| / |expected| over checks with expected != 0. */
  meanRelativeError: number | null;
  worstRelativeError: { value: number; check: string } | null;
}

export interface SectionReport {
  id: string;
  title: string;
  intro: string;
  /** Shown instead of the cases when there are none. */
  whenEmpty: string;
  cases: CaseReport[];
  summary: ErrorSummary;
}

export interface AccuracyReport {
  version: 1;
  /** Paragraphs before the tables: what is checked, what is not, how to regenerate. */
  intro: string[];
  sections: SectionReport[];
  summary: ErrorSummary;
}
