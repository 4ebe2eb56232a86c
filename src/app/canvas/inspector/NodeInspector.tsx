// The inspector for one selected node: its settings by kind, what the document check says about it,
// and the actions that only make sense for it (move a stage, choose a broker preset).
import {
  HARDWARE_PRESETS,
  HARDWARE_PRESET_NAMES,
  hardwareFromPreset,
  type HardwarePresetName,
} from '../../../model';
import { useDocumentStore } from '../../store/documentStore';
import { duplicateSelection, removeNode, shiftStage } from '../canvasActions';
import { canMoveStage } from '../editing';
import { displayName, replaceEntity, findEntity, type EntityRef } from '../entities';
import { KIND_LABELS, STAGE_LABELS } from '../flowView';
import type { InspectedKind } from '../fieldInfo';
import { entityPath, fieldPath } from '../../lessons/fieldPaths';
import { useMayChange } from '../../lessons/lessonMode';
import type { FieldInfo } from '../fieldInfo';
import { heldCalibrationWarning } from '../../../measured/throttle';
import { CalibrationNote } from './CalibrationNote';
import { ConnectionsEditor } from './ConnectionsEditor';
import { FieldList } from './FieldList';
import { LagTable } from './LagTable';
import { RestoreNote } from './RestoreNote';
import { MirrorPanel } from './MirrorPanel';
import { ProblemList } from './ProblemList';
import { ProduceRequests } from './ProduceRequests';
import { KeysEditor, ScheduleEditor } from './producerEditors';

const kindOf = (ref: EntityRef): InspectedKind =>
  ref.kind === 'sparkStage' ? `stage:${ref.value.kind}` : ref.kind;

function kindLabel(ref: EntityRef): string {
  if (ref.kind === 'sparkStage') return `${STAGE_LABELS[ref.value.kind]} stage`;
  if (ref.kind === 'broker') return 'Broker';
  return KIND_LABELS[ref.kind];
}

/** Writes a new version of the node `id`, found afresh in whatever the document is by then. */
function commitEntity(id: string) {
  return (next: EntityRef['value'], mergeKey: string) =>
    useDocumentStore.getState().change((doc) => {
      const ref = findEntity(doc, id);
      return ref ? replaceEntity(doc, ref, next) : doc;
    }, mergeKey);
}

