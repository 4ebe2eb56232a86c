import { describe, expect, it } from 'vitest';
import { checkGraph, parsePipeline } from '../../model';
import { emptyDocument } from '../store/emptyDocument';
import { addBroker, addNode, addStage, newStage, stageInsertIndex } from './nodeFactory';
import { placeItem, PALETTE_ITEMS } from './paletteItems';
import { jobSize } from './flowView';
import { connect, refuseConnection } from './connections';
import { testDoc } from './testDoc';

describe('node factory', () => {
  it('gives readable ids that count up per kind and skip ids already in use', () => {
    let doc = emptyDocument();
    const ids: string[] = [];
    for (const kind of ['producer', 'producer', 'topic', 'consumerGroup', 'sparkJob', 'files'] as const) {
      const added = addNode(doc, kind, { x: 10, y: 20 });
      doc = added.doc;
      ids.push(added.id);
    }
    expect(ids).toEqual(['producer-1', 'producer-2', 'topic-1', 'group-1', 'spark-job-1', 'sink-1']);
    // broker-1..3 exist in the empty document, so the next broker is broker-4.
    expect(addBroker(doc).id).toBe('broker-4');
  });

  it('fills Kafka and Spark defaults from the schema and records the position', () => {
    const { doc, id } = addNode(emptyDocument(), 'producer', { x: 10.4, y: 20.6 });
    const p = doc.producers.find((x) => x.id === id);
    // Kafka 4.x producer defaults (kafka-spark-facts.md).
    expect(p?.config['linger.ms']).toBe(5);
    expect(p?.config['batch.size']).toBe(16384);
    expect(p?.config.acks).toBe('all');
    expect(doc.layout[id]).toEqual({ x: 10, y: 21 });
    const job = addNode(emptyDocument(), 'sparkJob', { x: 0, y: 0 });
    expect(job.doc.sparkJobs[0]?.config['spark.streaming.backpressure.enabled']).toBe(false);
    expect(job.doc.sparkJobs[0]?.stages).toEqual([]);
  });

  it('every palette item placed on an empty canvas gives a document the parser accepts', () => {
    for (const item of PALETTE_ITEMS) {
      const placed = placeItem(emptyDocument(), item, { x: 0, y: 0 });
      expect(placed.ok, item.key).toBe(true);
      if (!placed.ok) continue;
      const reparsed = parsePipeline(JSON.parse(JSON.stringify(placed.doc)));
      expect(reparsed.ok ? [] : reparsed.errors, item.key).toEqual([]);
    }
  });

  it('a window stage gets lengths that are multiples of its job batch interval', () => {
    const stage = newStage('w', 'window', 2000);
    expect(stage.kind === 'window' && [stage.windowLengthMs, stage.slideMs]).toEqual([6000, 2000]);
  });
});

describe('stage insertion', () => {
  it('appends before a sink stage, which stays last', () => {
    const doc = testDoc();
    const added = addStage(doc, 'filter', { jobId: 'job' });
    expect(added.ok).toBe(true);
    if (!added.ok) return;
    expect(added.doc.sparkJobs[0]?.stages.map((s) => s.id)).toEqual(['parse', 'filter-1', 'write']);
    expect(checkGraph(added.doc).errors).toEqual([]);
  });

  it('appends at the end when the job has no sink stage', () => {
    expect(stageInsertIndex([newStage('a', 'map'), newStage('b', 'filter')], 'map')).toBe(2);
    expect(stageInsertIndex([], 'sink')).toBe(0);
  });

  it('nodes right beside a growing job move right by as much as it grows; others stay', () => {
    let doc = testDoc();
    // job at x 500 holds 2 stages; db sits right of it, web far to the left, 'below' far under it.
    doc = { ...doc, layout: { ...doc.layout, below: { x: 900, y: 900 } } };
    const grown = addStage(doc, 'filter', { jobId: 'job' });
    const added = addStage(grown.ok ? grown.doc : doc, 'map', { jobId: 'job' });
    expect(grown.ok && added.ok).toBe(true);
    if (!grown.ok || !added.ok) return;
    const widthBefore = jobSize(2).width;
    const widthAfter = jobSize(4).width;
    expect(added.doc.layout.db?.x).toBe(900 + widthAfter - widthBefore);
    expect(added.doc.layout.db!.x).toBeGreaterThanOrEqual(500 + widthAfter);
    expect(added.doc.layout.web).toEqual(doc.layout.web);
    expect(added.doc.layout.below).toEqual({ x: 900, y: 900 });
  });

  it('refuses a second sink stage with a reason', () => {
    const added = addStage(testDoc(), 'sink', { jobId: 'job' });
    expect(added).toEqual({ ok: false, reason: expect.stringContaining('already has a sink stage') });
  });

  it('a stage dropped on empty canvas starts a new job holding it', () => {
    const added = addStage(testDoc(), 'aggregate', { at: { x: 5, y: 6 } });
    expect(added.ok).toBe(true);
    if (!added.ok) return;
    const job = added.doc.sparkJobs.find((j) => j.id === added.jobId);
    expect(added.jobId).toBe('spark-job-1');
    expect(job?.stages.map((s) => s.kind)).toEqual(['aggregate']);
    expect(added.doc.layout[added.jobId]).toEqual({ x: 5, y: 6 });
  });
});

describe('receiver sources on the canvas', () => {
  it('the palette adds one with the schema defaults, and it connects to a Spark job only, once', () => {
    const item = PALETTE_ITEMS.find((i) => i.key === 'receiverSource')!;
    const base = parsePipeline({ version: 1, cluster: { brokers: [{ id: 'b1' }] } });
    if (!base.ok) throw new Error(base.errors.join());
    const placed = placeItem(base.doc, item, { x: 10, y: 20 });
    if (!placed.ok) throw new Error(placed.reason);
    expect(placed.id).toBe('receiver-source-1');
    const source = placed.doc.sparkSources[0]!;
    expect(source).toMatchObject({ kind: 'socket', receivers: 1, recordBytes: 100 });
    expect(placed.doc.layout['receiver-source-1']).toEqual({ x: 10, y: 20 });
    const withJob = addNode(addNode(placed.doc, 'sparkJob', { x: 300, y: 0 }).doc, 'sparkJob', {
      x: 300,
      y: 200,
    }).doc;
    const topic = addNode(withJob, 'topic', { x: 0, y: 300 });
    expect(refuseConnection(topic.doc, 'receiver-source-1', topic.id)).toMatch(/connect it to a Spark job/);
    const once = connect(topic.doc, 'receiver-source-1', 'spark-job-1');
    if (!once.ok) throw new Error('refused');
    expect(refuseConnection(once.doc, 'receiver-source-1', 'spark-job-2')).toMatch(/feeds one Spark job/);
    expect(parsePipeline(once.doc).ok).toBe(true);
  });
});
