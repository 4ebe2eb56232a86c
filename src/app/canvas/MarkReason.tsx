// Why a selected node is marked (Bottleneck or Outage), in words at the foot of the canvas: the
// node's own badge only has room for the word, and its tooltip needs a pointer that can hover,
// which a phone has not. Drawn over the canvas, not in it, so zooming out does not shrink it.
import { Panel } from '@xyflow/react';
import { useRunStore } from '../run/runStore';
import { useDocumentStore } from '../store/documentStore';

export function MarkReason() {
  const selected = useDocumentStore((s) => (s.selection.length === 1 ? s.selection[0] : undefined));
  const mark = useRunStore((s) => (selected ? s.live?.nodes[selected]?.bottleneck : undefined));
  if (!selected || !mark) return null;
  const outage = mark.startsWith('Outage:');
  return (
    <Panel position="bottom-center" className={`sl-mark-reason${outage ? ' is-outage' : ''}`}>
      <div role="status" data-testid="mark-reason">
        <b>{selected}</b> · {outage ? mark : `Bottleneck: ${mark}`}
      </div>
    </Panel>
  );
}
