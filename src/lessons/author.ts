// "Make a lesson from this pipeline": a valid lesson built from a pipeline document and what the
// teacher picked (the goal's conditions, the solution), with plain defaults for everything else.
// Defaults a teacher is expected to rewrite carry PLACEHOLDER_MARK, so an editor can point at them
// (placeholdersLeft). The result passes parseLesson as it is, so it can be judged and shared at once.
import type { Pipeline } from '../model/types';
import { metricDescriptor, type MetricId } from '../whatif/metrics';
import { listSettings } from '../whatif/settings';
import type { Lesson } from './parse';
import { LESSON_VERSION, type Condition, type Editable, type LessonInput, type QuizQuestion } from './schema';

/** Opens every default text the teacher should replace with their own words. */
export const PLACEHOLDER_MARK = '[To write]';

export interface SolutionChange {
  path: string;
  value: unknown;
}

export interface AuthorOptions {
  /**
   * What the learner should end up changing, at least one setting: the format needs a solution,
   * and a lesson whose starting pipeline already meets its goal teaches nothing.
   */
  solution: { changes: readonly [SolutionChange, ...SolutionChange[]]; why?: string };
  /** Default: the pipeline's name, shortened to 80 characters. */
  title?: string;
  /** Default: from the title (lower-case letters, digits and "-"). */
  id?: string;
  /** The goal's conditions, as the teacher picked them. Default: defaultConditions(doc). */
  conditions?: readonly Condition[];
  /** One sentence: what to achieve. Default: the conditions' labels. */
  goalSummary?: string;
  /** Default: the pipeline's seed and the next one. */
  seeds?: readonly number[];
  /** Settings the learner may change. Default: the pipeline's main numeric settings (listSettings). */
  editable?: readonly (string | Editable)[];
  lockedWhy?: string;
  /** Default: a few words per kind of node and fault the pipeline has. */
  concepts?: readonly string[];
  /** Default: the pipeline's description, in paragraphs. */
  explanation?: readonly string[];
  /** Default: three hints built from the solution, gentle to nearly the answer. */
  hints?: readonly string[];
  quiz?: readonly QuizQuestion[];
}

const MAX_TITLE = 80;
const MAX_PARAGRAPH = 1200;
const MAX_PARAGRAPHS = 12;
const MAX_EDITABLE = 20;
const MAX_SEED = 2 ** 31 - 1;

/** A lesson id from a title: "Broker failure with acks=all" -> "broker-failure-with-acks-all". */
export function lessonIdFrom(title: string): string {
  const id = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
  return id === '' ? 'my-lesson' : id;
}

/** A condition on one of the headline metrics, labelled and with the unit the metric has. */
export function headlineCondition(
  metric: MetricId,
  op: Condition['op'],
  value: number,
  extra: Partial<Omit<Condition, 'source' | 'op' | 'value'>> = {},
): Condition {
  const d = metricDescriptor(metric);
  return {
    label: `${d.label} ${OP_WORDS[op]} ${value} ${d.unit}`.slice(0, 160),
    source: { kind: 'headline', metric },
    op,
    value,
    unit: d.unit,
    whenMet: `${PLACEHOLDER_MARK} Why the figure meets the target: the rule that holds.`,
    whenMissed:
      `${PLACEHOLDER_MARK} Why the figure misses the target: the rule that breaks. ${d.definition}`.slice(
        0,
        600,
      ),
    ...extra,
  };
}

const OP_WORDS: Record<Condition['op'], string> = {
  '<=': 'at most',
  '<': 'under',
  '>=': 'at least',
  '>': 'over',
  '==': 'exactly',
};

/**
 * A goal for a pipeline nobody chose one for: nothing lost; with readers, lag that stops growing
 * after a 10 s warm-up; with Spark jobs, no scheduling delay beyond the longest batch interval.
 */
