// The open lesson beside the canvas: the explanation, the goal (checked in a worker, each condition
// with its figure, target and reason), the settings the learner may change, hints one at a time,
// the quiz, the solution (after a confirmation) and a link to the lesson.
import { LONG_MAX } from '../../model/schema/common';
import { meansLongMax, settingText } from '../../model/settingText';
import { Fragment, useEffect, useRef, useState, type ReactNode } from 'react';
import { formatFigure, type ConditionResult, type GoalResult } from '../../lessons/judge';
import type { Condition } from '../../lessons/schema';
import type { Lesson } from '../../lessons/parse';
import { applySolution } from '../../lessons/parse';
import { settingName } from '../../lessons/paths';
import type { Pipeline } from '../../model';
import { setSetting, setValue, valueAtPath } from '../../whatif/settings';
import { displayName, findEntity } from '../canvas/entities';
import { encodeLessonHash } from '../persist/shareLink';
import { useDocumentStore } from '../store/documentStore';
import { nodeOfPath } from './fieldPaths';
import { LinkToCopy, useCopyLink } from './LinkToCopy';
import {
  answerQuiz,
  cancelCheck,
  checkGoal,
  loadBuiltInCourse,
  markSolutionShown,
  showNextHint,
  startLesson,
  useLearnStore,
} from './learnStore';
import { changeAsLesson, leaveLesson, showLearnDialog, useLessonMode, type ActiveLesson } from './lessonMode';
import { lessonStatus, STATUS_TEXT } from './progress';
import {
  answerShown,
  isFirstPick,
  pickOption,
  questionAtStart,
  showAnswer,
  tryAgain,
  type QuestionState,
} from './quiz';
import './lessons.css';

/** Plain text where `backticks` mark a setting's name. */
export function Inline({ text }: { text: string }) {
  const parts = text.split('`');
  return (
    <>{parts.map((p, i) => (i % 2 === 1 ? <code key={i}>{p}</code> : <Fragment key={i}>{p}</Fragment>))}</>
  );
}

/** A node's name as the canvas shows it (its id when it has none). */
const nodeNameIn =
  (doc: Pipeline) =>
  (id: string): string => {
    const ref = findEntity(doc, id);
    return ref && 'name' in ref.value ? displayName(ref.value) : id;
  };

/**
 * A setting named for a learner ("linger.ms on agents"): the name as the inspector shows it, may break
 * after its dots (never inside a word); the document path in the tooltip.
 */
export function SettingName({ doc, path }: { doc: Pipeline; path: string }) {
  const n = settingName(path, nodeNameIn(doc));
  const parts = n.name.split('.');
  return (
    <span className="lesson-setting-name" title={path} data-path={path}>
      <strong>
        {parts.map((p, i) => (
          <Fragment key={i}>
            {i > 0 && (
              <>
                .<wbr />
              </>
            )}
            {p}
          </Fragment>
        ))}
      </strong>
      {n.where && ` ${n.where}`}
    </span>
  );
}

export function LessonPanel() {
  const active = useLessonMode((s) => s.active);
  if (!active) return null;
  return <OpenLesson key={active.lesson.id} active={active} />;
}

