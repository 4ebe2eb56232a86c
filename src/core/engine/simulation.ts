// Turns a pipeline document into running entities and drives them: the one object the CLI, the
// benchmark, the tests and the Web Worker use.
import { brokersOfRun, racksOf } from '../../model/brokers';
import { RACK_AWARE_SELECTOR } from '../../model/schema/cluster';
import { mainSourceOf, targetsOf, sourcesOf } from '../../model/graph';
import { clusterIdOfTopic, primaryClusterId } from '../../model/regions';
import type { Fault, Pipeline, Producer, SparkJob, Topic } from '../../model/types';
import type { BrokerHardware } from '../../model/presets';
import { Broker } from '../kafka/broker';
import { ClusterEventLog } from '../kafka/clusterEvents';
import { ConsumerGroup } from '../kafka/consumerGroup';
import { Controller } from '../kafka/controller';
import { Partition } from '../kafka/partition';
import { PRODUCER_REGION_LOST, ProducerClient } from '../kafka/producer/producer';
import { ReplicaFetcher } from '../kafka/replicaFetcher';
import type { MirrorMakerRuntime } from '../kafka/mirrorMaker';
import { Reassigner, decommissionPlan, generateTopicPlan, type PlannedMove } from '../kafka/reassignment';
import { TieredStorage } from '../kafka/tieredStorage';
import { LatencyRecorder } from '../metrics/latency';
import { MetricsTicker } from '../metrics/ticker';
import { shuffleSharesOf } from '../spark/keyShares';
import { LogCleaners, isCompacted } from '../kafka/logCleaner';
import { SparkStreamingJob, type JobOutput } from '../spark/sparkJob';
import { ReceiverInput, receiverSettingsOf } from '../spark/receiverInput';
import { COMPRESSION_CPU, COMPRESSION_RATIO } from '../costs';
import { deriveSeed } from '../util/rng';
import { FaultTimeline } from './faults';
import {
  jobOutputRecordBytes,
  jobWrittenTopicBytes,
  kafkaSinkProducerDoc,
  kafkaSinkPublish,
  kafkaSinkTopicOf,
} from './kafkaSink';
import { buildMirrors } from './mirrors';
import { placeReplicas } from './placement';
import { Host } from './host';
import { Network } from './network';
import { LogFlusher } from './logFlusher';
import { prefillTopic } from './prefill';
import { Scheduler } from './scheduler';
import { SinkSystem } from './sinks';
import { summarise, type RunSummary } from './summary';
import { attachTransactions } from '../kafka/producer/producerTransactions';

export interface SimulationOptions {
  /** Overrides the document's run.seed. */
  seed?: number;
}

export interface TopicState {
  doc: Topic;
  /** Its position in the document (replica placement starts from it). */
  index: number;
  /** Replaced by a longer array when partitions are added; every reader and writer gets the new one. */
  partitions: Partition[];
  /** Mean record size of the producers writing to it (for Spark's per-record byte estimates). */
  recordBytes: number;
  /** The document's producers writing to it (not the Kafka sinks of Spark jobs). */
  writers: Producer[];
}

export class Simulation {
  readonly scheduler = new Scheduler();
  readonly network = new Network(this.scheduler);
  /** Machines the clients run on: cluster.hosts by id, and one per client that names none. */
  readonly hosts = new Map<string, Host>();
  readonly seed: number;
  readonly brokers: Broker[];
  readonly topics = new Map<string, TopicState>();
  readonly producers: ProducerClient[] = [];
  readonly groups: ConsumerGroup[] = [];
  readonly jobs: SparkStreamingJob[] = [];
  readonly sinks = new Map<string, SinkSystem>();
  /** Producers that are Spark jobs' Kafka sinks, by producer id ("job->topic"). */
  readonly kafkaSinks = new Map<string, { job: string; topic: string }>();
  readonly fetchers: ReplicaFetcher[] = [];
  /** Runs only when log.flush.scheduler.interval.ms is set and a topic sets flush.ms. */
  readonly logFlusher: LogFlusher | undefined;
  /** Kafka's log cleaner; only when a topic has cleanup.policy compact or compact,delete. */
  readonly cleaners: LogCleaners | undefined;
  /** End-to-end latency (creation to processed) per consumer group and Spark job. */
  readonly readerLatency = new Map<string, LatencyRecorder>();
  readonly metrics: MetricsTicker;
  readonly controller: Controller;
  /**
   * Broker, leader and ISR changes as they happen (the newest 10,000). Written by the controller
   * and the partitions, read only by whoever shows them: the run's results do not depend on it.
   */
  readonly clusterEvents = new ClusterEventLog();
  /** The faults this run follows: the document's, then those added with `addFault`. */
  readonly faults: Fault[] = [];
  private readonly timeline: FaultTimeline;
  /** Every partition of every topic, as the controller sees them (partitionCount adds to it). */
  private readonly allPartitions: Partition[];
  private nextRetentionCheckMs: number;
  /** Moves partitions between brokers (reassignPartitions, decommissionBroker). */
  readonly reassigner: Reassigner;
  /** Tiered storage's remote log manager; undefined when no topic has remote.storage.enable. */
  readonly tiered: TieredStorage | undefined;
  private nextImbalanceCheckMs: number;
  /** MirrorMaker 2 instances (mirrors.ts), and the groups on their mirrors that a failover starts. */
  readonly mirrors: MirrorMakerRuntime[];
  private readonly failoverGroups: ReadonlySet<ConsumerGroup>;
  private readonly brokerRegions: (string | undefined)[];
  /** The further cluster of each broker (undefined: the document's own). */
  private readonly brokerCluster: (string | undefined)[];

