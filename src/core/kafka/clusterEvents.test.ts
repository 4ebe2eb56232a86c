// The cluster event log: a broker kill in the broker-failure example writes down the kill, the
// fence, the elections, the ISR shrinks, the restart and the ISR expansions, at the times Kafka's
// rules give, in the order they happen; and keeping or reading the log changes no result.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePipelineText } from '../../model';
import type { Pipeline } from '../../model/types';
import { Simulation } from '../engine/simulation';
import { ClusterEventLog, isClientEvent, type ClusterEvent } from './clusterEvents';

const KILLED = 0; // broker-1
const DIES_MS = 30_000;
const BACK_MS = 70_000; // the fault lasts 40 s
/** broker.session.timeout.ms as the example sets it (Kafka's default, 9 s). */
const SESSION_MS = 9_000;
/** The controller's election time and the wait for a restarted broker's next heartbeat (costs.ts). */
const ELECTION_MS = 300;
const HEARTBEAT_MS = 2_000;

function example(change: (doc: Pipeline) => void = () => {}): Pipeline {
  const parsed = parsePipelineText(readFileSync('examples/broker-failure.json', 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const doc = parsed.doc;
  doc.faults[0] = { ...doc.faults[0]!, mode: 'processKilled' } as Pipeline['faults'][number];
  change(doc);
  return doc;
}

/** One line per event, with broker indexes, so a whole sequence compares at once. */
function line(e: ClusterEvent): string {
  const t = (e.atMs / 1000).toFixed(3);
  switch (e.kind) {
    case 'brokerDown':
      return `${t} down ${e.broker} ${e.mode}`;
    case 'brokerRestarted':
    case 'brokerFenced':
    case 'brokerUnfenced':
      return `${t} ${e.kind} ${e.broker}`;
    case 'brokerCut':
      return `${t} cut ${e.broker} brokers=${e.fromBrokers} clients=${e.fromClients}`;
    case 'leaderElected':
      return `${t} leader ${e.topic}-${e.partition} ${e.from}->${e.to}${e.unclean ? ' unclean' : ''}`;
    case 'isrShrink':
    case 'isrExpand':
    case 'isrChange':
      return `${t} ${e.kind} ${e.topic}-${e.partition} [${e.from.join(',')}]->[${e.to.join(',')}]`;
    case 'partitionOffline':
      return `${t} offline ${e.topic}-${e.partition} last ${e.lastLeader}`;
    case 'partitionOnline':
      return `${t} online ${e.topic}-${e.partition} ${e.leader}`;
    case 'clientDisconnected':
      return `${t} ${e.client} closed ${e.broker} ${e.why} ${e.requests}`;
    case 'producerBlocked':
    case 'producerUnblocked':
      return `${t} ${e.kind} ${e.client}`;
    default:
      return `${t} ${e.kind}`;
  }
}

/** The brokers' and the controller's events (the producers' own are checked apart). */
const clusterSide = (sim: Simulation) => sim.clusterEvents.all().filter((e) => !isClientEvent(e));

const at = (ms: number) => (ms / 1000).toFixed(3);

describe('cluster events of a broker kill', () => {
  it('kill, fence with elections and ISR shrinks, restart, unfence, the ISR grows back, preferred leaders return', () => {
    const sim = new Simulation(example());
    sim.runUntil(90_000);
    const lines = clusterSide(sim).map(line);

    // Expected from the rules: the session expires SESSION_MS after the last heartbeat, the
    // controller then moves each leadership of the killed broker to the first other replica in
    // assignment order (all are in sync: 9 s is less than replica.lag.time.max.ms), and takes it
    // out of every ISR, partition by partition.
    const fence = DIES_MS + SESSION_MS + ELECTION_MS;
    const partitions = sim.topics.get('orders')!.partitions;
    const expected = [`${at(DIES_MS)} down ${KILLED} processKilled`, `${at(fence)} brokerFenced ${KILLED}`];
    for (const p of partitions) {
      const replicas = p.replicas;
      if (replicas[0] === KILLED)
        expected.push(`${at(fence)} leader orders-${p.index} ${KILLED}->${replicas[1]}`);
      const rest = replicas.filter((r) => r !== KILLED);
      expected.push(`${at(fence)} isrShrink orders-${p.index} [${replicas.join(',')}]->[${rest.join(',')}]`);
    }
    expected.push(`${at(BACK_MS)} brokerRestarted ${KILLED}`);
    expected.push(`${at(BACK_MS + HEARTBEAT_MS)} brokerUnfenced ${KILLED}`);
    expect(lines.slice(0, expected.length)).toEqual(expected);

    // Then each partition takes the broker back once it has caught up.
    const isrExpands = clusterSide(sim).slice(expected.length);
    expect(isrExpands.map((e) => e.kind)).toEqual(partitions.map(() => 'isrExpand'));
    expect(isrExpands.map((e) => (e.kind === 'isrExpand' ? e.partition : -1)).sort()).toEqual(
      partitions.map((p) => p.index),
    );
    for (const e of isrExpands) {
      expect(e.atMs).toBeGreaterThan(BACK_MS + HEARTBEAT_MS);
      expect(e.atMs).toBeLessThan(BACK_MS + HEARTBEAT_MS + 5_000);
      if (e.kind === 'isrExpand') expect(e.to).toEqual(partitions[e.partition]!.replicas);
    }
    // The partitions it prefers (first in their replica list) are led by others: it leads none of
    // them, 100% not led, above leader.imbalance.per.broker.percentage (10, Kafka's default). The
    // controller looks every leader.imbalance.check.interval.seconds (300, Kafka's default), so at
    // 300 s, within one interval of the broker coming back, each of them elects it again; the
    // other brokers lead all they prefer (0%) and keep what they have.
    sim.runUntil(310_000);
    const preferred = partitions.filter((p) => p.replicas[0] === KILLED);
    expect(preferred.length).toBeGreaterThan(0);
    const CHECK_MS = 300_000;
    const later = clusterSide(sim)
      .slice(expected.length + isrExpands.length)
      .map(line);
    expect(later).toEqual([
      `${at(CHECK_MS)} leaderRebalance`,
      ...preferred.map((p) => `${at(CHECK_MS)} leader orders-${p.index} ${p.replicas[1]}->${KILLED}`),
    ]);
    const rebalance = clusterSide(sim).find((e) => e.kind === 'leaderRebalance');
    expect(rebalance?.kind === 'leaderRebalance' && [rebalance.broker, rebalance.percent]).toEqual([
      KILLED,
      100,
    ]);
    for (const p of partitions) expect(p.leader).toBe(p.replicas[0]);
    // The times only ever go forward.
    const times = clusterSide(sim).map((e) => e.atMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('no leader goes back with auto.leader.rebalance.enable false, or an imbalance not above the percentage', () => {
    const interval = 20;
    for (const change of [
      (doc: Pipeline) => (doc.cluster.config['auto.leader.rebalance.enable'] = false),
      // The broker leads none of what it prefers: 100% not led, which is not above 100.
      (doc: Pipeline) => (doc.cluster.config['leader.imbalance.per.broker.percentage'] = 100),
    ]) {
      const sim = new Simulation(
        example((doc) => {
          doc.cluster.config['leader.imbalance.check.interval.seconds'] = interval;
          change(doc);
        }),
      );
      sim.runUntil(120_000);
      expect(sim.clusterEvents.all().filter((e) => e.kind === 'leaderRebalance')).toEqual([]);
      const partitions = sim.topics.get('orders')!.partitions;
      expect(
        partitions.filter((p) => p.replicas[0] === KILLED && p.leader !== KILLED).length,
      ).toBeGreaterThan(0);
    }
    // With the check every 20 s and the default 10%, the first check after the broker is back in
    // every ISR (about 73 s) is at 80 s.
    const sim = new Simulation(
      example((doc) => (doc.cluster.config['leader.imbalance.check.interval.seconds'] = interval)),
    );
    sim.runUntil(120_000);
    const moves = sim.clusterEvents.all().filter((e) => e.kind === 'leaderElected' && e.why === 'preferred');
    expect(moves.length).toBeGreaterThan(0);
    for (const e of moves) expect(e.atMs).toBe(80_000);
  });

  it('a session longer than replica.lag.time.max.ms: the leaders shrink the ISR first, the election follows', () => {
    const session = 45_000;
    const sim = new Simulation(
      example((doc) => {
        doc.cluster.config['broker.session.timeout.ms'] = session;
        doc.faults[0] = { ...doc.faults[0]!, durationSec: 60 } as Pipeline['faults'][number];
      }),
    );
    sim.runUntil(80_000);
    const events = clusterSide(sim);
    const partitions = sim.topics.get('orders')!.partitions;
    // The killed follower last caught up just before it died; the leaders check once a second and
    // drop a follower not caught up for more than 30 s: at the first check after 60 s.
    const lagMax = sim.doc.cluster.config['replica.lag.time.max.ms'];
    expect(lagMax).toBe(30_000);
    const shrinks = events.filter((e) => e.kind === 'isrShrink' && e.atMs < DIES_MS + session);
    const followed = partitions.filter((p) => p.replicas[0] !== KILLED);
    expect(shrinks.map((e) => (e.kind === 'isrShrink' ? e.partition : -1))).toEqual(
      followed.map((p) => p.index),
    );
    for (const e of shrinks) {
      expect(e.atMs).toBeGreaterThanOrEqual(DIES_MS + lagMax);
      expect(e.atMs).toBeLessThanOrEqual(DIES_MS + lagMax + 1_000);
    }
    // The partitions the killed broker led keep it in their ISR (nobody leads them to notice)
    // until the controller fences it and elects.
    const fence = DIES_MS + session + ELECTION_MS;
    const elections = events.filter((e) => e.kind === 'leaderElected');
    expect(elections.map((e) => e.atMs)).toEqual(
      partitions.filter((p) => p.replicas[0] === KILLED).map(() => fence),
    );
    expect(events.find((e) => e.kind === 'brokerFenced')?.atMs).toBe(fence);
  });

  it('a topic with one replica goes offline at the fence and back online when the broker is let in', () => {
    const sim = new Simulation(example((doc) => (doc.topics[0]!.replicationFactor = 1)));
    sim.runUntil(80_000);
    const lines = clusterSide(sim).map(line);
    const fence = DIES_MS + SESSION_MS + ELECTION_MS;
    const unfence = BACK_MS + HEARTBEAT_MS;
    const led = sim.topics
      .get('orders')!
      .partitions.filter((p) => p.replicas[0] === KILLED)
      .map((p) => p.index);
    expect(lines).toEqual([
      `${at(DIES_MS)} down ${KILLED} processKilled`,
      `${at(fence)} brokerFenced ${KILLED}`,
      ...led.map((i) => `${at(fence)} offline orders-${i} last ${KILLED}`),
      `${at(BACK_MS)} brokerRestarted ${KILLED}`,
      `${at(unfence)} brokerUnfenced ${KILLED}`,
      ...led.map((i) => `${at(unfence)} online orders-${i} ${KILLED}`),
    ]);
  });

  it('a cut from the other brokers and its heal are written down; a short one fences nobody', () => {
    const sim = new Simulation(
      example((doc) => {
        doc.faults = [
          { kind: 'networkPartition', atSec: 10, broker: 'broker-2', from: 'brokers', durationSec: 5 },
        ];
      }),
    );
    sim.runUntil(20_000);
    expect(clusterSide(sim).map(line)).toEqual([
      `${at(10_000)} cut 1 brokers=true clients=false`,
      `${at(15_000)} cut 1 brokers=false clients=false`,
    ]);
  });

  it('keeping and reading the log changes no result', () => {
    const quiet = new Simulation(example());
    quiet.runUntil(90_000);
    const watched = new Simulation(example());
    let seen = 0;
    for (let t = 100; t <= 90_000; t += 100) {
      watched.runUntil(t);
      seen += watched.clusterEvents.since(seen).length;
    }
    expect(seen).toBe(watched.clusterEvents.total);
    expect(seen).toBeGreaterThan(10);
    const a = quiet.summary();
    const b = watched.summary();
    expect(b.records).toEqual(a.records);
    expect(b.latencyMs).toEqual(a.latencyMs);
    expect(watched.events).toBe(quiet.events);
  });
});

describe('ClusterEventLog', () => {
  const ev = (atMs: number): ClusterEvent => ({ kind: 'brokerFenced', atMs, broker: 0 });

  it('keeps the newest `capacity` events, numbered from the start', () => {
    const log = new ClusterEventLog(4);
    for (let i = 0; i < 10; i++) log.add(ev(i));
    expect(log.total).toBe(10);
    expect(log.first).toBe(6);
    expect(log.all().map((e) => e.atMs)).toEqual([6, 7, 8, 9]);
    expect(log.since(8).map((e) => e.atMs)).toEqual([8, 9]);
    // Asking for events already dropped gives what is left, from the oldest kept.
    expect(log.since(2).map((e) => e.atMs)).toEqual([6, 7, 8, 9]);
    expect(log.since(10)).toEqual([]);
  });

  it('records a broker change only when it shows: overlapping downs and a cut while down', () => {
    const log = new ClusterEventLog();
    const state = { up: true, downMode: 'hostLost' as const, cutFromBrokers: false, cutFromClients: false };
    log.brokerChanged(2, { ...state, up: false }, 1);
    log.brokerChanged(2, { ...state, up: false }, 2); // a second down overlapping the first
    log.brokerChanged(2, { ...state, up: false, cutFromClients: true }, 3); // cut while down: unseen
    log.brokerChanged(2, { ...state, cutFromClients: true }, 4); // back, still cut
    log.brokerChanged(2, state, 5);
    expect(log.all()).toEqual([
      { kind: 'brokerDown', atMs: 1, broker: 2, mode: 'hostLost' },
      { kind: 'brokerRestarted', atMs: 4, broker: 2 },
      { kind: 'brokerCut', atMs: 4, broker: 2, fromBrokers: false, fromClients: true },
      { kind: 'brokerCut', atMs: 5, broker: 2, fromBrokers: false, fromClients: false },
    ]);
  });
});

describe("the producer's own events", () => {
  const clientEvents = (sim: Simulation) => sim.clusterEvents.all().filter(isClientEvent);
  const REQUEST_TIMEOUT_MS = 30_000; // request.timeout.ms, Kafka's default

  it('a killed process: the connection is reset at once, no request waits for its timeout', () => {
    const sim = new Simulation(example());
    sim.runUntil(120_000);
    const closed = clientEvents(sim).filter((e) => e.kind === 'clientDisconnected');
    expect(closed.length).toBeGreaterThan(0);
    const first = closed[0]!;
    expect(first).toMatchObject({
      kind: 'clientDisconnected',
      client: 'checkout',
      broker: KILLED,
      why: 'reset',
    });
    // The reset crosses the network once: within a few ms of the kill, not request.timeout.ms later.
    expect(first.atMs).toBeGreaterThanOrEqual(DIES_MS);
    expect(first.atMs).toBeLessThan(DIES_MS + 50);
    expect(closed.some((e) => e.kind === 'clientDisconnected' && e.why === 'timeout')).toBe(false);
  });

  it('a lost host: requests wait request.timeout.ms, the buffer fills meanwhile, and frees once they fail over', () => {
    const sim = new Simulation(
      example((doc) => {
        doc.faults[0] = { ...doc.faults[0]!, mode: 'hostLost' } as Pipeline['faults'][number];
      }),
    );
    expect(sim.doc.producers[0]!.config['request.timeout.ms']).toBe(REQUEST_TIMEOUT_MS);
    sim.runUntil(120_000);
    const events = clientEvents(sim);
    const timeouts = events.filter((e) => e.kind === 'clientDisconnected');
    expect(timeouts).toHaveLength(1);
    const t = timeouts[0]!;
    if (t.kind !== 'clientDisconnected') throw new Error('unreachable');
    expect(t.why).toBe('timeout');
    expect(t.broker).toBe(KILLED);
    // The oldest unanswered request was sent at the kill or just after it.
    expect(t.atMs).toBeGreaterThanOrEqual(DIES_MS + REQUEST_TIMEOUT_MS);
    expect(t.atMs).toBeLessThan(DIES_MS + REQUEST_TIMEOUT_MS + 100);
    // At most max.in.flight.requests.per.connection were waiting on the connection.
    expect(t.requests).toBeGreaterThanOrEqual(1);
    expect(t.requests).toBeLessThanOrEqual(
      sim.doc.producers[0]!.config['max.in.flight.requests.per.connection'],
    );
    // buffer.memory fills while the requests wait, and has room again only after they failed over.
    const buffer = events.filter((e) => e.kind !== 'clientDisconnected').map((e) => e.kind);
    expect(buffer.length).toBeGreaterThanOrEqual(2);
    buffer.forEach((k, i) => expect(k).toBe(i % 2 === 0 ? 'producerBlocked' : 'producerUnblocked'));
    const lastBlock = events.filter((e) => e.kind === 'producerBlocked').at(-1)!;
    const lastFree = events.filter((e) => e.kind === 'producerUnblocked').at(-1)!;
    expect(lastBlock.atMs).toBeGreaterThan(DIES_MS);
    expect(lastBlock.atMs).toBeLessThan(t.atMs);
    expect(lastFree.atMs).toBeGreaterThan(t.atMs);
  });
});
