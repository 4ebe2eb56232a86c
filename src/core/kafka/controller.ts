// The KRaft controller, reduced to what faults need: it fences a broker that stopped heartbeating
// (crashed or cut off from the other brokers) after broker.session.timeout.ms, moves the leadership
// of its partitions to an in-sync replica (or, if the topic allows, to any live one), and unfences
// a broker that comes back. Followers and clients learn the new leaders as Kafka's do.
import { CONTROLLER } from '../costs';
import type { EventTarget, Scheduler } from '../engine/scheduler';
import type { Broker } from './broker';
import type { ClusterEventLog } from './clusterEvents';
import type { Partition } from './partition';

const enum Ev {
  Fence,
  Unfence,
}

interface Pending {
  broker: number;
  token: number;
}

export class Controller implements EventTarget {
  /** Brokers the controller considers gone: they lead nothing and are out of every ISR. */
  readonly fenced: boolean[];
  /** A newer change to a broker cancels the timer set by an older one. */
  private readonly tokens: number[];
  /** A fence is due for the broker (its session is expiring). */
  private readonly fencePending: boolean[];
  /**
   * The broker's process died since it was last let in: the new process must register before it
   * serves, and the controller takes it only once the dead one's session has expired.
   */
  private readonly restarted: boolean[];

  constructor(
    private readonly scheduler: Scheduler,
    private readonly brokers: Broker[],
    private readonly partitions: Partition[],
    private readonly sessionTimeoutMs: number,
    /** Leaders or live brokers changed: replica fetchers must follow. */
    private readonly onTopologyChange: (now: number) => void,
    /** Where brokers' changes, fences and unfences are written down (elections: by the partitions). */
    private readonly events?: ClusterEventLog,
  ) {
    this.fenced = brokers.map(() => false);
    this.tokens = brokers.map(() => 0);
    this.fencePending = brokers.map(() => false);
    this.restarted = brokers.map(() => false);
  }

  /**
   * A fault changed whether broker b is up or reachable. The controller hears only heartbeats, so a
   * killed process and a lost host look the same to it: the session expires after
   * broker.session.timeout.ms either way (a broker that shuts down cleanly asks to be let go and is
   * fenced at once, but that is not a crash). A cut that heals before then lets the heartbeats
   * resume and nothing happens; a process that comes back before then is a new incarnation, whose
   * registration KRaft refuses while the old session lives (ClusterControlManager.registerBroker),
   * so it is fenced all the same and let in afterwards.
   */
  brokerChanged(b: number, now: number): void {
    const broker = this.brokers[b]!;
    this.events?.brokerChanged(b, broker, now);
    if (!broker.up) this.restarted[b] = true;
    const gone = !broker.reachableByBrokers;
    if (gone && this.fenced[b])
      this.cancel(b); // an unfence that was due
    else if (gone && !this.fencePending[b])
      this.schedule(b, Ev.Fence, now + this.sessionTimeoutMs + CONTROLLER.electionMs);
    else if (!gone && this.fenced[b]) this.schedule(b, Ev.Unfence, now + CONTROLLER.unfenceMs);
    else if (!gone && this.fencePending[b] && !this.restarted[b]) this.cancel(b);
    this.onTopologyChange(now);
  }

  private schedule(b: number, kind: Ev, at: number): void {
    this.fencePending[b] = kind === Ev.Fence;
    this.scheduler.at(at, this, kind, { broker: b, token: ++this.tokens[b]! });
  }

  private cancel(b: number): void {
    this.fencePending[b] = false;
    this.tokens[b]!++;
  }

  handle(kind: number, data: unknown, now: number): void {
    const { broker, token } = data as Pending;
    if (token !== this.tokens[broker]) return;
    this.fencePending[broker] = false;
    this.fenced[broker] = kind === Ev.Fence;
    const b = this.brokers[broker]!;
    this.events?.add({ kind: kind === Ev.Fence ? 'brokerFenced' : 'brokerUnfenced', atMs: now, broker });
    if (kind === Ev.Unfence) {
      this.restarted[broker] = false;
      b.rejoined();
    } else if (b.reachableByBrokers) {
      // Restarted before its old session expired: it registers now and is let in at its next heartbeat.
      this.schedule(broker, Ev.Unfence, now + CONTROLLER.unfenceMs);
    }
    for (const p of this.partitions) {
      if (kind === Ev.Fence) {
        if (p.leader === broker && !p.offline) this.elect(p, now);
        else p.removeFromIsr(broker, now);
      } else if (p.offline) this.elect(p, now);
    }
    this.onTopologyChange(now);
  }

  /** Kafka's order: the first replica in assignment order that is in the ISR and not fenced. */
  private elect(p: Partition, now: number): void {
    const clean = p.replicas.findIndex((r, i) => p.inSync[i] && !this.fenced[r]);
    if (clean >= 0) {
      p.changeLeader(p.replicas[clean]!, false, now);
      for (const r of p.replicas) if (this.fenced[r]) p.removeFromIsr(r, now);
      return;
    }
    const live = p.uncleanLeaderElection ? p.replicas.findIndex((r) => !this.fenced[r]) : -1;
    if (live >= 0) p.changeLeader(p.replicas[live]!, true, now);
    else p.goOffline(now);
  }
}
