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
      case 'brokerDown': {
        const b = this.brokerIndex(f.broker);
        const broker = this.brokers[b]!;
        broker.setDown(on, f.mode ?? 'hostLost');
        // A killed process's machine resets its connections: every producer hears of it one network
        // latency later (unless a cut from clients swallows the reset too).
        if (on && clientView(broker) === 'refused')
          for (const p of this.producers) p.connectionReset(b, now + broker.latencyMs);
        this.controller.brokerChanged(b, now);
        return;
      }
      case 'networkPartition': {
        const b = this.brokerIndex(f.broker);
        this.brokers[b]!.setCut(f.from, on);
        this.controller.brokerChanged(b, now);
        return;
      }
      case 'slowDisk':
        this.brokers[this.brokerIndex(f.broker)]!.slowDisk(f.factor, on);
        return;
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

  brokerIndex(id: string): number {
    return this.brokers.findIndex((b) => b.id === id);
  }

  producer(id: string): ProducerClient | undefined {
    return this.producers.find((p) => p.doc.id === id);
  }
}