function OpenLesson({ active }: { active: ActiveLesson }) {
  const { lesson } = active;
  const progress = useLearnStore((s) => s.progress[lesson.id]);
  const course = useLearnStore((s) => s.builtIn.course);
  useEffect(() => {
    if (active.origin === 'built-in') void loadBuiltInCourse();
  }, [active.origin]);
  const index =
    active.origin === 'built-in' ? (course?.lessons.findIndex((l) => l.id === lesson.id) ?? -1) : -1;
  const next = index >= 0 ? course?.lessons[index + 1] : undefined;
  const status = lessonStatus(progress);
  return (
    <section className="lesson-panel" aria-labelledby="lesson-title" data-testid="lesson-panel">
      <header className="lesson-head">
        <div className="lesson-kicker">
          {index >= 0 ? `Lesson ${index + 1} of ${course!.lessons.length}` : originText(active.origin)}
          <span className={`lesson-status is-${status}`} data-testid="lesson-status">
            {STATUS_TEXT[status]}
          </span>
        </div>
        <h2 id="lesson-title" data-testid="lesson-title">
          {lesson.title}
        </h2>
        <p className="lesson-aim">
          <strong>Goal:</strong> <Inline text={lesson.goal.summary} />
        </p>
        <div className="lesson-head-actions">
          <button type="button" data-testid="lesson-course" onClick={() => showLearnDialog('course')}>
            All lessons
          </button>
          <button
            type="button"
            data-testid="lesson-leave"
            title="Close the lesson and put your own pipeline back on the canvas"
            onClick={() => {
              cancelCheck();
              leaveLesson();
            }}
          >
            Leave lesson
          </button>
        </div>
      </header>

      <details className="lesson-section lesson-explanation" data-testid="lesson-explanation" open>
        <summary>Read first</summary>
        {lesson.explanation.map((p, i) => (
          <p key={i}>
            <Inline text={p} />
          </p>
        ))}
      </details>

      <Goal lesson={lesson} next={next} onNext={next ? () => startLesson(next, 'built-in') : undefined} />
      <Settings lesson={lesson} />
      <Hints lesson={lesson} />
      {lesson.quiz && lesson.quiz.length > 0 && <Quiz lesson={lesson} />}
      <Solution lesson={lesson} />
      <ShareLesson active={active} />
    </section>
  );
}

/** The lesson's pipeline as it began, on the canvas again (an undoable replacement). */
function startOver(lesson: Lesson): void {
  const active = useLessonMode.getState().active;
  if (active) startLesson(lesson, active.origin);
}

const originText = (origin: ActiveLesson['origin']) =>
  origin === 'link' ? 'A lesson from a link' : origin === 'file' ? 'A lesson from a file' : 'Your lesson';

function Section({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <section className="lesson-section" data-testid={testId} aria-label={title}>
      <h3>{title}</h3>
      {children}
    </section>
  );
}

function Goal({ lesson, next, onNext }: { lesson: Lesson; next: Lesson | undefined; onNext?: () => void }) {
  const judge = useLearnStore((s) => s.judge);
  const doc = useDocumentStore((s) => s.doc);
  const mine = judge.status !== 'idle' && judge.lessonId === lesson.id ? judge : null;
  const result = mine?.status === 'done' ? mine.result : null;
  const seeds = lesson.goal.seeds ?? [1];
  return (
    <Section title="Goal" testId="lesson-goal">
      <p className="lesson-goal-summary">
        {lesson.goal.conditions.length === 1
          ? 'One condition'
          : `All ${lesson.goal.conditions.length} conditions`}{' '}
        must hold on the run:
      </p>
      <ul className="lesson-conditions">
        {lesson.goal.conditions.map((c, i) => (
          <ConditionRow
            key={i}
            index={i}
            label={c.label}
            target={targetText(c)}
            results={result?.seeds.map((s) => ({ seed: s.seed, r: s.conditions[i]! }))}
          />
        ))}
      </ul>
      <div className="lesson-check">
        {mine?.status === 'running' ? (
          <>
            <button type="button" data-testid="lesson-check-stop" onClick={cancelCheck}>
              Stop
            </button>
            <span role="status" data-testid="lesson-check-progress">
              Running your pipeline{mine.of > 1 ? ` (seed ${mine.index} of ${mine.of})` : ''}…
            </span>
          </>
        ) : (
          <>
            <button
              type="button"
              className="lesson-primary"
              data-testid="lesson-check"
              onClick={() => void checkGoal()}
            >
              Check goal
            </button>
            <span className="lesson-muted">
              Runs {lesson.pipeline.run.durationSec} simulated seconds
              {seeds.length > 1 ? ` with ${seeds.length} seeds (every one must pass)` : ''}.
            </span>
          </>
        )}
      </div>
      {mine?.status === 'error' && (
        <p className="lesson-verdict is-missed" role="alert" data-testid="lesson-verdict">
          The run failed: {mine.error}
        </p>
      )}
      {result && (
        <Verdict
          result={result}
          doc={doc}
          shownSeed={mine?.status === 'done' ? mine.shownSeed : null}
          stale={mine?.status === 'done' && mine.doc !== doc}
          seeds={seeds}
          next={next}
          onNext={onNext}
          onStartOver={() => startOver(lesson)}
        />
      )}
    </Section>
  );
}

const OP_TEXT: Record<Condition['op'], string> = { '<=': '≤', '<': '<', '>=': '≥', '>': '>', '==': '=' };

