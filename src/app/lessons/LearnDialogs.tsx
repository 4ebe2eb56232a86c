// The Learn dialogs (loaded on demand): the course list and the teacher's form, each in a native
// modal <dialog> (focus stays inside, Escape closes) portalled to the body.
import { useEffect, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { CourseList } from './CourseList';
import { TeacherForm } from './TeacherForm';
import './lessons.css';

export function LearnDialogs({ dialog, onClose }: { dialog: 'course' | 'teacher'; onClose: () => void }) {
  return dialog === 'course' ? (
    <LearnDialog title="Learn" testId="course-dialog" onClose={onClose}>
      <CourseList onClose={onClose} />
    </LearnDialog>
  ) : (
    <LearnDialog title="Make a lesson from this pipeline" testId="teacher-dialog" onClose={onClose} wide>
      <TeacherForm onClose={onClose} />
    </LearnDialog>
  );
}

function LearnDialog(props: {
  title: string;
  testId: string;
  wide?: boolean;
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    const before = document.querySelector<HTMLElement>('[data-testid="learn-open"]');
    return () => {
      dialog?.close();
      before?.focus();
    };
  }, []);
  const close = () => {
    ref.current?.close();
    props.onClose();
  };
  return createPortal(
    <dialog
      ref={ref}
      className={`learn-dialog${props.wide ? ' is-wide' : ''}`}
      aria-labelledby={`${props.testId}-title`}
      data-testid={props.testId}
      onCancel={(event) => {
        event.preventDefault();
        close();
      }}
    >
      <div className="learn-dialog-header">
        <h2 id={`${props.testId}-title`}>{props.title}</h2>
        <button
          type="button"
          className="learn-dialog-close"
          data-testid={`${props.testId}-close`}
          aria-label="Close"
          title="Close (Esc)"
          onClick={close}
        >
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <div className="learn-dialog-body">{props.children}</div>
    </dialog>,
    document.body,
  );
}
