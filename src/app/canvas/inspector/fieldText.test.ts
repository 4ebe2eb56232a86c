import { describe, expect, it } from 'vitest';
import { applyField, getIn } from '../fieldEdit';
import { FIELDS, type FieldInfo, type InspectedKind } from '../fieldInfo';
import { defaultsFor } from './defaults';
import { fieldDefaultText, fieldPlaceholder, fieldValueText, emptyMeans, namePlaceholder } from './fieldText';

// Kafka's Long.MAX_VALUE stand-in in the document: 2^53 - 1, written out here on purpose.
const STORED_MAX = 9007199254740991;
const SHOWN = 'Long.MAX_VALUE (never / no limit)';

const field = (kind: InspectedKind, name: string): FieldInfo => {
  const f = FIELDS[kind].find((x) => x.name === name);
  if (!f) throw new Error(`no field ${name}`);
  return f;
};

describe('inspector field text', () => {
  it.each([
    'log.flush.scheduler.interval.ms',
    'leader.replication.throttled.rate',
    'follower.replication.throttled.rate',
  ])(
    '%s reads Long.MAX_VALUE in the field, the placeholder and the default, and stores the number',
    (name) => {
      const f = field('pipeline', name);
      const settings = defaultsFor('pipeline');
      const stored = getIn(settings, f.path);
      expect(stored).toBe(STORED_MAX);
      expect(fieldValueText(stored)).toBe(SHOWN);
      expect(fieldPlaceholder(f, stored)).toBe(SHOWN);
      expect(fieldDefaultText(f, stored)).toBe(`default ${SHOWN}`);

      // The text as shown, Kafka's own number, and an emptied input all store the number.
      for (const typed of [SHOWN, 'long.max_value', '9223372036854775807', '']) {
        const r = applyField('pipeline', settings, f, typed, emptyMeans(f, stored));
        expect(r.ok && getIn(r.value, f.path)).toBe(STORED_MAX);
      }
      const r = applyField('pipeline', settings, f, '1000', emptyMeans(f, stored));
      expect(r.ok && getIn(r.value, f.path)).toBe(1000);
      expect(fieldValueText(1000)).toBe('1000');
    },
  );

  it('shows no field, placeholder or default of any node kind as the raw 9007199254740991', () => {
    const raw = String(STORED_MAX);
    const seen: string[] = [];
    for (const kind of Object.keys(FIELDS) as InspectedKind[]) {
      const defaults = defaultsFor(kind);
      for (const f of FIELDS[kind]) {
        const value = getIn(defaults, f.path);
        const texts = [fieldValueText(value), fieldPlaceholder(f, value), fieldDefaultText(f, value), f.help];
        if (texts.some((t) => t?.includes(raw))) seen.push(`${kind}.${f.name}`);
        if (value === STORED_MAX) expect(fieldDefaultText(f, value)).toBe(`default ${SHOWN}`);
      }
    }
    expect(seen).toEqual([]);
  });

  it('keeps the unit after an ordinary default and asks for a number when another required one is emptied', () => {
    const f = field('producer', 'linger.ms');
    expect(fieldDefaultText(f, 5)).toBe('default 5 ms');
    expect(fieldPlaceholder(f, 5)).toBeUndefined();
    expect(emptyMeans(f, 5)).toBeUndefined();
  });
});

describe('the name field of a node', () => {
  it('says, while empty, that the canvas shows the id', () => {
    expect(namePlaceholder(field('producer', 'name'), 'producer', 'agents')).toBe('agents (its id)');
    expect(namePlaceholder(field('topic', 'name'), 'topic', 'topic-1')).toBe('topic-1 (its id)');
  });

  it("leaves the pipeline's name and other text fields without one", () => {
    expect(namePlaceholder(field('pipeline', 'name'), 'pipeline', 'pipeline')).toBeUndefined();
    expect(namePlaceholder(field('pipeline', 'description'), 'pipeline', 'pipeline')).toBeUndefined();
  });
});