const targetText = (c: Condition) => `${OP_TEXT[c.op]} ${formatFigure(c.value, c.unit)}`;

function ConditionRow(props: {
  index: number;
  label: string;
  target: string;
  results: { seed: number; r: ConditionResult }[] | undefined;
}) {
  const { results } = props;
  const judged = results && results.length > 0;
  const met = judged && results.every((x) => x.r.met);
  const explain = judged ? (results.find((x) => x.r.met === met) ?? results[0])!.r : undefined;
  return (
    <li
      className={`lesson-condition${judged ? (met ? ' is-met' : ' is-missed') : ''}`}
      data-testid={`lesson-condition-${props.index}`}
      data-met={judged ? String(met) : undefined}
    >
      <span className="lesson-mark" aria-hidden="true">
        {judged ? (met ? '✓' : '✗') : '•'}
      </span>
      <div>
        <div className="lesson-condition-label">
          {props.label}
          {judged && <span className="lesson-sr"> ({met ? 'met' : 'missed'})</span>}
          {!judged && <span className="lesson-muted lesson-target"> target {props.target}</span>}
        </div>
        {judged && (
          <div className="lesson-figures">
            {results.map((x) => (
              <span key={x.seed} className={x.r.met ? 'is-met' : 'is-missed'}>
                {results.length > 1 ? `seed ${x.seed}: ` : ''}
                {x.r.shown}
              </span>
            ))}
            <span className="lesson-muted">target {props.target}</span>
          </div>
        )}
        {explain?.problem && <div className="lesson-problem">{explain.problem}</div>}
        {explain?.explanation && (
          <div className="lesson-why">
            <Inline text={explain.explanation} />
          </div>
        )}
      </div>
    </li>
  );
}

function Verdict(props: {
  result: GoalResult;
  doc: Pipeline;
  /** The seed of the checked run on the charts, or null (the learner's own run is there). */
  shownSeed: number | null;
  stale: boolean;
  seeds: number[];
  next: Lesson | undefined;
  onNext: (() => void) | undefined;
  onStartOver: () => void;
}) {
  const { result } = props;
  const ref = useRef<HTMLDivElement>(null);
  // A new verdict is brought into view within the lesson's own pane (never the page).
  useEffect(() => {
    const el = ref.current;
    const pane = el?.closest('.lesson-area, .lesson-area-narrow');
    if (!el || !pane) return;
    const r = el.getBoundingClientRect();
    const p = pane.getBoundingClientRect();
    if (r.bottom > p.bottom) pane.scrollTop += Math.min(r.bottom - p.bottom + 8, r.top - p.top);
    else if (r.top < p.top) pane.scrollTop -= p.top - r.top + 8;
  }, [result]);
  if (result.locked.length > 0)
    return (
      <div
        className="lesson-verdict is-locked"
        role="alert"
        data-testid="lesson-verdict"
        data-verdict="locked"
      >
        <strong>Not checked:</strong> you changed {result.locked.length === 1 ? 'a setting' : 'settings'} this
        lesson keeps fixed:{' '}
        {result.locked.map((p, i) => (
          <Fragment key={p}>
            {i > 0 && ', '}
            <SettingName doc={props.doc} path={p} />
          </Fragment>
        ))}
        . The goal is only judged with those as the lesson has them.{' '}
        <button type="button" data-testid="lesson-verdict-start-over" onClick={props.onStartOver}>
          Start over
        </button>{' '}
        <span className="lesson-muted">
          (puts the lesson’s pipeline back as it began; Ctrl+Z undoes that)
        </span>
      </div>
    );
  const missed =
    result.seeds.length > 0
      ? result.seeds[0]!.conditions.filter((_, i) => result.seeds.some((s) => !s.conditions[i]!.met)).length
      : 0;
  return (
    <div
      ref={ref}
      className={`lesson-verdict ${result.met ? 'is-met' : 'is-missed'}`}
      role="status"
      data-testid="lesson-verdict"
      data-verdict={result.met ? 'met' : 'missed'}
    >
      {result.met ? (
        <>
          <strong>Goal met.</strong> Every condition held
          {props.seeds.length > 1 ? ` on every seed (${props.seeds.join(', ')})` : ''}. Your progress is
          saved.
          {props.next && props.onNext && (
            <>
              {' '}
              <button type="button" data-testid="lesson-next" onClick={props.onNext}>
                Next lesson: {props.next.title}
              </button>
            </>
          )}
        </>
      ) : (
        <>
          <strong>Not yet.</strong> {missed} of {result.seeds[0]?.conditions.length ?? 0} conditions missed
          {props.seeds.length > 1 ? ' on at least one seed' : ''}. Each condition above says why.
        </>
      )}
      {props.stale ? (
        <div className="lesson-muted">You have changed the pipeline since this check.</div>
      ) : (
        <ChartsNote shownSeed={props.shownSeed} seeds={props.seeds} ownSeed={props.doc.run.seed} />
      )}
    </div>
  );
}

