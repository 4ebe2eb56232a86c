// One setting in the inspector: its real name, input, unit, default and a one-line explanation.
// A refused value stays in the input with the schema's reason under it (and marks the node), while
// the document keeps the last valid value.
import { useEffect, useId, useState } from 'react';
import { applyField, getIn } from '../fieldEdit';
import type { FieldInfo, InspectedKind } from '../fieldInfo';
import { useInvalidFields } from '../invalidFields';
import { useFieldLock } from '../../lessons/lessonMode';
import { emptyMeans, fieldDefaultText, fieldPlaceholder, fieldValueText, namePlaceholder } from './fieldText';

interface Props<T> {
  /** The node the field belongs to (or "pipeline"), for marking it invalid on the canvas. */
  ownerId: string;
  kind: InspectedKind;
  entity: T;
  field: FieldInfo;
  defaultValue: unknown;
  onCommit(next: T, mergeKey: string): void;
  /** The field's setting path ("producers[orders].config.acks"): an open lesson may lock it. */
  settingPath?: string | undefined;
}

const show = fieldValueText;

export function FieldRow<T>({ ownerId, kind, entity, field, defaultValue, onCommit, settingPath }: Props<T>) {
  const id = useId();
  const lock = useFieldLock(settingPath);
  const value = getIn(entity, field.path);
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const setFieldError = useInvalidFields((s) => s.setFieldError);

  // Undo, redo or another edit changed the value while the user is not typing here: show the new one.
  const [seen, setSeen] = useState(value);
  if (!Object.is(seen, value)) {
    setSeen(value);
    if (!editing) {
      setDraft(null);
      setError(null);
    }
  }
  // The node on the canvas shows it is invalid for as long as this field holds a refused value.
  useEffect(() => {
    setFieldError(ownerId, field.name, error);
    return () => setFieldError(ownerId, field.name, null);
  }, [ownerId, field.name, error, setFieldError]);

  const submit = (raw: string | boolean) => {
    const result = applyField(kind, entity, field, raw, emptyMeans(field, defaultValue));
    if (!result.ok) return setError(result.message);
    setError(null);
    onCommit(result.value, `field:${ownerId}:${field.name}`);
  };

  const inputId = `${id}-input`;
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy = error ? `${errorId} ${helpId}` : helpId;
  const common = {
    id: inputId,
    'data-testid': `field-${field.name}`,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    disabled: lock.locked,
    title: lock.locked ? `Locked in this lesson: ${lock.why}` : undefined,
  } as const;
  const textProps = {
    ...common,
    value: draft ?? show(value),
    onFocus: () => setEditing(true),
    onChange: (e: { target: { value: string } }) => {
      setDraft(e.target.value);
      submit(e.target.value);
    },
    onBlur: () => {
      setEditing(false);
      // A valid value is shown as the document holds it; a refused one stays so it can be fixed.
      if (!error) setDraft(null);
    },
  };

  let control;
  const { input } = field;
  switch (input.type) {
    case 'boolean':
      control = (
        <input
          type="checkbox"
          {...common}
          checked={value === true}
          onChange={(e) => submit(e.target.checked)}
        />
      );
      break;
    case 'optionalBoolean':
      control = (
        <select {...common} value={show(value)} onChange={(e) => submit(e.target.value)}>
          <option value="">{input.unsetLabel}</option>
          <option value="true">true</option>
          <option value="false">false</option>
        </select>
      );
      break;
    case 'enum':
      control = (
        <select {...common} value={show(value)} onChange={(e) => submit(e.target.value)}>
          {input.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      );
      break;
    case 'text':
      control = input.multiline ? (
        <textarea rows={3} {...textProps} />
      ) : (
        <input type="text" placeholder={namePlaceholder(field, kind, ownerId)} {...textProps} />
      );
      break;
    default:
      control = (
        <input
          type="text"
          inputMode="decimal"
          placeholder={fieldPlaceholder(field, defaultValue)}
          {...textProps}
        />
      );
  }

  const defaultText = fieldDefaultText(field, defaultValue);

  return (
    <div
      className={`sl-field${error ? ' is-invalid' : ''}${input.type === 'boolean' ? ' is-check' : ''}${
        lock.locked ? ' is-locked' : lock.editable ? ' is-lesson-setting' : ''
      }`}
      data-locked={lock.locked ? 'true' : undefined}
    >
      <label htmlFor={inputId} className="sl-field-name" title={common.title}>
        {field.name}
        {lock.locked && <LockBadge />}
      </label>
      <div className="sl-field-control">
        {control}
        {field.unit && input.type !== 'boolean' && <span className="sl-field-unit">{field.unit}</span>}
      </div>
      {error && (
        <div id={errorId} className="sl-field-error" data-testid={`field-error-${field.name}`} role="alert">
          {field.name} {error}; keeping {show(value) || 'the previous value'}.
        </div>
      )}
      {lock.note && (
        <div className="sl-field-lesson-note" data-testid={`field-lesson-note-${field.name}`}>
          Lesson: {lock.note}
        </div>
      )}
      <div id={helpId} className="sl-field-help">
        {field.help}
        {defaultText && (
          <span className={`sl-field-default${defaultText.length > 24 ? ' is-long' : ''}`}>
            {' '}
            ({defaultText})
          </span>
        )}
      </div>
    </div>
  );
}

/** Beside the name of a setting an open lesson keeps fixed. */
export function LockBadge() {
  return <span className="sl-lock-badge">locked</span>;
}
