import { beforeEach, describe, expect, it } from 'vitest';
import { emptyDocument } from '../store/emptyDocument';
import { useDocumentStore } from '../store/documentStore';
import { openDocument } from './openDocument';

const state = () => useDocumentStore.getState();
const UNDO = 'Ctrl+Z brings back the previous pipeline';

describe('opening a document', () => {
  beforeEach(() => {
    useDocumentStore.setState({ doc: emptyDocument(), past: [], future: [], selection: [], notice: null });
  });

  it('over the empty canvas of a first visit: no mention of Ctrl+Z', () => {
    openDocument({ ...emptyDocument(), name: 'shared' }, 'Opened "shared" from a link');
    expect(state().notice).toEqual({ kind: 'info', text: 'Opened "shared" from a link.' });
  });

  it('over work of the user: Ctrl+Z is offered, and brings it back', () => {
    state().change((d) => ({ ...d, name: 'mine' }));
    openDocument({ ...emptyDocument(), name: 'shared' }, 'Opened "shared" from a link', ['a warning']);
    expect(state().notice?.text).toBe(`Opened "shared" from a link. ${UNDO}. Note: a warning.`);
    state().undo();
    expect(state().doc.name).toBe('mine');
  });

  it('the same document again: nothing to bring back', () => {
    const shared = { ...emptyDocument(), name: 'shared' };
    openDocument(shared, 'Opened the example');
    openDocument(structuredClone(shared), 'Opened the example');
    expect(state().notice?.text).toBe('Opened the example.');
  });
});
