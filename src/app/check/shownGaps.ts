// Which gaps of the pipeline check the page lists. In a lesson, finding what limits the pipeline is
// the exercise, so only what stops a run is listed (the rest would hand the learner the answer).
import { useMemo } from 'react';
import { useLessonMode } from '../lessons/lessonMode';
import { useDocumentStore } from '../store/documentStore';
import { checkPipeline, type Gap } from './gaps';

export const gapsToShow = (gaps: readonly Gap[], inLesson: boolean): Gap[] =>
  inLesson ? gaps.filter((g) => g.severity === 'error') : [...gaps];

/** Every gap of the current document, and the ones to list. */
export function useShownGaps(): { all: Gap[]; shown: Gap[] } {
  const doc = useDocumentStore((s) => s.doc);
  const inLesson = useLessonMode((s) => s.active !== null);
  return useMemo(() => {
    const all = checkPipeline(doc);
    return { all, shown: gapsToShow(all, inLesson) };
  }, [doc, inLesson]);
}