  constructor(
    readonly doc: Pipeline,
    options: SimulationOptions = {},
  ) {
    this.seed = options.seed ?? doc.run.seed;
    this.nextRetentionCheckMs = doc.cluster.config['log.retention.check.interval.ms'];
    const latency = doc.cluster.networkLatencyMs;
    const config = doc.cluster.config;
    // The cluster's brokers, then those of addBroker events (out of the cluster until they join).
    const ofRun = brokersOfRun(doc);
    this.brokerCluster = ofRun.map((b) => b.cluster);
    this.brokers = ofRun.map(({ broker, added }, i) => {
      const b = new Broker(i, broker, this.scheduler, latency, this.network, config);
      if (added) b.markAbsent();
      b.setThrottles(
        config['leader.replication.throttled.rate'],
        config['follower.replication.throttled.rate'],
      );
      return b;
    });
    this.nextImbalanceCheckMs = config['leader.imbalance.check.interval.seconds'] * 1000;
    const racks = racksOf(doc.cluster.brokers);
    for (const h of doc.cluster.hosts) this.hosts.set(h.id, new Host(h.id, h.hardware));
    doc.sinks.forEach((s) => this.sinks.set(s.id, new SinkSystem(s)));

    // Producers by the topic they write to, read once from the edges: asking each producer's
    // targets for each topic cost topics x producers x edges (a minute at 1,000 of each).
    const writerIds = new Map<string, Set<string>>();
    for (const e of doc.edges) {
      let ids = writerIds.get(e.to);
      if (!ids) writerIds.set(e.to, (ids = new Set()));
      ids.add(e.from);
    }
    // Each cluster's brokers: the primary's from index 0, a further cluster's from its first.
    const clusterBrokers = new Map([[primaryClusterId(doc), { base: 0, brokers: doc.cluster.brokers }]]);
    for (const c of doc.clusters ?? [])
      clusterBrokers.set(c.id, { base: ofRun.findIndex((b) => b.cluster === c.id), brokers: c.brokers });
    doc.topics.forEach((t, ti) => {
      const home = clusterBrokers.get(clusterIdOfTopic(doc, t));
      const placement =
        home && home.base > 0
          ? placeReplicas(
              ti,
              t.partitions,
              t.replicationFactor,
              home.brokers.length,
              racksOf(home.brokers),
            ).map((rs) => rs.map((r) => r + home.base))
          : placeReplicas(ti, t.partitions, t.replicationFactor, doc.cluster.brokers.length, racks);
      const ids = writerIds.get(t.id);
      const writers = ids ? doc.producers.filter((p) => ids.has(p.id)) : [];
      const recordBytes = writers.length
        ? writers.reduce((a, p) => a + p.recordBytes, 0) / writers.length
        : 100;
      const partitions = placement.map((replicas, i) => this.newPartition(t, i, replicas));
      this.topics.set(t.id, { doc: t, index: ti, partitions, recordBytes, writers });
      if (t.prefillRecords > 0) prefillTopic(partitions, t, recordBytes, this.brokers);
      for (const p of partitions) p.events = this.clusterEvents;
    });
    const tiered = [...this.topics].filter(([, t]) => t.doc.config['remote.storage.enable']);
    if (tiered.length) {
      this.tiered = new TieredStorage(this.scheduler, this.brokers, new Map(tiered), config);
      this.tiered.settlePrefill(0);
    }
    // Topics Spark jobs write to: their records' mean size counts the jobs' output records too.
    for (const [id, bytes] of jobWrittenTopicBytes(doc)) this.topics.get(id)!.recordBytes = bytes;
    this.createReplicaFetchers();
    this.allPartitions = [...this.topics.values()].flatMap((t) => t.partitions);
    this.controller = new Controller(
      this.scheduler,
      this.brokers,
      this.allPartitions,
      doc.cluster.config['broker.session.timeout.ms'],
      (now) => this.restartReplicaFetchers(now),
      this.clusterEvents,
    );
    this.reassigner = new Reassigner(
      this.scheduler,
      this.network,
      this.brokers,
      latency,
      {
        leader: config['leader.replication.throttled.rate'],
        follower: config['follower.replication.throttled.rate'],
      },
      {
        topologyChanged: (now) => this.restartReplicaFetchers(now),
        fenced: (b) => this.controller.fenced[b] ?? true,
      },
      this.clusterEvents,
    );

    for (const p of doc.producers) {
      const topic = this.topics.get(targetsOf(doc, p.id)[0] ?? '');
      if (!topic) continue;
      const seed = deriveSeed(this.seed, `producer:${p.id}`);
      this.producers.push(
        new ProducerClient(
          withSpikes(p, doc.faults),
          this.scheduler,
          topic.partitions,
          this.brokers,
          new LatencyRecorder(),
          seed,
          this.hostFor(p.host, `${p.id}.host`),
        ),
      );
    }
    for (const p of this.producers) {
      p.events = this.clusterEvents;
      attachTransactions(p, this.scheduler, doc.cluster.networkLatencyMs);
    }
    for (const g of doc.consumerGroups) {
      const topic = this.topics.get(sourcesOf(doc, g.id)[0] ?? '');
      if (!topic) continue;
      const seed = deriveSeed(this.seed, `group:${g.id}`);
      const group = new ConsumerGroup(
        g,
        this.scheduler,
        topic.partitions,
        this.brokers,
        this.recordersFor(g.id),
        seed,
        (m) => this.hostFor(g.hosts?.[m % g.hosts.length], `${g.id}.member${m}.host`),
      );
      group.decompressCyclesPerWireByte = decompressCyclesPerWireByte(topic.writers);
      if (config['replica.selector.class'] === RACK_AWARE_SELECTOR && g.config['client.rack'] !== undefined) {
        group.followerFetching = true;
        for (const p of topic.partitions) p.followerReads = true;
      }
      const sinks = this.sinksOf(g.id);
      if (sinks.length) {
        group.onConsumed = (n) => sinks.forEach((s) => s.deliver(n));
        group.writeOutput = (at, n) => sinks.reduce((end, s) => Math.max(end, s.write(at, n, false)), at);
      }
      this.groups.push(group);
    }
    for (const j of doc.sparkJobs) {
      const sourceId = mainSourceOf(doc, j.id) ?? '';
      const topic = this.topics.get(sourceId);
      // A job reading a receiver source instead of a topic: no partitions, its receivers' blocks.
      const received = doc.sparkSources.find((s) => s.id === sourceId);
      if (!topic && !received) continue;
      const recordBytes = topic?.recordBytes ?? received!.recordBytes;
      const writers = topic?.writers ?? [];
      const sinks = this.sinksOf(j.id);
      const output: JobOutput = {
        write: (at: number, records: number) =>
          sinks.reduce((end, s) => Math.max(end, s.write(at, records)), at),
        deliver: (records: number, replayed: number) => sinks.forEach((s) => s.deliver(records, replayed)),
        commitMs: sinks.reduce((m, s) => Math.max(m, s.commitMs), 0),
        ...this.kafkaSinkOf(j, recordBytes),
      };
      const jobDoc = { ...j, executorHardware: j.executorHardware ?? this.clientHardware };
      const receivers = received
        ? new ReceiverInput(
            received,
            receiverSettingsOf(jobDoc, latency),
            this.scheduler,
            deriveSeed(this.seed, `receivers:${received.id}`),
          )
        : undefined;
      const job = new SparkStreamingJob(
        jobDoc,
        this.scheduler,
        topic?.partitions ?? [],
        this.brokers,
        latency,
        recordBytes,
        this.recordersFor(j.id),
        output,
        lateShareOf(writers),
        j.stages.flatMap((s, stage) => {
          const other = s.kind === 'streamJoin' ? this.topics.get(s.topic ?? '') : undefined;
          return other ? [{ stage, partitions: other.partitions, nextOffset: [] }] : [];
        }),
        shuffleSharesOf(writers),
        receivers,
      );
      this.jobs.push(job);
    }

    ({
      mirrors: this.mirrors,
      failoverGroups: this.failoverGroups,
      brokerRegions: this.brokerRegions,
    } = buildMirrors(this));

    this.timeline = new FaultTimeline(
      this.scheduler,
      this.brokers,
      this.producers,
      this.controller,
      new Map(this.groups.map((g) => [g.doc.id, g])),
      (topic, partitions, now) => this.addPartitions(topic, partitions, now),
      new Map(this.jobs.map((j) => [j.doc.id, j])),
      this,
    );
    for (const f of doc.faults) {
      this.faults.push(f);
      this.timeline.schedule(f);
    }

    const compacted = [...this.topics.values()].filter((t) => isCompacted(t.doc));
    if (compacted.length) {
      this.cleaners = new LogCleaners(this.scheduler, this.brokers, compacted, doc);
      this.cleaners.start();
    }
    const flushEvery = doc.cluster.config['log.flush.scheduler.interval.ms'];
    if (flushEvery < Number.MAX_SAFE_INTEGER) {
      this.logFlusher = new LogFlusher(this.scheduler, this.brokers, this.allPartitions, flushEvery);
      this.logFlusher.start();
    }
    this.metrics = new MetricsTicker(this);
    for (const f of this.fetchers) f.start(0);
    for (const p of this.producers) p.start();
    for (const g of this.groups) {
      if (this.failoverGroups.has(g)) continue;
      const at = g.doc.startAtSec * 1000;
      if (at <= 0) g.start(0);
      else this.scheduler.at(at, { handle: (_k, _d, now) => g.start(now) }, 0);
    }
    for (const j of this.jobs) {
      const at = j.doc.startAtSec * 1000;
      if (at <= 0) j.start(0);
      else this.scheduler.at(at, { handle: (_k, _d, now) => j.start(now) }, 0);
    }
    for (const m of this.mirrors) m.start(0);
    this.metrics.start();
  }

