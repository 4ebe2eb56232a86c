// What happened to the cluster, in the order it happened: brokers going down, coming back, cut off
// and let in again, leader elections, ISR shrinks and expansions, partitions going offline and back.
// The controller, the fault timeline and the partitions append here as they change their state;
// nothing reads the log back into the simulation, so keeping it changes no result. It is bounded:
// only the newest `capacity` events are kept, each with its sequence number, so a reader (the
// worker's frames) can ask for what it has not seen yet.
import type { BrokerDownMode } from './brokerOutage';
import type { LeaderMoveReason } from './partition';

interface Timed {
  /** Simulated time of the change. */
  atMs: number;
}

interface OfPartition extends Timed {
  topic: string;
  partition: number;
}

export type ClusterEvent =
  /** The broker's process died (killed) or its machine was lost. */
  | (Timed & { kind: 'brokerDown'; broker: number; mode: BrokerDownMode })
  /** A new process started; it serves nobody until the controller lets it in. */
  | (Timed & { kind: 'brokerRestarted'; broker: number })
  /** The broker can or cannot reach the other brokers / its clients now (a network partition). */
  | (Timed & { kind: 'brokerCut'; broker: number; fromBrokers: boolean; fromClients: boolean })
  /** Its session expired: the controller took it out of every ISR and moved its leaderships. */
  | (Timed & { kind: 'brokerFenced'; broker: number })
  /** Registered again and let in: it may follow, catch up and rejoin ISRs. */
  | (Timed & { kind: 'brokerUnfenced'; broker: number })
  /** `why`: a move on live brokers (preferred leader election, reassignment); absent: a failover. */
  | (OfPartition & {
      kind: 'leaderElected';
      from: number;
      to: number;
      unclean: boolean;
      why?: LeaderMoveReason;
    })
  /** An addBroker event: the broker registered; it holds no partition until a reassignment. */
  | (Timed & { kind: 'brokerAdded'; broker: number })
  /** Its replicas were moved away and it was shut down. */
  | (Timed & { kind: 'brokerDecommissioned'; broker: number })
  /** Every broker of the rack goes down at once (their brokerDown events follow). */
  | (Timed & { kind: 'zoneOutage'; rack: string })
  /**
   * The leader imbalance check found the broker leading too few of the partitions it prefers
   * (`percent` not led, above leader.imbalance.per.broker.percentage): `partitions` move back.
   */
  | (Timed & { kind: 'leaderRebalance'; broker: number; percent: number; partitions: number })
  /** A partition starts moving from replicas `from` to `to`; `bytes` to copy to the new replicas. */
  | (OfPartition & { kind: 'reassignmentStarted'; from: number[]; to: number[]; bytes: number })
  /** Each quarter of the copy (by bytes left against the start). */
  | (OfPartition & { kind: 'reassignmentProgress'; percent: number; bytesLeft: number })
  /** Every new replica is in sync and the old ones are dropped. */
  | (OfPartition & { kind: 'reassignmentFinished'; to: number[]; tookMs: number })
  /** A reassignment or decommission that could not start, and why. */
  | (Timed & { kind: 'reassignmentRefused'; reason: string })
  /**
   * `from` and `to` list the in-sync replicas in assignment order. isrChange: as many as before but
   * others (an unclean election makes its new leader the whole ISR).
   */
  | (OfPartition & { kind: 'isrShrink' | 'isrExpand' | 'isrChange'; from: number[]; to: number[] })
  /** No live in-sync replica can lead: writes and reads stop. */
  | (OfPartition & { kind: 'partitionOffline'; lastLeader: number })
  | (OfPartition & { kind: 'partitionOnline'; leader: number; unclean: boolean })
  /**
   * A producer closed its connection to a broker: a request went unanswered for request.timeout.ms
   * (timeout), the broker's machine reset it (reset), or acks=0 writes stayed stuck in a full send
   * buffer (blockedWrite). `requests` failed with it and are retried on whichever broker leads now.
   */
  | (Timed & {
      kind: 'clientDisconnected';
      client: string;
      broker: number;
      why: ClientCloseReason;
      requests: number;
    })
  /** A producer's buffer.memory filled (send() blocks; records wait, refused after max.block.ms), and had room again. */
  | (Timed & { kind: 'producerBlocked' | 'producerUnblocked'; client: string });

/** Events a client (a producer) reports, as opposed to the brokers and the controller. */
export const isClientEvent = (e: ClusterEvent): boolean =>
  e.kind === 'clientDisconnected' || e.kind === 'producerBlocked' || e.kind === 'producerUnblocked';

/** Why a client closed a connection (see ClientConnections). */
export type ClientCloseReason = 'timeout' | 'reset' | 'blockedWrite';

export type ClusterEventKind = ClusterEvent['kind'];

/** How a broker looked in the log's last events about it: changes are recorded against it. */
interface BrokerCondition {
  up: boolean;
  /** The cut last reported (cuts are not reported while the broker is down). */
  fromBrokers: boolean;
  fromClients: boolean;
}

export const CLUSTER_EVENT_CAPACITY = 10_000;

export class ClusterEventLog {
  /** A ring: event number n is at n % capacity while it is among the newest `capacity`. */
  private readonly ring: ClusterEvent[] = [];
  private count = 0;
  private readonly brokers: BrokerCondition[] = [];

  constructor(readonly capacity = CLUSTER_EVENT_CAPACITY) {}

  /** Events recorded since the start (the sequence number the next one gets). */
  get total(): number {
    return this.count;
  }

  /** Sequence number of the oldest event still kept. */
  get first(): number {
    return Math.max(0, this.count - this.capacity);
  }

  add(e: ClusterEvent): void {
    const slot = this.count % this.capacity;
    if (slot < this.ring.length) this.ring[slot] = e;
    else this.ring.push(e);
    this.count++;
  }

  /** The kept events numbered `from` and up, oldest first (older ones are gone: they start at `first`). */
  since(from: number): ClusterEvent[] {
    const out: ClusterEvent[] = [];
    for (let n = Math.max(from, this.first); n < this.count; n++) out.push(this.ring[n % this.capacity]!);
    return out;
  }

  /** Every kept event, oldest first. */
  all(): ClusterEvent[] {
    return this.since(0);
  }

  /**
   * A fault changed broker `b`: records how it differs from before (down, restarted, cut, healed).
   * Overlapping faults that change nothing visible record nothing.
   */
  brokerChanged(
    b: number,
    now: { up: boolean; downMode: BrokerDownMode; cutFromBrokers: boolean; cutFromClients: boolean },
    atMs: number,
  ): void {
    const was = this.brokers[b] ?? { up: true, fromBrokers: false, fromClients: false };
    const next = { ...was, up: now.up };
    if (was.up && !now.up) this.add({ kind: 'brokerDown', atMs, broker: b, mode: now.downMode });
    else if (!was.up && now.up) this.add({ kind: 'brokerRestarted', atMs, broker: b });
    if (now.up && (was.fromBrokers !== now.cutFromBrokers || was.fromClients !== now.cutFromClients)) {
      next.fromBrokers = now.cutFromBrokers;
      next.fromClients = now.cutFromClients;
      this.add({
        kind: 'brokerCut',
        atMs,
        broker: b,
        fromBrokers: next.fromBrokers,
        fromClients: next.fromClients,
      });
    }
    this.brokers[b] = next;
  }
}

/** The in-sync replicas of a partition, in assignment order. */
export function isrOf(replicas: readonly number[], inSync: readonly boolean[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < replicas.length; i++) if (inSync[i]) out.push(replicas[i]!);
  return out;
}
