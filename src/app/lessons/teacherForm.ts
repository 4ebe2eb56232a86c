// "Make a lesson from this pipeline": the teacher's form as plain strings (what the inputs hold),
// prefilled from the document, and its conversion to the lesson format, checked by parseLesson so
// the errors name the lesson's fields. Pure: the form component only renders and edits a draft.
import type { Pipeline } from '../../model';
import { defaultConditions, lessonFromPipeline, lessonToJson, PLACEHOLDER_MARK } from '../../lessons/author';
import { parseLesson, type Lesson } from '../../lessons/parse';
import type { Condition, LessonInput, QuizQuestion } from '../../lessons/schema';
import { METRICS, type MetricId } from '../../whatif/metrics';
import { listSettings } from '../../whatif/settings';

export type Op = Condition['op'];
export const OPS: readonly Op[] = ['<=', '<', '>=', '>', '=='];

export interface ConditionDraft {
  label: string;
  metric: MetricId;
  op: Op;
  value: string;
  /** Judge from this simulated second on (empty: the whole run). */
  fromSec: string;
  whenMet: string;
  whenMissed: string;
}

export interface QuizDraft {
  question: string;
  /** One option a line. */
  options: string;
  /** Index of the right option. */
  answer: number;
  /** A nudge after a wrong answer; blank for none. */
  hint?: string;
  why: string;
}

export interface TeacherDraft {
  id: string;
  title: string;
  /** Comma-separated. */
  concepts: string;
  /** Paragraphs separated by a blank line. */
  explanation: string;
  summary: string;
  conditions: ConditionDraft[];
  /** Comma-separated seeds ("1, 2"). */
  seeds: string;
  /** The settings the learner may change, each with its note. */
  editable: { path: string; note: string }[];
  lockedWhy: string;
  /** One hint a line, gentlest first. */
  hints: string;
  solutionPath: string;
  solutionValue: string;
  solutionWhy: string;
  quiz: QuizDraft | null;
}

/** A lesson id from a title: lower case, digits and "-", at most 64 characters. */
export function slug(text: string): string {
  const s = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
  return s || 'my-lesson';
}

export const metricUnit = (id: MetricId): string => METRICS.find((m) => m.id === id)?.unit ?? '';
export const metricLabel = (id: MetricId): string => METRICS.find((m) => m.id === id)?.label ?? id;

export function newCondition(metric: MetricId = 'lagGrowth'): ConditionDraft {
  const defaults: Partial<Record<MetricId, Pick<ConditionDraft, 'label' | 'op' | 'value' | 'fromSec'>>> = {
    lagGrowth: { label: 'Lag stops growing', op: '<=', value: '50', fromSec: '10' },
    lost: { label: 'Nothing is lost', op: '==', value: '0', fromSec: '' },
    p99: { label: 'p99 latency stays low', op: '<=', value: '500', fromSec: '10' },
    maxLagSec: { label: 'No record waits long', op: '<=', value: '2', fromSec: '10' },
  };
  const d = defaults[metric] ?? { label: metricLabel(metric), op: '<=', value: '0', fromSec: '' };
  return { metric, whenMet: '', whenMissed: '', ...d };
}

/** The form as it opens for a document: its name and description, two common conditions, one setting. */
export function draftFromDocument(doc: Pipeline): TeacherDraft {
  // A topic's partition count makes a good first guess; any setting will do otherwise.
  const all = listSettings(doc);
  const first = all.find((s) => s.path.endsWith('.partitions')) ?? all[0];
  const title = doc.name.trim() || 'My lesson';
  return {
    id: slug(title),
    title: title.slice(0, 80),
    concepts: '',
    explanation: doc.description.trim(),
    summary: '',
    // The goal lessonFromPipeline would pick for this pipeline (its placeholder reasons left out).
    conditions: defaultConditions(doc).flatMap((c) =>
      c.source.kind === 'headline' ? [fromCondition(c)] : [],
    ),
    seeds: '1',
    editable: first ? [{ path: first.path, note: '' }] : [],
    lockedWhy: '',
    hints: '',
    solutionPath: first?.path ?? '',
    solutionValue: first ? String(first.value) : '',
    solutionWhy: '',
    quiz: null,
  };
}

const withoutPlaceholder = (text: string | undefined) =>
  text === undefined || text.includes(PLACEHOLDER_MARK) ? '' : text;

