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
    readonly events?: ClusterEventLog,
  ) {
    this.fenced = brokers.map(() => false);
    this.tokens = brokers.map(() => 0);
    this.fencePending = brokers.map(() => false);
    this.restarted = brokers.map(() => false);
    // Brokers of later addBroker events are not registered yet.
    brokers.forEach((b, i) => (this.fenced[i] = b.absent));
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

  /** The partitions broker b leads now (as it sees them when it loses touch with the controller). */
  partitionsLedBy(b: number): Partition[] {
    return this.partitions.filter((p) => p.leader === b && !p.offline);
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

  /** An addBroker event: the new broker registers and is let in at once (it holds nothing yet). */
  brokerJoined(b: number, now: number): void {
    this.brokers[b]!.join();
    this.fenced[b] = false;
    this.events?.add({ kind: 'brokerAdded', atMs: now, broker: b });
    this.onTopologyChange(now);
  }

  /**
   * A decommissioned broker shuts down cleanly: it asks the controller to let it go, so it is
   * fenced at once (no session to wait out). Its replicas were moved away before.
   */
  retire(b: number, now: number): void {
    const broker = this.brokers[b]!;
    broker.decommissioned = true;
    broker.setDown(true, 'processKilled');
    this.cancel(b);
    this.fenced[b] = true;
    this.events?.add({ kind: 'brokerDecommissioned', atMs: now, broker: b });
    for (const p of this.partitions) {
      if (p.leader === b && !p.offline) this.elect(p, now);
      else p.removeFromIsr(b, now);
    }
    this.onTopologyChange(now);
  }

  /**
   * auto.leader.rebalance.enable's check, every leader.imbalance.check.interval.seconds: per broker,
   * the share of the partitions it is the preferred leader of (first in their replica list) that it
   * does not lead; above leader.imbalance.per.broker.percentage, each of them whose preferred replica
   * is alive and in the ISR gets it back as leader. This is the rule of Kafka's ZooKeeper-era
   * controller (KafkaController.checkAndTriggerAutoLeaderRebalance), which the setting names; KRaft's
   * controller balances any imbalanced partition after the interval. Partitions being reassigned
   * are left alone. Returns the partitions whose leader moved.
   */
  balanceLeaders(now: number, percentage: number, moving: ReadonlySet<Partition>): number {
    const byPreferred = new Map<number, Partition[]>();
    for (const p of this.partitions) {
      if (moving.has(p)) continue;
      const b = p.replicas[0]!;
      const list = byPreferred.get(b);
      if (list) list.push(p);
      else byPreferred.set(b, [p]);
    }
    let moved = 0;
    for (const b of [...byPreferred.keys()].sort((x, y) => x - y)) {
      const list = byPreferred.get(b)!;
      const notLed = list.filter((p) => p.offline || p.leader !== b);
      const ratio = notLed.length / list.length;
      if (ratio <= percentage / 100) continue;
      const broker = this.brokers[b]!;
      if (this.fenced[b] || !broker.reachableByBrokers || broker.rejoining) continue;
      const electable = notLed.filter((p) => !p.offline && p.inSync[0]);
      if (electable.length === 0) continue;
      this.events?.add({
        kind: 'leaderRebalance',
        atMs: now,
        broker: b,
        percent: Math.round(ratio * 100),
        partitions: electable.length,
      });
      for (const p of electable) p.changeLeader(b, false, now, 'preferred');
      moved += electable.length;
    }
    if (moved > 0) this.onTopologyChange(now);
    return moved;
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
