// The first-visit guide's step logic, kept pure so it can be tested without a browser: an
// observation is what the guide can see of the app (the document and the run), and the reducer
// moves from step to step when the person does what a step asks, or presses Next, Back or Skip.
import type { RunStatus } from '../run/runStore';

/** The guide's steps, in order. `done` is the closing card once the last one is met. */
export const STEPS = ['example', 'run', 'break', 'lag'] as const;
export type StepId = (typeof STEPS)[number];
export const DONE = STEPS.length;

/** How long to watch after a broker breaks before the lag step counts as read, in simulated ms. */
export const LAG_WATCH_MS = 20_000;

/** What the guide can see of the app at one moment. */
export interface Observation {
  /** The document store's replaceDocument counter: it goes up when a new pipeline is opened. */
  generation: number;
  status: RunStatus;
  simMs: number;
  /** How many brokers the fault timeline has down at `simMs`. */
  brokersDown: number;
  /** Each fault's start, in the document's order (new faults are appended at the end). */
  faultStartsSec: readonly number[];
}

export interface GuideState {
  open: boolean;
  /** 0..STEPS.length-1, or DONE. */
  step: number;
  /** False after Back: a step visited again waits for Next instead of completing by itself. */
  auto: boolean;
  /** What the app looked like when the current step began; steps compare against it. */
  entry: Observation;
  /** The latest observation (so Next and Back know "now"). */
  last: Observation;
  /** Simulated time at which the lag step has been watched long enough, or null before that step. */
  lagUntilMs: number | null;
  /** Steps left with Next before they were done (shown as skipped, not as done). */
  skipped: readonly number[];
}

export type GuideAction =
  | { type: 'open' }
  | { type: 'observe'; obs: Observation }
  | { type: 'next' }
  | { type: 'back' }
  | { type: 'close' };

export const idleObservation: Observation = {
  generation: 0,
  status: 'idle',
  simMs: 0,
  brokersDown: 0,
  faultStartsSec: [],
};

export function initialGuideState(obs: Observation = idleObservation, open = false): GuideState {
  return { open, step: 0, auto: true, entry: obs, last: obs, lagUntilMs: null, skipped: [] };
}

/** Whether the person has done what `step` asks, since `entry` (when the step began). */
export function stepMet(
  step: number,
  entry: Observation,
  now: Observation,
  lagUntilMs: number | null,
): boolean {
  switch (STEPS[step]) {
    case 'example':
      return now.generation > entry.generation;
    case 'run':
      return now.status === 'running' || now.status === 'finished' || now.simMs > entry.simMs;
    case 'break':
      return now.brokersDown > 0 || now.faultStartsSec.length > entry.faultStartsSec.length;
    case 'lag':
      return now.status === 'finished' || (lagUntilMs !== null && now.simMs >= lagUntilMs);
    default:
      return false;
  }
}

/**
 * When the break happened, as the lag step sees it: now if a broker is down, else the earliest
 * fault added during the break step, else the next planned fault, else now.
 */
export function breakTimeMs(breakEntry: Observation, now: Observation): number {
  if (now.brokersDown > 0) return now.simMs;
  const added = now.faultStartsSec.slice(breakEntry.faultStartsSec.length);
  if (added.length > 0) return Math.min(...added) * 1000;
  const ahead = now.faultStartsSec.filter((s) => s * 1000 >= now.simMs);
  if (ahead.length > 0) return Math.min(...ahead) * 1000;
  return now.simMs;
}

/** On to the next step; `skipping`: the step left was not done (Next pressed before it was met). */
function forward(state: GuideState, now: Observation, skipping = false): GuideState {
  const step = Math.min(DONE, state.step + 1);
  const lagUntilMs = STEPS[step] === 'lag' ? breakTimeMs(state.entry, now) + LAG_WATCH_MS : state.lagUntilMs;
  const others = state.skipped.filter((s) => s !== state.step);
  const skipped = skipping ? [...others, state.step] : others;
  return { ...state, step, auto: true, entry: now, last: now, lagUntilMs, skipped };
}

/** Moves on through every step that is already met (opening an example while running, say). */
function settle(state: GuideState): GuideState {
  let s = state;
  while (s.open && s.auto && s.step < DONE && stepMet(s.step, s.entry, s.last, s.lagUntilMs))
    s = forward(s, s.last);
  return s;
}

export function guideReducer(state: GuideState, action: GuideAction): GuideState {
  switch (action.type) {
    case 'open':
      // Always from the first step, compared with the app as it is now.
      return initialGuideState(state.last, true);
    case 'close':
      return state.open ? { ...state, open: false } : state;
    case 'observe':
      if (!state.open) return { ...state, last: action.obs };
      return settle({ ...state, last: action.obs });
    case 'next': {
      if (!state.open || state.step >= DONE) return state;
      const met = stepMet(state.step, state.entry, state.last, state.lagUntilMs);
      return settle(forward(state, state.last, !met));
    }
    case 'back':
      if (!state.open || state.step === 0) return state;
      return {
        ...state,
        step: state.step - 1,
        auto: false,
        entry: state.last,
        lagUntilMs: state.step - 1 < STEPS.indexOf('lag') ? null : state.lagUntilMs,
      };
  }
}
