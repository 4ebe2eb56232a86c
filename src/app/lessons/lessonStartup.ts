// Lessons at start-up and from links: `#lesson=<id>` opens a built-in lesson, a share link with a
// lesson part opens that lesson (checked first: a broken one opens nothing), and with neither, the
// lesson that was open before the reload comes back over the autosaved pipeline.
import type { Pipeline } from '../../model';
import { closeLesson, rememberedLesson, resumeLesson } from './lessonMode';

const LESSON_HASH = /^#?lesson=(.*)$/s;

/** The built-in lesson id a `#lesson=<id>` address names, or undefined for any other address. */
export function lessonIdInHash(hash: string): string | undefined {
  const m = LESSON_HASH.exec(hash.trim());
  if (!m) return undefined;
  try {
    return decodeURIComponent(m[1]!).trim();
  } catch {
    return m[1]!;
  }
}

/** Opens the built-in lesson; the answer is an error message for the user, or null. */
export async function openLessonById(id: string): Promise<string | null> {
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(id))
    return `Could not open the lesson in the link: "${id.slice(0, 70)}" is not a lesson id (lower-case letters, digits and "-").`;
  const m = await import('./learnStore');
  return m.openBuiltInLesson(id);
}

export async function openLessonFromLink(
  rest: Record<string, unknown>,
  doc: Pipeline,
): Promise<string | null> {
  const m = await import('./learnStore');
  return m.openLinkedLesson(rest, doc);
}

/** After a reload: the lesson that was open comes back (the canvas holds the autosaved edits). */
export async function resumeRememberedLesson(): Promise<void> {
  const remembered = rememberedLesson();
  if (!remembered) return;
  if (remembered.origin === 'built-in') {
    const m = await import('./learnStore');
    const course = await m.loadBuiltInCourse();
    const lesson = course?.lessons.find((l) => l.id === remembered.id);
    if (lesson) resumeLesson({ lesson, origin: 'built-in' });
    else closeLesson();
    return;
  }
  const { parseLesson } = await import('../../lessons/parse');
  const parsed = parseLesson(remembered.lesson);
  if (parsed.ok) resumeLesson({ lesson: parsed.lesson, origin: remembered.origin });
  else closeLesson();
}

/** A link opened something else: the lesson remembered from before is not coming back. */
export const forgetRememberedLesson = (): void => {
  if (rememberedLesson()) closeLesson();
};
