// What one node shows besides its settings: its live rate, whether it is the bottleneck, and whether
// it is invalid. Each part is a narrow selector, so a live frame re-renders only nodes whose numbers
// changed and never re-derives the graph.
import { useDocumentStore } from '../../store/documentStore';
import { useRunStore } from '../../run/runStore';
import { invalidSummary, useInvalidFields } from '../invalidFields';
import { firstError } from '../problems';

export interface NodeStatus {
  bottleneck: string | undefined;
  /** A field in the inspector holds a refused value, or the document check reports an error. */
  invalid: string | undefined;
}

export function useNodeStatus(id: string): NodeStatus {
  const bottleneck = useRunStore((s) => s.live?.nodes[id]?.bottleneck);
  const fieldProblem = useInvalidFields((s) => invalidSummary(s.byNode[id]));
  const graphProblem = useDocumentStore((s) => firstError(s.doc, id));
  return { bottleneck, invalid: fieldProblem ?? graphProblem };
}

/** What a node's live line shows; each field its own selector, as above. */
export function useLiveReading(id: string) {
  // A frame at 0 s (a loaded run that has not moved yet) says nothing worth showing on the canvas.
  const shown = (s: ReturnType<typeof useRunStore.getState>) =>
    s.live && s.live.simMs > 0 ? s.live : undefined;
  const recordsPerSec = useRunStore((s) => shown(s)?.nodes[id]?.recordsPerSec);
  const rateWindowSec = useRunStore((s) => shown(s)?.nodes[id]?.rateWindowSec);
  const lag = useRunStore((s) => shown(s)?.nodes[id]?.lag);
  const reading = useRunStore((s) => shown(s)?.nodes[id]?.reading);
  const sinkBusy = useRunStore((s) => shown(s)?.nodes[id]?.sinkBusy);
  const failedOver = useRunStore((s) => shown(s)?.nodes[id]?.failedOver);
  const kind = useDocumentStore((s) => (s.doc.sparkJobs.some((j) => j.id === id) ? 'job' : 'other'));
  return { recordsPerSec, rateWindowSec, lag, reading, sinkBusy, failedOver, kind };
}
