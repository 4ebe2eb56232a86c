// The fault timeline of the document: what goes wrong during the run and when. Faults are part of
// the document, so they are undoable and travel with files and share links. Adding a fault that
// starts at or after the current simulated time reaches a running simulation without a restart.
import { useCallback, useState } from 'react';
import type { Fault } from '../../model';
import { useRunStore } from '../run/runStore';
import { useDocumentStore } from '../store/documentStore';
import { draftFromFault, newDraft, type FaultDraft } from './faultForm';
import { FaultForm } from './FaultForm';
import { FaultTimeline } from './FaultTimeline';
import { faultTimeFromSimMs } from './liveApply';
import './faults.css';

type Editing = { draft: FaultDraft; index: number | undefined; key: number } | null;

export function FaultsPanel() {
  const faults = useDocumentStore((s) => s.doc.faults);
  const durationSec = useDocumentStore((s) => s.doc.run.durationSec);
  const [editing, setEditing] = useState<Editing>(null);

  const startAdd = () => {
    const { doc } = useDocumentStore.getState();
    const { status, simMs } = useRunStore.getState();
    const at = status === 'idle' ? 0 : faultTimeFromSimMs(simMs);
    setEditing({ draft: newDraft('brokerDown', doc, at), index: undefined, key: Date.now() });
  };
  const startEdit = useCallback((index: number) => {
    const fault = useDocumentStore.getState().doc.faults[index];
    if (fault) setEditing({ draft: draftFromFault(fault), index, key: Date.now() });
  }, []);
  const remove = useCallback((index: number) => {
    useDocumentStore.getState().change((d) => ({ ...d, faults: d.faults.filter((_, i) => i !== index) }));
    setEditing((e) => (e && e.index !== undefined && e.index >= index ? null : e));
  }, []);
  const save = (fault: Fault) => {
    const index = editing?.index;
    useDocumentStore.getState().change((d) => ({
      ...d,
      faults: index === undefined ? [...d.faults, fault] : d.faults.map((f, i) => (i === index ? fault : f)),
    }));
    setEditing(null);
  };

  return (
    <section className="faults-panel" aria-labelledby="faults-title" data-testid="faults-panel">
      <header className="faults-header">
        <h2 id="faults-title">
          Faults <span className="faults-count">{faults.length}</span>
        </h2>
        <p className="faults-intro">
          What goes wrong during the run, and when. Saved with the pipeline, so links and files replay it.
        </p>
        <button type="button" data-testid="fault-add" onClick={startAdd} disabled={editing !== null}>
          + Add fault
        </button>
      </header>
      {editing && (
        <FaultForm
          key={editing.key}
          initial={editing.draft}
          index={editing.index}
          onSave={save}
          onCancel={() => setEditing(null)}
        />
      )}
      {faults.length === 0 ? (
        <p className="faults-empty" data-testid="faults-empty">
          No faults: the run goes as planned. Add one to see how the pipeline copes, or kill a broker from the
          cluster strip while it runs.
        </p>
      ) : (
        <FaultTimeline
          faults={faults}
          durationSec={durationSec}
          editing={editing?.index}
          onEdit={startEdit}
          onRemove={remove}
        />
      )}
    </section>
  );
}
