// The offset reset in the app: the form's fields follow the reset target, the timeline shows it as
// an instant on its group, and live adds keep matching a run of the document from 0 s.
import { describe, expect, it } from 'vitest';
import { checkGraph, type Fault, type Pipeline } from '../../model';
import { testDoc } from '../canvas/testDoc';
import { changeKind, describeFault, draftFromFault, fieldsFor, newDraft, parseDraft } from './faultForm';
import { classifyChange } from './liveApply';
import { faultTarget, isInstant } from './timeline';

const reset = (extra: Partial<Extract<Fault, { kind: 'offsetReset' }>> = {}): Fault => ({
  kind: 'offsetReset',
  atSec: 30,
  group: 'audit',
  to: 'earliest',
  ...extra,
});

describe('offset reset form', () => {
  const doc = testDoc();

  it('starts as a reset to earliest on the first group', () => {
    const result = parseDraft(newDraft('offsetReset', doc, 12), doc);
    expect(result).toEqual({
      ok: true,
      fault: { kind: 'offsetReset', atSec: 12, group: 'audit', to: 'earliest' },
    });
  });

  it('shows the one value field the reset target needs, and saves only that', () => {
    const draft = newDraft('offsetReset', doc, 12);
    const names = (to: string) => fieldsFor('offsetReset', { ...draft.values, to }).map((f) => f.name);
    expect(names('earliest')).toEqual(['group', 'atSec', 'to']);
    expect(names('latest')).toEqual(['group', 'atSec', 'to']);
    expect(names('offset')).toEqual(['group', 'atSec', 'to', 'offset']);
    expect(names('time')).toEqual(['group', 'atSec', 'to', 'timestampSec']);
    expect(names('shiftBy')).toEqual(['group', 'atSec', 'to', 'shiftBy']);
    draft.values.to = 'time';
    draft.values.timestampSec = '4.5';
    expect(parseDraft(draft, doc)).toEqual({
      ok: true,
      fault: { kind: 'offsetReset', atSec: 12, group: 'audit', to: 'time', timestampSec: 4.5 },
    });
    draft.values.to = 'shiftBy';
    draft.values.shiftBy = '-2.5';
    const bad = parseDraft(draft, doc);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.fieldErrors.shiftBy).toBe('must be a whole number');
    draft.values.shiftBy = '';
    const empty = parseDraft(draft, doc);
    if (!empty.ok) expect(empty.fieldErrors.shiftBy).toBe('must be a number');
  });

  it('round-trips a saved reset and switches kind like the others', () => {
    const f = reset({ to: 'offset', offset: 500 });
    expect(parseDraft(draftFromFault(f), doc)).toEqual({ ok: true, fault: f });
    const other = changeKind(draftFromFault(f), 'memberCrash', doc);
    expect(other.values.atSec).toBe('30');
    expect(parseDraft(other, doc).ok).toBe(true);
  });

  it('refuses a group that is not in the pipeline, like memberCrash', () => {
    const draft = newDraft('offsetReset', doc, 1);
    draft.values.group = 'clicks';
    const result = parseDraft(draft, doc);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.formError).toContain('group "clicks" is not a consumer group');
    expect(checkGraph({ ...doc, faults: [reset({ group: 'nope' })] }).errors[0]).toContain(
      'faults[0] (offsetReset at 30 s): group "nope"',
    );
  });

  it('says where the group goes, in one line', () => {
    expect(describeFault(reset())).toBe('audit offsets reset to earliest at 30 s');
    expect(describeFault(reset({ to: 'time', timestampSec: 12.5 }))).toBe(
      'audit offsets reset to records from 12.5 s at 30 s',
    );
    expect(describeFault(reset({ to: 'shiftBy', shiftBy: -100 }))).toBe(
      'audit offsets reset to committed - 100 at 30 s',
    );
    expect(describeFault(reset({ to: 'offset', offset: 7 }))).toBe('audit offsets reset to offset 7 at 30 s');
  });

  it('is an instant on its group in the timeline', () => {
    expect(isInstant(reset())).toBe(true);
    expect(faultTarget(reset())).toBe('audit');
  });
});

describe('offset reset added during a run', () => {
  const withFaults = (doc: Pipeline, faults: Fault[]): Pipeline => ({ ...doc, faults });
  const base = testDoc();

  it("restarts for a group's first reset: the run has not kept that group's history", () => {
    expect(classifyChange(withFaults(base, []), withFaults(base, [reset()]), 20)).toEqual({
      kind: 'restart',
    });
  });

  it('goes in live once the document already resets that group', () => {
    const loaded = withFaults(base, [reset({ atSec: 10 })]);
    const next = withFaults(base, [reset({ atSec: 10 }), reset({ atSec: 40, to: 'latest' })]);
    expect(classifyChange(loaded, next, 20)).toEqual({
      kind: 'addFaults',
      faults: [reset({ atSec: 40, to: 'latest' })],
    });
  });
});