  private newPartition(t: Topic, index: number, replicas: number[]): Partition {
    const p = new Partition(t.id, index, replicas);
    p.minInsyncReplicas = t.config['min.insync.replicas'];
    p.uncleanLeaderElection = t.config['unclean.leader.election.enable'];
    p.lagTimeMaxMs = this.doc.cluster.config['replica.lag.time.max.ms'];
    p.log.segmentBytes = t.config['segment.bytes'];
    TieredStorage.attach(p, t.config);
    p.log.segmentMs = t.config['segment.ms'];
    const flush = t.config['flush.messages'];
    if (flush < Number.MAX_SAFE_INTEGER) p.flushMessages = flush;
    const flushMs = t.config['flush.ms'];
    if (flushMs < Number.MAX_SAFE_INTEGER) p.flushMs = flushMs;
    return p;
  }

  /**
   * partitionCount: Kafka can only add partitions. The new ones are placed as topic creation would
   * have placed them (continuing the round-robin), led by their first replica the controller has
   * not fenced, or offline without one. Producers, groups and Spark jobs get the longer list:
   * keyed records then map by murmur2 % the new count, groups take the new partitions in a
   * rebalance, Spark jobs at their next batch.
   */
  private addPartitions(topicId: string, count: number, now: number): void {
    const topic = this.topics.get(topicId);
    if (!topic || count <= topic.partitions.length) return;
    const old = topic.partitions;
    const placement = this.placementForGrowth(topic.index, count, topic.doc.replicationFactor);
    const added = placement.slice(old.length).map((replicas, k) => {
      const p = this.newPartition(topic.doc, old.length + k, replicas);
      const fenced = this.controller.fenced;
      const leader = replicas.find((r) => !fenced[r]);
      if (leader === undefined) p.goOffline(now);
      else if (leader !== replicas[0]) p.changeLeader(leader, false, now);
      for (const r of replicas) if (fenced[r]) p.removeFromIsr(r, now);
      // Only from now on: how a new partition starts is not a change of leader or ISR.
      p.events = this.clusterEvents;
      p.followerReads = old[0]?.followerReads ?? false;
      return p;
    });
    const all = [...old, ...added];
    topic.partitions = all;
    this.allPartitions.push(...added);
    for (const p of this.producers) if (p.partitions === old) p.addPartitions(all);
    for (const g of this.groups) if (g.partitions === old) g.setPartitions(all, now);
    for (const j of this.jobs) {
      if (j.partitions === old) j.setPartitions(all);
      j.setOtherPartitions(old, all);
    }
    this.restartReplicaFetchers(now);
  }

