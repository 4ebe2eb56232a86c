// Settings of the selected node; the pipeline's own settings when nothing is selected.
import { useLayoutEffect, useMemo, useRef } from 'react';
import { InspectorLessonNote } from '../lessons/InspectorLessonNote';
import { useDocumentStore } from '../store/documentStore';
import { deleteSelection, duplicateSelection } from './canvasActions';
import { findEntity } from './entities';
import { NodeInspector } from './inspector/NodeInspector';
import { PipelineSettings } from './inspector/PipelineSettings';

/**
 * What the inspector is showing: the selected nodes of one loaded document. When it changes (another
 * node, no node, an example, a lesson or a file opened) the pane starts again at its top; edits of
 * what is shown keep the key, so typing in a field never moves the pane.
 */
export const inspectorViewKey = (selection: readonly string[], generation: number): string =>
  `${generation}\u0000${selection.join('\u0000')}`;

export function Inspector() {
  const selection = useDocumentStore((s) => s.selection);
  const doc = useDocumentStore((s) => s.doc);
  const generation = useDocumentStore((s) => s.generation);
  const first = selection.length === 1 ? selection[0] : undefined;
  const only = useMemo(() => (first ? findEntity(doc, first) : undefined), [doc, first]);
  const ref = useRef<HTMLDivElement>(null);
  const viewKey = inspectorViewKey(selection, generation);
  useLayoutEffect(() => {
    // The pane that scrolls is the side pane around the inspector.
    const pane = ref.current?.parentElement;
    if (pane) pane.scrollTop = 0;
  }, [viewKey]);
  return (
    <div className="sl-inspector" data-testid="inspector" ref={ref}>
      <InspectorLessonNote />
      {selection.length > 1 ? (
        <div className="sl-inspector-node" data-testid="inspector-multi">
          <header className="sl-inspector-head">
            <div>
              <div className="sl-inspector-kind">Selection</div>
              <h2 className="sl-inspector-title">{selection.length} nodes selected</h2>
              <div className="sl-muted">Select one node to edit its settings.</div>
            </div>
          </header>
          <div className="sl-button-row">
            <button type="button" data-testid="inspector-duplicate" onClick={duplicateSelection}>
              Duplicate all
            </button>
            <button type="button" data-testid="inspector-delete" onClick={deleteSelection}>
              Delete all
            </button>
          </div>
        </div>
      ) : only ? (
        <NodeInspector key={only.value.id} entityRef={only} />
      ) : (
        <PipelineSettings />
      )}
    </div>
  );
}
