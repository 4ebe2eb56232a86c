import { describe, expect, it } from 'vitest';
import { parseLesson } from '../../lessons/parse';
import { tinyLesson } from '../../lessons/testing/tinyLesson';
import { setSetting, setValue, valueAtPath } from '../../whatif/settings';
import { useDocumentStore } from '../store/documentStore';
import { fieldPath, nodeOfPath, pipelineFieldPath } from './fieldPaths';
import { closeLesson, fieldLock, openLesson, refusalFor, useLessonMode } from './lessonMode';
import { lessonIdInHash } from './lessonStartup';

function lesson() {
  const r = parseLesson({
    ...tinyLesson(),
    editable: [{ path: 'consumerGroups[g].members', note: 'Try 2 or 4.' }, { path: 'producers[p].config' }],
    lockedWhy: 'The traffic is given.',
  });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.lesson;
}

describe('an open lesson', () => {
  const l = lesson();
  const active = { lesson: l, origin: 'built-in' as const };

  it('locks every field outside the editable paths, with the lesson’s reason and notes', () => {
    expect(fieldLock(null, 'topics[t].partitions')).toEqual({ locked: false });
    expect(fieldLock(active, 'topics[t].partitions')).toEqual({ locked: true, why: 'The traffic is given.' });
    expect(fieldLock(active, 'consumerGroups[g].members')).toEqual({
      locked: false,
      editable: true,
      note: 'Try 2 or 4.',
    });
    // A whole block is editable: every config under it, without a note of its own.
    expect(fieldLock(active, 'producers[p].config.linger.ms')).toEqual({ locked: false, editable: true });
    expect(fieldLock(active, 'producers[p].rate.recordsPerSec').locked).toBe(true);
    // The pipeline's name and description and the run's seed are not settings a goal depends on.
    expect(fieldLock(active, 'name').locked).toBe(false);
    expect(fieldLock(active, 'run.seed').locked).toBe(false);
    expect(fieldLock(active, 'run.durationSec').locked).toBe(true);
  });

  it('refuses an edit of a locked setting or of the nodes, naming what is fixed, and allows the rest', () => {
    const members = setSetting(l.pipeline, 'consumerGroups[g].members', 3);
    const rate = setSetting(l.pipeline, 'producers[p].rate.recordsPerSec', 10);
    const linger = setValue(l.pipeline, 'producers[p].config.linger.ms', 20);
    if (!members.ok || !rate.ok || !linger.ok) throw new Error('setting failed');
    expect(refusalFor(active, l.pipeline, members.doc)).toBeNull();
    expect(refusalFor(active, l.pipeline, linger.doc)).toBeNull();
    expect(refusalFor(active, l.pipeline, rate.doc)).toBe(
      'The lesson "Keep up" keeps producers[p].rate.recordsPerSec fixed: The traffic is given.',
    );
    const noEdge = { ...l.pipeline, edges: l.pipeline.edges.slice(0, 1) };
    expect(refusalFor(active, l.pipeline, noEdge)).toMatch(
      /keeps adding, removing or connecting nodes fixed/,
    );
    const moved = { ...l.pipeline, layout: { p: { x: 5, y: 5 } } };
    expect(refusalFor(active, l.pipeline, moved)).toBeNull();
  });

  it('guards the document store while open and lets go when another document opens', () => {
    useDocumentStore.setState({ notice: null });
    openLesson(active);
    expect(useDocumentStore.getState().doc).toBe(l.pipeline);
    const store = useDocumentStore.getState();
    store.change((d) => ({ ...d, consumerGroups: [] }));
    expect(useDocumentStore.getState().doc).toBe(l.pipeline);
    expect(useDocumentStore.getState().notice?.kind).toBe('error');
    // Opening something else ends the lesson; edits are free again.
    store.replaceDocument({ ...l.pipeline, name: 'other' });
    expect(useLessonMode.getState().active).toBeNull();
    useDocumentStore.getState().change((d) => ({ ...d, consumerGroups: [] }));
    expect(useDocumentStore.getState().doc.consumerGroups).toEqual([]);
  });

  it('closes when undo goes back past the lesson’s start', () => {
    useDocumentStore.getState().replaceDocument({ ...l.pipeline, name: 'mine' });
    openLesson(active);
    useDocumentStore.getState().undo();
    expect(useDocumentStore.getState().doc.name).toBe('mine');
    expect(useLessonMode.getState().active).toBeNull();
    closeLesson();
  });
});

describe('setting paths of inspector fields and links', () => {
  it('reads any value at a path for the lesson panel', () => {
    const l = lesson();
    expect(valueAtPath(l.pipeline, 'consumerGroups[g].members')).toBe(1);
    expect(valueAtPath(l.pipeline, 'producers[p].keys')).toEqual(l.pipeline.producers[0]!.keys);
    expect(valueAtPath(l.pipeline, 'producers[nope].keys')).toBeUndefined();
  });

  it('maps fields to setting paths and paths to nodes', () => {
    expect(fieldPath('producers[p]', ['config', 'linger.ms'])).toBe('producers[p].config.linger.ms');
    expect(pipelineFieldPath(['networkLatencyMs'])).toBe('cluster.networkLatencyMs');
    expect(pipelineFieldPath(['brokerConfig', 'num.io.threads'])).toBe('cluster.config.num.io.threads');
    expect(pipelineFieldPath(['run', 'seed'])).toBe('run.seed');
    expect(nodeOfPath('topics[clicks].partitions')).toBe('clicks');
    expect(nodeOfPath('sparkJobs[j].stages[s1].costPerRecordUs')).toBe('s1');
    expect(nodeOfPath('cluster.brokers')).toBeUndefined();
  });

  it('reads a lesson id from #lesson=<id> and nothing from other hashes', () => {
    expect(lessonIdInHash('#lesson=partitions')).toBe('partitions');
    expect(lessonIdInHash('#lesson=a%20b')).toBe('a b');
    expect(lessonIdInHash('#v1.abc')).toBeUndefined();
  });
});
