// The validation suite as unit tests: every case runs (each in its own test), every figure must be
// within its bound, and the committed report (docs/accuracy.md and the JSON the app shows) must be
// exactly what the current model gives, so a change to the engine that moves a number fails here
// until `npm run validate` is run again.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';
import { JSON_PATH, MARKDOWN_PATH } from './paths';
import { INTRO, SECTIONS } from './registry';
import type { CaseReport } from './report';
import { assembleReport, assembleSection, checkUniqueIds, runCase } from './suite';

const results = new Map<string, CaseReport>();

function resultOf(id: string): CaseReport {
  let r = results.get(id);
  if (!r) {
    const c = SECTIONS.flatMap((s) => s.cases).find((x) => x.id === id)!;
    r = runCase(c);
    results.set(id, r);
  }
  return r;
}

describe('validation suite', () => {
  it('has unique case ids', () => {
    expect(() => checkUniqueIds(SECTIONS)).not.toThrow();
  });

  for (const section of SECTIONS)
    for (const c of section.cases)
      it(`${section.id}: ${c.id} runs and each figure is within its bound`, () => {
        const r = resultOf(c.id);
        expect(r.failure).toBeUndefined();
        expect(r.checks.length).toBeGreaterThan(0);
        for (const row of r.checks) {
          const summary = `${row.id}: expected ${row.text.expected}, simulated ${row.text.simulated}, error ${row.text.error}, bound ${row.text.bound}`;
          if (row.knownIssue === undefined) expect(row.pass, summary).toBe(true);
          // A known issue must still be one: once fixed, the note comes off and the row must pass.
          else expect(row.pass, `${summary} now passes: remove its knownIssue note`).toBe(false);
        }
      });

  it("docs/accuracy.md and the app's accuracy.json are what the current model gives (else: npm run validate)", () => {
    const report = assembleReport(
      INTRO,
      SECTIONS.map((s) =>
        assembleSection(
          s,
          s.cases.map((c) => resultOf(c.id)),
        ),
      ),
    );
    const json = `${JSON.stringify(report, null, 2)}\n`;
    expect(readFileSync(JSON_PATH, 'utf8'), 'accuracy.json is stale: run npm run validate').toBe(json);
    expect(readFileSync(MARKDOWN_PATH, 'utf8'), 'docs/accuracy.md is stale: run npm run validate').toBe(
      renderMarkdown(report),
    );
  });
});
