// The parts of a producer that are more than one value: its rate schedule (steps and spikes, the way
// to "break it with a traffic spike") and its key model.
import type { KeyModel, Producer } from '../../../model';
import { useFieldLock } from '../../lessons/lessonMode';
import type { FieldInfo } from '../fieldInfo';
import { FieldRow, LockBadge } from './FieldRow';

type Step = Extract<Producer['rate']['schedule'][number], { kind: 'step' }>;
type Spike = Extract<Producer['rate']['schedule'][number], { kind: 'spike' }>;

interface Props {
  producer: Producer;
  onCommit(next: Producer, mergeKey: string): void;
}

const scheduleField = (i: number, key: string, unit: string, help: string): FieldInfo => ({
  path: ['rate', 'schedule', String(i), key],
  name: `schedule[${i}].${key}`,
  unit,
  help,
  input: { type: 'number' },
});

export function ScheduleEditor({ producer, onCommit }: Props) {
  const schedule = producer.rate.schedule;
  const schedulePath = `producers[${producer.id}].rate.schedule`;
  const lock = useFieldLock(schedulePath);
  const setSchedule = (next: Producer['rate']['schedule']) =>
    onCommit(
      { ...producer, rate: { ...producer.rate, schedule: next } },
      `schedule:${producer.id}:${next.length}`,
    );
  const lastAt = schedule.reduce((m, c) => Math.max(m, c.atSec), 0);
  const addSpike = () => {
    const spike: Spike = { kind: 'spike', atSec: lastAt + 30, durationSec: 30, factor: 5 };
    setSchedule([...schedule, spike]);
  };
  const addStep = () => {
    const step: Step = { kind: 'step', atSec: lastAt + 30, recordsPerSec: producer.rate.recordsPerSec * 2 };
    setSchedule([...schedule, step]);
  };
  return (
    <fieldset
      className="sl-schedule sl-plain-fieldset"
      data-testid="schedule"
      disabled={lock.locked}
      title={lock.locked ? `Locked in this lesson: ${lock.why}` : undefined}
    >
      <div className="sl-subhead">Rate changes over time{lock.locked && <LockBadge />}</div>
      {schedule.length === 0 && <p className="sl-muted">None: the rate stays at rate.recordsPerSec.</p>}
      {schedule.map((change, i) => (
        <div key={i} className="sl-schedule-row">
          <div className="sl-schedule-title">
            {change.kind === 'spike' ? 'Spike' : 'Step'} {i + 1}
            <button
              type="button"
              className="sl-link-button"
              data-testid={`schedule-remove-${i}`}
              aria-label={`Remove ${change.kind} ${i + 1}`}
              onClick={() => setSchedule(schedule.filter((_, j) => j !== i))}
            >
              Remove
            </button>
          </div>
          <FieldRow
            ownerId={producer.id}
            kind="producer"
            entity={producer}
            field={scheduleField(i, 'atSec', 's', 'Simulated second at which this change starts.')}
            defaultValue={undefined}
            onCommit={onCommit}
          />
          {change.kind === 'spike' ? (
            <>
              <FieldRow
                ownerId={producer.id}
                kind="producer"
                entity={producer}
                field={scheduleField(i, 'durationSec', 's', 'How long the spike lasts.')}
                defaultValue={undefined}
                onCommit={onCommit}
              />
              <FieldRow
                ownerId={producer.id}
                kind="producer"
                entity={producer}
                field={scheduleField(i, 'factor', '×', 'The rate is multiplied by this during the spike.')}
                defaultValue={undefined}
                onCommit={onCommit}
              />
            </>
          ) : (
            <FieldRow
              ownerId={producer.id}
              kind="producer"
              entity={producer}
              field={scheduleField(i, 'recordsPerSec', 'records/s', 'The new base rate from then on.')}
              defaultValue={undefined}
              onCommit={onCommit}
            />
          )}
        </div>
      ))}
      <div className="sl-button-row">
        <button
          type="button"
          data-testid="schedule-add-spike"
          onClick={addSpike}
          disabled={schedule.length >= 1000}
        >
          Add spike
        </button>
        <button
          type="button"
          data-testid="schedule-add-step"
          onClick={addStep}
          disabled={schedule.length >= 1000}
        >
          Add step
        </button>
      </div>
    </fieldset>
  );
}

const KEY_MODELS: Record<KeyModel['kind'], { label: string; create: () => KeyModel }> = {
  null: { label: 'no key (sticky partitioner)', create: () => ({ kind: 'null' }) },
  uniform: { label: 'uniform over N keys', create: () => ({ kind: 'uniform', count: 1000 }) },
  zipf: { label: 'zipf: a few hot keys', create: () => ({ kind: 'zipf', count: 1000, exponent: 1 }) },
};

const keyField = (key: 'count' | 'exponent'): FieldInfo =>
  key === 'count'
    ? {
        path: ['keys', 'count'],
        name: 'keys.count',
        unit: 'keys',
        help: 'How many distinct keys records carry; a key always goes to the same partition.',
        input: { type: 'int' },
      }
    : {
        path: ['keys', 'exponent'],
        name: 'keys.exponent',
        help: 'Skew: 0 is even, 1 and above makes the first keys (and their partitions) hot.',
        input: { type: 'number' },
      };

export function KeysEditor({ producer, onCommit }: Props) {
  const keys = producer.keys;
  const keysPath = `producers[${producer.id}].keys`;
  const lock = useFieldLock(keysPath);
  return (
    <fieldset
      className={`sl-keys sl-plain-fieldset${lock.editable ? ' is-lesson-setting' : ''}`}
      disabled={lock.locked}
      title={lock.locked ? `Locked in this lesson: ${lock.why}` : undefined}
    >
      <div className="sl-field">
        <label htmlFor={`keys-kind-${producer.id}`} className="sl-field-name">
          keys.kind{lock.locked && <LockBadge />}
        </label>
        <div className="sl-field-control">
          <select
            id={`keys-kind-${producer.id}`}
            data-testid="field-keys.kind"
            value={keys.kind}
            aria-describedby={`keys-help-${producer.id}`}
            onChange={(e) => {
              const model = KEY_MODELS[e.target.value as KeyModel['kind']];
              onCommit({ ...producer, keys: model.create() }, `keys:${producer.id}`);
            }}
          >
            {Object.entries(KEY_MODELS).map(([kind, m]) => (
              <option key={kind} value={kind}>
                {m.label}
              </option>
            ))}
          </select>
        </div>
        {lock.note && (
          <div className="sl-field-lesson-note" data-testid="field-lesson-note-keys">
            Lesson: {lock.note}
          </div>
        )}
        <div id={`keys-help-${producer.id}`} className="sl-field-help">
          Record keys decide partitions: same key, same partition (default no key).
        </div>
      </div>
      {keys.kind !== 'null' && (
        <FieldRow
          ownerId={producer.id}
          kind="producer"
          entity={producer}
          field={keyField('count')}
          defaultValue={1000}
          onCommit={onCommit}
          settingPath={`${keysPath}.count`}
        />
      )}
      {keys.kind === 'zipf' && (
        <FieldRow
          ownerId={producer.id}
          kind="producer"
          entity={producer}
          field={keyField('exponent')}
          defaultValue={1}
          onCommit={onCommit}
          settingPath={`${keysPath}.exponent`}
        />
      )}
    </fieldset>
  );
}
