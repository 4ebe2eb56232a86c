// The narrow-screen workspace (a phone held upright): one column that scrolls, with the pipeline
// on top at a fixed height (pan and zoom work; editing is meant for a desktop) and the totals and
// the results tabs below it. A shared link opens here, runs and shows its charts.
import { useEffect, useRef } from 'react';
import { useReactFlow } from '@xyflow/react';
import { Canvas } from '../canvas/Canvas';
import { LessonPane } from '../lessons/LessonPane';
import { useLessonMode } from '../lessons/lessonMode';
import { ResultsPane } from './ResultsPane';

export function NarrowWorkspace() {
  const area = useRef<HTMLElement>(null);
  useFitOnResize(area);
  const inLesson = useLessonMode((s) => s.active !== null);
  return (
    <div className="workspace-narrow">
      {inLesson && (
        <aside className="lesson-area-narrow" aria-label="Lesson">
          <LessonPane />
        </aside>
      )}
      <main ref={area} className="canvas-area canvas-area-narrow" aria-label="Pipeline">
        <Canvas />
      </main>
      <p className="narrow-note">Editing works best on a wider screen; here you can run, watch and share.</p>
      <ResultsPane />
    </div>
  );
}

/**
 * Fits the whole pipeline into view whenever the canvas changes size (the page turned, the layout
 * switched from the desktop one): on a small screen nobody wants to hunt for nodes off to one side.
 */
function useFitOnResize(area: React.RefObject<HTMLElement | null>): void {
  const { fitView } = useReactFlow();
  useEffect(() => {
    const el = area.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = new ResizeObserver(() => {
      clearTimeout(timer);
      timer = setTimeout(() => void fitView({ padding: 0.08 }), 120);
    });
    observer.observe(el);
    return () => {
      clearTimeout(timer);
      observer.disconnect();
    };
  }, [area, fitView]);
}
