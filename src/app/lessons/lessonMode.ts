// The open lesson, as the rest of the app sees it (this file is in the first bundle; the lesson
// panel, the course and the judge load on demand): which settings the learner may change, the guard
// that refuses every other edit, and the learner's own pipeline kept aside while a lesson is open.
//
// Opening a lesson keeps the pipeline that was on the canvas under OWN_WORK_KEY (and autosave then
// saves the lesson's pipeline as usual); Leave lesson brings it back. The open lesson itself is
// remembered under ACTIVE_KEY, so a reload comes back to it with the learner's edits (autosaved).
import { create } from 'zustand';
import { parsePipelineText, type Pipeline } from '../../model';
import type { Lesson } from '../../lessons/parse';
import { changedPaths, isAllowed } from '../../lessons/paths';
import { setEditGuard, useDocumentStore } from '../store/documentStore';

export const ACTIVE_KEY = 'streamlab.lessons.active.v1';
export const OWN_WORK_KEY = 'streamlab.lessons.ownWork.v1';

/** Where the open lesson came from: the built-in course, a course file, a link, the teacher's form. */
export type LessonOrigin = 'built-in' | 'file' | 'link' | 'authored';

export interface ActiveLesson {
  lesson: Lesson;
  origin: LessonOrigin;
}

interface LessonModeState {
  active: ActiveLesson | null;
  /** The document generation the lesson put on the canvas: another document closes the lesson. */
  generation: number;
  /** Undo steps back to the lesson's start: undoing past it closes the lesson. */
  startDepth: number;
  /** Whether a pipeline from before a lesson is kept (and can be brought back). */
  ownWorkKept: boolean;
  /** The Learn dialog shown: the course list, or the teacher's form; null when none is. */
  dialog: 'course' | 'teacher' | null;
}

export const useLessonMode = create<LessonModeState>()(() => ({
  active: null,
  generation: -1,
  startDepth: 0,
  ownWorkKept: false,
  dialog: null,
}));

export const showLearnDialog = (dialog: LessonModeState['dialog']): void =>
  useLessonMode.setState({ dialog });

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

function write(key: string, value: string | null): void {
  try {
    const s = storage();
    if (value === null) s?.removeItem(key);
    else s?.setItem(key, value);
  } catch {
    // storage full or blocked: the lesson still works for this visit
  }
}