  /**
   * Where a topic's partitions would go now: over the cluster's original brokers as at creation
   * while no broker has joined or left (so the added partitions continue its layout), otherwise
   * over the brokers in the cluster now (an added broker may get some).
   */
  private placementForGrowth(topicIndex: number, count: number, rf: number): number[][] {
    const n = this.doc.cluster.brokers.length;
    const live = this.brokers.filter((b) => !b.absent && !b.decommissioned).map((b) => b.index);
    if (live.length === n && live.every((b, i) => b === i))
      return placeReplicas(topicIndex, count, rf, n, racksOf(this.doc.cluster.brokers));
    const plan = generateTopicPlan(topicIndex, count, Math.min(rf, live.length), live, this.rackList());
    return typeof plan === 'string' ? placeReplicas(topicIndex, count, rf, n) : plan;
  }

  /** broker.rack of each broker, by index. */
  private rackList(): (string | undefined)[] {
    return this.brokers.map((b) => b.rack);
  }

  /** Brokers that are in the cluster and can hold replicas now. */
  private usableBrokers(): number[] {
    return this.brokers.filter((b) => this.reassigner.usable(b.index)).map((b) => b.index);
  }

  /** addBroker: the pre-created broker of the event joins. */
  joinBroker(id: string, now: number): void {
    const b = this.brokers.findIndex((x) => x.id === id);
    if (b >= 0 && this.brokers[b]!.absent) this.controller.brokerJoined(b, now);
  }

