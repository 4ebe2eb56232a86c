// The span of simulated time every chart shows, shared so zooming or panning one moves them all,
// and the simulated second under the pointer, shared so every chart shows its values there.
// By default the charts follow the whole run (0 s to now); "Last 60 s" follows the newest minute;
// zooming, panning or selecting a span fixes the range until "Whole run" is pressed again.
import { create } from 'zustand';
import { useRunStore } from '../run/runStore';

/** Seconds "Last 60 s" shows. */
export const LAST_SEC = 60;
/** The narrowest span one can zoom to, in seconds. */
export const MIN_SPAN_SEC = 5;
/** The whole-run view never shows less than this, so a run's first seconds are not stretched wide. */
export const MIN_WHOLE_SEC = 10;

export type RangeMode = { kind: 'whole' } | { kind: 'last' } | { kind: 'fixed'; from: number; to: number };

/** The [from, to] seconds that `mode` shows when the run is at `nowSec`. */
export function rangeOf(mode: RangeMode, nowSec: number): [number, number] {
  const now = Math.max(0, nowSec);
  if (mode.kind === 'whole') return [0, Math.max(now, MIN_WHOLE_SEC)];
  if (mode.kind === 'last') {
    const end = Math.max(now, LAST_SEC);
    return [end - LAST_SEC, end];
  }
  return [mode.from, mode.to];
}

/** The furthest the range may reach: the run so far, or the first seconds before there are any. */
const limitOf = (nowSec: number) => Math.max(nowSec, MIN_WHOLE_SEC);

/**
 * A fixed range of [from, to] kept inside 0..now and at least MIN_SPAN_SEC wide; the whole run
 * (which then follows the clock again) when it covers all of it.
 */
export function clampRange(from: number, to: number, nowSec: number): RangeMode {
  const limit = limitOf(nowSec);
  const span = Math.max(MIN_SPAN_SEC, Math.abs(to - from));
  if (span >= limit) return { kind: 'whole' };
  let start = Math.min(from, to);
  if (start < 0) start = 0;
  if (start + span > limit) start = limit - span;
  return { kind: 'fixed', from: start, to: start + span };
}

/** Zooms by `factor` (below 1: in) keeping second `at` where it is on screen. */
export function zoomRange(mode: RangeMode, nowSec: number, factor: number, at?: number): RangeMode {
  const [from, to] = rangeOf(mode, nowSec);
  const centre = at ?? (from + to) / 2;
  return clampRange(centre - (centre - from) * factor, centre + (to - centre) * factor, nowSec);
}

/** Moves the range by `fraction` of its width (negative: back in time). */
export function panRange(mode: RangeMode, nowSec: number, fraction: number): RangeMode {
  const [from, to] = rangeOf(mode, nowSec);
  const shift = (to - from) * fraction;
  const limit = limitOf(nowSec);
  const span = to - from;
  const start = Math.min(Math.max(0, from + shift), Math.max(0, limit - span));
  if (span >= limit) return mode;
  return { kind: 'fixed', from: start, to: start + span };
}

interface TimeRangeState {
  mode: RangeMode;
  /** The simulated second under the pointer on any chart, or null. */
  hoverSec: number | null;
}

export const useTimeRange = create<TimeRangeState>()(() => ({ mode: { kind: 'whole' }, hoverSec: null }));

const nowSec = () => useRunStore.getState().simMs / 1000;

export const timeRangeActions = {
  wholeRun: () => useTimeRange.setState({ mode: { kind: 'whole' } }),
  lastMinute: () => useTimeRange.setState({ mode: { kind: 'last' } }),
  select: (from: number, to: number) => useTimeRange.setState({ mode: clampRange(from, to, nowSec()) }),
  zoom: (factor: number, at?: number) =>
    useTimeRange.setState((s) => ({ mode: zoomRange(s.mode, nowSec(), factor, at) })),
  pan: (fraction: number) => useTimeRange.setState((s) => ({ mode: panRange(s.mode, nowSec(), fraction) })),
  hover: (sec: number | null) => {
    if (useTimeRange.getState().hoverSec !== sec) useTimeRange.setState({ hoverSec: sec });
  },
};

// A new run (the rows start again from none) shows the whole run again.
useRunStore.subscribe((s, prev) => {
  if (s.rows.length === 0 && prev.rows.length > 0)
    useTimeRange.setState({ mode: { kind: 'whole' }, hoverSec: null });
});
