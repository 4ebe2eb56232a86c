// "Make a lesson from this pipeline": a form prefilled from the document on the canvas. The lesson
// is checked as it is typed (parseLesson, so errors name the lesson's fields); once it passes it can
// be downloaded as a lesson file, shared as a link, or opened at once.
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { METRICS, type MetricId } from '../../whatif/metrics';
import { listSettings, tryReadSetting } from '../../whatif/settings';
import { downloadText } from '../persist/fileIo';
import { encodeLessonHash } from '../persist/shareLink';
import { useDocumentStore } from '../store/documentStore';
import { startLesson } from './learnStore';
import { LinkToCopy, useCopyLink } from './LinkToCopy';
import {
  OPS,
  checkDraft,
  draftFromDocument,
  formError,
  lessonFileText,
  metricUnit,
  newCondition,
  type ConditionDraft,
  type TeacherDraft,
} from './teacherForm';

export function TeacherForm({ onClose }: { onClose: () => void }) {
  const doc = useDocumentStore((s) => s.doc);
  const settings = useMemo(() => listSettings(doc), [doc]);
  const [draft, setDraft] = useState<TeacherDraft>(() => draftFromDocument(doc));
  const { link, copy } = useCopyLink();
  const [done, setDone] = useState<string | null>(null);
  const check = useMemo(() => checkDraft(draft, doc), [draft, doc]);
  const titleRef = useRef<HTMLInputElement>(null);
  // The form opens at its top with the title ready to type.
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      titleRef.current?.focus();
      titleRef.current?.closest('.learn-dialog-body')?.scrollTo({ top: 0 });
    });
    return () => cancelAnimationFrame(frame);
  }, []);
  const set = (patch: Partial<TeacherDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setDone(null);
  };
  const setCondition = (i: number, patch: Partial<ConditionDraft>) =>
    set({ conditions: draft.conditions.map((c, j) => (j === i ? { ...c, ...patch } : c)) });

  const toggleEditable = (path: string, on: boolean) => {
    const editable = on
      ? [...draft.editable, { path, note: '' }]
      : draft.editable.filter((e) => e.path !== path);
    const solutionPath = editable.some((e) => e.path === draft.solutionPath)
      ? draft.solutionPath
      : (editable[0]?.path ?? '');
    set({
      editable,
      solutionPath,
      solutionValue:
        solutionPath === draft.solutionPath
          ? draft.solutionValue
          : String(tryReadSetting(doc, solutionPath) ?? ''),
    });
  };

  const download = () => {
    if (!check.ok) return;
    downloadText(lessonFileText(check.json), `${check.lesson.id}.lesson.json`, 'application/json');
    setDone(`Downloaded ${check.lesson.id}.lesson.json. Learn › Load a course file… opens it.`);
  };
  const copyLink = async () => {
    if (!check.ok) return;
    const url = `${window.location.href.split('#')[0]}#${await encodeLessonHash({ ...check.json, pipeline: doc })}`;
    if (await copy(url))
      setDone(`Link copied (${url.length} characters). Whoever opens it gets this lesson, with its goal.`);
  };
  const openNow = () => {
    if (!check.ok) return;
    startLesson(check.lesson, 'authored');
    onClose();
  };

  const quiz = draft.quiz;
  const quizOptions = quiz ? quiz.options.split('\n').filter((o) => o.trim() !== '') : [];

  return (
    <form className="teacher" data-testid="teacher-form" onSubmit={(e) => e.preventDefault()}>
      <p className="teacher-intro">
        The lesson starts from the pipeline on the canvas (<strong>{doc.name || 'untitled'}</strong>), with
        its faults. Say what to achieve, which settings the learner may change, and how to get there.
      </p>

      <fieldset className="teacher-group">
        <legend>The lesson</legend>
        <Field label="Title" hint="A few words, shown in the course list.">
          {(id) => (
            <input
              ref={titleRef}
              id={id}
              data-testid="teacher-title"
              value={draft.title}
              onChange={(e) => set({ title: e.target.value })}
            />
          )}
        </Field>
        <Field label="Id" hint="Goes into links: lower-case letters, digits and “-”.">
          {(id) => (
            <input
              id={id}
              data-testid="teacher-id"
              value={draft.id}
              onChange={(e) => set({ id: e.target.value })}
            />
          )}
        </Field>
        <Field label="What it teaches" hint="Concepts, separated by commas: “partitions, consumer lag”.">
          {(id) => (
            <input
              id={id}
              data-testid="teacher-concepts"
              value={draft.concepts}
              onChange={(e) => set({ concepts: e.target.value })}
            />
          )}
        </Field>
        <Field
          label="Explanation"
          hint="Plain words; a blank line starts a new paragraph; `backticks` mark setting names."
        >
          {(id) => (
            <textarea
              id={id}
              rows={4}
              data-testid="teacher-explanation"
              value={draft.explanation}
              onChange={(e) => set({ explanation: e.target.value })}
            />
          )}
        </Field>
      </fieldset>

      <fieldset className="teacher-group">
        <legend>The goal</legend>
        <Field label="In one sentence" hint="What the learner should achieve.">
          {(id) => (
            <input
              id={id}
              data-testid="teacher-summary"
              value={draft.summary}
              onChange={(e) => set({ summary: e.target.value })}
            />
          )}
        </Field>
        {draft.conditions.map((c, i) => (
          <div key={i} className="teacher-condition" data-testid={`teacher-condition-${i}`}>
            <div className="teacher-condition-row">
              <label>
                <span>Condition</span>
                <input
                  value={c.label}
                  aria-label={`Condition ${i + 1}: what the learner reads`}
                  onChange={(e) => setCondition(i, { label: e.target.value })}
                />
              </label>
              <label>
                <span>Figure</span>
                <select
                  value={c.metric}
                  data-testid={`teacher-metric-${i}`}
                  onChange={(e) => {
                    const metric = e.target.value as MetricId;
                    const fresh = newCondition(metric);
                    setCondition(
                      i,
                      c.label === newCondition(c.metric).label
                        ? { ...fresh, whenMet: c.whenMet, whenMissed: c.whenMissed }
                        : { metric },
                    );
                  }}
                >
                  {METRICS.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.label}
                    </option>
                  ))}
                </select>
              </label>
              <label className="teacher-narrow">
                <span>is</span>
                <select
                  value={c.op}
                  aria-label={`Condition ${i + 1}: comparison`}
                  onChange={(e) => setCondition(i, { op: e.target.value as ConditionDraft['op'] })}
                >
                  {OPS.map((op) => (
                    <option key={op} value={op}>
                      {op === '<=' ? '≤' : op === '>=' ? '≥' : op === '==' ? '=' : op}
                    </option>
                  ))}
                </select>
              </label>
              <label className="teacher-narrow">
                <span>value ({metricUnit(c.metric)})</span>
                <input
                  value={c.value}
                  inputMode="decimal"
                  data-testid={`teacher-value-${i}`}
                  onChange={(e) => setCondition(i, { value: e.target.value })}
                />
              </label>
              <label className="teacher-narrow">
                <span>after (s)</span>
                <input
                  value={c.fromSec}
                  inputMode="decimal"
                  placeholder="0"
                  title="Judge the run from this simulated second on (leave empty for the whole run)"
                  onChange={(e) => setCondition(i, { fromSec: e.target.value })}
                />
              </label>
              <button
                type="button"
                className="teacher-remove"
                aria-label={`Remove condition ${i + 1}`}
                disabled={draft.conditions.length <= 1}
                onClick={() => set({ conditions: draft.conditions.filter((_, j) => j !== i) })}
              >
                Remove
              </button>
            </div>
            <div className="teacher-condition-row">
              <label className="teacher-wide">
                <span>When met, say why</span>
                <input value={c.whenMet} onChange={(e) => setCondition(i, { whenMet: e.target.value })} />
              </label>
              <label className="teacher-wide">
                <span>When missed, say why</span>
                <input
                  value={c.whenMissed}
                  onChange={(e) => setCondition(i, { whenMissed: e.target.value })}
                />
              </label>
            </div>
          </div>
        ))}
        <div className="teacher-row">
          <button
            type="button"
            disabled={draft.conditions.length >= 10}
            onClick={() => set({ conditions: [...draft.conditions, newCondition('p99')] })}
          >
            Add a condition
          </button>
          <label className="teacher-inline">
            Seeds{' '}
            <input
              value={draft.seeds}
              size={8}
              title="Every seed must meet every condition: “1, 2”"
              onChange={(e) => set({ seeds: e.target.value })}
            />
          </label>
        </div>
      </fieldset>

      <fieldset className="teacher-group">
        <legend>What the learner may change</legend>
        <ul className="teacher-settings" data-testid="teacher-settings">
          {settings.map((s) => {
            const chosen = draft.editable.find((e) => e.path === s.path);
            return (
              <li key={s.path}>
                <label>
                  <input
                    type="checkbox"
                    checked={chosen !== undefined}
                    onChange={(e) => toggleEditable(s.path, e.target.checked)}
                  />{' '}
                  {s.label} <span className="lesson-muted">(now {s.value})</span>
                </label>
                {chosen && (
                  <input
                    className="teacher-note"
                    placeholder="A note beside it, e.g. “Try 2, 4 or 8.”"
                    aria-label={`Note for ${s.label}`}
                    value={chosen.note}
                    onChange={(e) =>
                      set({
                        editable: draft.editable.map((x) =>
                          x.path === s.path ? { ...x, note: e.target.value } : x,
                        ),
                      })
                    }
                  />
                )}
              </li>
            );
          })}
        </ul>
        <Field label="Why the rest is locked" hint="Optional, one sentence.">
          {(id) => (
            <input id={id} value={draft.lockedWhy} onChange={(e) => set({ lockedWhy: e.target.value })} />
          )}
        </Field>
      </fieldset>

      <fieldset className="teacher-group">
        <legend>Help</legend>
        <Field label="Hints" hint="One a line, the gentlest first; the learner sees them one at a time.">
          {(id) => (
            <textarea
              id={id}
              rows={3}
              data-testid="teacher-hints"
              value={draft.hints}
              onChange={(e) => set({ hints: e.target.value })}
            />
          )}
        </Field>
        <div className="teacher-condition-row">
          <label>
            <span>Solution: set</span>
            <select
              value={draft.solutionPath}
              data-testid="teacher-solution-path"
              onChange={(e) =>
                set({
                  solutionPath: e.target.value,
                  solutionValue: String(tryReadSetting(doc, e.target.value) ?? ''),
                })
              }
            >
              {draft.editable.length === 0 && <option value="">(choose a setting above first)</option>}
              {draft.editable.map((e) => (
                <option key={e.path} value={e.path}>
                  {settings.find((s) => s.path === e.path)?.label ?? e.path}
                </option>
              ))}
            </select>
          </label>
          <label className="teacher-narrow">
            <span>to</span>
            <input
              value={draft.solutionValue}
              data-testid="teacher-solution-value"
              onChange={(e) => set({ solutionValue: e.target.value })}
            />
          </label>
        </div>
        <Field label="Why the solution works" hint="Shown with the solution.">
          {(id) => (
            <textarea
              id={id}
              rows={2}
              data-testid="teacher-solution-why"
              value={draft.solutionWhy}
              onChange={(e) => set({ solutionWhy: e.target.value })}
            />
          )}
        </Field>
        <label className="teacher-inline">
          <input
            type="checkbox"
            data-testid="teacher-quiz-toggle"
            checked={quiz !== null}
            onChange={(e) =>
              set({ quiz: e.target.checked ? { question: '', options: '', answer: 0, why: '' } : null })
            }
          />{' '}
          Add a quiz question (for what is better asked than run)
        </label>
        {quiz && (
          <div className="teacher-quiz">
            <Field label="Question">
              {(id) => (
                <input
                  id={id}
                  value={quiz.question}
                  onChange={(e) => set({ quiz: { ...quiz, question: e.target.value } })}
                />
              )}
            </Field>
            <Field label="Answers" hint="One a line, 2 to 6.">
              {(id) => (
                <textarea
                  id={id}
                  rows={3}
                  value={quiz.options}
                  onChange={(e) => set({ quiz: { ...quiz, options: e.target.value } })}
                />
              )}
            </Field>
            <Field label="The right one">
              {(id) => (
                <select
                  id={id}
                  value={quiz.answer}
                  onChange={(e) => set({ quiz: { ...quiz, answer: Number(e.target.value) } })}
                >
                  {(quizOptions.length > 0 ? quizOptions : ['(write the answers first)']).map((o, i) => (
                    <option key={i} value={i}>
                      {i + 1}. {o}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              label="A hint after a wrong answer"
              hint="Optional. Shown with “Not quite” before another try: where to look, not the answer."
            >
              {(id) => (
                <input
                  id={id}
                  data-testid="teacher-quiz-hint"
                  value={quiz.hint ?? ''}
                  onChange={(e) => set({ quiz: { ...quiz, hint: e.target.value } })}
                />
              )}
            </Field>
            <Field label="Why it is right" hint="Shown with the answer.">
              {(id) => (
                <textarea
                  id={id}
                  rows={2}
                  value={quiz.why}
                  onChange={(e) => set({ quiz: { ...quiz, why: e.target.value } })}
                />
              )}
            </Field>
          </div>
        )}
      </fieldset>

      <div className="teacher-footer">
        {check.ok ? (
          <p className="teacher-ok" data-testid="teacher-ok">
            The lesson is complete.
          </p>
        ) : (
          <div className="teacher-errors" data-testid="teacher-errors" role="status">
            <p>
              {check.errors.length === 1 ? 'One thing' : `${check.errors.length} things`} to fix before it can
              be shared:
            </p>
            <ul>
              {check.errors.slice(0, 10).map((e) => (
                <li key={e}>{formError(e)}</li>
              ))}
              {check.errors.length > 10 && <li>…and {check.errors.length - 10} more</li>}
            </ul>
          </div>
        )}
        <div className="teacher-row">
          <button type="button" data-testid="teacher-download" disabled={!check.ok} onClick={download}>
            Download the lesson file
          </button>
          <button
            type="button"
            data-testid="teacher-copy-link"
            disabled={!check.ok}
            onClick={() => void copyLink()}
          >
            Copy a link to it
          </button>
          <button
            type="button"
            className="lesson-primary"
            data-testid="teacher-open"
            disabled={!check.ok}
            onClick={openNow}
          >
            Open it now
          </button>
        </div>
        {done && (
          <p className="lesson-muted" role="status" data-testid="teacher-done">
            {done}
          </p>
        )}
        {link && <LinkToCopy link={link} testId="teacher-link-field" />}
      </div>
    </form>
  );
}

function Field({
  label,
  hint,
  children,
}: {
  label: string;
  hint?: string;
  children: (id: string) => ReactNode;
}) {
  const id = useId();
  return (
    <div className="teacher-field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {hint && <div className="lesson-muted">{hint}</div>}
    </div>
  );
}
