// The guide's state, shared by the guide card and the Guide button. The step logic is the pure
// reducer in guideLogic.ts; this store adds what it cannot do: reading the app's stores and
// remembering in browser storage that the guide was finished or skipped.
import { create } from 'zustand';
import { isBrokerDownAt } from '../faults/timeline';
import { useRunStore, type RunState } from '../run/runStore';
import { useDocumentStore, type DocumentState } from '../store/documentStore';
import {
  DONE,
  guideReducer,
  initialGuideState,
  type GuideAction,
  type GuideState,
  type Observation,
} from './guideLogic';
import { guideStorage, markGuideSeen } from './guideStorage';

/** What the guide can see of the app, from the document and run stores. */
export function observe(
  docState: Pick<DocumentState, 'doc' | 'generation'>,
  run: Pick<RunState, 'status' | 'simMs'>,
): Observation {
  const { faults, cluster } = docState.doc;
  const tSec = run.simMs / 1000;
  let brokersDown = 0;
  for (const b of cluster.brokers) if (isBrokerDownAt(faults, b.id, tSec)) brokersDown++;
  return {
    generation: docState.generation,
    status: run.status,
    simMs: run.simMs,
    brokersDown,
    faultStartsSec: faults.map((f) => f.atSec),
  };
}

const observeNow = () => observe(useDocumentStore.getState(), useRunStore.getState());

interface GuideStore {
  state: GuideState;
  dispatch(action: GuideAction): void;
  /** Opens the guide at its first step. */
  openGuide(): void;
  /** Closes it and remembers not to open it by itself again. */
  skip(): void;
}

export const useGuideStore = create<GuideStore>()((set, get) => ({
  state: initialGuideState(),
  dispatch(action) {
    const before = get().state;
    const after = guideReducer(before, action);
    if (after === before) return;
    set({ state: after });
    // Reaching the end counts as seen at once, so a reload after the last step shows no guide.
    if (after.step === DONE && before.step !== DONE) markGuideSeen(guideStorage(), 'finished');
  },
  openGuide() {
    get().dispatch({ type: 'observe', obs: observeNow() });
    get().dispatch({ type: 'open' });
  },
  skip() {
    const { state } = get();
    markGuideSeen(guideStorage(), state.step === DONE ? 'finished' : 'skipped');
    get().dispatch({ type: 'close' });
  },
}));

/** Feeds the reducer what the app does while the guide is open; returns a function that stops it. */
export function watchApp(): () => void {
  const push = () => useGuideStore.getState().dispatch({ type: 'observe', obs: observeNow() });
  const stopDoc = useDocumentStore.subscribe((s, prev) => {
    if (s.doc !== prev.doc || s.generation !== prev.generation) push();
  });
  const stopRun = useRunStore.subscribe((s, prev) => {
    if (s.status !== prev.status || s.simMs !== prev.simMs) push();
  });
  push();
  return () => {
    stopDoc();
    stopRun();
  };
}
