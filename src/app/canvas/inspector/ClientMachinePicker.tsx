// The machine clients run on when they name no host of their own (cluster.clientHardware): the same
// as the first broker, or a preset. Producers and consumer group members each get one such machine;
// Spark executors too, unless their job says otherwise.
import {
  HARDWARE_PRESETS,
  HARDWARE_PRESET_NAMES,
  hardwareFromPreset,
  type HardwarePresetName,
} from '../../../model';
import { useDocumentStore } from '../../store/documentStore';

const SAME = 'same as the brokers';

export function ClientMachinePicker() {
  const clientHardware = useDocumentStore((s) => s.doc.cluster.clientHardware);
  const value = clientHardware ? (clientHardware.preset ?? 'custom') : '';
  return (
    <div className="sl-field">
      <label htmlFor="client-hardware" className="sl-field-name">
        cluster.clientHardware
      </label>
      <div className="sl-field-control">
        <select
          id="client-hardware"
          data-testid="field-cluster.clientHardware"
          value={value}
          aria-describedby="client-hardware-help"
          onChange={(e) => {
            const name = e.target.value;
            useDocumentStore.getState().change((doc) => {
              const { clientHardware: _old, ...rest } = doc.cluster;
              const cluster = name
                ? { ...rest, clientHardware: hardwareFromPreset(name as HardwarePresetName) }
                : rest;
              return { ...doc, cluster };
            }, 'clientHardware');
          }}
        >
          <option value="">{SAME}</option>
          {value === 'custom' && <option value="custom">custom numbers (from the file)</option>}
          {HARDWARE_PRESET_NAMES.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <div id="client-hardware-help" className="sl-field-help">
        The machine each producer, consumer and Spark executor runs on: its cores pay per record, its network
        card carries what it sends and reads.{' '}
        {clientHardware?.preset ? HARDWARE_PRESETS[clientHardware.preset].label : ''}
      </div>
    </div>
  );
}
