// The report's rendering and the suite's handling of cases that cannot run or sections without cases.
import { describe, expect, it } from 'vitest';
import { within, type SectionSpec, type ValidationCase } from './case';
import { renderMarkdown } from './markdown';
import { runSuite } from './suite';

const good: ValidationCase = {
  id: 'good',
  title: 'A case',
  reference: 'by hand',
  leavesOut: 'everything else',
  run: () => ({
    setup: 'nothing to run',
    samples: { count: 1234, what: 'records' },
    checks: [
      { id: 'good.a', quantity: 'a | b', unit: 'ms', expected: 10, simulated: 10.2, bound: within(0.05) },
      {
        id: 'good.b',
        quantity: 'b',
        unit: 'ms',
        expected: 10,
        simulated: 12,
        bound: within(0.05),
        knownIssue: 'a reported bookkeeping gap',
      },
    ],
  }),
};

const broken: ValidationCase = {
  id: 'broken',
  title: 'A broken case',
  reference: '-',
  leavesOut: '-',
  run: () => {
    throw new Error('document refused');
  },
};

const sections: SectionSpec[] = [
  { id: 's1', title: 'Section one', intro: 'First.', cases: [good, broken], whenEmpty: 'none' },
  { id: 's2', title: 'Empty section', intro: 'Second.', cases: [], whenEmpty: 'Nothing here yet.' },
];

describe('accuracy report', () => {
  const report = runSuite(['Intro paragraph.'], sections);
  const md = renderMarkdown(report);

  it('reports a case that throws as one that could not run, and goes on', () => {
    const c = report.sections[0]!.cases[1]!;
    expect(c.failure).toBe('document refused');
    expect(report.summary.brokenCases).toBe(1);
    expect(md).toContain('**The case could not run:** document refused');
  });

  it('renders every figure with its result, escaping table pipes, and the known issue below the table', () => {
    expect(md).toContain('| a \\| b | 10 ms | 10.2 ms | +2.00% | ±5% | pass |');
    expect(md).toContain('| b | 10 ms | 12 ms | +20.00% | ±5% | MISS (known issue) |');
    expect(md).toContain('Known issue (`good.b`): a reported bookkeeping gap');
    expect(md).toContain('Covers 1,234 records.');
    expect(md).toContain('What the model leaves out: everything else');
  });

  it('shows a section without cases with its message, and the summary row of every section', () => {
    expect(md).toContain('## Empty section\n\nSecond.\n\n_Nothing here yet._');
    expect(md).toContain('| Empty section | 0 | 0 | 0 | 0 | n/a | n/a |');
    expect(md).toContain('| Section one | 2 | 1 | 1 | 1 | 11.00% | 20.00% (good.b) |');
  });

  it('refuses two cases with the same id', () => {
    expect(() => runSuite([], [{ ...sections[0]!, cases: [good, good] }])).toThrow(/'good' is used twice/);
  });
});
