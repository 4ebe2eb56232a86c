// Where the layouts put the open lesson: the panel loads with the rest of the Learn code.
import { lazy, Suspense } from 'react';

const LessonPanel = lazy(() => import('./LessonPanel').then((m) => ({ default: m.LessonPanel })));

export function LessonPane() {
  return (
    <Suspense fallback={<p className="lesson-loading">Loading the lesson…</p>}>
      <LessonPanel />
    </Suspense>
  );
}
