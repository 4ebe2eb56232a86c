// What one node shows besides its settings: its live rate, whether it is the bottleneck, and whether
// it is invalid. Each part is a narrow selector, so a live frame re-renders only nodes whose numbers
// changed and never re-derives the graph.
import { useDocumentStore } from '../../store/documentStore';
import { useRunStore } from '../../run/runStore';
import { invalidSummary, useInvalidFields } from '../invalidFields';
import { firstError } from '../problems';

export interface NodeStatus {
  recordsPerSec: number | undefined;
  lag: number | undefined;
  bottleneck: string | undefined;
  /** A field in the inspector holds a refused value, or the document check reports an error. */
  invalid: string | undefined;
}

export function useNodeStatus(id: string): NodeStatus {
  // A frame at 0 s (a loaded run that has not moved yet) says nothing worth showing on the canvas.
  const recordsPerSec = useRunStore((s) =>
    s.live && s.live.simMs > 0 ? s.live.nodes[id]?.recordsPerSec : undefined,
  );
  const lag = useRunStore((s) => (s.live && s.live.simMs > 0 ? s.live.nodes[id]?.lag : undefined));
  const bottleneck = useRunStore((s) => s.live?.nodes[id]?.bottleneck);
  const fieldProblem = useInvalidFields((s) => invalidSummary(s.byNode[id]));
  const graphProblem = useDocumentStore((s) => firstError(s.doc, id));
  return { recordsPerSec, lag, bottleneck, invalid: fieldProblem ?? graphProblem };
}
