// The first-visit guide: four steps (open an example, run it, break a broker, read the lag) in a
// small card docked in a corner (a sheet on narrow screens) that never blocks the app. Each step
// moves on when the person does what it asks, or on Next; Back, Skip and Escape work, and the card
// takes focus when it opens and gives it back when it closes. It opens by itself on a first visit
// only (guideStorage.ts), and the Guide button (GuideButton.tsx) opens it again.
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { openExample } from '../persist/ExamplesMenu';
import { DONE_CONTENT, GUIDE_EXAMPLE_ID, STEP_CONTENT } from './guideContent';
import { chooseDock, unionBox, type Box, type Dock } from './guideLayout';
import { DONE, STEPS } from './guideLogic';
import { guideStorage, shouldOpenOnStart } from './guideStorage';
import { useGuideStore, watchApp } from './guideStore';
import './guide.css';

/** The Guide button carries this attribute, so focus can go back to it when the guide closes. */
export const GUIDE_BUTTON_ATTR = 'data-guide-button';

/** How often the outline follows its element while the guide is open (panes resize, lists scroll). */
const FOLLOW_MS = 400;

export function FirstVisitGuide() {
  const open = useGuideStore((s) => s.state.open);

  // Decided once, from the page as it was opened: the link is taken out of the address later.
  useEffect(() => {
    if (shouldOpenOnStart(guideStorage(), window.location.hash)) useGuideStore.getState().openGuide();
  }, []);

  useEffect(() => (open ? watchApp() : undefined), [open]);

  return open ? createPortal(<GuideCard />, document.body) : null;
}