  /** reassignPartitions: the plan as given, or generated over the listed brokers; refused moves are logged. */
  reassign(f: Extract<Fault, { kind: 'reassignPartitions' }>, now: number): void {
    const index = (id: string) => this.brokers.findIndex((b) => b.id === id);
    const plan: PlannedMove[] = [];
    let refusal: string | undefined;
    if (f.plan) {
      for (const m of f.plan) {
        const p = this.topics.get(m.topic)?.partitions[m.partition];
        const to = m.replicas.map(index);
        if (!p) refusal ??= `partition ${m.topic}-${m.partition} does not exist`;
        else if (to.some((b) => b < 0))
          refusal ??= `a broker of ${m.topic}-${m.partition}'s plan does not exist`;
        else plan.push({ partition: p, to });
      }
    } else {
      const targets = (f.brokers ?? []).map(index);
      const live = targets.filter((b) => b >= 0 && this.reassigner.usable(b));
      if (live.length < targets.length) {
        const down = (f.brokers ?? []).filter((_, k) => !live.includes(targets[k]!));
        refusal = `broker(s) ${down.join(', ')} are not live members of the cluster`;
      }
      // Left out, every topic of the document's own cluster (where the events' brokers are).
      const own = [...this.topics.values()].filter(
        (t) => t.doc.cluster === undefined || t.doc.cluster === primaryClusterId(this.doc),
      );
      for (const id of f.topics ?? own.map((t) => t.doc.id)) {
        const topic = this.topics.get(id);
        if (!topic || refusal) continue;
        const placement = generateTopicPlan(
          topic.index,
          topic.partitions.length,
          topic.doc.replicationFactor,
          live,
          this.rackList(),
        );
        if (typeof placement === 'string') refusal = `topic ${id}: ${placement}`;
        else topic.partitions.forEach((p, i) => plan.push({ partition: p, to: placement[i]! }));
      }
    }
    refusal ??= this.reassigner.execute(plan, f.throttle, now);
    if (refusal) this.clusterEvents.add({ kind: 'reassignmentRefused', atMs: now, reason: refusal });
  }

  /** decommissionBroker: its replicas move to other brokers, then it stops. */
  decommission(f: Extract<Fault, { kind: 'decommissionBroker' }>, now: number): void {
    const b = this.brokers.findIndex((x) => x.id === f.broker);
    if (b < 0 || !this.reassigner.usable(b)) {
      this.clusterEvents.add({
        kind: 'reassignmentRefused',
        atMs: now,
        reason: `broker ${f.broker} is not a live member of the cluster, so it cannot be decommissioned`,
      });
      return;
    }
    // Its replicas stay in its own cluster.
    const cluster = this.brokerCluster[b];
    const others = this.usableBrokers().filter((x) => x !== b && this.brokerCluster[x] === cluster);
    const plan = decommissionPlan(this.allPartitions, b, others, this.rackList());
    const refusal =
      typeof plan === 'string'
        ? plan
        : this.reassigner.execute(plan, f.throttle, now, (t) => this.controller.retire(b, t));
    if (refusal) this.clusterEvents.add({ kind: 'reassignmentRefused', atMs: now, reason: refusal });
  }

  /** Engine indexes of the brokers of every cluster in `region`. */
  brokersInRegion(region: string): number[] {
    return this.brokers.flatMap((b, i) => (this.brokerRegions[i] === region && !b.absent ? [i] : []));
  }

