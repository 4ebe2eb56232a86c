import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkGraph, parsePipeline, type Pipeline } from '../../model';
import { testDoc } from '../canvas/testDoc';
import { badgeOf, checkPipeline, holdsPlay, type Gap, type GapKind } from './gaps';

function doc(input: Record<string, unknown>): Pipeline {
  const producers = ((input.producers ?? []) as { id: string }[]).map((p) => ({
    rate: { recordsPerSec: 100 },
    ...p,
  }));
  const result = parsePipeline({
    version: 1,
    cluster: { brokers: [{ id: 'b1' }, { id: 'b2' }, { id: 'b3' }] },
    ...input,
    producers,
  });
  if (!result.ok) throw new Error(result.errors.join('; '));
  return result.doc;
}

/** The store can hold what parsing refuses (an edited RF, a deleted broker): set it after parsing. */
const raise = (d: Pipeline, id: string, rf: number, minIsr = rf - 1): Pipeline => ({
  ...d,
  topics: d.topics.map((t) =>
    t.id === id ? { ...t, replicationFactor: rf, config: { ...t.config, 'min.insync.replicas': minIsr } } : t,
  ),
});

const kinds = (gaps: Gap[]) => gaps.map((g) => g.key);
const gap = (gaps: Gap[], key: string): Gap => {
  const found = gaps.find((g) => g.key === key);
  if (!found) throw new Error(`no gap ${key} in ${kinds(gaps).join(', ')}`);
  return found;
};
const fix = (d: Pipeline, key: string, label: RegExp) => {
  const f = gap(checkPipeline(d), key).fixes.find((x) => label.test(x.label));
  if (!f) throw new Error(`no fix ${String(label)} for ${key}`);
  return f.apply(d);
};

/** A fully connected, replicated pipeline: the check has nothing to say about it. */
const whole = () =>
  doc({
    producers: [{ id: 'p' }],
    topics: [{ id: 't', partitions: 4, replicationFactor: 3, config: { 'min.insync.replicas': 2 } }],
    consumerGroups: [{ id: 'g', members: 2 }],
    sinks: [{ id: 's' }],
    edges: [
      { from: 'p', to: 't' },
      { from: 't', to: 'g' },
      { from: 'g', to: 's' },
    ],
  });

