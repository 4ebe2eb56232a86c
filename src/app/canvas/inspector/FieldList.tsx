// A node's settings from the field table, grouped in their sections, with room for editors that do
// not fit one input (a producer's traffic schedule and keys, a broker's preset).
import type { ReactNode } from 'react';
import { getIn } from '../fieldEdit';
import { FIELDS, type FieldInfo, type InspectedKind } from '../fieldInfo';
import { defaultsFor } from './defaults';
import { FieldRow } from './FieldRow';

interface Props<T> {
  ownerId: string;
  kind: InspectedKind;
  entity: T;
  onCommit(next: T, mergeKey: string): void;
  /** Extra content placed at the end of a section (by section name; "" is the untitled first one). */
  extras?: Partial<Record<string, ReactNode>>;
  /** Each field's setting path, so an open lesson can lock the ones it keeps fixed. */
  pathOf?: (field: FieldInfo) => string;
}

export function FieldList<T>({ ownerId, kind, entity, onCommit, extras = {}, pathOf }: Props<T>) {
  const sections = new Map<string, FieldInfo[]>();
  for (const f of FIELDS[kind]) {
    const key = f.section ?? '';
    sections.set(key, [...(sections.get(key) ?? []), f]);
  }
  const defaults = defaultsFor(kind);
  const rows = (fields: FieldInfo[]) =>
    fields.map((f) => (
      <FieldRow
        key={f.name}
        ownerId={ownerId}
        kind={kind}
        entity={entity}
        field={f}
        defaultValue={f.input.type === 'text' ? undefined : getIn(defaults, f.path)}
        onCommit={onCommit}
        settingPath={pathOf?.(f)}
      />
    ));
  return (
    <>
      {[...sections].map(([section, fields]) =>
        section === '' ? (
          <div key="main" className="sl-section">
            {rows(fields)}
            {extras['']}
          </div>
        ) : (
          <details key={section} className="sl-section" open>
            <summary>{section}</summary>
            {rows(fields)}
            {extras[section]}
          </details>
        ),
      )}
    </>
  );
}
