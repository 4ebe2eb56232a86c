// The course: every lesson in order with what it teaches and how far the learner got, the lessons
// of a course file if one was loaded, and the ways in for a teacher.
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import type { Lesson } from '../../lessons/parse';
import { bringBackOwnWork, showLearnDialog, useLessonMode, type LessonOrigin } from './lessonMode';
import {
  clearCourseFile,
  loadBuiltInCourse,
  loadCourseFile,
  resetProgress,
  startLesson,
  useLearnStore,
} from './learnStore';
import { lessonStatus, quizAnswered, STATUS_TEXT } from './progress';

export function CourseList({ onClose }: { onClose: () => void }) {
  const builtIn = useLearnStore((s) => s.builtIn);
  const file = useLearnStore((s) => s.file);
  const progress = useLearnStore((s) => s.progress);
  const active = useLessonMode((s) => s.active);
  const ownWorkKept = useLessonMode((s) => s.ownWorkKept);
  const fileInput = useRef<HTMLInputElement>(null);
  const [confirmReset, setConfirmReset] = useState(false);

  useEffect(() => {
    void loadBuiltInCourse();
  }, []);

  const open = (lesson: Lesson, origin: LessonOrigin) => {
    startLesson(lesson, origin);
    onClose();
  };

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const chosen = input.files?.[0];
    input.value = '';
    if (chosen) await loadCourseFile(chosen);
  };

  const lessons = builtIn.course?.lessons ?? [];
  const met = lessons.filter((l) => progress[l.id]?.goalMet).length;

  return (
    <div className="course" data-testid="course">
      <p className="course-intro">
        Each lesson gives you a small pipeline that does not yet do what it should, and a goal. Change the
        settings it points to, press <strong>Check goal</strong>, and the simulator runs your pipeline and
        says which part of the goal was met and why. Your own pipeline is kept while you learn.
      </p>
      {ownWorkKept && !active && (
        <p className="course-own-work" data-testid="course-own-work">
          Your pipeline from before the lessons is kept.{' '}
          <button
            type="button"
            data-testid="course-own-work-restore"
            onClick={() => bringBackOwnWork() && onClose()}
          >
            Bring it back
          </button>
        </p>
      )}
      <section aria-labelledby="course-builtin-title">
        <div className="course-head">
          <h3 id="course-builtin-title">{builtIn.course?.title ?? 'The course'}</h3>
          {builtIn.status === 'ready' && (
            <span className="course-count" data-testid="course-progress">
              {met} of {lessons.length} goals met
            </span>
          )}
        </div>
        {builtIn.status === 'loading' && <p className="course-muted">Loading the lessons…</p>}
        {builtIn.status === 'error' && (
          <p className="course-error" role="alert">
            The course could not be loaded: {builtIn.error}
          </p>
        )}
        <LessonList
          lessons={lessons}
          origin="built-in"
          activeId={active?.lesson.id}
          onOpen={open}
          onContinue={onClose}
        />
      </section>

      {file && (
        <section aria-labelledby="course-file-title" data-testid="course-file">
          <div className="course-head">
            <h3 id="course-file-title">
              {file.course ? file.course.title : 'Course file'}{' '}
              <span className="course-muted">({file.name})</span>
            </h3>
            <button type="button" className="course-link" onClick={clearCourseFile}>
              Remove
            </button>
          </div>
          {file.errors && (
            <div className="course-error" role="alert" data-testid="course-file-errors">
              <p>{file.name} is not a course or lesson Streamlab can open:</p>
              <ul>
                {file.errors.slice(0, 12).map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
              {file.errors.length > 12 && <p>…and {file.errors.length - 12} more.</p>}
            </div>
          )}
          {file.course && (
            <LessonList
              lessons={file.course.lessons}
              origin="file"
              activeId={active?.lesson.id}
              onOpen={open}
              onContinue={onClose}
            />
          )}
        </section>
      )}

      <div className="course-actions">
        <button type="button" data-testid="course-load-file" onClick={() => fileInput.current?.click()}>
          Load a course file…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          hidden
          aria-label="Course or lesson file to load"
          data-testid="course-file-input"
          onChange={(e) => void onFile(e)}
        />
        <button type="button" data-testid="course-make-lesson" onClick={() => showLearnDialog('teacher')}>
          Make a lesson from this pipeline…
        </button>
        {confirmReset ? (
          <span className="course-confirm" role="group" aria-label="Reset progress">
            Forget every lesson’s progress?{' '}
            <button
              type="button"
              data-testid="course-reset-confirm"
              onClick={() => {
                resetProgress();
                setConfirmReset(false);
              }}
            >
              Yes, reset
            </button>{' '}
            <button type="button" onClick={() => setConfirmReset(false)}>
              No
            </button>
          </span>
        ) : (
          <button
            type="button"
            className="course-link"
            data-testid="course-reset"
            onClick={() => setConfirmReset(true)}
          >
            Reset progress
          </button>
        )}
      </div>
    </div>
  );
}

function LessonList(props: {
  lessons: Lesson[];
  origin: LessonOrigin;
  activeId: string | undefined;
  onOpen: (lesson: Lesson, origin: LessonOrigin) => void;
  onContinue: () => void;
}) {
  const progress = useLearnStore((s) => s.progress);
  return (
    <ol className="course-lessons">
      {props.lessons.map((lesson, i) => {
        const p = progress[lesson.id];
        const status = lessonStatus(p);
        const quizCount = lesson.quiz?.length ?? 0;
        const answered = quizAnswered(p, quizCount);
        return (
          <li
            key={lesson.id}
            className="course-lesson"
            data-testid={`course-lesson-${lesson.id}`}
            data-status={status}
          >
            <span className="course-lesson-number" aria-hidden="true">
              {i + 1}
            </span>
            <div className="course-lesson-main">
              <div className="course-lesson-title">{lesson.title}</div>
              <div className="course-lesson-concepts">{lesson.concepts.join(' · ')}</div>
            </div>
            <div className="course-lesson-state">
              <span className={`lesson-status is-${status}`} data-testid={`course-status-${lesson.id}`}>
                {STATUS_TEXT[status]}
              </span>
              {quizCount > 0 && (
                <span className="course-muted">
                  quiz {answered}/{quizCount}
                </span>
              )}
            </div>
            {props.activeId === lesson.id ? (
              <button
                type="button"
                data-testid={`course-open-${lesson.id}`}
                aria-label={`Continue lesson ${i + 1}: ${lesson.title} (open now)`}
                onClick={props.onContinue}
              >
                Continue
              </button>
            ) : (
              <button
                type="button"
                className="course-open"
                data-testid={`course-open-${lesson.id}`}
                aria-label={`Open lesson ${i + 1}: ${lesson.title}`}
                onClick={() => props.onOpen(lesson, props.origin)}
              >
                {status === 'not-started' ? 'Start' : 'Open'}
              </button>
            )}
          </li>
        );
      })}
    </ol>
  );
}
