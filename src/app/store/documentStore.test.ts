import { beforeEach, describe, expect, it } from 'vitest';
import type { Pipeline } from '../../model';
import { emptyDocument } from './emptyDocument';
import { HISTORY_LIMIT, setEditGuard, useDocumentStore } from './documentStore';

const rename = (name: string) => (doc: Pipeline) => ({ ...doc, name });
const state = () => useDocumentStore.getState();

describe('document store', () => {
  beforeEach(() => {
    useDocumentStore.setState({ doc: emptyDocument(), past: [], future: [], selection: [], notice: null });
    // A change with a fresh key ends any merge run left by a previous test.
    state().change(rename('start'), `reset:${Math.random()}`);
    useDocumentStore.setState({ past: [], future: [] });
  });

  it('undo and redo step through changes', () => {
    state().change(rename('a'));
    state().change(rename('b'));
    expect(state().doc.name).toBe('b');
    state().undo();
    expect(state().doc.name).toBe('a');
    state().undo();
    expect(state().doc.name).toBe('start');
    state().redo();
    expect(state().doc.name).toBe('a');
    // A new change after undo drops the redo branch.
    state().change(rename('c'));
    expect(state().future).toEqual([]);
  });

  it('changes with the same merge key in a row are one undo step', () => {
    for (const name of ['1', '12', '123']) state().change(rename(name), 'field:pipeline:name');
    expect(state().past).toHaveLength(1);
    state().undo();
    expect(state().doc.name).toBe('start');
  });

  it('a different key, or an undo in between, starts a new step', () => {
    state().change(rename('x'), 'move:a:1');
    state().change(rename('y'), 'move:a:2');
    expect(state().past).toHaveLength(2);
    state().undo();
    state().change(rename('z'), 'move:a:2');
    expect(state().past).toHaveLength(2);
  });

  it('a recipe that returns the same document records nothing', () => {
    state().change((d) => d);
    expect(state().past).toEqual([]);
  });

  it('undo drops selected nodes that no longer exist', () => {
    const doc = state().doc;
    state().change((d) => ({
      ...d,
      sinks: [{ id: 's', kind: 'files', maxRecordsPerSec: 0, writeLatencyMs: 5, delivery: 'atLeastOnce' }],
    }));
    state().setSelection(['s', 'broker-1']);
    state().undo();
    expect(state().doc).toBe(doc);
    expect(state().selection).toEqual(['broker-1']);
  });

  it('replaceDocument is undoable, clears the selection and counts documents', () => {
    const before = state().generation;
    state().setSelection(['broker-1']);
    state().replaceDocument({ ...emptyDocument(), name: 'opened' });
    expect(state().generation).toBe(before + 1);
    expect(state().selection).toEqual([]);
    state().undo();
    expect(state().doc.name).toBe('start');
  });

  it('an edit guard refuses an edit with its reason as the notice, and lets others through', () => {
    setEditGuard((_prev, next) => (next.name === 'locked' ? 'The name is fixed here.' : null));
    try {
      state().change(rename('locked'));
      expect(state().doc.name).toBe('start');
      expect(state().past).toEqual([]);
      expect(state().notice).toMatchObject({ kind: 'error', text: 'The name is fixed here.' });
      state().change(rename('free'));
      expect(state().doc.name).toBe('free');
      // The refusal has nothing more to say once an edit went through.
      expect(state().notice).toBeNull();
    } finally {
      setEditGuard(null);
    }
  });

  it('history is bounded', () => {
    for (let i = 0; i < HISTORY_LIMIT + 20; i++) state().change(rename(`n${i}`));
    expect(state().past).toHaveLength(HISTORY_LIMIT);
  });

  it('a notice about a refused edit goes with the next edit that goes through; others stay', () => {
    state().setNotice({ kind: 'error', text: 'Connection refused: no.', untilNextEdit: true });
    // An edit that changes nothing is no edit.
    state().change((d) => d);
    expect(state().notice?.text).toBe('Connection refused: no.');
    state().change(rename('edited'));
    expect(state().notice).toBeNull();

    const broken = { kind: 'error' as const, text: 'Could not open the link.' };
    state().setNotice(broken);
    state().change(rename('edited again'));
    expect(state().notice).toBe(broken);
    const info = { kind: 'info' as const, text: 'Opened the example.' };
    state().setNotice(info);
    state().change(rename('and again'));
    expect(state().notice).toBe(info);
  });
});
