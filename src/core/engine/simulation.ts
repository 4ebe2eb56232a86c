// Turns a pipeline document into running entities and drives them: the one object the CLI, the
// benchmark, the tests and the Web Worker use.
import { targetsOf, sourcesOf } from '../../model/graph';
import type { Pipeline, Topic } from '../../model/types';
import { Broker } from '../kafka/broker';
import { ConsumerGroup } from '../kafka/consumerGroup';
import { Partition } from '../kafka/partition';
import { ProducerClient } from '../kafka/producer/producer';
import { ReplicaFetcher } from '../kafka/replicaFetcher';
import { LatencyRecorder } from '../metrics/latency';
import { MetricsTicker } from '../metrics/ticker';
import { SparkStreamingJob } from '../spark/sparkJob';
import { deriveSeed } from '../util/rng';
import { placeReplicas } from './placement';
import { Scheduler } from './scheduler';
import { SinkSystem } from './sinks';
import { summarise, type RunSummary } from './summary';

export interface SimulationOptions {
  /** Overrides the document's run.seed. */
  seed?: number;
}

export interface TopicState {
  doc: Topic;
  partitions: Partition[];
  /** Mean record size of the producers writing to it (for Spark's per-record byte estimates). */
  recordBytes: number;
}

export class Simulation {
  readonly scheduler = new Scheduler();
  readonly seed: number;
  readonly brokers: Broker[];
  readonly topics = new Map<string, TopicState>();
  readonly producers: ProducerClient[] = [];
  readonly groups: ConsumerGroup[] = [];
  readonly jobs: SparkStreamingJob[] = [];
  readonly sinks = new Map<string, SinkSystem>();
  readonly fetchers: ReplicaFetcher[] = [];
  /** End-to-end latency (creation to processed) per consumer group and Spark job. */
  readonly readerLatency = new Map<string, LatencyRecorder>();
  readonly metrics: MetricsTicker;

  constructor(
    readonly doc: Pipeline,
    options: SimulationOptions = {},
  ) {
    this.seed = options.seed ?? doc.run.seed;
    const latency = doc.cluster.networkLatencyMs;
    this.brokers = doc.cluster.brokers.map((b, i) => new Broker(i, b, this.scheduler, latency));
    doc.sinks.forEach((s) => this.sinks.set(s.id, new SinkSystem(s)));

    doc.topics.forEach((t, ti) => {
      const placement = placeReplicas(ti, t.partitions, t.replicationFactor, this.brokers.length);
      const writers = doc.producers.filter((p) => targetsOf(doc, p.id).includes(t.id));
      const recordBytes = writers.length
        ? writers.reduce((a, p) => a + p.recordBytes, 0) / writers.length
        : 100;
      this.topics.set(t.id, {
        doc: t,
        partitions: placement.map((replicas, i) => new Partition(t.id, i, replicas)),
        recordBytes,
      });
    });
    this.createReplicaFetchers();

    for (const p of doc.producers) {
      const topic = this.topics.get(targetsOf(doc, p.id)[0] ?? '');
      if (!topic) continue;
      const seed = deriveSeed(this.seed, `producer:${p.id}`);
      this.producers.push(
        new ProducerClient(p, this.scheduler, topic.partitions, this.brokers, new LatencyRecorder(), seed),
      );
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
      );
      const sinks = this.sinksOf(g.id);
      if (sinks.length) group.onConsumed = (n) => sinks.forEach((s) => s.deliver(n));
      this.groups.push(group);
    }
    for (const j of doc.sparkJobs) {
      const topic = this.topics.get(sourcesOf(doc, j.id)[0] ?? '');
      if (!topic) continue;
      const sinks = this.sinksOf(j.id);
      const output = {
        write: (at: number, records: number) =>
          sinks.reduce((end, s) => Math.max(end, s.write(at, records)), at),
        deliver: (records: number) => sinks.forEach((s) => s.deliver(records)),
      };
      this.jobs.push(
        new SparkStreamingJob(
          j,
          this.scheduler,
          topic.partitions,
          this.brokers,
          latency,
          topic.recordBytes,
          this.recordersFor(j.id),
          output,
        ),
      );
    }

    this.metrics = new MetricsTicker(this);
    for (const f of this.fetchers) f.start(0);
    for (const p of this.producers) p.start();
    for (const g of this.groups) g.start(0);
    for (const j of this.jobs) j.start(0);
    this.metrics.start();
  }

  private recordersFor(id: string): LatencyRecorder {
    const own = new LatencyRecorder();
    this.readerLatency.set(id, own);
    return own;
  }

  private sinksOf(id: string): SinkSystem[] {
    return targetsOf(this.doc, id)
      .map((t) => this.sinks.get(t))
      .filter((s): s is SinkSystem => s !== undefined);
  }

  /** One fetcher per (follower, leader) pair that shares partitions. */
  private createReplicaFetchers(): void {
    const pairs = new Map<string, Partition[]>();
    for (const topic of this.topics.values()) {
      for (const p of topic.partitions) {
        for (const r of p.replicas) {
          if (r === p.leader) continue;
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
    for (const topic of this.topics.values()) {
      const readers = [
        ...this.groups.filter((g) => g.partitions === topic.partitions),
        ...this.jobs.filter((j) => j.partitions === topic.partitions),
      ];
      topic.partitions.forEach((p, i) => {
        let keep = p.highWatermark;
        for (const end of p.replicaEnd) keep = Math.min(keep, end);
        for (const r of readers) keep = Math.min(keep, r.lowestNeeded(i));
        p.log.trimBefore(keep);
      });
    }
  }

  summary(): RunSummary {
    return summarise(this);
  }
}
