import { describe, expect, it } from 'vitest';
import type { Fault } from '../../model';
import { testDoc } from '../canvas/testDoc';
import {
  changeKind,
  describeFault,
  draftFromFault,
  FAULT_KINDS,
  fieldsFor,
  newDraft,
  parseDraft,
  targetsFor,
} from './faultForm';

describe('fault form', () => {
  const doc = testDoc();
  it('every kind starts valid with its defaults on a node of the right kind', () => {
    // A zone outage needs a rack to take down.
    const doc = testDoc();
    doc.cluster.brokers[0]!.rack = 'zone-a';
    // A region failover needs a region to lose.
    doc.cluster.region = 'us-east';
    for (const kind of FAULT_KINDS) {
      const result = parseDraft(newDraft(kind, doc, 12), doc);
      expect(result.ok, kind).toBe(true);
      if (result.ok) expect(result.fault.atSec).toBe(12);
    }
  });
  it('offers targets of the right kind', () => {
    expect(targetsFor('brokerDown', doc)).toEqual(['b1', 'b2', 'b3']);
    expect(targetsFor('producerSpike', doc)).toEqual(['web']);
    expect(targetsFor('memberCrash', doc)).toEqual(['audit']);
    expect(targetsFor('partitionCount', doc)).toEqual(['clicks']);
  });
  it('every field has a label and a one-line explanation', () => {
    for (const kind of FAULT_KINDS)
      for (const f of fieldsFor(kind)) {
        expect(f.label.length).toBeGreaterThan(0);
        expect(f.help).not.toContain('\n');
      }
  });
  it('refuses bad values at the field with the schema reason', () => {
    const draft = newDraft('slowDisk', doc, 0);
    draft.values.factor = '0.5';
    draft.values.atSec = 'soon';
    const result = parseDraft(draft, doc);
    expect(result).toEqual({
      ok: false,
      fieldErrors: { factor: 'must be at least 1', atSec: 'must be a number' },
    });
  });
  it('leaves an optional duration out when empty', () => {
    const draft = newDraft('brokerDown', doc, 3);
    draft.values.durationSec = '';
    expect(parseDraft(draft, doc)).toEqual({
      ok: true,
      fault: { kind: 'brokerDown', atSec: 3, broker: 'b1', mode: 'hostLost' },
    });
  });
  it('asks how a broker goes down: a lost host unless told otherwise', () => {
    expect(fieldsFor('brokerDown').map((f) => f.name)).toEqual(['broker', 'atSec', 'mode', 'durationSec']);
    const draft = newDraft('brokerDown', doc, 3);
    expect(draft.values.mode).toBe('hostLost');
    draft.values.mode = 'processKilled';
    const result = parseDraft(draft, doc);
    expect(result.ok && result.fault).toMatchObject({ kind: 'brokerDown', mode: 'processKilled' });
    // A fault written before the modes existed opens as the lost host it always was.
    expect(draftFromFault({ kind: 'brokerDown', atSec: 1, broker: 'b2' }).values.mode).toBe('hostLost');
    draft.values.mode = 'crashed';
    expect(parseDraft(draft, doc).ok).toBe(false);
  });
  it('refuses what the graph check refuses, such as fewer partitions', () => {
    const draft = newDraft('partitionCount', doc, 3);
    draft.values.partitions = '2';
    const result = parseDraft(draft, doc);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.formError).toMatch(/already has 4 partitions/);
  });
  it('round-trips a fault and keeps the start time when the kind changes', () => {
    const fault: Fault = {
      kind: 'networkPartition',
      atSec: 7,
      broker: 'b2',
      from: 'clients',
      durationSec: 4,
    };
    const draft = draftFromFault(fault);
    expect(parseDraft(draft, { ...doc, faults: [fault] }, 0)).toEqual({ ok: true, fault });
    expect(changeKind(draft, 'memberJoin', doc).values).toEqual({ group: 'audit', atSec: '7', count: '1' });
  });
});

describe('describeFault', () => {
  it('says what, where and when in one line', () => {
    // Without a mode, a lost host (what a brokerDown meant before the modes were told apart).
    expect(describeFault({ kind: 'brokerDown', atSec: 12.4, broker: 'b1' })).toBe(
      'b1 down at 12.4 s, to the end (host lost)',
    );
    expect(
      describeFault({ kind: 'brokerDown', atSec: 2, broker: 'b1', mode: 'processKilled', durationSec: 5 }),
    ).toBe('b1 down at 2 s, for 5 s (process killed)');
    expect(
      describeFault({ kind: 'networkPartition', atSec: 3, broker: 'b2', from: 'clients', durationSec: 5 }),
    ).toBe('b2 cut off from the clients at 3 s, for 5 s');
    expect(describeFault({ kind: 'memberCrash', atSec: 1, group: 'g', count: 2 })).toBe(
      '2 members of g crash at 1 s',
    );
  });
});

describe('fault form: growing and moving the cluster', () => {
  it('a reassignment takes a comma-separated broker list and a throttle; a throttle of 0 is refused at its field', () => {
    const doc = testDoc();
    const ids = doc.cluster.brokers.map((b) => b.id);
    const draft = newDraft('reassignPartitions', doc, 5);
    expect(draft.values.brokers).toBe(ids.join(','));
    const ok = parseDraft({ ...draft, values: { ...draft.values, throttle: '50000000' } }, doc);
    expect(ok.ok && ok.fault).toEqual({
      kind: 'reassignPartitions',
      atSec: 5,
      brokers: ids,
      throttle: 50_000_000,
    });
    const zero = parseDraft({ ...draft, values: { ...draft.values, throttle: '0' } }, doc);
    expect(!zero.ok && zero.fieldErrors.throttle).toMatch(/at least 1 byte\/s/);
    const missing = parseDraft({ ...draft, values: { ...draft.values, brokers: `${ids[0]},nope` } }, doc);
    expect(!missing.ok && missing.formError).toMatch(/broker "nope" does not exist/);
  });

  it('an added broker gets a fresh id, the first broker’s hardware, and round-trips through the form', () => {
    const doc = testDoc();
    const draft = newDraft('addBroker', doc, 30);
    const parsed = parseDraft({ ...draft, values: { ...draft.values, rack: 'zone-b' } }, doc);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed));
    const fault = parsed.fault;
    expect(fault.kind === 'addBroker' && fault.broker.rack).toBe('zone-b');
    expect(fault.kind === 'addBroker' && fault.broker.hardware).toEqual(doc.cluster.brokers[0]!.hardware);
    expect(doc.cluster.brokers.map((b) => b.id)).not.toContain(
      fault.kind === 'addBroker' ? fault.broker.id : '',
    );
    const again = parseDraft(draftFromFault(fault), doc);
    expect(again.ok && again.fault).toEqual(fault);
    expect(describeFault(fault)).toMatch(/joins the cluster at 30 s \(rack zone-b\)/);
  });
});