function GuideCard() {
  const step = useGuideStore((s) => s.state.step);
  const skippedSteps = useGuideStore((s) => s.state.skipped);
  const { dispatch, skip } = useGuideStore.getState();
  const done = step >= DONE;
  const id = STEPS[step];
  const content = id ? STEP_CONTENT[id] : undefined;
  const title = content?.title ?? DONE_CONTENT.title;
  const titleId = useId();
  const bodyId = useId();
  const cardRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [target, setTarget] = useState<Box | null>(null);
  const [dock, setDock] = useState<Dock>('bottom-right');
  const [opening, setOpening] = useState(false);
  // The element runs past the bottom of the window (a chart in a short results pane at 720 px).
  const [cut, setCut] = useState(false);

  // Focus moves into the card when it opens and goes back where it was (or to the Guide button)
  // when it closes.
  useEffect(() => {
    const before = document.activeElement;
    headingRef.current?.focus();
    return () => {
      const back =
        before instanceof HTMLElement && before !== document.body && before.isConnected
          ? before
          : document.querySelector<HTMLElement>(`[${GUIDE_BUTTON_ATTR}]`);
      back?.focus();
    };
  }, []);

  // When a button inside the card goes away (Back on the first step, the example button), focus
  // would fall to the page: keep it on the card's heading instead.
  useEffect(() => {
    const card = cardRef.current;
    if (card && document.activeElement === document.body) headingRef.current?.focus();
  }, [step]);

  // The element the step talks about: outlined, scrolled into view once, and kept uncovered.
  const measure = useCallback(() => {
    const selectors = content?.anchors ?? [];
    let box: Box | null = null;
    for (const selector of selectors) {
      const boxes = [...document.querySelectorAll(selector)]
        .map((el) => el.getBoundingClientRect())
        .filter((r) => r.width > 0 && r.height > 0)
        .map((r) => ({ left: r.left, top: r.top, width: r.width, height: r.height }));
      box = unionBox(boxes);
      if (box) break;
    }
    setTarget((old) => (sameBox(old, box) ? old : box));
    setCut(box !== null && box.top + box.height > window.innerHeight + 1);
    const card = cardRef.current;
    const size = card ? { width: card.offsetWidth, height: card.offsetHeight } : { width: 340, height: 280 };
    setDock(chooseDock(box, size, { width: window.innerWidth, height: window.innerHeight }));
  }, [content]);

  useEffect(() => {
    const first = content?.anchors
      .map((s) => document.querySelector(s))
      .find((el) => el && el.getBoundingClientRect().width > 0);
    first?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    // Measured in the next frame, once the card has its size.
    const frame = requestAnimationFrame(measure);
    const timer = setInterval(measure, FOLLOW_MS);
    window.addEventListener('resize', measure);
    window.addEventListener('scroll', measure, true);
    return () => {
      cancelAnimationFrame(frame);
      clearInterval(timer);
      window.removeEventListener('resize', measure);
      window.removeEventListener('scroll', measure, true);
    };
  }, [content, measure]);

  // The results pane's own Larger button, when the pane is not enlarged already.
  const enlargeButton = () =>
    document.querySelector<HTMLButtonElement>('[data-testid="results-enlarge"][aria-pressed="false"]');
  const showWholeTarget = () => {
    enlargeButton()?.click();
    // Once the pane has its new height, bring the element into view again.
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        const first = content?.anchors
          .map((s) => document.querySelector(s))
          .find((el) => el && el.getBoundingClientRect().width > 0);
        first?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
        measure();
      }),
    );
  };

  const openTheExample = async () => {
    setOpening(true);
    try {
      await openExample(GUIDE_EXAMPLE_ID);
    } finally {
      setOpening(false);
    }
  };

  return (
    <>
      {target && (
        <div
          className="guide-outline"
          data-testid="guide-outline"
          aria-hidden="true"
          style={{
            left: target.left - 4,
            top: target.top - 4,
            width: target.width + 8,
            height: target.height + 8,
          }}
        />
      )}
      <div
        ref={cardRef}
        className={`guide-card guide-dock-${dock}`}
        role="dialog"
        aria-modal="false"
        aria-labelledby={titleId}
        aria-describedby={bodyId}
        data-testid="guide"
        data-step={id ?? 'done'}
        data-dock={dock}
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return;
          event.preventDefault();
          event.stopPropagation();
          skip();
        }}
      >
        <ol className="guide-progress" aria-label="Steps">
          {STEPS.map((s, i) => {
            const skipped = i < step && skippedSteps.includes(i);
            return (
              <li
                key={s}
                className={
                  skipped ? 'is-skipped' : i < step ? 'is-done' : i === step ? 'is-current' : undefined
                }
                aria-current={i === step ? 'step' : undefined}
                title={skipped ? 'Skipped with Next: Back returns to it' : undefined}
              >
                <span className="guide-progress-mark" aria-hidden="true">
                  {skipped ? '–' : i < step ? '✓' : i + 1}
                </span>
                <span className="guide-progress-name">{STEP_CONTENT[s].title}</span>
                {i < step && <span className="visually-hidden">{skipped ? ' (skipped)' : ' (done)'}</span>}
              </li>
            );
          })}
        </ol>
        <h2 id={titleId} ref={headingRef} tabIndex={-1} className="guide-title" aria-live="polite">
          {done ? title : `${step + 1}. ${title}`}
        </h2>
        <div id={bodyId} className="guide-body">
          {content ? content.body : DONE_CONTENT.body}
          {content && <p className="guide-todo">{content.todo}</p>}
        </div>
        {id === 'example' && (
          <button
            type="button"
            className="guide-action"
            data-testid="guide-open-example"
            disabled={opening}
            onClick={() => void openTheExample()}
          >
            Open “Broker failure”
          </button>
        )}
        {id === 'lag' && cut && enlargeButton() && (
          <button
            type="button"
            className="guide-action"
            data-testid="guide-enlarge"
            title="The same as the results pane's Larger button: the canvas gives up most of its height"
            onClick={showWholeTarget}
          >
            Make the charts larger
          </button>
        )}
        <div className="guide-nav">
          {!done && (
            <button
              type="button"
              className="guide-skip"
              data-testid="guide-skip"
              title="Close the guide; it will not open by itself again (the Guide button brings it back)"
              onClick={skip}
            >
              Skip guide
            </button>
          )}
          <button
            type="button"
            data-testid="guide-back"
            disabled={step === 0}
            onClick={() => dispatch({ type: 'back' })}
          >
            Back
          </button>
          {done ? (
            <button type="button" className="guide-primary" data-testid="guide-close" onClick={skip}>
              Close
            </button>
          ) : (
            <button
              type="button"
              className="guide-primary"
              data-testid="guide-next"
              onClick={() => dispatch({ type: 'next' })}
            >
              {step === DONE - 1 ? 'Finish' : 'Next'}
            </button>
          )}
        </div>
      </div>
    </>
  );
}

function sameBox(a: Box | null, b: Box | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return a.left === b.left && a.top === b.top && a.width === b.width && a.height === b.height;
}
