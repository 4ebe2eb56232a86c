// The selected node's connections as a list with remove buttons, and a menu to add one. Everything
// the handles do, reachable by keyboard; the same rules refuse the same connections.
import { useMemo } from 'react';
import { nodeKinds } from '../../../model';
import { useDocumentStore } from '../../store/documentStore';
import { connectNodes } from '../canvasActions';
import { refuseConnection } from '../connections';
import { deleteEdges } from '../editing';

export function ConnectionsEditor({ id }: { id: string }) {
  const doc = useDocumentStore((s) => s.doc);
  const { incoming, outgoing, candidates } = useMemo(() => {
    const kinds = nodeKinds(doc);
    const options: { value: string; label: string }[] = [];
    for (const [other, kind] of kinds) {
      if (kind === 'broker' || kind === 'sparkStage' || other === id) continue;
      if (!refuseConnection(doc, id, other)) options.push({ value: `out:${other}`, label: `to ${other}` });
      if (!refuseConnection(doc, other, id)) options.push({ value: `in:${other}`, label: `from ${other}` });
    }
    return {
      incoming: doc.edges.filter((e) => e.to === id),
      outgoing: doc.edges.filter((e) => e.from === id),
      candidates: options,
    };
  }, [doc, id]);

  const remove = (from: string, to: string) =>
    useDocumentStore.getState().change((d) => deleteEdges(d, [{ from, to }]));
  const selectId = `connect-${id}`;

  return (
    <details className="sl-section" open data-testid="connections">
      <summary>Connections</summary>
      <ul className="sl-connections">
        {[
          ...incoming.map((e) => ({ e, label: `from ${e.from}` })),
          ...outgoing.map((e) => ({ e, label: `to ${e.to}` })),
        ].map(({ e, label }) => (
          <li key={`${e.from}->${e.to}`}>
            <span>{label}</span>
            <button
              type="button"
              className="sl-link-button"
              aria-label={`Remove the connection ${label}`}
              onClick={() => remove(e.from, e.to)}
            >
              Remove
            </button>
          </li>
        ))}
        {incoming.length + outgoing.length === 0 && <li className="sl-muted">Not connected yet.</li>}
      </ul>
      <div className="sl-field">
        <label htmlFor={selectId} className="sl-field-name">
          connect
        </label>
        <div className="sl-field-control">
          <select
            id={selectId}
            data-testid="connect-select"
            value=""
            disabled={candidates.length === 0}
            onChange={(e) => {
              const [direction, other] = e.target.value.split(/:(.*)/s);
              if (!other) return;
              if (direction === 'out') connectNodes(id, other);
              else connectNodes(other, id);
            }}
          >
            <option value="">
              {candidates.length ? 'Add a connection…' : 'Nothing can be connected here'}
            </option>
            {candidates.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <div className="sl-field-help">The same as dragging from one handle to another on the canvas.</div>
      </div>
    </details>
  );
}