export function NodeInspector({ entityRef }: { entityRef: EntityRef }) {
  const ref = entityRef;
  const id = ref.value.id;
  const commit = commitEntity(id);
  const brokerCount = useDocumentStore((s) => s.doc.cluster.brokers.length);
  const base = entityPath(ref);
  const pathOf = (f: FieldInfo) => fieldPath(base, f.path);
  // An open lesson may keep the nodes as they are: no duplicating or removing then.
  const list =
    ref.kind === 'sparkStage' ? `sparkJobs[${ref.job.id}].stages` : base.replace(/\[[^\]]*\]$/, '');
  const structural = useMayChange(list);
  const removeLabel =
    ref.kind === 'sparkStage' ? 'Remove stage' : ref.kind === 'broker' ? 'Remove broker' : 'Delete';

  return (
    <div className="sl-inspector-node" data-testid={`inspector-${id}`}>
      <header className="sl-inspector-head">
        <div>
          <div className="sl-inspector-kind">{kindLabel(ref)}</div>
          <h2 className="sl-inspector-title" data-testid="inspector-title">
            {'name' in ref.value ? displayName(ref.value) : id}
          </h2>
          <div className="sl-muted">
            id <code>{id}</code>
          </div>
        </div>
        <div className="sl-button-row">
          <button
            type="button"
            data-testid="inspector-duplicate"
            onClick={duplicateSelection}
            disabled={!structural}
          >
            Duplicate
          </button>
          <button
            type="button"
            data-testid="inspector-delete"
            onClick={() => removeNode(id)}
            disabled={!structural || (ref.kind === 'broker' && brokerCount <= 1)}
          >
            {removeLabel}
          </button>
        </div>
      </header>
      {ref.kind === 'sparkStage' && <StageControls entityRef={ref} />}
      <ProblemList id={id} />
      {ref.kind !== 'sparkStage' && ref.kind !== 'broker' && <ConnectionsEditor id={id} />}
      {ref.kind === 'mirrorMaker' && <MirrorPanel mirror={ref.value} />}
      {(ref.kind === 'consumerGroup' || ref.kind === 'sparkJob') && (
        <LagTable id={id} spark={ref.kind === 'sparkJob'} />
      )}
      {(ref.kind === 'consumerGroup' || ref.kind === 'sparkJob') && (
        <RestoreNote id={id} spark={ref.kind === 'sparkJob'} />
      )}
      {ref.kind === 'producer' && <ProduceRequests id={id} />}
      {ref.kind === 'producer' ? (
        <FieldList
          key={id}
          ownerId={id}
          kind="producer"
          entity={ref.value}
          onCommit={commit}
          pathOf={pathOf}
          extras={{
            Traffic: (
              <>
                <ScheduleEditor producer={ref.value} onCommit={commit} />
                <KeysEditor producer={ref.value} onCommit={commit} />
              </>
            ),
            'Client cost': (
              <CalibrationNote
                note={ref.value.calibration}
                warning={heldCalibrationWarning(ref.value)}
                current={
                  ref.value.calibration?.setting.endsWith('.clientCostPerRecordUs')
                    ? ref.value.clientCostPerRecordUs
                    : undefined
                }
              />
            ),
          }}
        />
      ) : (
        <FieldList
          key={id}
          ownerId={id}
          kind={kindOf(ref)}
          entity={ref.value}
          onCommit={commit}
          pathOf={pathOf}
          extras={
            ref.kind === 'broker'
              ? { Hardware: <PresetPicker entityRef={ref} /> }
              : ref.kind === 'sparkStage'
                ? {
                    '': (
                      <CalibrationNote
                        note={ref.value.calibration}
                        current={'costPerRecordUs' in ref.value ? ref.value.costPerRecordUs : undefined}
                      />
                    ),
                  }
                : {}
          }
        />
      )}
    </div>
  );
}

function StageControls({ entityRef }: { entityRef: Extract<EntityRef, { kind: 'sparkStage' }> }) {
  const { job, index, value } = entityRef;
  return (
    <div className="sl-stage-controls">
      <p className="sl-muted">
        Stage {index + 1} of {job.stages.length} in Spark job <code>{job.id}</code>
      </p>
      <div className="sl-button-row">
        <button
          type="button"
          data-testid="stage-move-up"
          disabled={!canMoveStage(job.stages, index, -1)}
          onClick={() => shiftStage(value.id, -1)}
        >
          Move up
        </button>
        <button
          type="button"
          data-testid="stage-move-down"
          disabled={!canMoveStage(job.stages, index, 1)}
          onClick={() => shiftStage(value.id, 1)}
        >
          Move down
        </button>
        <button
          type="button"
          data-testid="stage-select-job"
          onClick={() => useDocumentStore.getState().setSelection([job.id])}
        >
          Select job
        </button>
      </div>
    </div>
  );
}

function PresetPicker({ entityRef }: { entityRef: Extract<EntityRef, { kind: 'broker' }> }) {
  const broker = entityRef.value;
  const id = `preset-${broker.id}`;
  return (
    <div className="sl-field">
      <label htmlFor={id} className="sl-field-name">
        hardware preset
      </label>
      <div className="sl-field-control">
        <select
          id={id}
          data-testid="field-hardware.preset"
          value={broker.hardware.preset ?? ''}
          aria-describedby={`${id}-help`}
          onChange={(e) => {
            if (!e.target.value) return;
            const hardware = hardwareFromPreset(e.target.value as HardwarePresetName);
            commitEntity(broker.id)({ ...broker, hardware }, `preset:${broker.id}`);
          }}
        >
          <option value="">custom numbers</option>
          {HARDWARE_PRESET_NAMES.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <div id={`${id}-help`} className="sl-field-help">
        {broker.hardware.preset
          ? HARDWARE_PRESETS[broker.hardware.preset].label
          : 'Pick a typical machine, or set the numbers below.'}
      </div>
    </div>
  );
}