  /** regionFailover: mirrors reading from the region stop, and their groups move to the mirrors. */
  regionLost(region: string, now: number): void {
    const regions = new Map<string, string | undefined>(
      (this.doc.clusters ?? []).map((c) => [c.id, c.region]),
    );
    regions.set(primaryClusterId(this.doc), this.doc.cluster.region);
    // What the mirrors had not fetched of a topic they copy out of the region exists nowhere else
    // now: acknowledged, then lost with the region (the least any mirror of it left behind).
    const unmirrored = new Map<Partition, number>();
    for (const m of this.mirrors) {
      if (regions.get(m.doc.sourceCluster) !== region) continue;
      m.sourceLost(now);
      for (const [p, n] of m.unmirroredAtLoss) unmirrored.set(p, Math.min(n, unmirrored.get(p) ?? n));
    }
    const reason = `acknowledged in region ${region}, not yet mirrored when the region was lost (regionFailover)`;
    for (const [id, topic] of this.topics) {
      const n = topic.partitions.reduce((a, p) => a + (unmirrored.get(p) ?? 0), 0);
      if (n > 0) this.loseWithRegion(id, n, reason);
    }
    // A producer runs in the region of the cluster it writes to: its application is lost with the
    // region, for good. What it held unsent is dropped; what it is given from now on is refused.
    for (const p of this.producers) {
      const topic = this.topics.get(targetsOf(this.doc, p.doc.id)[0] ?? '');
      if (topic && regions.get(clusterIdOfTopic(this.doc, topic.doc)) === region)
        p.crash(now, Infinity, PRODUCER_REGION_LOST);
    }
  }

  /**
   * `count` acknowledged records of topic `id` are lost: shared among the producers writing to it
   * by what each had acknowledged, the rounding left to the one that acknowledged most.
   */
  private loseWithRegion(id: string, count: number, reason: string): void {
    const writers = this.producers.filter((p) => targetsOf(this.doc, p.doc.id)[0] === id);
    const acked = writers.reduce((a, p) => a + p.ledger.acknowledged, 0);
    if (acked <= 0) return;
    const shares = writers.map((p) => Math.floor((count * p.ledger.acknowledged) / acked));
    let most = 0;
    writers.forEach((p, i) => {
      if (p.ledger.acknowledged > writers[most]!.ledger.acknowledged) most = i;
    });
    shares[most]! += count - shares.reduce((a, b) => a + b, 0);
    writers.forEach((p, i) => {
      if (shares[i]! > 0) p.onRecordsLost(Math.min(shares[i]!, p.ledger.acknowledged), reason);
    });
  }

  /**
   * Once a second, from the metrics tick: reassignment progress and completion, and the
   * controller's leader imbalance check every leader.imbalance.check.interval.seconds.
   */
  checkCluster(now: number): void {
    this.reassigner.tick(now);
    if (now < this.nextImbalanceCheckMs) return;
    const config = this.doc.cluster.config;
    const interval = config['leader.imbalance.check.interval.seconds'] * 1000;
    this.nextImbalanceCheckMs = (Math.floor(now / interval) + 1) * interval;
    if (!config['auto.leader.rebalance.enable']) return;
    const moving = new Set(this.reassigner.active.keys());
    this.controller.balanceLeaders(now, config['leader.imbalance.per.broker.percentage'], moving);
  }

  /**
   * Why a fault cannot join this run as it goes (undefined: it can). A broker of an addBroker
   * event is built with the run, so a new one needs a fresh run with the event in its document.
   */
  refusesLive(fault: Fault): string | undefined {
    if (fault.kind === 'addBroker' && !this.brokers.some((b) => b.id === fault.broker.id))
      return 'a broker added during a run joins a fresh run of the document with the event';
    return undefined;
  }

  /**
   * The machine a client runs on: the named host of cluster.hosts, shared with whoever else names
   * it, or one of its own (cluster.clientHardware, else the first broker's hardware).
   */
  hostFor(named: string | undefined, ownId: string): Host {
    const shared = named === undefined ? undefined : this.hosts.get(named);
    if (shared) return shared;
    const host = new Host(ownId, this.clientHardware);
    this.hosts.set(ownId, host);
    return host;
  }

  /** A client's machine when it names none: cluster.clientHardware, else the first broker's. */
  get clientHardware(): BrokerHardware {
    const cluster = this.doc.cluster;
    return cluster.clientHardware ?? cluster.brokers[0]!.hardware;
  }

  recordersFor(id: string): LatencyRecorder {
    const own = new LatencyRecorder();
    this.readerLatency.set(id, own);
    return own;
  }

