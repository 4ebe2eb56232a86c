// The only way into a lesson or a course: from text or a parsed value to a checked Lesson, or to
// messages that name the field and the reason. Never throws.
import { parsePipeline } from '../model/parse';
import { issueMessage } from '../model/issueMessages';
import type { Pipeline } from '../model/types';
import { hasPath, setSetting, setValue, type SettingResult } from '../whatif/settings';
import { courseSchema, lessonSchema, type LessonInput } from './schema';

/** A checked lesson: its pipeline is a parsed, runnable document. */
export type Lesson = Omit<LessonInput, 'pipeline'> & { pipeline: Pipeline };

export interface Course {
  title: string;
  lessons: Lesson[];
}

export type LessonResult = { ok: true; lesson: Lesson } | { ok: false; errors: string[] };
export type CourseResult = { ok: true; course: Course } | { ok: false; errors: string[] };

/** Lesson and course files past this size are refused before parsing. */
export const MAX_LESSON_BYTES = 4 * 1024 * 1024;

const fieldPath = (path: readonly PropertyKey[]) =>
  path
    .map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))
    .join('.')
    .replace(/\.\[/g, '[');

export function parseLessonText(text: string): LessonResult {
  const value = parseJson(text);
  return 'error' in value ? { ok: false, errors: [value.error] } : parseLesson(value.json);
}

export function parseCourseText(text: string): CourseResult {
  const value = parseJson(text);
  return 'error' in value ? { ok: false, errors: [value.error] } : parseCourse(value.json);
}

function parseJson(text: string): { json: unknown } | { error: string } {
  if (text.length > MAX_LESSON_BYTES)
    return { error: `the file is ${text.length} characters; the limit is ${MAX_LESSON_BYTES}` };
  try {
    return { json: JSON.parse(text) };
  } catch (e) {
    return { error: `not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/**
 * Checks the lesson's own fields, its pipeline (strictly: it must run), that every editable path
 * and every solution change names a setting of the pipeline, and that the solution applies.
 */
export function parseLesson(value: unknown): LessonResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, errors: ['a lesson must be a JSON object'] };
  const format = (value as { format?: unknown }).format;
  if (format !== 'streamlab-lesson')
    return {
      ok: false,
      errors: [
        `format: expected "streamlab-lesson"${format === undefined ? '' : `, got ${JSON.stringify(format)}`}`,
      ],
    };
  const parsed = lessonSchema.safeParse(value, { reportInput: true, error: issueMessage });
  if (!parsed.success)
    return { ok: false, errors: parsed.error.issues.map((i) => `${fieldPath(i.path)}: ${i.message}`) };
  const doc = parsePipeline(parsed.data.pipeline);
  if (!doc.ok) return { ok: false, errors: doc.errors.map((e) => `pipeline: ${e}`) };
  const errors: string[] = [];
  parsed.data.editable.forEach((e, i) => {
    if (!hasPath(doc.doc, e.path))
      errors.push(`editable[${i}].path: "${e.path}" names no setting of the lesson's pipeline`);
  });
  const solved = applySolution({ ...parsed.data, pipeline: doc.doc });
  if (!solved.ok) errors.push(`solution: ${solved.error}`);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, lesson: { ...parsed.data, pipeline: doc.doc } };
}

/** A course file: its title and lessons, each checked; errors name the lesson by index and id. */
export function parseCourse(value: unknown): CourseResult {
  const parsed = courseSchema.safeParse(value, { reportInput: true, error: issueMessage });
  if (!parsed.success)
    return { ok: false, errors: parsed.error.issues.map((i) => `${fieldPath(i.path)}: ${i.message}`) };
  const lessons: Lesson[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  parsed.data.lessons.forEach((l, i) => {
    const r = parseLesson(l);
    const id = (l as { id?: unknown } | null)?.id;
    const name = `lessons[${i}]${typeof id === 'string' ? ` (${id})` : ''}`;
    if (!r.ok) errors.push(...r.errors.map((e) => `${name}: ${e}`));
    else if (seen.has(r.lesson.id)) errors.push(`${name}: the id "${r.lesson.id}" is used twice`);
    else {
      seen.add(r.lesson.id);
      lessons.push(r.lesson);
    }
  });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, course: { title: parsed.data.title, lessons } };
}

/** The lesson's pipeline with its solution's changes made, or the first change that is refused. */
export function applySolution(
  lesson: Pick<Lesson, 'pipeline' | 'solution'>,
): { ok: true; doc: Pipeline } | { ok: false; error: string } {
  let doc = lesson.pipeline;
  for (const [i, c] of lesson.solution.changes.entries()) {
    const r = setChange(doc, c.path, c.value);
    if (!r.ok) return { ok: false, error: `changes[${i}]: ${r.error}` };
    doc = r.doc;
  }
  return { ok: true, doc };
}

/**
 * One solution change. A number goes through setSetting first, as the sweeps set it, so that a
 * count can stand for a list ("cluster.brokers": 3 keeps the first three brokers, or adds copies
 * of the last); a number at a path that holds something else (acks: 1) falls back to setValue.
 */
function setChange(doc: Pipeline, path: string, value: unknown): SettingResult {
  if (typeof value === 'number') {
    const r = setSetting(doc, path, value);
    if (r.ok) return r;
  }
  return setValue(doc, path, value);
}
