// Spark's faults in the app: the form offers the document's jobs, fills the schema's defaults, and
// the timeline shows each as lasting until the job has recovered.
import { describe, expect, it } from 'vitest';
import { testDoc } from '../canvas/testDoc';
import { describeFault, fieldsFor, newDraft, parseDraft, targetsFor } from './faultForm';
import { faultEndSec, faultTarget } from './timeline';

describe('Spark faults in the form', () => {
  const doc = testDoc();

  it('targets the Spark jobs of the document', () => {
    expect(targetsFor('executorLoss', doc)).toEqual(doc.sparkJobs.map((j) => j.id));
    expect(targetsFor('driverFailure', doc)).toEqual(doc.sparkJobs.map((j) => j.id));
  });

  it('an executor loss: how many, and when replacements are running', () => {
    expect(fieldsFor('executorLoss').map((f) => f.name)).toEqual(['job', 'atSec', 'count', 'durationSec']);
    const result = parseDraft(newDraft('executorLoss', doc, 8), doc);
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.fault).toEqual({ kind: 'executorLoss', atSec: 8, job: 'job', count: 1, durationSec: 30 });
    expect(describeFault(result.fault)).toBe('1 executor of job lost at 8 s, replaced after 30 s');
    expect(faultTarget(result.fault)).toBe('job');
    expect(faultEndSec(result.fault)).toBe(38);
  });

  it('a driver failure: when the relaunched driver is back; a bad value is refused at its field', () => {
    const draft = newDraft('driverFailure', doc, 5);
    const ok = parseDraft(draft, doc);
    expect(ok.ok && ok.fault).toEqual({ kind: 'driverFailure', atSec: 5, job: 'job', durationSec: 20 });
    expect(ok.ok && describeFault(ok.fault)).toBe('job driver fails at 5 s, back after 20 s');
    draft.values.durationSec = '0';
    const bad = parseDraft(draft, doc);
    expect(bad.ok ? {} : bad.fieldErrors).toEqual({ durationSec: 'must be at least 0.001' });
  });

  it('executors added or removed during a run: how many, at one instant', () => {
    for (const kind of ['addExecutors', 'removeExecutors'] as const) {
      expect(targetsFor(kind, doc)).toEqual(doc.sparkJobs.map((j) => j.id));
      expect(fieldsFor(kind).map((f) => f.name)).toEqual(['job', 'atSec', 'count']);
      const draft = newDraft(kind, doc, 12);
      draft.values.count = '3';
      const result = parseDraft(draft, doc);
      if (!result.ok) throw new Error(JSON.stringify(result));
      expect(result.fault).toEqual({ kind, atSec: 12, job: 'job', count: 3 });
      expect(faultEndSec(result.fault)).toBe(12);
    }
    const add = parseDraft({ kind: 'addExecutors', values: { job: 'job', atSec: '4', count: '2' } }, doc);
    expect(add.ok && describeFault(add.fault)).toBe('2 executors added to job at 4 s');
    const remove = parseDraft(
      { kind: 'removeExecutors', values: { job: 'job', atSec: '4', count: '1' } },
      doc,
    );
    expect(remove.ok && describeFault(remove.fault)).toBe('1 executor removed from job at 4 s');
    const bad = parseDraft({ kind: 'addExecutors', values: { job: 'job', atSec: '4', count: '0' } }, doc);
    expect(bad.ok ? {} : bad.fieldErrors).toEqual({ count: 'must be at least 1' });
  });
});
