// What a learner has done in each lesson, kept in localStorage under a versioned key so it survives
// reloads: tried (the goal was checked), the goal met (and whether the solution was shown first),
// quiz questions answered, hints seen. Pure functions over a plain object plus a load and a save
// that never throw: storage may be missing, full or hold text from elsewhere.

export const PROGRESS_KEY = 'streamlab.lessons.progress.v1';

export interface LessonProgress {
  /** The goal was checked at least once. */
  tried: boolean;
  /** The goal was met at least once. */
  goalMet: boolean;
  /** The solution was shown before the goal was first met. */
  withHelp: boolean;
  /** Whether each quiz question (by index) was answered right the first time. */
  quiz: Record<number, boolean>;
  /** Hints revealed so far. */
  hints: number;
}

export type Progress = Record<string, LessonProgress>;

export type LessonStatus = 'not-started' | 'tried' | 'goal-met' | 'goal-met-with-help';

export const STATUS_TEXT: Record<LessonStatus, string> = {
  'not-started': 'Not started',
  tried: 'Tried',
  'goal-met': 'Goal met',
  'goal-met-with-help': 'Goal met (with the solution)',
};

type KeyValue = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const empty = (): LessonProgress => ({ tried: false, goalMet: false, withHelp: false, quiz: {}, hints: 0 });

export function lessonProgress(progress: Progress, id: string): LessonProgress {
  return progress[id] ?? empty();
}

export function lessonStatus(p: LessonProgress | undefined): LessonStatus {
  if (!p) return 'not-started';
  if (p.goalMet) return p.withHelp ? 'goal-met-with-help' : 'goal-met';
  return p.tried ? 'tried' : 'not-started';
}

/** How many of the lesson's `count` questions have been answered. */
export function quizAnswered(p: LessonProgress | undefined, count: number): number {
  if (!p) return 0;
  return Object.keys(p.quiz).filter((k) => Number(k) < count).length;
}

const update = (progress: Progress, id: string, f: (p: LessonProgress) => LessonProgress): Progress => ({
  ...progress,
  [id]: f(lessonProgress(progress, id)),
});

/** A check of the goal: tried, and met if it was (a goal met once stays met). */
export function recordCheck(progress: Progress, id: string, met: boolean): Progress {
  return update(progress, id, (p) => ({ ...p, tried: true, goalMet: p.goalMet || met }));
}

/** The solution was shown: a goal not yet met will count as met with help. */
export function recordSolutionShown(progress: Progress, id: string): Progress {
  return update(progress, id, (p) => (p.goalMet ? p : { ...p, withHelp: true }));
}

/** A quiz answer; only the first answer to a question counts. */
export function recordQuiz(progress: Progress, id: string, question: number, right: boolean): Progress {
  return update(progress, id, (p) =>
    question in p.quiz ? p : { ...p, quiz: { ...p.quiz, [question]: right } },
  );
}

export function recordHints(progress: Progress, id: string, shown: number): Progress {
  return update(progress, id, (p) => (shown > p.hints ? { ...p, hints: shown } : p));
}

/** Reads the saved progress; anything unreadable counts as none (and is left for the next save). */
export function loadProgress(storage: Pick<Storage, 'getItem'> | undefined): Progress {
  let text: string | null;
  try {
    text = storage?.getItem(PROGRESS_KEY) ?? null;
  } catch {
    return {};
  }
  if (!text) return {};
  try {
    return sanitize(JSON.parse(text));
  } catch {
    return {};
  }
}

/** Keeps only well-formed entries, so a hand-edited or foreign value cannot break the views. */
export function sanitize(value: unknown): Progress {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const lessons = (value as { lessons?: unknown }).lessons;
  if (typeof lessons !== 'object' || lessons === null || Array.isArray(lessons)) return {};
  const out: Progress = {};
  for (const [id, raw] of Object.entries(lessons as Record<string, unknown>)) {
    if (typeof raw !== 'object' || raw === null) continue;
    const r = raw as Record<string, unknown>;
    const quiz: Record<number, boolean> = {};
    if (typeof r.quiz === 'object' && r.quiz !== null)
      for (const [k, v] of Object.entries(r.quiz as Record<string, unknown>))
        if (/^\d+$/.test(k) && typeof v === 'boolean') quiz[Number(k)] = v;
    out[id] = {
      tried: r.tried === true,
      goalMet: r.goalMet === true,
      withHelp: r.withHelp === true,
      quiz,
      hints: typeof r.hints === 'number' && Number.isInteger(r.hints) && r.hints >= 0 ? r.hints : 0,
    };
  }
  return out;
}

/** Writes the progress; false when the browser refused (the progress then lasts for this visit). */
export function saveProgress(storage: KeyValue | undefined, progress: Progress): boolean {
  try {
    if (!storage) return false;
    if (Object.keys(progress).length === 0) storage.removeItem(PROGRESS_KEY);
    else storage.setItem(PROGRESS_KEY, JSON.stringify({ version: 1, lessons: progress }));
    return true;
  } catch {
    return false;
  }
}
