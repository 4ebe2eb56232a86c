import { beforeEach, describe, expect, it } from 'vitest';
import { useDocumentStore } from '../store/documentStore';
import { addFromPalette, connectNodes, deleteSelection, duplicateSelection } from './canvasActions';
import { useCanvasStore } from './canvasStore';
import { clickTargetJob, paletteItem } from './paletteItems';
import { testDoc } from './testDoc';

const store = () => useDocumentStore.getState();

describe('canvas commands', () => {
  beforeEach(() => {
    useDocumentStore.setState({ doc: testDoc(), past: [], future: [], selection: [], notice: null });
    useCanvasStore.setState({ selectedEdges: [] });
  });

  it('a refused connection sets an error notice and changes nothing', () => {
    const before = store().doc;
    connectNodes('web', 'db');
    expect(store().doc).toBe(before);
    expect(store().notice).toEqual({
      kind: 'error',
      text: expect.stringContaining('A producer writes to a topic'),
      untilNextEdit: true,
    });
  });

  it('a refused connection’s notice goes with the next edit of any kind (a setting, a move)', () => {
    connectNodes('web', 'db');
    expect(store().notice?.text).toContain('Connection refused');
    store().change((d) => ({ ...d, name: 'renamed' }), 'field:pipeline:name');
    expect(store().notice).toBeNull();
  });

  it('a later accepted connection clears the canvas’s own notice but not someone else’s', () => {
    connectNodes('web', 'db');
    addFromPalette(paletteItem('topic')!, { x: 0, y: 0 });
    addFromPalette(paletteItem('consumerGroup')!, { x: 0, y: 0 });
    connectNodes('topic-1', 'group-1');
    expect(store().notice).toBeNull();
    store().setNotice({ kind: 'info', text: 'Opened an example' });
    connectNodes('group-1', 'db');
    expect(store().notice?.text).toBe('Opened an example');
  });

  it('adding from the palette selects the new node; a second sink stage is refused', () => {
    addFromPalette(paletteItem('producer')!, { x: 1, y: 2 });
    expect(store().selection).toEqual(['producer-1']);
    addFromPalette(paletteItem('stage-sink')!, { x: 0, y: 0 }, 'job');
    expect(store().notice?.text).toMatch(/already has a sink stage/);
  });

  it('deletes selected nodes and selected edges in one undo step', () => {
    store().setSelection(['db']);
    useCanvasStore.setState({ selectedEdges: ['clicks->audit'] });
    deleteSelection();
    expect(store().doc.sinks).toEqual([]);
    expect(store().doc.edges).toEqual([
      { from: 'web', to: 'clicks' },
      { from: 'clicks', to: 'job' },
    ]);
    expect(store().selection).toEqual([]);
    expect(useCanvasStore.getState().selectedEdges).toEqual([]);
    store().undo();
    expect(store().doc).toEqual(testDoc());
  });

  it('duplicate selects the copies', () => {
    store().setSelection(['web', 'audit']);
    duplicateSelection();
    expect(store().selection).toEqual(['web-1', 'audit-1']);
    expect(store().past).toHaveLength(1);
  });
});

describe('where a clicked stage goes', () => {
  it('into the selected job or the selected stage’s job, else the only job, else a new one', () => {
    const doc = testDoc();
    expect(clickTargetJob(doc, ['job'])).toBe('job');
    expect(clickTargetJob(doc, ['parse'])).toBe('job');
    // Nothing (or something else) selected, one job on the canvas: that one.
    expect(clickTargetJob(doc, [])).toBe('job');
    expect(clickTargetJob(doc, ['web'])).toBe('job');
    const two = { ...doc, sparkJobs: [...doc.sparkJobs, { ...doc.sparkJobs[0]!, id: 'other', stages: [] }] };
    expect(clickTargetJob(two, [])).toBeUndefined();
    expect(clickTargetJob(two, ['other'])).toBe('other');
    expect(clickTargetJob({ ...doc, sparkJobs: [] }, [])).toBeUndefined();
  });
});
