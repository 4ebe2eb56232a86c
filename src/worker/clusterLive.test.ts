// The cluster part of the live frames: each partition's replicas, ISR, leader and offsets, each
// broker's state and leaderships, and the cluster events, each sent once, with broker ids.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../core/engine/simulation';
import { parsePipelineText, type Pipeline } from '../model';
import { FrameBuilder, MAX_EVENTS_PER_FRAME } from './frames';
import type { ClusterEventLive } from './protocol';

function brokerFailure(): Pipeline {
  const parsed = parsePipelineText(readFileSync('examples/broker-failure.json', 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  parsed.doc.faults[0] = { ...parsed.doc.faults[0]!, mode: 'processKilled' } as Pipeline['faults'][number];
  return parsed.doc;
}

describe('cluster in the live frames', () => {
  it('partition rows and broker states before the kill, while it is down, and after it is let back in', () => {
    const doc = brokerFailure();
    const sim = new Simulation(doc);
    const frames = new FrameBuilder(doc, sim);

    sim.runUntil(20_000);
    let live = frames.live();
    const before = live.partitions['orders']!;
    expect(before).toHaveLength(6);
    // Placement: leaders round-robin over the brokers, followers on the next ones.
    const ids = ['broker-1', 'broker-2', 'broker-3'];
    before.forEach((p, i) => {
      const replicas = [0, 1, 2].map((j) => ids[(i + j) % 3]!);
      expect(p.replicas).toEqual(replicas);
      expect(p.isr).toEqual(replicas);
      expect(p.leader).toBe(replicas[0]);
      expect(p.offline).toBe(false);
      expect(p.highWatermark!).toBeLessThanOrEqual(p.logEndOffset!);
      expect(p.logEndOffset!).toBeGreaterThan(0);
    });
    // 20 s of 20,000 records/s over six partitions, all of it on the log.
    const written = before.reduce((a, p) => a + p.logEndOffset!, 0);
    expect(written).toBeGreaterThan(0.95 * 20 * 20_000);
    expect(written).toBeLessThan(1.05 * 20 * 20_000);
    expect(live.brokers['broker-1']).toMatchObject({ state: 'up', fenced: false, leaderOf: 2 });
    expect(live.clusterEvents).toEqual({ first: 0, total: 0, events: [] });

    sim.runUntil(35_000);
    live = frames.live();
    // Killed, not yet fenced: still the leader on paper, still in every ISR.
    expect(live.brokers['broker-1']).toMatchObject({ state: 'processKilled', fenced: false, leaderOf: 2 });
    expect(live.partitions['orders']![0]).toMatchObject({ leader: 'broker-1', isr: ids });
    // The producer's connection to the killed broker is reset within a round trip (the broker's id
    // reaches the page, not its index).
    expect(live.clusterEvents!.events).toEqual([
      { kind: 'brokerDown', atMs: 30_000, broker: 'broker-1', mode: 'processKilled' },
      {
        kind: 'clientDisconnected',
        atMs: expect.closeTo(30_000, -1),
        client: 'checkout',
        broker: 'broker-1',
        why: 'reset',
        requests: expect.any(Number),
      },
    ]);

    sim.runUntil(50_000);
    live = frames.live();
    const during = live.partitions['orders']!;
    during.forEach((p, i) => {
      expect(p.isr).toEqual(before[i]!.isr!.filter((b) => b !== 'broker-1'));
      expect(p.leader).toBe(before[i]!.leader === 'broker-1' ? 'broker-2' : before[i]!.leader);
    });
    expect(live.brokers['broker-1']).toMatchObject({ state: 'processKilled', fenced: true, leaderOf: 0 });
    expect(live.brokers['broker-2']).toMatchObject({ state: 'up', leaderOf: 4 });
    // Only what came since the last frame, numbered on from it.
    const sent = live.clusterEvents!;
    expect(sent.first).toBe(2);
    const brokerSide = sent.events.filter(
      (e) => !e.kind.startsWith('producer') && e.kind !== 'clientDisconnected',
    );
    expect(brokerSide[0]).toEqual({ kind: 'brokerFenced', atMs: 39_300, broker: 'broker-1' });
    const elections = sent.events.filter((e) => e.kind === 'leaderElected');
    expect(elections).toEqual(
      [0, 3].map((partition) => ({
        kind: 'leaderElected',
        atMs: 39_300,
        topic: 'orders',
        partition,
        from: 'broker-1',
        to: 'broker-2',
        unclean: false,
      })),
    );
    expect(sent.events.filter((e) => e.kind === 'isrShrink')).toHaveLength(6);
    expect(sent.total).toBe(2 + sent.events.length);

    sim.runUntil(71_000);
    live = frames.live();
    expect(live.brokers['broker-1']).toMatchObject({ state: 'restarting', fenced: true });
    expect(live.clusterEvents!.events).toEqual([
      { kind: 'brokerRestarted', atMs: 70_000, broker: 'broker-1' },
    ]);
    sim.runUntil(90_000);
    live = frames.live();
    expect(live.brokers['broker-1']).toMatchObject({ state: 'up', fenced: false, leaderOf: 0 });
    live.partitions['orders']!.forEach((p) => expect(p.isr).toEqual(p.replicas));
    const kinds = live.clusterEvents!.events.map((e: ClusterEventLive) => e.kind);
    expect(kinds).toEqual(['brokerUnfenced', ...Array<string>(6).fill('isrExpand')]);
    expect(frames.live().clusterEvents!.events).toEqual([]);
  });

  it('sends at most MAX_EVENTS_PER_FRAME events in a frame, the newest, and says from where', () => {
    const doc = brokerFailure();
    const sim = new Simulation(doc);
    const frames = new FrameBuilder(doc, sim);
    const extra = MAX_EVENTS_PER_FRAME + 5;
    for (let i = 0; i < extra; i++) sim.clusterEvents.add({ kind: 'brokerFenced', atMs: i, broker: 2 });
    const sent = frames.live().clusterEvents!;
    expect(sent.total).toBe(extra);
    expect(sent.first).toBe(5);
    expect(sent.events).toHaveLength(MAX_EVENTS_PER_FRAME);
    expect(sent.events[0]).toEqual({ kind: 'brokerFenced', atMs: 5, broker: 'broker-3' });
  });
});

describe('lag of a Spark job in the live frames', () => {
  it('counts the records its queued batches hold: the high watermark minus what completed batches took', () => {
    // 10,000 records/s into 2 partitions; one executor core at 200 µs a record takes at most
    // 5,000/s, so batches queue and at least half of what arrives is still unprocessed.
    const parsed = parsePipelineText(
      JSON.stringify({
        version: 1,
        cluster: { brokers: [{ id: 'b1' }] },
        topics: [{ id: 't', partitions: 2, replicationFactor: 1 }],
        producers: [{ id: 'p', rate: { recordsPerSec: 10_000 } }],
        sparkJobs: [
          {
            id: 'slow',
            batchIntervalMs: 1000,
            stages: [
              { id: 'work', kind: 'map', costPerRecordUs: 200 },
              { id: 'out', kind: 'sink' },
            ],
            config: { 'spark.executor.instances': 1, 'spark.executor.cores': 1 },
          },
        ],
        edges: [
          { from: 'p', to: 't' },
          { from: 't', to: 'slow' },
        ],
        run: { durationSec: 30 },
      }),
    );
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const sim = new Simulation(parsed.doc);
    const frames = new FrameBuilder(parsed.doc, sim);
    sim.runUntil(30_000);
    const live = frames.live();
    const rows = live.partitions['t']!;
    const written = rows.reduce((a, p) => a + p.highWatermark!, 0);
    const lag = rows.reduce((a, p) => a + p.lag, 0);
    // 30 s at 10,000/s arrive; at most 30 s x 5,000/s can be processed.
    expect(written).toBeGreaterThan(0.95 * 300_000);
    expect(lag).toBeGreaterThan(written - 30 * 5_000);
    // The job's own row says the same, and the per-partition tables agree with the column.
    expect(live.nodes['slow']!.lag).toBe(lag);
    live.lagTables!['slow']!.forEach((x, i) => expect(x.lag).toBe(rows[i]!.lag));
  });
});
