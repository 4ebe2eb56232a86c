// The KRaft controller, reduced to what faults need: it fences a broker that stopped heartbeating
// (crashed or cut off from the other brokers) after broker.session.timeout.ms, moves the leadership
// of its partitions to an in-sync replica (or, if the topic allows, to any live one), and unfences
// a broker that comes back. Followers and clients learn the new leaders as Kafka's do.
import { CONTROLLER } from '../costs';
import type { EventTarget, Scheduler } from '../engine/scheduler';
import type { Broker } from './broker';
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

  constructor(
    private readonly scheduler: Scheduler,
    private readonly brokers: Broker[],
    private readonly partitions: Partition[],
    private readonly sessionTimeoutMs: number,
    /** Leaders or live brokers changed: replica fetchers must follow. */
    private readonly onTopologyChange: (now: number) => void,
  ) {
    this.fenced = brokers.map(() => false);
    this.tokens = brokers.map(() => 0);
  }

  /** A fault changed whether broker b is up or reachable. */
  brokerChanged(b: number, now: number): void {
    const gone = !this.brokers[b]!.reachableByBrokers;
    const token = ++this.tokens[b]!;
    if (gone && !this.fenced[b])
      this.scheduler.at(now + this.sessionTimeoutMs + CONTROLLER.electionMs, this, Ev.Fence, {
        broker: b,
        token,
      });
    else if (!gone && this.fenced[b])
      this.scheduler.at(now + CONTROLLER.unfenceMs, this, Ev.Unfence, { broker: b, token });
    this.onTopologyChange(now);
  }

  handle(kind: number, data: unknown, now: number): void {
    const { broker, token } = data as Pending;
    if (token !== this.tokens[broker]) return;
    this.fenced[broker] = kind === Ev.Fence;
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
