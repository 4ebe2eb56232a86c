// The document's fault timeline, applied to the running entities. Fault events run before every
// other event at the same instant (Scheduler.atFirst), so a fault added during a run has exactly
// the effect it would have had in the document from the start.
import type { Fault } from '../../model/types';
import type { Broker } from '../kafka/broker';
import { clientView } from '../kafka/brokerOutage';
import type { ConsumerGroup } from '../kafka/consumerGroup';
import type { Controller } from '../kafka/controller';
import type { ProducerClient } from '../kafka/producer/producer';
import type { SparkStreamingJob } from '../spark/sparkJob';
import type { EventTarget, Scheduler } from './scheduler';

/** What the cluster-shaping events ask of the simulation (which owns brokers, topics and plans). */
export interface ClusterOps {
  joinBroker(id: string, now: number): void;
  reassign(f: Extract<Fault, { kind: 'reassignPartitions' }>, now: number): void;
  decommission(f: Extract<Fault, { kind: 'decommissionBroker' }>, now: number): void;
  /** Engine indexes of the brokers of every cluster in a region. */
  brokersInRegion(region: string): number[];
  /** A region is lost: mirrors from it stop and consumer groups move to the mirrors. */
  regionLost(region: string, now: number): void;
}

const enum Ev {
  Start,
  End,
}

export class FaultTimeline implements EventTarget {
  constructor(
    private readonly scheduler: Scheduler,
    private readonly brokers: Broker[],
    private readonly producers: ProducerClient[],
    private readonly controller: Controller,
    /** Consumer groups by document id (memberCrash, memberJoin, offsetReset). */
    private readonly groups: ReadonlyMap<string, ConsumerGroup>,
    /** partitionCount: grows a topic (the simulation owns topics and everything reading or writing them). */
    private readonly growTopic: (topicId: string, partitions: number, now: number) => void,
    /** Spark jobs by document id (executorLoss, driverFailure, addExecutors, removeExecutors). */
    private readonly jobs: ReadonlyMap<string, SparkStreamingJob> = new Map(),
    private readonly cluster?: ClusterOps,
  ) {}

  /** Schedules a fault's start and, if it has a duration, its end. */
  schedule(f: Fault): void {
    // A spike is part of the producer's rate schedule (added before its arrivals are planned).
    if (f.kind === 'producerSpike') return;
    // A Spark job times its own recovery (the fault's duration) from the start event.
    if (f.kind === 'executorLoss' || f.kind === 'driverFailure') {
      this.scheduler.atFirst(f.atSec * 1000, this, Ev.Start, f);
      return;
    }
    // A group that will be reset keeps its history from now on (from the start, for the document's faults).
    if (f.kind === 'offsetReset') {
      const group = this.groups.get(f.group);
      if (group) group.keepHistory = true;
    }
    this.scheduler.atFirst(f.atSec * 1000, this, Ev.Start, f);
    if ('durationSec' in f && f.durationSec !== undefined)
      this.scheduler.atFirst((f.atSec + f.durationSec) * 1000, this, Ev.End, f);
  }

  handle(kind: number, data: unknown, now: number): void {
    const f = data as Fault;
    const on = kind === Ev.Start;
    switch (f.kind) {
      case 'brokerDown':
        this.brokerDown(this.brokerIndex(f.broker), on, f.mode ?? 'hostLost', now);
        return;
      case 'zoneOutage': {
        const inRack = this.brokers.filter((b) => b.rack === f.rack && !b.absent && !b.decommissioned);
        if (on) this.controller.events?.add({ kind: 'zoneOutage', atMs: now, rack: f.rack });
        for (const b of inRack) this.brokerDown(b.index, on, f.mode ?? 'hostLost', now);
        return;
      }
      case 'regionFailover': {
        if (!on) return;
        this.controller.events?.add({ kind: 'zoneOutage', atMs: now, rack: `region ${f.region}` });
        for (const b of this.cluster?.brokersInRegion(f.region) ?? [])
          this.brokerDown(b, true, 'hostLost', now);
        this.cluster?.regionLost(f.region, now);
        return;
      }
      case 'addBroker':
        this.cluster?.joinBroker(f.broker.id, now);
        return;
      case 'reassignPartitions':
        this.cluster?.reassign(f, now);
        return;
      case 'decommissionBroker':
        this.cluster?.decommission(f, now);
        return;
      case 'networkPartition': {
        const b = this.brokerIndex(f.broker);
        this.brokers[b]!.setCut(f.from, on, on ? this.controller.partitionsLedBy(b) : []);
        this.controller.brokerChanged(b, now);
        return;
      }
      case 'slowDisk':
        this.brokers[this.brokerIndex(f.broker)]?.slowDisk(f.factor, on);
        return;
      case 'producerCrash': {
        const p = this.producer(f.producer);
        if (!p) return;
        const backAt = f.durationSec === undefined ? Infinity : now + f.durationSec * 1000;
        if (on) p.crash(now, backAt);
        else p.restart(now);
        return;
      }
      case 'memberCrash':
        this.groups.get(f.group)?.crashMembers(f.count, now);
        return;
      case 'memberJoin':
        this.groups.get(f.group)?.addMembers(f.count, now);
        return;
      case 'offsetReset':
        this.groups.get(f.group)?.resetOffsets(f, now);
        return;
      case 'partitionCount':
        this.growTopic(f.topic, f.partitions, now);
        return;
      case 'executorLoss':
        this.jobs.get(f.job)?.loseExecutors(now, f.count, f.durationSec * 1000);
        return;
      case 'driverFailure':
        this.jobs.get(f.job)?.failDriver(now, f.durationSec * 1000);
        return;
      case 'addExecutors':
        this.jobs.get(f.job)?.addExecutors(f.count, now);
        return;
      case 'removeExecutors':
        this.jobs.get(f.job)?.removeExecutorsByHand(f.count, now);
        return;
      default:
        return;
    }
  }

  private brokerDown(b: number, on: boolean, mode: 'processKilled' | 'hostLost', now: number): void {
    const broker = this.brokers[b];
    // A broker of an addBroker event that has not joined yet, or one decommissioned: nothing to stop.
    if (!broker || broker.absent || broker.decommissioned) return;
    broker.setDown(on, mode);
    // A killed process's machine resets its connections: every producer hears of it one network
    // latency later (unless a cut from clients swallows the reset too).
    if (on && clientView(broker) === 'refused')
      for (const p of this.producers) p.connectionReset(b, now + broker.latencyMs);
    this.controller.brokerChanged(b, now);
  }

  brokerIndex(id: string): number {
    return this.brokers.findIndex((b) => b.id === id);
  }

  producer(id: string): ProducerClient | undefined {
    return this.producers.find((p) => p.doc.id === id);
  }
}