  /**
   * A job connected to a topic writes its output there through Spark's Kafka sink: one producer
   * per (job, topic) in push mode, listed with the others as `${job}->${topic}` (see kafkaSink.ts).
   */
  private kafkaSinkOf(
    job: SparkJob,
    sourceRecordBytes: number,
  ): Pick<JobOutput, 'publish' | 'transactional'> {
    const topic = this.topics.get(kafkaSinkTopicOf(this.doc, job.id) ?? '');
    if (!topic) return {};
    const bytes = jobOutputRecordBytes(job, sourceRecordBytes);
    const producer = new ProducerClient(
      kafkaSinkProducerDoc(job.id, topic.doc.id, bytes, job.kafkaSinkDelivery),
      this.scheduler,
      topic.partitions,
      this.brokers,
      new LatencyRecorder(),
      deriveSeed(this.seed, `kafkaSink:${job.id}->${topic.doc.id}`),
      this.hostFor(undefined, `${job.id}->${topic.doc.id}.host`),
    );
    producer.events = this.clusterEvents;
    this.producers.push(producer);
    this.kafkaSinks.set(producer.doc.id, { job: job.id, topic: topic.doc.id });
    const txns = attachTransactions(producer, this.scheduler, this.doc.cluster.networkLatencyMs, false);
    const publish = kafkaSinkPublish(producer, topic.doc.id);
    return txns ? { publish, transactional: txns } : { publish };
  }

  private sinksOf(id: string): SinkSystem[] {
    return targetsOf(this.doc, id)
      .map((t) => this.sinks.get(t))
      .filter((s): s is SinkSystem => s !== undefined);
  }

  /**
   * Adds a fault during the run ("kill this broker now"). It starts no earlier than the next
   * millisecond (and a producer spike after that producer's planned arrivals), so that it has
   * the same effect as in the document from the start. Returns the fault as scheduled: put that
   * in the document and a fresh run gives the same numbers.
   */
  addFault(fault: Fault): Fault {
    let bound = this.nowMs;
    if (fault.kind === 'producerSpike') {
      const p = this.producers.find((x) => x.doc.id === fault.producer);
      if (p && p.nextArrivalMs < Infinity) bound = Math.max(bound, p.nextArrivalMs);
    }
    let atSec = Math.max(fault.atSec, (Math.floor(bound) + 1) / 1000);
    if (atSec * 1000 <= bound) atSec = (Math.floor(bound) + 2) / 1000;
    const f = { ...fault, atSec };
    this.faults.push(f);
    if (f.kind === 'producerSpike')
      this.producers.find((x) => x.doc.id === f.producer)?.addSpike(f.atSec, f.durationSec, f.factor);
    this.timeline.schedule(f);
    return f;
  }

  private fencedBroker(b: number): boolean {
    // Called once before the controller exists (nothing is fenced then).
    return (this.controller as Controller | undefined)?.fenced[b] ?? false;
  }

  /** Leaders or live brokers changed: every follower fetches again from its partition's current leader. */
  private restartReplicaFetchers(now: number): void {
    for (const f of this.fetchers) f.stop();
    this.fetchers.length = 0;
    this.createReplicaFetchers();
    for (const f of this.fetchers) f.start(now);
  }

  /** One fetcher per (follower, leader) pair that shares partitions; none for crashed followers or leaderless partitions. */
  private createReplicaFetchers(): void {
    const pairs = new Map<string, Partition[]>();
    for (const topic of this.topics.values()) {
      for (const p of topic.partitions) {
        if (p.offline) continue;
        for (const r of p.replicas) {
          // A fenced broker may not rejoin any ISR, so it fetches only once unfenced; a restarted
          // one only once registered again (it is fenced by then).
          const follower = this.brokers[r]!;
          if (r === p.leader || !follower.up || follower.rejoining || this.fencedBroker(r)) continue;
          const key = `${r}:${p.leader}`;
          pairs.set(key, [...(pairs.get(key) ?? []), p]);
        }
      }
    }
    for (const [key, partitions] of pairs) {
      const [follower, leader] = key.split(':').map(Number) as [number, number];
      this.fetchers.push(
        new ReplicaFetcher(this.scheduler, this.brokers[follower]!, this.brokers[leader]!, partitions),
      );
    }
  }

  get nowMs(): number {
    return this.scheduler.now;
  }

  get events(): number {
    return this.scheduler.processed;
  }

  /** Runs every event up to `timeMs` (inclusive). Any slicing gives the same result. */
  runUntil(timeMs: number): void {
    this.scheduler.runUntil(timeMs);
  }