function read(key: string): string | null {
  try {
    return storage()?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/** The paths the open lesson lets the learner change, or null when no lesson is open. */
export const allowedPaths = (active: ActiveLesson | null): string[] | null =>
  active ? active.lesson.editable.map((e) => e.path) : null;

export interface FieldLock {
  locked: boolean;
  /** A lesson is open and lets the learner change this setting. */
  editable?: boolean;
  /** Why settings are locked (the lesson's words, or a plain default). */
  why?: string;
  /** The lesson's note for an editable setting ("Try 1, 5, 20 or 100"). */
  note?: string;
}

const DEFAULT_WHY = 'This lesson keeps it fixed, so the goal depends on the settings it asks about.';

export const lockedWhy = (active: ActiveLesson): string => active.lesson.lockedWhy ?? DEFAULT_WHY;

/** Whether a setting is locked by the open lesson, and the note to show beside it. */
/** Not settings: the pipeline's name and description, and the seed (goals are judged on their own seeds). */
const ALWAYS_FREE = new Set(['name', 'description', 'run.seed']);

export function fieldLock(active: ActiveLesson | null, path: string): FieldLock {
  if (!active || ALWAYS_FREE.has(path)) return { locked: false };
  const editable = active.lesson.editable;
  if (
    !isAllowed(
      path,
      editable.map((e) => e.path),
    )
  )
    return { locked: true, why: lockedWhy(active) };
  // The note goes beside the setting the lesson names, not beside every field inside it.
  const own = editable.find((e) => e.path === path);
  return own?.note ? { locked: false, editable: true, note: own.note } : { locked: false, editable: true };
}

export function useFieldLock(path: string | undefined): FieldLock {
  const active = useLessonMode((s) => s.active);
  return path === undefined ? { locked: false } : fieldLock(active, path);
}

/** Whether the open lesson lets the learner change `path` as a whole ("producers", "edges", "faults"). */
export function useMayChange(path: string): boolean {
  const active = useLessonMode((s) => s.active);
  const allowed = allowedPaths(active);
  return allowed === null || isAllowed(path, allowed);
}

/** Whether the open lesson keeps every node and connection (the usual case): no adding or removing. */
export function useStructureLocked(): boolean {
  const active = useLessonMode((s) => s.active);
  return (
    active !== null &&
    !active.lesson.editable.some((e) =>
      /^(producers|topics|consumerGroups|sparkJobs|sinks|edges)$/.test(e.path),
    )
  );
}

/** A readable name for a setting path in a refusal: "topics[clicks].partitions" stays as it is. */
const listOf = (paths: string[]) =>
  paths.length <= 2 ? paths.join(' and ') : `${paths.slice(0, 2).join(', ')} and ${paths.length - 2} more`;

/** The guard's answer for one edit: null when every changed setting is one the lesson allows. */
export function refusalFor(active: ActiveLesson, prev: Pipeline, next: Pipeline): string | null {
  const allowed = active.lesson.editable.map((e) => e.path);
  const locked = changedPaths(prev, next).filter((p) => p !== 'run.seed' && !isAllowed(p, allowed));
  if (locked.length === 0) return null;
  const what = locked.some((p) => /^(producers|topics|consumerGroups|sparkJobs|sinks|edges)$/.test(p))
    ? 'adding, removing or connecting nodes'
    : locked.includes('faults') || locked.some((p) => p.startsWith('faults'))
      ? 'the fault timeline'
      : listOf(locked);
  return `The lesson "${active.lesson.title}" keeps ${what} fixed: ${lockedWhy(active)}`;
}

let unsubscribe: (() => void) | null = null;

function watch(): void {
  unsubscribe?.();
  setEditGuard((prev, next) => {
    const { active } = useLessonMode.getState();
    return active ? refusalFor(active, prev, next) : null;
  });
  // Another document (a file, an example, New, a run's document), or undo past the lesson's
  // start, ends the lesson.
  unsubscribe = useDocumentStore.subscribe((state, previous) => {
    const mode = useLessonMode.getState();
    if (!mode.active || state.doc === previous.doc) return;
    if (state.generation !== mode.generation || state.past.length < mode.startDepth) closeLesson();
  });
}

function stopWatching(): void {
  unsubscribe?.();
  unsubscribe = null;
  setEditGuard(null);
}

/** What to remember of the open lesson: a built-in one by id, any other whole. */
function remember(active: ActiveLesson): void {
  write(
    ACTIVE_KEY,
    JSON.stringify(
      active.origin === 'built-in'
        ? { origin: active.origin, id: active.lesson.id }
        : { origin: active.origin, lesson: active.lesson },
    ),
  );
}

/** What ACTIVE_KEY holds, not yet checked: the lessons code parses it (lessonRestore.ts). */
export function rememberedLesson(): { origin: LessonOrigin; id?: unknown; lesson?: unknown } | null {
  const text = read(ACTIVE_KEY);
  if (!text) return null;
  try {
    const value = JSON.parse(text) as { origin?: unknown; id?: unknown; lesson?: unknown };
    const origin = value.origin;
    if (origin !== 'built-in' && origin !== 'file' && origin !== 'link' && origin !== 'authored') return null;
    return { origin, id: value.id, lesson: value.lesson };
  } catch {
    return null;
  }
}

/**
 * Puts the lesson's pipeline on the canvas and opens the lesson. The pipeline there before is kept
 * in storage (Leave lesson brings it back) unless one is kept already, which is never overwritten;
 * either way Ctrl+Z brings the previous pipeline back (and closes the lesson).
 */
export function openLesson(active: ActiveLesson): void {
  const mode = useLessonMode.getState();
  const store = useDocumentStore.getState();
  if (!mode.active && read(OWN_WORK_KEY) === null) write(OWN_WORK_KEY, JSON.stringify(store.doc));
  store.replaceDocument(active.lesson.pipeline);
  const after = useDocumentStore.getState();
  useLessonMode.setState({
    active,
    generation: after.generation,
    startDepth: after.past.length,
    ownWorkKept: read(OWN_WORK_KEY) !== null,
  });
  remember(active);
  watch();
}

/** Reopens a lesson after a reload over the autosaved document (the learner's edits), as it was. */
export function resumeLesson(active: ActiveLesson): void {
  const now = useDocumentStore.getState();
  useLessonMode.setState({
    active,
    generation: now.generation,
    startDepth: now.past.length,
    ownWorkKept: read(OWN_WORK_KEY) !== null,
  });
  watch();
}

/** Ends lesson mode and leaves the canvas as it is (the own work stays kept). */
export function closeLesson(): void {
  stopWatching();
  write(ACTIVE_KEY, null);
  useLessonMode.setState({ active: null, generation: -1, ownWorkKept: read(OWN_WORK_KEY) !== null });
}

/** Ends the lesson and puts the pipeline from before it back on the canvas (Ctrl+Z undoes that). */
export function leaveLesson(): void {
  closeLesson();
  bringBackOwnWork();
}

/** The pipeline from before the lesson, back on the canvas; false when none was kept or readable. */
export function bringBackOwnWork(): boolean {
  const text = read(OWN_WORK_KEY);
  if (!text) return false;
  const parsed = parsePipelineText(text, { draft: true });
  if (!parsed.ok) return false;
  const store = useDocumentStore.getState();
  store.replaceDocument(parsed.doc);
  store.setNotice({
    kind: 'info',
    text: 'Your own pipeline is back on the canvas. Ctrl+Z brings back the lesson’s pipeline.',
  });
  write(OWN_WORK_KEY, null);
  useLessonMode.setState({ ownWorkKept: false });
  return true;
}

/** Applies a change the lesson itself makes (its solution) past the guard. */
export function changeAsLesson(next: Pipeline): void {
  setEditGuard(null);
  try {
    useDocumentStore.getState().change(() => next);
  } finally {
    if (useLessonMode.getState().active) watch();
  }
}

/** Checks ownWork presence at start (the Learn dialog offers to bring it back). */
export function initLessonMode(): void {
  useLessonMode.setState({ ownWorkKept: read(OWN_WORK_KEY) !== null });
}