export function defaultConditions(doc: Pipeline): Condition[] {
  const conditions = [headlineCondition('lost', '==', 0, { label: 'Nothing lost' })];
  if (doc.consumerGroups.length + doc.sparkJobs.length > 0)
    conditions.push(headlineCondition('lagGrowth', '<=', 50, { label: 'Lag stops growing', fromSec: 10 }));
  if (doc.sparkJobs.length > 0) {
    const interval = Math.max(...doc.sparkJobs.map((j) => j.batchIntervalMs));
    conditions.push(
      headlineCondition('schedulingDelay', '<=', interval, {
        label: 'Spark batches start on time',
        fromSec: 10,
      }),
    );
  }
  return conditions;
}

/** A few words for each kind of thing the pipeline has, as the lesson's concepts. */
function defaultConcepts(doc: Pipeline): string[] {
  const out = ['topics and partitions'];
  if (doc.producers.length > 0) out.push('producers');
  if (doc.topics.some((t) => t.replicationFactor > 1)) out.push('replication');
  if (doc.consumerGroups.length > 0) out.push('consumer groups and lag');
  if (doc.sparkJobs.length > 0) out.push('Spark Streaming micro-batches');
  if (doc.sinks.length > 0) out.push('sinks');
  for (const kind of new Set(doc.faults.map((f) => f.kind))) out.push(`fault: ${kind}`);
  return out.slice(0, 12);
}

/** The description as paragraphs of at most 1,200 characters, cut between sentences. */
function defaultExplanation(doc: Pipeline): string[] {
  const paragraphs = doc.description
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '')
    .flatMap(splitParagraph);
  if (paragraphs.length === 0)
    return [`${PLACEHOLDER_MARK} What this pipeline shows, in plain words, for someone new to Kafka.`];
  return paragraphs.slice(0, MAX_PARAGRAPHS);
}

function splitParagraph(p: string): string[] {
  if (p.length <= MAX_PARAGRAPH) return [p];
  // Sentences end with . ! or ? followed by a space ("min.insync.replicas" is not cut).
  const pieces = p.split(/(?<=[.!?])\s+/).flatMap((sentence) => {
    const parts: string[] = [];
    for (let i = 0; i < sentence.length; i += MAX_PARAGRAPH) parts.push(sentence.slice(i, i + MAX_PARAGRAPH));
    return parts;
  });
  const out: string[] = [];
  let current = '';
  for (const piece of pieces) {
    if (current !== '' && current.length + 1 + piece.length > MAX_PARAGRAPH) {
      out.push(current);
      current = '';
    }
    current = current === '' ? piece : `${current} ${piece}`;
  }
  if (current !== '') out.push(current);
  return out;
}

/** The main numeric settings of the pipeline, each with its current value as the note. */
function defaultEditable(doc: Pipeline): Editable[] {
  return listSettings(doc)
    .slice(0, MAX_EDITABLE)
    .map((s) => ({ path: s.path, note: `${s.label}; now ${s.value}.`.slice(0, 200) }));
}

function defaultHints(changes: readonly SolutionChange[]): string[] {
  const paths = changes.map((c) => c.path);
  const settings = paths.join(', ');
  return [
    `${PLACEHOLDER_MARK} Read each condition's figure first: which one misses, and which rule decides it?`,
    `${PLACEHOLDER_MARK} The answer lies in ${paths.length === 1 ? 'this setting' : 'these settings'}: ${settings}.`.slice(
      0,
      600,
    ),
    `Set ${changes.map((c) => `${c.path} to ${JSON.stringify(c.value)}`).join(', and ')}.`.slice(0, 600),
  ];
}

/**
 * A lesson object (the JSON a teacher saves and shares) from a pipeline document. Defaults fill
 * what the options leave out; texts the teacher should rewrite start with PLACEHOLDER_MARK. The
 * solution's paths are made editable if they are not already.
 */
