// Turns a case's raw figures into report rows: the error in the bound's terms, pass or miss, and
// the text the page shows (the same text in docs/accuracy.md and in the app).
import type { Check } from './case';
import type { Bound, CheckRow, ErrorSummary } from './report';

/** Rounds to `digits` significant digits, so the report does not carry float noise. */
export function significant(x: number, digits = 6): number {
  if (!Number.isFinite(x) || x === 0) return x;
  return Number(x.toPrecision(digits));
}

/** A number for people: 4 significant digits, no exponent for ordinary magnitudes, thin grouping. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs >= 10_000) return Math.round(x).toLocaleString('en-US');
  const decimals = Math.max(0, 3 - Math.floor(Math.log10(abs)));
  return Number(x.toFixed(Math.min(decimals, 6))).toString();
}

function withUnit(x: number, unit: string): string {
  return unit ? `${formatNumber(x)} ${unit}` : formatNumber(x);
}

function signedError(check: Check): number {
  const { expected, simulated, bound } = check;
  switch (bound.kind) {
    case 'relative':
      return expected === 0 ? (simulated === 0 ? 0 : Infinity) : (simulated - expected) / Math.abs(expected);
    case 'factor':
      return expected === simulated ? 1 : simulated / expected;
    case 'absolute':
      return simulated - expected;
  }
}

export function withinBound(error: number, bound: Bound): boolean {
  switch (bound.kind) {
    case 'relative':
    case 'absolute':
      return Math.abs(error) <= bound.max;
    case 'factor':
      return error > 0 && Math.max(error, 1 / error) <= bound.max;
  }
}

function errorText(error: number, bound: Bound, unit: string): string {
  if (!Number.isFinite(error)) return 'n/a';
  switch (bound.kind) {
    case 'relative': {
      const percent = error * 100;
      const text = Math.abs(percent) < 0.01 ? '0.00' : percent.toFixed(2);
      return `${percent > 0 && text !== '0.00' ? '+' : ''}${text}%`;
    }
    case 'factor':
      return `×${error.toFixed(3)}`;
    case 'absolute':
      return `${error > 0 ? '+' : ''}${withUnit(error, unit)}`;
  }
}

export function boundText(bound: Bound, unit: string): string {
  switch (bound.kind) {
    case 'relative':
      return `±${significant(bound.max * 100, 4)}%`;
    case 'factor':
      return `×${bound.max} either way`;
    case 'absolute':
      if (bound.max === 0) return 'exact';
      // Rounding-error bounds read better as powers of ten than as rows of zeros.
      return `±${bound.max < 1e-3 ? bound.max.toExponential(0) : formatNumber(bound.max)}${unit ? ` ${unit}` : ''}`;
  }
}

export function toRow(check: Check): CheckRow {
  const error = signedError(check);
  const pass = withinBound(error, check.bound);
  const uncertainty = check.uncertainty;
  const simulatedText = withUnit(check.simulated, check.unit);
  return {
    id: check.id,
    quantity: check.quantity,
    unit: check.unit,
    expected: significant(check.expected),
    simulated: significant(check.simulated),
    error: significant(error),
    bound: check.bound,
    pass,
    ...(uncertainty !== undefined && { uncertainty: significant(uncertainty, 3) }),
    ...(check.knownIssue !== undefined && { knownIssue: check.knownIssue }),
    text: {
      expected: withUnit(check.expected, check.unit),
      simulated:
        uncertainty !== undefined && Number.isFinite(uncertainty)
          ? `${simulatedText} ± ${formatNumber(significant(uncertainty, 2))}`
          : simulatedText,
      error: errorText(error, check.bound, check.unit),
      bound: boundText(check.bound, check.unit),
    },
  };
}

/** Counts and the mean and worst relative error of a set of rows. */
export function summarise(rows: readonly CheckRow[], brokenCases: number): ErrorSummary {
  let sum = 0;
  let n = 0;
  let worst: ErrorSummary['worstRelativeError'] = null;
  for (const r of rows) {
    if (r.expected === 0 || !Number.isFinite(r.simulated)) continue;
    const e = Math.abs(r.simulated - r.expected) / Math.abs(r.expected);
    sum += e;
    n++;
    if (!worst || e > worst.value) worst = { value: significant(e, 4), check: r.id };
  }
  return {
    checks: rows.length,
    passed: rows.filter((r) => r.pass).length,
    knownIssues: rows.filter((r) => !r.pass && r.knownIssue !== undefined).length,
    brokenCases,
    meanRelativeError: n > 0 ? significant(sum / n, 4) : null,
    worstRelativeError: worst,
  };
}