describe('pipeline check', () => {
  it('finds nothing in a connected, replicated pipeline or in any example', () => {
    expect(checkPipeline(whole())).toEqual([]);
    const dir = new URL('../../../examples/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) {
      const parsed = parsePipeline(JSON.parse(readFileSync(new URL(f, dir), 'utf8')));
      if (!parsed.ok) throw new Error(f);
      expect({ f, gaps: kinds(checkPipeline(parsed.doc)) }).toEqual({ f, gaps: [] });
    }
  });

  it('a half-connected pipeline: the producer and the reader, each once', () => {
    const d = doc({
      producers: [{ id: 'p' }],
      topics: [{ id: 't', replicationFactor: 3 }],
      sparkJobs: [{ id: 'j', stages: [{ id: 'm', kind: 'map' }] }],
      sinks: [{ id: 's' }],
      edges: [{ from: 'j', to: 's' }],
    });
    const gaps = checkPipeline(d);
    // The topic is unwritten and unread too, but the producer's and the job's entries already offer
    // to connect it; listing it as well would say each thing twice.
    expect(kinds(gaps)).toEqual(['producer-unconnected:p', 'reader-unconnected:j']);
    expect(gap(gaps, 'producer-unconnected:p').text).toBe(
      'Producer "p" is not connected to a topic, so it sends nothing.',
    );
    expect(gap(gaps, 'reader-unconnected:j').text).toMatch(/^Spark job "j" reads no topic/);
    expect(gaps.every(holdsPlay)).toBe(true);
  });

  it('connects a producer to the only topic, and the job to it, then nothing is left', () => {
    let d = doc({
      producers: [{ id: 'p' }],
      topics: [{ id: 't', replicationFactor: 3 }],
      sparkJobs: [{ id: 'j', stages: [{ id: 'm', kind: 'map' }] }],
    });
    const first = gap(checkPipeline(d), 'producer-unconnected:p').fixes[0]!;
    expect(first.label).toBe('Connect to topic t');
    d = first.apply(d).doc;
    expect(d.edges).toEqual([{ from: 'p', to: 't' }]);
    d = fix(d, 'reader-unconnected:j', /^Read topic t$/).doc;
    expect(d.edges).toEqual([
      { from: 'p', to: 't' },
      { from: 't', to: 'j' },
    ]);
    expect(checkPipeline(d)).toEqual([]);
    // What the check found is also what the model warned about, and neither remains.
    expect(checkGraph(d).warnings).toEqual([]);
  });

  it('with several topics, connects to the one nobody writes to; with none, adds one beside it', () => {
    const two = doc({
      producers: [{ id: 'p1' }, { id: 'p2' }],
      topics: [
        { id: 'a', replicationFactor: 3 },
        { id: 'b', replicationFactor: 3 },
      ],
      consumerGroups: [{ id: 'g' }],
      edges: [
        { from: 'p1', to: 'a' },
        { from: 'a', to: 'g' },
        { from: 'b', to: 'g' },
      ].slice(0, 2),
    });
    expect(gap(checkPipeline(two), 'producer-unconnected:p2').fixes.map((f) => f.label)).toEqual([
      'Connect to topic b',
      'Remove the producer',
    ]);

    const none = doc({ producers: [{ id: 'p' }], layout: { p: { x: 100, y: 40 } } });
    const added = fix(none, 'producer-unconnected:p', /^Add a topic/);
    expect(added.select).toBe('topic-1');
    expect(added.doc.topics.map((t) => t.id)).toEqual(['topic-1']);
    expect(added.doc.edges).toEqual([{ from: 'p', to: 'topic-1' }]);
    // Placed to the right of the producer, on the same row.
    expect(added.doc.layout['topic-1']!.x).toBeGreaterThan(100 + 190);
    expect(added.doc.layout['topic-1']!.y).toBe(40);
  });

  it('removes an unconnected producer, its position with it', () => {
    const d = doc({ producers: [{ id: 'p' }], layout: { p: { x: 0, y: 0 } } });
    const removed = fix(d, 'producer-unconnected:p', /^Remove/).doc;
    expect(removed.producers).toEqual([]);
    expect(removed.layout).toEqual({});
  });

  it('a topic nobody reads gets a consumer group; a topic nobody writes gets a producer', () => {
    const unread = doc({
      producers: [{ id: 'p' }],
      topics: [{ id: 't', replicationFactor: 3 }],
      edges: [{ from: 'p', to: 't' }],
      layout: { p: { x: 0, y: 0 }, t: { x: 300, y: 0 } },
    });
    expect(kinds(checkPipeline(unread))).toEqual(['topic-unread:t']);
    const fixed = fix(unread, 'topic-unread:t', /consumer group/);
    expect(fixed.doc.edges).toContainEqual({ from: 't', to: fixed.select });
    expect(fixed.doc.consumerGroups.map((g) => g.id)).toEqual([fixed.select]);
    expect(checkPipeline(fixed.doc)).toEqual([]);

    const unwritten = doc({
      topics: [{ id: 't', replicationFactor: 3 }],
      consumerGroups: [{ id: 'g' }],
      edges: [{ from: 't', to: 'g' }],
      layout: { t: { x: 400, y: 0 }, g: { x: 700, y: 0 } },
    });
    expect(kinds(checkPipeline(unwritten))).toEqual(['topic-unwritten:t']);
    const written = fix(unwritten, 'topic-unwritten:t', /producer/);
    expect(written.doc.edges).toContainEqual({ from: written.select, to: 't' });
    expect(written.doc.layout[written.select!]!.x).toBeLessThan(400);
    expect(checkPipeline(written.doc)).toEqual([]);

    // A backlog counts as something to read.
    const prefilled = doc({
      topics: [{ id: 't', replicationFactor: 3, prefillRecords: 1000 }],
      consumerGroups: [{ id: 'g' }],
      edges: [{ from: 't', to: 'g' }],
    });
    expect(checkPipeline(prefilled)).toEqual([]);
  });

  it('a topic read only by a stream-stream join is read', () => {
    const d = doc({
      producers: [{ id: 'p1' }, { id: 'p2' }],
      topics: [
        { id: 'a', replicationFactor: 3 },
        { id: 'b', replicationFactor: 3 },
      ],
      sparkJobs: [{ id: 'j', stages: [{ id: 'x', kind: 'streamJoin', topic: 'b' }] }],
      edges: [
        { from: 'p1', to: 'a' },
        { from: 'p2', to: 'b' },
        { from: 'a', to: 'j' },
        { from: 'b', to: 'j' },
      ],
    });
    expect(kinds(checkPipeline(d))).toEqual([]);
  });

  it('a sink nothing writes to: connect the one reader without a sink, or remove it', () => {
    const d = testDoc();
    const extra: Pipeline = { ...d, sinks: [...d.sinks, { ...d.sinks[0]!, id: 'spare' }] };
    const gaps = checkPipeline(extra);
    // The group "audit" is the only reader that writes to no sink.
    expect(gap(gaps, 'sink-unfed:spare').fixes.map((f) => f.label)).toEqual([
      'Connect consumer group audit to it',
      'Remove the sink',
    ]);
    const fixed = fix(extra, 'sink-unfed:spare', /^Connect/).doc;
    expect(fixed.edges).toContainEqual({ from: 'audit', to: 'spare' });
    expect(kinds(checkPipeline(fixed)).filter((k) => k.startsWith('sink'))).toEqual([]);
  });

  it('replication: above the broker count is an error; min.insync above RF a gap; RF 1 a risk', () => {
    const parsed = doc({
      producers: [{ id: 'p' }],
      topics: [
        { id: 'big', replicationFactor: 3, config: { 'min.insync.replicas': 3 } },
        { id: 'isr', replicationFactor: 2, config: { 'min.insync.replicas': 3 } },
        { id: 'one' },
      ],
      consumerGroups: [{ id: 'g1' }, { id: 'g2' }, { id: 'g3' }],
      edges: [
        { from: 'p', to: 'big' },
        { from: 'big', to: 'g1' },
        { from: 'isr', to: 'g2' },
        { from: 'one', to: 'g3' },
      ],
    });
    const d = raise(parsed, 'big', 5);
    const gaps = checkPipeline(d);
    const replication = gaps.filter((g) => g.kind.startsWith('rf') || g.kind.startsWith('min'));
    expect(replication.map((g) => [g.key, g.severity])).toEqual([
      ['rf-above-brokers:big', 'error'],
      ['min-isr-above-rf:isr', 'gap'],
      ['rf-one:one', 'risk'],
    ]);
    // Errors first, risks last.
    expect(gaps[0]!.severity).toBe('error');
    expect(gaps.at(-1)!.severity).toBe('risk');
    expect(gap(gaps, 'rf-above-brokers:big').text).toContain('3 brokers');
    expect(gap(gaps, 'rf-one:one').text).toMatch(/Kafka's default.*broker is lost/);
    expect(holdsPlay(gap(gaps, 'rf-one:one'))).toBe(false);

    const set = fix(d, 'rf-above-brokers:big', /^Set RF to 3$/).doc.topics[0]!;
    expect([set.replicationFactor, set.config['min.insync.replicas']]).toEqual([3, 3]);
    const grown = fix(d, 'rf-above-brokers:big', /^Add 2 brokers$/).doc;
    expect(grown.cluster.brokers.map((b) => b.id)).toEqual(['b1', 'b2', 'b3', 'broker-1', 'broker-2']);
    expect(checkGraph(grown).errors).toEqual([]);
    const isr = fix(d, 'min-isr-above-rf:isr', /min.insync.replicas to 1/).doc.topics[1]!;
    expect(isr.config['min.insync.replicas']).toBe(1);
    const rf3 = fix(d, 'rf-one:one', /^Set RF to 3$/).doc.topics[2]!;
    expect(rf3.replicationFactor).toBe(3);
  });

  it('RF 1 on a one-broker cluster: the fix adds brokers first', () => {
    const d = doc({
      cluster: { brokers: [{ id: 'b1' }] },
      producers: [{ id: 'p' }],
      topics: [{ id: 't' }],
      consumerGroups: [{ id: 'g' }],
      edges: [
        { from: 'p', to: 't' },
        { from: 't', to: 'g' },
      ],
    });
    const fixed = fix(d, 'rf-one:t', /^Add 2 brokers and set RF to 3$/).doc;
    expect(fixed.cluster.brokers).toHaveLength(3);
    expect(fixed.topics[0]!.replicationFactor).toBe(3);
    expect(checkPipeline(fixed)).toEqual([]);
  });

  it('idle members: more members than partitions', () => {
    const d = doc({
      producers: [{ id: 'p' }],
      topics: [{ id: 't', partitions: 2, replicationFactor: 3 }],
      consumerGroups: [{ id: 'g', members: 5 }],
      edges: [
        { from: 'p', to: 't' },
        { from: 't', to: 'g' },
      ],
    });
    const g = gap(checkPipeline(d), 'idle-members:g');
    expect(g.text).toContain('3 members get no partition');
    expect(fix(d, 'idle-members:g', /members to 2/).doc.consumerGroups[0]!.members).toBe(2);
    expect(fix(d, 'idle-members:g', /partitions to 5/).doc.topics[0]!.partitions).toBe(5);
  });

  it('a job without stages gets a map stage', () => {
    const d = doc({
      producers: [{ id: 'p' }],
      topics: [{ id: 't', replicationFactor: 3 }],
      sparkJobs: [{ id: 'j' }],
      edges: [
        { from: 'p', to: 't' },
        { from: 't', to: 'j' },
      ],
    });
    expect(kinds(checkPipeline(d))).toEqual(['job-no-stages:j']);
    const fixed = fix(d, 'job-no-stages:j', /map/);
    expect(fixed.doc.sparkJobs[0]!.stages.map((s) => s.kind)).toEqual(['map']);
    expect(fixed.select).toBe(fixed.doc.sparkJobs[0]!.stages[0]!.id);
  });

  it('every gap names its node in quotes, the way node views find their messages', () => {
    const d = raise(
      doc({
        producers: [{ id: 'p' }],
        topics: [{ id: 't' }, { id: 'u', replicationFactor: 3 }],
        consumerGroups: [{ id: 'g', members: 3 }],
        sinks: [{ id: 's' }],
        edges: [{ from: 't', to: 'g' }],
      }),
      'u',
      9,
    );
    const gaps = checkPipeline(d);
    expect(gaps.length).toBeGreaterThan(3);
    for (const g of gaps) expect(g.text).toContain(`"${g.nodeId}"`);
    const all: GapKind[] = gaps.map((g) => g.kind);
    expect(new Set(gaps.map((g) => g.key)).size).toBe(all.length);
  });
});

describe('records without keys into a compacted topic', () => {
  const keyless = (policy: string) =>
    doc({
      topics: [{ id: 'state', replicationFactor: 3, config: { 'cleanup.policy': policy } }],
      producers: [{ id: 'app' }],
      consumerGroups: [{ id: 'view' }],
      edges: [
        { from: 'app', to: 'state' },
        { from: 'state', to: 'view' },
      ],
    });

  it('says Kafka refuses them, and gives the producer keys as the fix', () => {
    const d = keyless('compact');
    const g = gap(checkPipeline(d), 'keyless-compacted:app');
    expect(g.text).toContain('refuses');
    expect(g.text).toContain('cleanup.policy compact');
    const fixed = fix(d, 'keyless-compacted:app', /keys/).doc;
    expect(fixed.producers[0]!.keys).toEqual({ kind: 'uniform', count: 10_000 });
    expect(kinds(checkPipeline(fixed))).not.toContain('keyless-compacted:app');
  });

  it('says nothing with cleanup.policy delete', () => {
    expect(kinds(checkPipeline(keyless('delete')))).not.toContain('keyless-compacted:app');
    expect(kinds(checkPipeline(keyless('compact,delete')))).toContain('keyless-compacted:app');
  });
});

describe('badges', () => {
  it('a setting conflict is not called unconnected; an unconnected producer is', () => {
    const d = doc({
      producers: [{ id: 'lone' }, { id: 'app' }],
      topics: [
        { id: 'isr', replicationFactor: 3, config: { 'min.insync.replicas': 4 } },
        { id: 'state', replicationFactor: 3, config: { 'cleanup.policy': 'compact' } },
      ],
      consumerGroups: [{ id: 'g1' }, { id: 'g2' }],
      edges: [
        { from: 'app', to: 'state' },
        { from: 'state', to: 'g1' },
        { from: 'isr', to: 'g2' },
      ],
    });
    const gaps = checkPipeline(d);
    expect(gap(gaps, 'min-isr-above-rf:isr').text).toContain('min.insync.replicas is 4');
    expect(badgeOf(gap(gaps, 'min-isr-above-rf:isr'))).toBe('Setting conflict');
    expect(badgeOf(gap(gaps, 'keyless-compacted:app'))).toBe('Setting conflict');
    expect(badgeOf(gap(gaps, 'producer-unconnected:lone'))).toBe('Unconnected');
    // Only entries about something left unconnected say so.
    const unconnected = gaps.filter((g) => badgeOf(g) === 'Unconnected').map((g) => g.kind);
    expect(unconnected.every((k) => /unconnected|unwritten|unread|unfed/.test(k))).toBe(true);
  });
});

describe('what the simulator refuses', () => {
  const payments = (): Pipeline => {
    const text = readFileSync(
      new URL('../../../examples/payments-exactly-once.json', import.meta.url),
      'utf8',
    );
    const parsed = parsePipeline(JSON.parse(text));
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    return parsed.doc;
  };
  const withAcks = (d: Pipeline, id: string, acks: '0' | '1'): Pipeline => ({
    ...d,
    producers: d.producers.map((p) => (p.id === id ? { ...p, config: { ...p.config, acks } } : p)),
  });

  it('a transactional producer with acks=1 is listed as Cannot run, with "Set acks to all"', () => {
    const d = withAcks(payments(), 'payment-gateway', '1');
    expect(checkGraph(d).errors.length).toBe(1);
    const gaps = checkPipeline(d);
    expect(kinds(gaps)).toEqual(['refused:payment-gateway:0']);
    const g = gaps[0]!;
    expect(g.severity).toBe('error');
    expect(badgeOf(g)).toBe('Cannot run');
    expect(holdsPlay(g)).toBe(true);
    expect(g.nodeId).toBe('payment-gateway');
    expect(g.text).toMatch(/^Producer "payment-gateway": transactional.id needs acks=all, not acks=1/);
    expect(g.fixes.map((f) => f.label)).toEqual(['Set acks to all']);
    const fixed = g.fixes[0]!.apply(d).doc;
    expect(fixed.producers.find((p) => p.id === 'payment-gateway')!.config.acks).toBe('all');
    expect(checkGraph(fixed).errors).toEqual([]);
    expect(checkPipeline(fixed)).toEqual([]);
  });

  it('every refusal of checkGraph is listed once, beside the entries that already say it', () => {
    const base = withAcks(payments(), 'payment-gateway', '0');
    const d: Pipeline = {
      ...base,
      producers: base.producers.map((p) =>
        p.id === 'payment-gateway'
          ? { ...p, config: { ...p.config, 'max.in.flight.requests.per.connection': 8 } }
          : p,
      ),
      topics: base.topics.map((t) => (t.id === 'payments' ? { ...t, replicationFactor: 4 } : t)),
    };
    const errors = checkGraph(d).errors;
    // acks, max.in.flight and the replication factor.
    expect(errors.length).toBe(3);
    const gaps = checkPipeline(d).filter((g) => g.severity === 'error');
    expect(kinds(gaps)).toEqual([
      'rf-above-brokers:payments',
      'refused:payment-gateway:0',
      'refused:payment-gateway:1',
    ]);
    expect(gaps.flatMap((g) => g.fixes.map((f) => f.label))).toContain(
      'Set max.in.flight.requests.per.connection to 5',
    );
    // Both producer fixes together leave only the replication factor.
    let fixed = d;
    for (const g of gaps.slice(1)) fixed = g.fixes[0]!.apply(fixed).doc;
    expect(checkGraph(fixed).errors).toEqual([errors.find((e) => e.startsWith('topic "payments"'))]);
  });

  it("the worker's own refusals are listed too, once", () => {
    const d = withAcks(payments(), 'payment-gateway', '1');
    const [graphError] = checkGraph(d).errors;
    const gaps = checkPipeline(d, [graphError!, 'the simulation could not start: out of memory']);
    expect(kinds(gaps)).toEqual(['refused:payment-gateway:0', 'refused::0']);
    expect(gaps[1]!.text).toBe('The simulation could not start: out of memory.');
    expect(gaps[1]!.fixes).toEqual([]);
  });
});
