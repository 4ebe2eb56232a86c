// The Learn side of the app (loaded on demand): the built-in course, a course loaded from a file,
// the learner's progress, and checking the open lesson's goal. The open lesson itself, the locks and
// the learner's own pipeline kept aside live in lessonMode.ts (in the first bundle).
import { create } from 'zustand';
import type { Pipeline } from '../../model';
import { judgeLesson, type GoalResult } from '../../lessons/judge';
import { parseCourseText, parseLesson, parseLessonText, type Course, type Lesson } from '../../lessons/parse';
import type { RunFn, RunOutcome } from '../../whatif/run';
import { runClient } from '../run/simClient';
import { isCancelled } from '../sweep/pool';
import { checkedRunToShow } from './checkedRun';
import { useDocumentStore } from '../store/documentStore';
import { judgeRunFn } from './judgeRunner';
import { openLesson, useLessonMode, type LessonOrigin } from './lessonMode';
import {
  loadProgress,
  recordCheck,
  recordHints,
  recordQuiz,
  recordSolutionShown,
  saveProgress,
  type Progress,
} from './progress';

export type JudgeState =
  | { status: 'idle' }
  | { status: 'running'; lessonId: string; seed: number; index: number; of: number }
  | {
      status: 'done';
      lessonId: string;
      result: GoalResult;
      doc: Pipeline;
      /** The seed of the checked run now on the charts; null: the charts show the learner's own run. */
      shownSeed: number | null;
    }
  | { status: 'error'; lessonId: string; error: string };

export interface FileCourse {
  name: string;
  course?: Course;
  errors?: string[];
}

interface LearnState {
  builtIn: { status: 'idle' | 'loading' | 'ready' | 'error'; course?: Course; error?: string };
  file: FileCourse | null;
  progress: Progress;
  judge: JudgeState;
  /** Hints shown in the open lesson (this visit; the most ever shown is in the progress). */
  hintsShown: number;
  /** The solution was applied in the open lesson. */
  solutionShown: boolean;
}

const storage = (): Storage | undefined => {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
};

export const useLearnStore = create<LearnState>()(() => ({
  builtIn: { status: 'idle' },
  file: null,
  progress: loadProgress(storage()),
  judge: { status: 'idle' },
  hintsShown: 0,
  solutionShown: false,
}));

function setProgress(next: Progress): void {
  useLearnStore.setState({ progress: next });
  saveProgress(storage(), next);
}

/** Loads the built-in course (its own chunk) once. */
export async function loadBuiltInCourse(): Promise<Course | undefined> {
  const state = useLearnStore.getState().builtIn;
  if (state.status === 'ready') return state.course;
  useLearnStore.setState({ builtIn: { status: 'loading' } });
  try {
    const m = await import('../../lessons/course');
    const course = m.builtInCourse();
    useLearnStore.setState({ builtIn: { status: 'ready', course } });
    return course;
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    useLearnStore.setState({ builtIn: { status: 'error', error } });
    return undefined;
  }
}

/** Opens a lesson: its pipeline on the canvas, the panel beside it. */
export function startLesson(lesson: Lesson, origin: LessonOrigin): void {
  cancelCheck();
  openLesson({ lesson, origin });
  const p = useLearnStore.getState().progress[lesson.id];
  useLearnStore.setState({ judge: { status: 'idle' }, hintsShown: p?.hints ?? 0, solutionShown: false });
  useDocumentStore.getState().setNotice({
    kind: 'info',
    text: `Opened the lesson "${lesson.title}". Your own pipeline is kept: Leave lesson brings it back.`,
  });
}

/** The built-in lesson with this id, opened; an error message when there is none. */
export async function openBuiltInLesson(id: string): Promise<string | null> {
  const course = await loadBuiltInCourse();
  if (!course)
    return `Could not load the course: ${useLearnStore.getState().builtIn.error ?? 'unknown error'}.`;
  const lesson = course.lessons.find((l) => l.id === id);
  if (!lesson)
    return `There is no lesson "${id}" in the course. The Learn button lists the lessons there are.`;
  startLesson(lesson, 'built-in');
  return null;
}

