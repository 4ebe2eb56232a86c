// Gives a chart card the run data it draws, refreshed by the chart scheduler (one chart per task,
// only while the card is on screen) instead of on every frame of the run.
import { startTransition, useEffect, useRef, useState, type RefObject } from 'react';
import { useRunStore } from '../run/runStore';
import { ChartScheduler, MIN_ROUND_MS } from './chartScheduler';
import { useTimeRange, type RangeMode } from './timeRange';

/** While a run plays, each chart redraws at most this often: twice a second. */
export const RUNNING_ROUND_MS = 500;

export interface ChartView {
  rows: number[][];
  simMs: number;
  /** The shared time range the charts show. */
  mode: RangeMode;
  /** While running, charts skip their hover tooltip: it costs a third of a redraw. */
  running: boolean;
}

const scheduler = new ChartScheduler({
  now: () => performance.now(),
  later: (fn, ms) => void setTimeout(fn, ms),
  minRoundMs: () => (useRunStore.getState().status === 'running' ? RUNNING_ROUND_MS : MIN_ROUND_MS),
});

useRunStore.subscribe((s, prev) => {
  if (s.rows !== prev.rows || s.simMs !== prev.simMs || s.status !== prev.status) scheduler.invalidate();
});

useTimeRange.subscribe((s, prev) => {
  if (s.mode !== prev.mode) scheduler.invalidate();
});

function snapshot(): ChartView {
  const { rows, simMs, status } = useRunStore.getState();
  return { rows, simMs, mode: useTimeRange.getState().mode, running: status === 'running' };
}

/** Null until the scheduler first draws the chart, so mounting many charts is spread over tasks too. */
export function useChartView(ref: RefObject<Element | null>): ChartView | null {
  const [view, setView] = useState<ChartView | null>(null);
  const drawn = useRef<(() => void) | null>(null);
  useEffect(() => {
    drawn.current?.();
    drawn.current = null;
  }, [view]);
  useEffect(() => {
    // A transition: React renders the chart in small slices between other work, and the
    // scheduler starts the next chart only once this one is on screen.
    const job = scheduler.add((done) => {
      drawn.current = done;
      startTransition(() => setView(snapshot()));
    });
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') {
      scheduler.setVisible(job, true);
      return () => scheduler.remove(job);
    }
    const observer = new IntersectionObserver((entries) => {
      for (const e of entries) scheduler.setVisible(job, e.isIntersecting);
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      scheduler.remove(job);
    };
  }, [ref]);
  return view;
}
