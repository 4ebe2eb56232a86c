// One line at the top of the inspector while a lesson is open: which settings are the learner's to
// change (marked in green) and why the others are locked.
import { lockedWhy, useLessonMode } from './lessonMode';

export function InspectorLessonNote() {
  const active = useLessonMode((s) => s.active);
  if (!active) return null;
  const n = active.lesson.editable.length;
  return (
    <p className="sl-lesson-inspector-note" data-testid="inspector-lesson-note">
      <strong>Lesson:</strong>{' '}
      {n === 0
        ? 'this lesson has only questions; the pipeline is there to look at.'
        : `${n === 1 ? 'one setting is' : `${n} settings are`} yours to change, marked green.`}{' '}
      The rest is locked: {lockedWhy(active)}
    </p>
  );
}
