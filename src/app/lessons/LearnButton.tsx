// "Learn" in the top bar: opens the course (the lessons in order, with progress). The course, the
// lesson panel and the teacher's form load on first use, so the first page stays small.
import { lazy, Suspense } from 'react';
import { showLearnDialog, useLessonMode } from './lessonMode';

const LearnDialogs = lazy(() => import('./LearnDialogs').then((m) => ({ default: m.LearnDialogs })));

export function LearnButton() {
  const dialog = useLessonMode((s) => s.dialog);
  const inLesson = useLessonMode((s) => s.active !== null);
  return (
    <>
      <button
        type="button"
        className={`learn-button${inLesson ? ' is-in-lesson' : ''}`}
        data-testid="learn-open"
        aria-haspopup="dialog"
        title="Lessons: learn Kafka and Spark Streaming by changing a pipeline until it meets a goal"
        onClick={() => showLearnDialog('course')}
      >
        Learn
      </button>
      {dialog && (
        <Suspense fallback={null}>
          <LearnDialogs dialog={dialog} onClose={() => showLearnDialog(null)} />
        </Suspense>
      )}
    </>
  );
}