  /** Frees log chunks no reader or follower needs any more (called by the metrics tick). */
  trimLogs(): void {
    const moving = this.reassigner.active.size > 0;
    for (const topic of this.topics.values()) {
      const groups = this.groups.filter((g) => g.partitions === topic.partitions);
      topic.partitions.forEach((p, i) => {
        if (p.replicas.length > 1) this.checkIsr(p);
        let keep = p.highWatermark;
        for (const end of p.replicaEnd) keep = Math.min(keep, end);
        for (const g of groups) keep = Math.min(keep, g.lowestNeeded(i));
        for (const j of this.jobs) keep = Math.min(keep, j.lowestNeeded(topic.partitions, i));
        if (moving) keep = Math.min(keep, this.reassigner.lowestNeeded(p));
        for (const m of this.mirrors) keep = Math.min(keep, m.neededFrom(p));
        p.log.trimBefore(keep);
      });
    }
  }

  /**
   * Kafka's log cleaner thread for deletion, run from the metrics tick once every
   * log.retention.check.interval.ms (the tick is per second, so a check lands on the first tick at
   * or after each multiple). Independent of `trimLogs`: retention deletes what the topic's config
   * says, whoever still wanted to read it; readers below the new log start offset get
   * OffsetOutOfRange on their next fetch.
   */
  checkRetention(now: number): void {
    if (now < this.nextRetentionCheckMs) return;
    const interval = this.doc.cluster.config['log.retention.check.interval.ms'];
    this.nextRetentionCheckMs = (Math.floor(now / interval) + 1) * interval;
    for (const topic of this.topics.values()) {
      const retentionMs = topic.doc.config['retention.ms'];
      const retentionBytes = topic.doc.config['retention.bytes'];
      // cleanup.policy compact alone: the cleaner keeps the log, retention deletes nothing.
      if (topic.doc.config['cleanup.policy'] === 'compact') continue;
      if (retentionMs < 0 && retentionBytes < 0) continue;
      topic.partitions.forEach((p, i) => {
        const from = p.log.logStartOffset;
        const to = p.log.applyRetention(now, retentionMs, retentionBytes, TieredStorage.retentionLimit(p));
        if (to <= from) return;
        for (const g of this.groups) if (g.partitions === topic.partitions) g.onSegmentsDeleted(i, from, to);
      });
    }
    this.tiered?.checkLocalRetention(now);
  }

  /** The leader's periodic ISR check (only a live, connected leader can change the ISR). */
  private checkIsr(p: Partition): void {
    const now = this.scheduler.now;
    if (!p.offline && this.brokers[p.leader]!.reachableByBrokers) p.shrinkIsr(now);
    if (p.isrSize < p.replicas.length) p.settleBelow(p.minReplicaView());
  }

  summary(): RunSummary {
    return summarise(this);
  }
}

/** The producer's document with its producerSpike faults added to its rate schedule. */
function withSpikes(p: Producer, faults: Fault[]): Producer {
  const spikes = faults.flatMap((f) =>
    f.kind === 'producerSpike' && f.producer === p.id
      ? [{ kind: 'spike' as const, atSec: f.atSec, durationSec: f.durationSec, factor: f.factor }]
      : [],
  );
  return spikes.length ? { ...p, rate: { ...p.rate, schedule: [...p.rate.schedule, ...spikes] } } : p;
}

/**
 * Share of a topic's records an event-time window drops as late, for a watermark delay W. A producer
 * sends outOfOrderFraction of its records with an event time behind their creation by a delay spread
 * evenly over [0, outOfOrderMaxDelayMs]; the watermark trails the newest event time (about "now") by
 * W, so a record is late when its delay exceeds W. Producers are weighted by their base rate.
 */
export function lateShareOf(producers: readonly Producer[]): (watermarkDelayMs: number) => number {
  const total = producers.reduce((a, p) => a + p.rate.recordsPerSec, 0);
  return (w) => {
    if (total <= 0) return 0;
    let share = 0;
    for (const p of producers) {
      const d = p.outOfOrderMaxDelayMs;
      const beyond = d > 0 ? Math.max(0, 1 - w / d) : 0;
      share += (p.rate.recordsPerSec / total) * p.outOfOrderFraction * beyond;
    }
    return share;
  };
}

/**
 * A consumer decompresses what it fetched at the codec's decompression rate (COMPRESSION_CPU, per
 * uncompressed byte on a 3 GHz core): cycles per byte on the wire, for the codec the topic's writers
 * use (weighted by their rates; 0 uncompressed).
 */
export function decompressCyclesPerWireByte(writers: readonly Producer[]): number {
  const total = writers.reduce((a, p) => a + (p.rate.recordsPerSec || 1), 0);
  let cycles = 0;
  for (const p of writers) {
    const codec = p.config['compression.type'];
    if (codec === 'none') continue;
    const perUncompressedByte = 3000 / COMPRESSION_CPU.brokerDecompressMBps[codec];
    cycles += (((p.rate.recordsPerSec || 1) / total) * perUncompressedByte) / COMPRESSION_RATIO[codec];
  }
  return cycles;
}
