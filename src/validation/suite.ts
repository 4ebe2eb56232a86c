// Runs every case of every section and assembles the report. Pure: no clock, no files; the CLI
// times it and writes the results.
import type { SectionSpec, ValidationCase } from './case';
import { summarise, toRow } from './checks';
import type { AccuracyReport, CaseReport, SectionReport } from './report';

export function runCase(c: ValidationCase): CaseReport {
  const base = { id: c.id, title: c.title, reference: c.reference, leavesOut: c.leavesOut };
  let outcome;
  try {
    outcome = c.run();
  } catch (e) {
    // A case that cannot run is reported as broken rather than stopping the suite.
    return { ...base, setup: '', checks: [], failure: e instanceof Error ? e.message : String(e) };
  }
  return {
    ...base,
    setup: outcome.setup,
    ...(outcome.isolates !== undefined && { isolates: outcome.isolates }),
    ...(outcome.samples !== undefined && { samples: outcome.samples }),
    checks: outcome.checks.map(toRow),
  };
}

/** Every case id once: the page, the tests and known issues refer to cases by id. */
export function checkUniqueIds(sections: readonly SectionSpec[]): void {
  const seen = new Set<string>();
  for (const s of sections)
    for (const c of s.cases) {
      if (seen.has(c.id)) throw new Error(`validation case id '${c.id}' is used twice`);
      seen.add(c.id);
    }
}

export function assembleSection(spec: SectionSpec, cases: CaseReport[]): SectionReport {
  const rows = cases.flatMap((c) => c.checks);
  return {
    id: spec.id,
    title: spec.title,
    intro: spec.intro,
    whenEmpty: spec.whenEmpty,
    cases,
    summary: summarise(rows, cases.filter((c) => c.failure !== undefined).length),
  };
}

export function assembleReport(intro: string[], sections: SectionReport[]): AccuracyReport {
  const rows = sections.flatMap((s) => s.cases.flatMap((c) => c.checks));
  const broken = sections.reduce((a, s) => a + s.summary.brokenCases, 0);
  return { version: 1, intro, sections, summary: summarise(rows, broken) };
}

/** Runs the suite; `onCase` hears about each case as it finishes (the CLI prints progress). */
export function runSuite(
  intro: string[],
  sections: readonly SectionSpec[],
  onCase: (c: CaseReport) => void = () => {},
): AccuracyReport {
  checkUniqueIds(sections);
  return assembleReport(
    intro,
    sections.map((spec) =>
      assembleSection(
        spec,
        spec.cases.map((c) => {
          const r = runCase(c);
          onCase(r);
          return r;
        }),
      ),
    ),
  );
}
