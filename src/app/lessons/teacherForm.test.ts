import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePipeline, type Pipeline } from '../../model';
import { defaultConditions, lessonToJson } from '../../lessons/author';
import { parseLesson } from '../../lessons/parse';
import {
  checkDraft,
  draftFromDocument,
  draftToLesson,
  formError,
  newCondition,
  parseValue,
  slug,
  type TeacherDraft,
} from './teacherForm';

function example(): Pipeline {
  const url = new URL('../../../examples/hot-key-skew.json', import.meta.url);
  const r = parsePipeline(JSON.parse(readFileSync(url, 'utf8')));
  if (!r.ok) throw new Error(r.errors.join('; '));
  return r.doc;
}

function filled(doc: Pipeline): TeacherDraft {
  const draft = draftFromDocument(doc);
  return {
    ...draft,
    concepts: 'partitions, skew',
    explanation: 'First paragraph\nwraps here.\n\nSecond paragraph.',
    summary: 'Keep the lag flat.',
    editable: [{ path: draft.editable[0]!.path, note: 'Try a few values.' }],
    hints: 'Look at the lag.\n\n  Then at the partitions.  ',
    solutionWhy: 'Because.',
    conditions: [{ ...newCondition('lost'), whenMissed: 'Records were refused.' }],
  };
}

describe('the teacher form', () => {
  const doc = example();

  it('opens prefilled from the document', () => {
    const draft = draftFromDocument(doc);
    expect(draft.title).toBe(doc.name);
    expect(draft.id).toBe(slug(doc.name));
    expect(draft.id).toMatch(/^[a-z0-9][a-z0-9-]*$/);
    expect(draft.editable).toHaveLength(1);
    expect(draft.solutionPath).toBe(draft.editable[0]!.path);
    // The goal lessonFromPipeline picks for it, without the placeholder reasons.
    expect(draft.conditions.map((c) => c.metric)).toEqual(
      defaultConditions(doc).map((c) => (c.source.kind === 'headline' ? c.source.metric : '')),
    );
    expect(draft.conditions.every((c) => c.whenMet === '' && c.whenMissed === '')).toBe(true);
  });

  it('names the lesson fields a half-filled form leaves wrong', () => {
    const r = checkDraft(draftFromDocument(doc), doc);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const text = r.errors.join('\n');
    expect(text).toMatch(/^concepts: /m);
    expect(text).toMatch(/^goal\.summary: must not be empty/m);
    expect(text).toMatch(/^hints: /m);
    expect(text).toMatch(/^solution\.why: must not be empty/m);
  });

  it('turns a filled form into a lesson parseLesson accepts, text split as written', () => {
    const r = checkDraft(filled(doc), doc);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.json).toMatchObject({
      format: 'streamlab-lesson',
      version: 1,
      concepts: ['partitions', 'skew'],
      explanation: ['First paragraph wraps here.', 'Second paragraph.'],
      hints: ['Look at the lag.', 'Then at the partitions.'],
      goal: {
        seeds: [1],
        conditions: [
          {
            label: 'Nothing is lost',
            source: { kind: 'headline', metric: 'lost' },
            op: '==',
            value: 0,
            unit: 'records',
            whenMissed: 'Records were refused.',
          },
        ],
      },
    });
    // Empty optional fields are left out, not written as empty strings.
    // An empty reason for the locks gets lessonFromPipeline's plain sentence.
    expect(r.json.lockedWhy).toMatch(/stays as it is/);
    expect((r.json.goal as { conditions: object[] }).conditions[0]).not.toHaveProperty('fromSec');
    // The file is a lesson: it parses again on its own.
    expect(parseLesson(JSON.parse(JSON.stringify(r.json))).ok).toBe(true);
  });

  it('keeps a quiz, and refuses an answer outside the options by field', () => {
    const quiz = { question: 'Which?', options: 'One\nTwo\n', answer: 1, why: 'Two is right.' };
    const ok = checkDraft({ ...filled(doc), quiz }, doc);
    if (!ok.ok) throw new Error(ok.errors.join('\n'));
    expect(ok.lesson.quiz).toEqual([
      { question: 'Which?', options: ['One', 'Two'], answer: 1, why: 'Two is right.' },
    ]);
    const bad = checkDraft({ ...filled(doc), quiz: { ...quiz, answer: 2 } }, doc);
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.errors.join('\n')).toMatch(/quiz\[0\]\.answer: is 2, but the question has 2 options/);
    // A hint for a wrong answer goes in trimmed; a blank one is left out.
    const hinted = checkDraft({ ...filled(doc), quiz: { ...quiz, hint: ' Count them. ' } }, doc);
    if (!hinted.ok) throw new Error(hinted.errors.join('\n'));
    expect(hinted.lesson.quiz?.[0]?.hint).toBe('Count them.');
    const blank = checkDraft({ ...filled(doc), quiz: { ...quiz, hint: '  ' } }, doc);
    if (!blank.ok) throw new Error(blank.errors.join('\n'));
    expect(blank.lesson.quiz?.[0]).not.toHaveProperty('hint');
  });

  it('makes the solution’s setting editable, and refuses a value the setting does not take', () => {
    const draft = filled(doc);
    const r = checkDraft({ ...draft, editable: [] }, doc);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.lesson.editable.map((e) => e.path)).toEqual([draft.solutionPath]);
    const refused = checkDraft({ ...draft, solutionValue: '-5' }, doc);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors.join('\n')).toMatch(/^solution: changes\[0\]: /m);
  });

  it('writes the file in lessonToJson’s order, and it reads back as the same lesson', () => {
    const r = checkDraft(filled(doc), doc);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const text = lessonToJson(r.json as Parameters<typeof lessonToJson>[0]);
    expect(Object.keys(JSON.parse(text) as object).slice(0, 4)).toEqual(['format', 'version', 'id', 'title']);
    const back = parseLesson(JSON.parse(text));
    expect(back.ok && back.lesson.goal).toEqual(r.lesson.goal);
  });

  it('reads the solution value as a number, a flag, JSON or a word', () => {
    expect(parseValue(' 12 ')).toBe(12);
    expect(parseValue('true')).toBe(true);
    expect(parseValue('{"kind":"null"}')).toEqual({ kind: 'null' });
    expect(parseValue('all')).toBe('all');
    expect(parseValue('{broken')).toBe('{broken');
  });

  it('shows errors under the form’s own names, the lesson’s path beside them', () => {
    expect(formError('concepts: must have at least 1 items')).toBe(
      'What it teaches (concepts): needs at least one',
    );
    expect(formError('goal.conditions[1].value: expected number')).toBe(
      'Condition 2 (goal.conditions[1].value): expected number',
    );
    expect(formError('pipeline: something')).toBe('pipeline: something');
  });

  it('makes ids links can carry', () => {
    expect(slug('Hot keys — and Skew!')).toBe('hot-keys-and-skew');
    expect(slug('!!!')).toBe('my-lesson');
    expect(slug('x'.repeat(100))).toHaveLength(64);
    expect(draftToLesson({ ...filled(doc), id: ' a-b ' }, doc).id).toBe('a-b');
  });
});