/** A lesson from a link: its pipeline (already decoded) and the rest, checked before anything opens. */
export function openLinkedLesson(rest: Record<string, unknown>, pipeline: unknown): string | null {
  const parsed = parseLesson({ ...rest, pipeline });
  if (!parsed.ok)
    return `The lesson in the link is not valid, so nothing was opened: ${parsed.errors.slice(0, 4).join('; ')}${
      parsed.errors.length > 4 ? `; and ${parsed.errors.length - 4} more` : ''
    }.`;
  startLesson(parsed.lesson, 'link');
  return null;
}

/** A course file (or a single lesson file) loaded into the Learn panel; errors named. */
export async function loadCourseFile(file: File): Promise<void> {
  const text = await file.text();
  let kind: unknown;
  try {
    kind = (JSON.parse(text) as { format?: unknown } | null)?.format;
  } catch {
    kind = undefined;
  }
  if (kind === 'streamlab-lesson') {
    const r = parseLessonText(text);
    useLearnStore.setState({
      file: r.ok
        ? { name: file.name, course: { title: r.lesson.title, lessons: [r.lesson] } }
        : { name: file.name, errors: r.errors },
    });
    return;
  }
  const r = parseCourseText(text);
  useLearnStore.setState({
    file: r.ok ? { name: file.name, course: r.course } : { name: file.name, errors: r.errors },
  });
}

export function clearCourseFile(): void {
  useLearnStore.setState({ file: null });
}

let checking: AbortController | null = null;

/** Runs the learner's pipeline on every goal seed in a worker and judges the goal. */
export async function checkGoal(): Promise<void> {
  const active = useLessonMode.getState().active;
  if (!active) return;
  cancelCheck();
  const controller = new AbortController();
  checking = controller;
  const { lesson } = active;
  const doc = useDocumentStore.getState().doc;
  const seeds = lesson.goal.seeds ?? [1];
  let index = 0;
  useLearnStore.setState({
    judge: { status: 'running', lessonId: lesson.id, seed: seeds[0]!, index: 1, of: seeds.length },
  });
  const judgeRun = judgeRunFn((seed) => {
    index += 1;
    if (checking === controller)
      useLearnStore.setState({
        judge: { status: 'running', lessonId: lesson.id, seed, index, of: seeds.length },
      });
  });
  // Each seed's run is kept until the verdict, so the document's own seed can go on the charts.
  const outcomes = new Map<number, RunOutcome>();
  const runFn: RunFn = async (d, seed, signal, options) => {
    const outcome = await judgeRun(d, seed, signal, options);
    outcomes.set(seed, outcome);
    return outcome;
  };
  try {
    const result = await judgeLesson(lesson, doc, runFn, controller.signal);
    if (checking !== controller) return;
    const shown =
      result.locked.length === 0 ? checkedRunToShow(doc, useDocumentStore.getState().doc, outcomes) : null;
    if (shown) runClient.showRun(useDocumentStore.getState().doc, shown.view);
    useLearnStore.setState({
      judge: { status: 'done', lessonId: lesson.id, result, doc, shownSeed: shown?.seed ?? null },
    });
    if (result.locked.length === 0)
      setProgress(recordCheck(useLearnStore.getState().progress, lesson.id, result.met));
  } catch (e) {
    if (checking !== controller || isCancelled(e)) return;
    useLearnStore.setState({
      judge: { status: 'error', lessonId: lesson.id, error: e instanceof Error ? e.message : String(e) },
    });
  } finally {
    if (checking === controller) checking = null;
  }
}

export function cancelCheck(): void {
  checking?.abort();
  checking = null;
  if (useLearnStore.getState().judge.status === 'running')
    useLearnStore.setState({ judge: { status: 'idle' } });
}

export function showNextHint(lessonId: string, total: number): void {
  const shown = Math.min(total, useLearnStore.getState().hintsShown + 1);
  useLearnStore.setState({ hintsShown: shown });
  setProgress(recordHints(useLearnStore.getState().progress, lessonId, shown));
}

export function answerQuiz(lessonId: string, question: number, right: boolean): void {
  setProgress(recordQuiz(useLearnStore.getState().progress, lessonId, question, right));
}

export function markSolutionShown(lessonId: string): void {
  useLearnStore.setState({ solutionShown: true });
  setProgress(recordSolutionShown(useLearnStore.getState().progress, lessonId));
}

export function resetProgress(): void {
  setProgress({});
  useLearnStore.setState({ hintsShown: 0 });
}