function fromCondition(c: Condition): ConditionDraft {
  return {
    label: c.label,
    metric: c.source.kind === 'headline' ? c.source.metric : 'lost',
    op: c.op,
    value: String(c.value),
    fromSec: c.fromSec === undefined ? '' : String(c.fromSec),
    whenMet: withoutPlaceholder(c.whenMet),
    whenMissed: withoutPlaceholder(c.whenMissed),
  };
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter((p) => p !== '');

/** A number where the text is one ("12", "0.5"); the text itself otherwise, so the schema names it. */
function numberOr(text: string): number | string {
  const t = text.trim();
  return t !== '' && Number.isFinite(Number(t)) ? Number(t) : t;
}

/** What the solution's value box holds, as JSON: a number, true/false, JSON, or a plain word ("all"). */
export function parseValue(text: string): unknown {
  const t = text.trim();
  if (t !== '' && Number.isFinite(Number(t))) return Number(t);
  if (t === 'true' || t === 'false') return t === 'true';
  if (/^[[{"]/.test(t)) {
    try {
      return JSON.parse(t) as unknown;
    } catch {
      return t;
    }
  }
  return t;
}

const optional = (text: string) => (text.trim() === '' ? undefined : text.trim());

/**
 * The lesson JSON the draft stands for (not yet checked), made by lessonFromPipeline (src/lessons/
 * author.ts) from what the form holds. Every field is passed, so none of its defaults fill in what
 * the teacher left empty (the check then names it), except the locked reason's plain sentence. A
 * value typed where a number belongs stays text, so the schema names the field.
 */
export function draftToLesson(draft: TeacherDraft, doc: Pipeline): Record<string, unknown> {
  const seeds = draft.seeds
    .split(/[\s,]+/)
    .filter((s) => s !== '')
    .map(numberOr) as number[];
  const conditions = draft.conditions.map(
    (c) =>
      ({
        label: c.label.trim(),
        source: { kind: 'headline', metric: c.metric },
        op: c.op,
        value: numberOr(c.value),
        unit: metricUnit(c.metric) || undefined,
        fromSec: c.fromSec.trim() === '' ? undefined : numberOr(c.fromSec),
        whenMet: optional(c.whenMet),
        whenMissed: optional(c.whenMissed),
      }) as Condition,
  );
  const quiz: QuizQuestion[] | undefined = draft.quiz
    ? [
        {
          question: draft.quiz.question.trim(),
          options: lines(draft.quiz.options),
          answer: draft.quiz.answer,
          ...(draft.quiz.hint?.trim() ? { hint: draft.quiz.hint.trim() } : {}),
          why: draft.quiz.why.trim(),
        },
      ]
    : undefined;
  const lesson = lessonFromPipeline(doc, {
    title: draft.title.trim(),
    id: draft.id.trim(),
    concepts: draft.concepts
      .split(',')
      .map((c) => c.trim())
      .filter((c) => c !== ''),
    explanation: paragraphs(draft.explanation),
    goalSummary: draft.summary.trim(),
    conditions,
    ...(seeds.length > 0 ? { seeds } : {}),
    editable: draft.editable.map((e) => ({ path: e.path, note: optional(e.note) })),
    ...(optional(draft.lockedWhy) ? { lockedWhy: draft.lockedWhy.trim() } : {}),
    hints: lines(draft.hints),
    solution: {
      changes: [{ path: draft.solutionPath, value: parseValue(draft.solutionValue) }],
      why: draft.solutionWhy.trim(),
    },
    ...(quiz ? { quiz } : {}),
  });
  // The title lessonFromPipeline falls back to when it is empty stays empty, for the check to name.
  if (draft.title.trim() === '') lesson.title = '';
  // Drop the keys left undefined, so the JSON reads as a person would write it.
  return JSON.parse(JSON.stringify(lesson)) as Record<string, unknown>;
}

export type DraftCheck =
  { ok: true; lesson: Lesson; json: Record<string, unknown> } | { ok: false; errors: string[] };

/**
 * The draft as a checked lesson, or parseLesson's errors (the lesson's field names). The solution's
 * setting is always one the learner may change (lessonFromPipeline adds it).
 */
export function checkDraft(draft: TeacherDraft, doc: Pipeline): DraftCheck {
  const json = draftToLesson(draft, doc);
  const r = parseLesson(json);
  return r.ok ? { ok: true, lesson: r.lesson, json } : { ok: false, errors: r.errors };
}

/** The lesson file's text, as Download writes it (fields in lessonToJson's fixed order). */
export const lessonFileText = (json: Record<string, unknown>): string => lessonToJson(json as LessonInput);

const FORM_NAMES: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^title$/, () => 'Title'],
  [/^id$/, () => 'Id'],
  [/^concepts(\[\d+\])?$/, () => 'What it teaches'],
  [/^explanation(\[\d+\])?$/, () => 'Explanation'],
  [/^goal\.summary$/, () => 'The goal in one sentence'],
  [/^goal\.seeds(\[\d+\])?$/, () => 'Seeds'],
  [/^goal\.conditions\[(\d+)\]/, (m) => `Condition ${Number(m[1]) + 1}`],
  [/^editable/, () => 'What the learner may change'],
  [/^lockedWhy$/, () => 'Why the rest is locked'],
  [/^hints(\[\d+\])?$/, () => 'Hints'],
  [/^solution\.why$/, () => 'Why the solution works'],
  [/^solution/, () => 'Solution'],
  [/^quiz/, () => 'Quiz question'],
];

/** An error as the form shows it: the form's name for the field first, the lesson's path after. */
export function formError(error: string): string {
  const at = error.indexOf(': ');
  const path = at < 0 ? '' : error.slice(0, at);
  const rest = (at < 0 ? error : error.slice(at + 2)).replace(
    /must have at least 1 items?/,
    'needs at least one',
  );
  for (const [re, name] of FORM_NAMES) {
    const m = re.exec(path);
    if (m) return `${name(m)} (${path}): ${rest}`;
  }
  return error;
}