/** Which run the charts show after a check, so the figures above can be found in them. */
function ChartsNote({
  shownSeed,
  seeds,
  ownSeed,
}: {
  shownSeed: number | null;
  seeds: number[];
  ownSeed: number;
}) {
  if (shownSeed !== null)
    return (
      <div className="lesson-muted" data-testid="lesson-charts-note">
        The charts show this check’s run{seeds.length > 1 ? ` with seed ${shownSeed}` : ''}.
      </div>
    );
  if (seeds.includes(ownSeed)) return null;
  return (
    <div className="lesson-muted" data-testid="lesson-charts-note">
      The charts show your own run (seed {ownSeed}); the check ran seed{seeds.length > 1 ? 's' : ''}{' '}
      {seeds.length > 1 ? `${seeds.slice(0, -1).join(', ')} and ${seeds.at(-1)}` : seeds[0]}.
    </div>
  );
}

function Settings({ lesson }: { lesson: Lesson }) {
  const doc = useDocumentStore((s) => s.doc);
  if (lesson.editable.length === 0)
    return (
      <Section title="What you may change" testId="lesson-settings">
        <p className="lesson-muted">Nothing here: this lesson is about the questions below.</p>
      </Section>
    );
  return (
    <Section title="What you may change" testId="lesson-settings">
      <ul className="lesson-settings">
        {lesson.editable.map((e) => (
          <SettingRow
            key={e.path}
            doc={doc}
            path={e.path}
            label={settingName(e.path, nodeNameIn(doc)).text}
            note={e.note}
            value={valueAtPath(doc, e.path)}
          />
        ))}
      </ul>
      <p className="lesson-muted">
        Everything else is locked{lesson.lockedWhy ? ': ' : '.'}
        {lesson.lockedWhy && <Inline text={lesson.lockedWhy} />}
      </p>
    </Section>
  );
}

function SettingRow({
  doc,
  path,
  label,
  note,
  value,
}: {
  doc: Pipeline;
  path: string;
  label: string;
  note: string | undefined;
  value: unknown;
}) {
  const node = nodeOfPath(path);
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const kind = typeof value;
  const shown = kind === 'object' ? JSON.stringify(value) : settingText(value);
  /** Puts the typed value in the document, or says why it was refused (the document keeps its value). */
  const apply = (next: unknown): boolean => {
    const doc = useDocumentStore.getState().doc;
    const r = typeof next === 'number' ? setSetting(doc, path, next) : setValue(doc, path, next);
    if (!r.ok) {
      setError(r.error.replace(/^.*? is refused: /, ''));
      return false;
    }
    setError(null);
    useDocumentStore.getState().change(() => r.doc, `lesson:${path}`);
    return true;
  };
  const commit = (raw: string) => {
    setDraft(raw);
    if (kind === 'number') {
      const n = meansLongMax(raw) ? LONG_MAX : Number(raw);
      if (raw.trim() === '' || !Number.isFinite(n)) return setError('is not a number');
      apply(n);
    } else if (kind === 'string') apply(raw);
  };
  const commitJson = (raw: string) => {
    try {
      if (apply(JSON.parse(raw) as unknown)) setDraft(null);
    } catch {
      setError('is not JSON: write it as shown, {"name": value, ...}');
    }
  };
  const common = {
    'aria-label': label,
    'aria-invalid': error ? true : undefined,
    'data-testid': `lesson-setting-input-${path}`,
  } as const;
  return (
    <li className="lesson-setting" data-testid={`lesson-setting-${path}`}>
      <div className="lesson-setting-head">
        <SettingName doc={doc} path={path} />
        {node && (
          <button
            type="button"
            className="lesson-link"
            title="Select this node, so the inspector shows its settings"
            onClick={() => useDocumentStore.getState().setSelection([node])}
          >
            Show
          </button>
        )}
      </div>
      {kind === 'boolean' && (
        <label className="lesson-setting-check">
          <input
            type="checkbox"
            {...common}
            checked={value === true}
            onChange={(e) => void apply(e.target.checked)}
          />{' '}
          {value === true ? 'on' : 'off'}
        </label>
      )}
      {(kind === 'number' || kind === 'string') && (
        <input
          type="text"
          inputMode={kind === 'number' ? 'decimal' : undefined}
          className="lesson-setting-input"
          {...common}
          value={draft ?? shown}
          onChange={(e) => commit(e.target.value)}
          onBlur={() => {
            if (!error) setDraft(null);
          }}
        />
      )}
      {kind === 'object' && value !== null && (
        <textarea
          rows={2}
          className="lesson-setting-input lesson-setting-json"
          {...common}
          value={draft ?? shown}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={(e) => {
            commitJson(e.target.value);
          }}
        />
      )}
      {error && <div className="lesson-problem">{error}</div>}
      {note && (
        <div className="lesson-muted">
          <Inline text={note} />
        </div>
      )}
    </li>
  );
}

