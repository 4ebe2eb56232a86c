// Which gaps of the pipeline check the page lists. In a lesson, finding what limits the pipeline is
// the exercise, so only what stops a run is listed (the rest would hand the learner the answer).
import { useMemo } from 'react';
import type { Pipeline } from '../../model';
import { useLessonMode } from '../lessons/lessonMode';
import { runKey, useRunStore, type RunState } from '../run/runStore';
import { useDocumentStore } from '../store/documentStore';
import { checkPipeline, type Gap } from './gaps';

export const gapsToShow = (gaps: readonly Gap[], inLesson: boolean): Gap[] =>
  inLesson ? gaps.filter((g) => g.severity === 'error') : [...gaps];

const NONE: readonly string[] = [];

/**
 * The simulation worker's refusals, when they are about `doc` itself: right after an edit they are
 * still the previous document's until the worker has loaded the new one.
 */
export function reportedFor(
  doc: Pipeline,
  run: Pick<RunState, 'problems' | 'problemsKey'>,
): readonly string[] {
  if (run.problems.length === 0 || run.problemsKey === null) return NONE;
  return run.problemsKey === runKey(doc) ? run.problems : NONE;
}

/** Every gap of the current document, and the ones to list. */
export function useShownGaps(): { all: Gap[]; shown: Gap[] } {
  const doc = useDocumentStore((s) => s.doc);
  const inLesson = useLessonMode((s) => s.active !== null);
  const problems = useRunStore((s) => s.problems);
  const problemsKey = useRunStore((s) => s.problemsKey);
  return useMemo(() => {
    const all = checkPipeline(doc, reportedFor(doc, { problems, problemsKey }));
    return { all, shown: gapsToShow(all, inLesson) };
  }, [doc, inLesson, problems, problemsKey]);
}
