// Adds a fault or edits one: kind, target, time and the kind's own settings. Each value is checked
// by the document's schema as it is typed; a refused one shows the reason under its field and the
// form cannot be saved until it is fixed.
import { useId, useMemo, useState } from 'react';
import type { Fault, FaultKind } from '../../model';
import { useDocumentStore } from '../store/documentStore';
import {
  changeKind,
  FAULT_KINDS,
  fieldsFor,
  FROM_OPTIONS,
  KIND_HELP,
  KIND_LABELS,
  MODE_OPTIONS,
  parseDraft,
  RESET_TO_OPTIONS,
  targetsFor,
  type FaultDraft,
  type FieldSpec,
} from './faultForm';

interface Props {
  initial: FaultDraft;
  /** The fault's position in the document when editing; undefined when adding. */
  index: number | undefined;
  onSave(fault: Fault): void;
  onCancel(): void;
}

export function FaultForm({ initial, index, onSave, onCancel }: Props) {
  const doc = useDocumentStore((s) => s.doc);
  const [draft, setDraft] = useState(initial);
  const result = useMemo(() => parseDraft(draft, doc, index), [draft, doc, index]);
  const id = useId();
  const kindHelpId = `${id}-kind-help`;
  const formErrorId = `${id}-form-error`;

  const setValue = (name: FieldSpec['name'], value: string) =>
    setDraft((d) => ({ ...d, values: { ...d.values, [name]: value } }));
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (result.ok) onSave(result.fault);
  };

  return (
    <form
      className="faults-form"
      aria-label={index === undefined ? 'Add a fault' : `Edit fault ${index + 1}`}
      onSubmit={submit}
      data-testid="fault-form"
    >
      <div className="faults-field">
        <label htmlFor={`${id}-kind`}>Fault</label>
        <select
          id={`${id}-kind`}
          data-testid="fault-kind"
          aria-describedby={kindHelpId}
          value={draft.kind}
          onChange={(e) => setDraft(changeKind(draft, e.target.value as FaultKind, doc))}
        >
          {FAULT_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </select>
        <span className="faults-help" id={kindHelpId}>
          {KIND_HELP[draft.kind]}
        </span>
      </div>
      {fieldsFor(draft.kind, draft.values).map((spec) => (
        <DraftField
          key={`${draft.kind}:${spec.name}`}
          spec={spec}
          value={draft.values[spec.name] ?? ''}
          error={result.ok ? undefined : result.fieldErrors[spec.name]}
          targets={spec.input === 'target' ? targetsFor(draft.kind, doc) : []}
          onChange={(v) => setValue(spec.name, v)}
        />
      ))}
      {!result.ok && result.formError && (
        <p className="faults-error" id={formErrorId} role="alert">
          {result.formError}
        </p>
      )}
      <div className="faults-form-actions">
        <button type="submit" data-testid="fault-save" disabled={!result.ok}>
          {index === undefined ? 'Add fault' : 'Save'}
        </button>
        <button type="button" data-testid="fault-cancel" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

interface FieldProps {
  spec: FieldSpec;
  value: string;
  error: string | undefined;
  targets: string[];
  onChange(value: string): void;
}

function DraftField({ spec, value, error, targets, onChange }: FieldProps) {
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const common = {
    id,
    'data-testid': `fault-field-${spec.name}`,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${errorId} ${helpId}` : helpId,
  } as const;
  let control;
  if (spec.input === 'target')
    control = (
      <select {...common} value={value} onChange={(e) => onChange(e.target.value)}>
        {targets.length === 0 && <option value="">none in this pipeline</option>}
        {targets.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
    );
  else if (spec.input === 'from' || spec.input === 'mode' || spec.input === 'resetTo')
    control = (
      <select {...common} value={value} onChange={(e) => onChange(e.target.value)}>
        {(spec.input === 'from' ? FROM_OPTIONS : spec.input === 'mode' ? MODE_OPTIONS : RESET_TO_OPTIONS).map(
          (o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ),
        )}
      </select>
    );
  else
    control = (
      <input
        type="text"
        inputMode="decimal"
        placeholder={spec.input === 'optionalNumber' ? 'to the end' : undefined}
        {...common}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  return (
    <div className={`faults-field${error ? ' is-invalid' : ''}`}>
      <label htmlFor={id}>{spec.label}</label>
      {control}
      {error && (
        <span className="faults-error" id={errorId}>
          {error}
        </span>
      )}
      <span className="faults-help" id={helpId}>
        {spec.help}
      </span>
    </div>
  );
}
