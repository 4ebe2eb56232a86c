// The pipeline check as a list: one entry per gap, with its fixes as buttons and "Select" to find the
// node on the canvas. A fix is one undoable edit of the document; the list follows the document, so
// a fixed gap leaves the list by itself.
import { useRef } from 'react';
import { nodeKinds } from '../../model';
import { useCanvasStore } from '../canvas/canvasStore';
import { useDocumentStore } from '../store/documentStore';
import { badgeOf, type Fix, type Gap } from './gaps';
import { useShownGaps } from './shownGaps';
import './check.css';

/** Applies a fix as one undo step and selects what it created (or the node it was about). */
export function applyFix(gap: Gap, fix: Fix): void {
  const store = useDocumentStore.getState();
  let select: string | undefined;
  store.change((doc) => {
    const result = fix.apply(doc);
    select = result.select;
    return result.doc;
  });
  const after = useDocumentStore.getState().doc;
  const target = select ?? gap.nodeId;
  store.setSelection(nodeKinds(after).has(target) ? [target] : []);
}

export function selectOnCanvas(id: string): void {
  useDocumentStore.getState().setSelection([id]);
  useCanvasStore.getState().focusNode(id);
}

interface Props {
  /** The heading's id, for a dialog or section that is labelled by it. */
  headingId?: string;
  /** Heading level: 2 in a panel of its own, 3 inside another section. */
  level?: 2 | 3;
}

export function PipelineCheck({ headingId = 'pipeline-check-heading', level = 2 }: Props) {
  const { all, shown: gaps } = useShownGaps();
  const held = all.length - gaps.length;
  const listRef = useRef<HTMLUListElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const Heading = level === 2 ? 'h2' : 'h3';

  // After a fix its entry leaves the list; keep the keyboard where it was (the entry now in its place,
  // the one before it, or the heading when the list is empty).
  const fixAndKeepFocus = (gap: Gap, fix: Fix, index: number) => {
    applyFix(gap, fix);
    requestAnimationFrame(() => {
      const items = listRef.current?.querySelectorAll<HTMLElement>('.sl-gap');
      const next = items?.[Math.min(index, items.length - 1)]?.querySelector<HTMLElement>('button');
      (next ?? headingRef.current)?.focus();
    });
  };

  const open = gaps.length;
  return (
    <section className="sl-check" aria-labelledby={headingId} data-testid="pipeline-check">
      <Heading className="sl-check-heading" id={headingId} ref={headingRef} tabIndex={-1}>
        Pipeline check{' '}
        <span className="sl-check-count" data-testid="check-count" data-count={open}>
          {open === 0 ? 'no problems found' : `${open} to look at`}
        </span>
      </Heading>
      {held > 0 && (
        <p className="sl-check-lesson" data-testid="check-lesson-held">
          A lesson is open: {held === 1 ? 'one thing' : `${held} things`} the check would point out{' '}
          {held === 1 ? 'is' : 'are'} left for you to find. The lesson's hints help.
        </p>
      )}
      {open === 0 && held === 0 ? (
        <p className="sl-check-clear" data-testid="check-clear">
          As built, every producer writes to a topic, every topic is read, every sink is written to, and the
          replication holds. This checks the pipeline's shape, not how it runs: after a run, the charts and
          the marks on the canvas show whether it keeps up.
        </p>
      ) : open === 0 ? null : (
        <ul className="sl-check-list" ref={listRef}>
          {gaps.map((gap, index) => (
            <li
              key={gap.key}
              className={`sl-gap is-${gap.severity}`}
              data-testid={`gap-${gap.key}`}
              data-severity={gap.severity}
            >
              <p className="sl-gap-text">
                <span className="sl-gap-badge">{badgeOf(gap)}</span> {gap.text}
              </p>
              <div className="sl-gap-actions">
                {gap.fixes.map((fix, i) => (
                  <button
                    key={fix.label}
                    type="button"
                    className={i === 0 ? 'sl-gap-fix is-primary' : 'sl-gap-fix'}
                    data-testid={`fix-${gap.key}-${i}`}
                    onClick={() => fixAndKeepFocus(gap, fix, index)}
                  >
                    {fix.label}
                  </button>
                ))}
                {gap.nodeId !== '' && (
                  <button
                    type="button"
                    className="sl-gap-select"
                    data-testid={`select-${gap.key}`}
                    aria-label={`Select ${gap.nodeId} on the canvas`}
                    onClick={() => selectOnCanvas(gap.nodeId)}
                  >
                    Select
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