export function lessonFromPipeline(doc: Pipeline, options: AuthorOptions): LessonInput {
  const title = (options.title ?? doc.name).trim().slice(0, MAX_TITLE) || 'My lesson';
  const conditions = [...(options.conditions ?? defaultConditions(doc))];
  const editable = (options.editable ?? defaultEditable(doc)).map((e) =>
    typeof e === 'string' ? { path: e } : e,
  );
  for (const c of options.solution.changes)
    if (!editable.some((e) => e.path === c.path || c.path.startsWith(`${e.path}.`)))
      editable.push({ path: c.path });
  const seed = doc.run.seed;
  const lesson: LessonInput = {
    format: 'streamlab-lesson',
    version: LESSON_VERSION,
    id: options.id ?? lessonIdFrom(title),
    title,
    concepts: [...(options.concepts ?? defaultConcepts(doc))],
    explanation: [...(options.explanation ?? defaultExplanation(doc))],
    pipeline: doc,
    goal: {
      summary: (
        options.goalSummary ?? `Meet every condition: ${conditions.map((c) => c.label).join('; ')}.`
      ).slice(0, 300),
      conditions,
      // Lesson seeds stop at 2^31 - 1; a document's may go higher.
      seeds: [...(options.seeds ?? (seed < MAX_SEED ? [seed, seed + 1] : [1, 2]))],
    },
    editable: editable.slice(0, MAX_EDITABLE),
    lockedWhy:
      options.lockedWhy ??
      'Everything else is part of the situation the lesson sets up, so it stays as it is.',
    hints: [...(options.hints ?? defaultHints(options.solution.changes))],
    solution: {
      changes: options.solution.changes.map((c) => ({ path: c.path, value: c.value })),
      why:
        options.solution.why ??
        `${PLACEHOLDER_MARK} Why these changes meet the goal: the rule each one satisfies.`,
    },
    ...(options.quiz ? { quiz: [...options.quiz] } : {}),
  };
  return lesson;
}

/** Where the lesson still holds default texts to rewrite, as field paths ("hints[0]", "solution.why"). */
export function placeholdersLeft(lesson: LessonInput | Lesson): string[] {
  const out: string[] = [];
  const check = (text: string | undefined, where: string) => {
    if (text?.includes(PLACEHOLDER_MARK)) out.push(where);
  };
  lesson.explanation.forEach((p, i) => check(p, `explanation[${i}]`));
  lesson.goal.conditions.forEach((c, i) => {
    check(c.whenMet, `goal.conditions[${i}].whenMet`);
    check(c.whenMissed, `goal.conditions[${i}].whenMissed`);
  });
  lesson.hints.forEach((h, i) => check(h, `hints[${i}]`));
  check(lesson.solution.why, 'solution.why');
  return out;
}

/** Fields in the given order first, then any others as they come; undefined ones left out. */
function ordered(value: object, keys: readonly string[]): Record<string, unknown> {
  const v = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of keys) if (v[k] !== undefined) out[k] = v[k];
  for (const [k, x] of Object.entries(v)) if (!(k in out) && x !== undefined) out[k] = x;
  return out;
}

// The order of a lesson file's fields: what a reader wants first comes first.
const LESSON_KEYS = [
  'format',
  'version',
  'id',
  'title',
  'concepts',
  'explanation',
  'pipeline',
  'goal',
  'editable',
  'lockedWhy',
  'hints',
  'solution',
  'quiz',
];
const CONDITION_KEYS = [
  'label',
  'source',
  'op',
  'value',
  'unit',
  'fromSec',
  'toSec',
  'whenMet',
  'whenMissed',
];

/**
 * The lesson as a file: its fields and those of its goal, conditions, editable settings, solution
 * and quiz in a fixed order (the pipeline as it is), two-space indents, a final newline. The same
 * lesson always gives the same text, however it was built.
 */
export function lessonToJson(lesson: LessonInput | Lesson): string {
  const file = ordered(lesson, LESSON_KEYS);
  file.goal = ordered(
    {
      ...lesson.goal,
      conditions: lesson.goal.conditions.map((c) => ({
        ...ordered(c, CONDITION_KEYS),
        source: ordered(c.source, ['kind', 'metric', 'column', 'agg', 'path']),
      })),
    },
    ['summary', 'conditions', 'seeds'],
  );
  file.editable = lesson.editable.map((e) => ordered(e, ['path', 'note']));
  file.solution = ordered(
    { ...lesson.solution, changes: lesson.solution.changes.map((c) => ordered(c, ['path', 'value'])) },
    ['changes', 'why'],
  );
  if (lesson.quiz)
    file.quiz = lesson.quiz.map((q) => ordered(q, ['question', 'options', 'answer', 'hint', 'why']));
  return `${JSON.stringify(file, null, 2)}\n`;
}