function Hints({ lesson }: { lesson: Lesson }) {
  const shown = useLearnStore((s) => s.hintsShown);
  const total = lesson.hints.length;
  return (
    <Section title="Hints" testId="lesson-hints">
      {shown > 0 && (
        <ol className="lesson-hints">
          {lesson.hints.slice(0, shown).map((h, i) => (
            <li key={i} data-testid={`lesson-hint-${i}`}>
              <Inline text={h} />
            </li>
          ))}
        </ol>
      )}
      {shown < total ? (
        <button type="button" data-testid="lesson-hint-next" onClick={() => showNextHint(lesson.id, total)}>
          {shown === 0 ? 'Show a hint' : 'Another hint'} ({shown + 1} of {total})
        </button>
      ) : (
        <p className="lesson-muted">That is every hint. The solution is below.</p>
      )}
    </Section>
  );
}

function Quiz({ lesson }: { lesson: Lesson }) {
  const quiz = lesson.quiz!;
  return (
    <Section title={quiz.length === 1 ? 'A question' : 'Questions'} testId="lesson-quiz">
      {quiz.map((q, qi) => (
        <Question key={qi} lessonId={lesson.id} index={qi} question={q} />
      ))}
    </Section>
  );
}

/** One question: pick, "Not quite" with a hint and another try, or the answer on request. */
function Question({
  lessonId,
  index: qi,
  question: q,
}: {
  lessonId: string;
  index: number;
  question: NonNullable<Lesson['quiz']>[number];
}) {
  const [state, setState] = useState<QuestionState>(() =>
    questionAtStart(useLearnStore.getState().progress[lessonId]?.quiz[qi]),
  );
  const shown = answerShown(state);
  const pick = (oi: number) => {
    // Only the first answer counts in the progress; later tries are for the learner.
    if (isFirstPick(state)) answerQuiz(lessonId, qi, oi === q.answer);
    setState(pickOption(state, oi, q.answer));
  };
  return (
    <fieldset className="lesson-question" data-testid={`lesson-question-${qi}`} data-outcome={state.outcome}>
      <legend>
        <Inline text={q.question} />
      </legend>
      <div className="lesson-options">
        {q.options.map((o, oi) => {
          const wrong = state.wrong.includes(oi);
          const right = shown && oi === q.answer;
          return (
            <button
              key={oi}
              type="button"
              data-testid={`lesson-option-${qi}-${oi}`}
              aria-pressed={wrong || (right && state.pickedRight)}
              disabled={state.outcome !== 'open' || wrong}
              className={`lesson-option${wrong ? ' is-wrong' : ''}${right ? ' is-answer' : ''}${
                right && state.pickedRight ? ' is-right' : ''
              }`}
              onClick={() => pick(oi)}
            >
              <Inline text={o} />
            </button>
          );
        })}
      </div>
      {state.outcome === 'wrong' && (
        <div className="lesson-answer is-wrong" role="status" data-testid={`lesson-not-quite-${qi}`}>
          <strong>Not quite.</strong>{' '}
          {q.hint ? (
            <span data-testid={`lesson-quiz-hint-${qi}`}>
              <Inline text={q.hint} />
            </span>
          ) : (
            'Think it over once more.'
          )}
          <div className="lesson-quiz-actions">
            <button
              type="button"
              className="lesson-primary"
              data-testid={`lesson-try-again-${qi}`}
              onClick={() => setState(tryAgain(state))}
            >
              Try again
            </button>{' '}
            <button
              type="button"
              data-testid={`lesson-show-answer-${qi}`}
              onClick={() => setState(showAnswer(state))}
            >
              Show the answer
            </button>
          </div>
        </div>
      )}
      {state.outcome === 'open' && state.wrong.length > 0 && (
        <p className="lesson-muted lesson-quiz-open">
          Pick another option, or{' '}
          <button
            type="button"
            className="lesson-link"
            data-testid={`lesson-show-answer-${qi}`}
            onClick={() => setState(showAnswer(state))}
          >
            show the answer
          </button>
          .
        </p>
      )}
      {shown && (
        <p className="lesson-answer" role="status" data-testid={`lesson-answer-${qi}`}>
          {state.pickedRight && <strong>Right. </strong>}
          The answer is “<Inline text={q.options[q.answer]!} />
          ”. <Inline text={q.why} />
        </p>
      )}
    </fieldset>
  );
}

