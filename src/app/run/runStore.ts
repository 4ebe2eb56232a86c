// State of the simulation run as the UI sees it. The run controller (worker client) writes it;
// the canvas, the charts and the controls read it.
import { create } from 'zustand';
import type { LiveSnapshot } from './live';

export type RunStatus = 'idle' | 'running' | 'paused' | 'finished' | 'error';

export interface RunState {
  status: RunStatus;
  /** The latest per-node view of the run, or null before the first frame. */
  live: LiveSnapshot | null;
}

export const useRunStore = create<RunState>()(() => ({
  status: 'idle',
  live: null,
}));