function Solution({ lesson }: { lesson: Lesson }) {
  const shown = useLearnStore((s) => s.solutionShown);
  const doc = useDocumentStore((s) => s.doc);
  const [confirming, setConfirming] = useState(false);
  const apply = () => {
    // On the learner's version (their other changes stay), or the lesson's own if that refuses it.
    const mine = applySolution({ pipeline: useDocumentStore.getState().doc, solution: lesson.solution });
    const solved = mine.ok ? mine : applySolution(lesson);
    if (!solved.ok) return;
    const doc = solved.doc;
    changeAsLesson(doc);
    markSolutionShown(lesson.id);
    setConfirming(false);
  };
  return (
    <Section title="Solution" testId="lesson-solution">
      {shown ? (
        <>
          <p>The solution’s settings are on the canvas:</p>
          <ul className="lesson-solution-changes">
            {lesson.solution.changes.map((c) => (
              <li key={c.path}>
                <SettingName doc={doc} path={c.path} /> = <code>{JSON.stringify(c.value)}</code>
              </li>
            ))}
          </ul>
          <p>
            <Inline text={lesson.solution.why} />
          </p>
          <p className="lesson-muted">Press Check goal to see it pass.</p>
        </>
      ) : confirming ? (
        <div className="lesson-confirm" role="group" aria-label="Show the solution?">
          <p>
            This puts the solution’s settings on the canvas (Ctrl+Z takes them back). The lesson will then
            count as solved with help.
          </p>
          <button
            type="button"
            className="lesson-primary"
            data-testid="lesson-solution-apply"
            onClick={apply}
          >
            Apply the solution
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" data-testid="lesson-solution-show" onClick={() => setConfirming(true)}>
          Show solution
        </button>
      )}
      <p className="lesson-muted lesson-start-over">
        <button
          type="button"
          className="lesson-link"
          data-testid="lesson-start-over"
          onClick={() => startOver(lesson)}
        >
          Start over
        </button>{' '}
        puts the lesson’s pipeline back as it began (Ctrl+Z undoes it).
      </p>
    </Section>
  );
}

function ShareLesson({ active }: { active: ActiveLesson }) {
  const { link, copy: copyLink } = useCopyLink();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    const base = window.location.href.split('#')[0]!;
    const url =
      active.origin === 'built-in'
        ? `${base}#lesson=${active.lesson.id}`
        : `${base}#${await encodeLessonHash(active.lesson as unknown as Lesson & Record<string, unknown>)}`;
    if (await copyLink(url)) setCopied(true);
  };
  return (
    <div className="lesson-share">
      <button type="button" data-testid="lesson-copy-link" onClick={() => void copy()}>
        Copy link to this lesson
      </button>
      {copied && !link && <span className="lesson-muted"> Copied.</span>}
      {link && <LinkToCopy link={link} testId="lesson-link-field" />}
    </div>
  );
}
