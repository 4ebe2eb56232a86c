// Builds the document's MirrorMaker 2 instances into a run: their tasks' producers into the target
// clusters, the pipe of each pair of regions, and for every consumer group reading a mirrored
// topic the same group on the mirror, which a region failover starts.
import { clustersOf, linkBetween, mirrorPairs } from '../../model/regions';
import { producerSchema } from '../../model/schema/producer';
import { INT_MAX } from '../../model/schema/common';
import type { BrokerHardware } from '../../model/presets';
import type { Pipeline } from '../../model/types';
import type { Broker } from '../kafka/broker';
import { ConsumerGroup } from '../kafka/consumerGroup';
import { MirrorMakerRuntime, RegionPipe } from '../kafka/mirrorMaker';
import { ProducerClient } from '../kafka/producer/producer';
import { LatencyRecorder } from '../metrics/latency';
import { deriveSeed } from '../util/rng';
import { Host } from './host';
import type { Scheduler } from './scheduler';
import type { TopicState } from './simulation';

/** What building mirrors needs of the simulation. */
export interface MirrorHost {
  readonly doc: Pipeline;
  readonly seed: number;
  readonly scheduler: Scheduler;
  readonly brokers: Broker[];
  readonly topics: Map<string, TopicState>;
  readonly producers: ProducerClient[];
  readonly groups: ConsumerGroup[];
  readonly hosts: Map<string, Host>;
  readonly clientHardware: BrokerHardware;
  recordersFor(id: string): LatencyRecorder;
  hostFor(named: string | undefined, ownId: string): Host;
}

/** Id of a MirrorMaker task's producer in the summary and the series (":" is no node id's). */
export function mirrorProducerId(mmId: string): string {
  return `mm2:${mmId}`;
}

/** Id of a consumer group once failed over to the mirror in another cluster. */
export function failoverGroupId(groupId: string, clusterId: string): string {
  return `${groupId}@${clusterId}`;
}

export interface BuiltMirrors {
  mirrors: MirrorMakerRuntime[];
  /** Groups on the mirrors: in the run's groups (measured like any), started only by a failover. */
  failoverGroups: Set<ConsumerGroup>;
  /** The region of each broker, by engine index. */
  brokerRegions: (string | undefined)[];
}

export function buildMirrors(sim: MirrorHost): BuiltMirrors {
  const doc = sim.doc;
  const clusters = clustersOf(doc);
  const regionOf = new Map(clusters.map((c) => [c.id, c.region]));
  const brokerRegion = new Map<string, string | undefined>();
  for (const c of clusters) for (const b of c.brokers) brokerRegion.set(b.id, c.region);
  const brokerRegions = sim.brokers.map((b) => brokerRegion.get(b.id) ?? doc.cluster.region);
  const pipes = new Map<string, RegionPipe>();
  const mirrors: MirrorMakerRuntime[] = [];
  const failoverGroups = new Set<ConsumerGroup>();
  for (const mm of doc.mirrorMakers ?? []) {
    const pairs = mirrorPairs(doc, mm).flatMap(({ source, target }) => {
      const s = sim.topics.get(source.id);
      const t = sim.topics.get(target.id);
      return s && t ? [{ s, t }] : [];
    });
    const from = regionOf.get(mm.sourceCluster);
    const to = regionOf.get(mm.targetCluster);
    const link = linkBetween(doc, from, to);
    if (!pairs.length || !link) continue;
    const key = [from ?? '', to ?? ''].sort().join('\u0000');
    let pipe = pipes.get(key);
    if (!pipe) pipes.set(key, (pipe = new RegionPipe(link.latencyMs, link.bandwidthMBps)));
    const hostId = `${mm.id}.worker`;
    const host = new Host(hostId, mm.hardware ?? sim.clientHardware);
    sim.hosts.set(hostId, host);
    const recordBytes = pairs.reduce((a, p) => a + p.s.recordBytes, 0) / pairs.length;
    const runtime = new MirrorMakerRuntime(
      mm,
      sim.scheduler,
      sim.brokers,
      pipe,
      host,
      pairs.map((p) => ({ source: p.s.partitions, target: p.t.partitions })),
      [],
      recordBytes,
    );
    const producer = new ProducerClient(
      mirrorProducerDoc(mirrorProducerId(mm.id), Math.max(1, Math.round(recordBytes))),
      sim.scheduler,
      runtime.targets(),
      sim.brokers,
      new LatencyRecorder(),
      deriveSeed(sim.seed, `mm2:${mm.id}`),
      host,
    );
    runtime.threads.forEach(() => runtime.producers.push(producer));
    sim.producers.push(producer);
    // Groups reading a mirrored topic: MirrorCheckpointConnector follows them (groups = ".*").
    let lane = 0;
    for (const p of pairs) {
      const lanes = p.s.partitions.map((_, i) => lane + i);
      lane += p.s.partitions.length;
      for (const group of sim.groups) {
        if (group.partitions !== p.s.partitions || failoverGroups.has(group)) continue;
        const id = failoverGroupId(group.doc.id, mm.targetCluster);
        const failover = new ConsumerGroup(
          { ...group.doc, id },
          sim.scheduler,
          p.t.partitions,
          sim.brokers,
          sim.recordersFor(id),
          deriveSeed(sim.seed, `group:${id}`),
          (m) => sim.hostFor(undefined, `${id}.member${m}.host`),
        );
        failover.decompressCyclesPerWireByte = group.decompressCyclesPerWireByte;
        failoverGroups.add(failover);
        runtime.groups.push({ group, lanes, failover });
      }
    }
    for (const g of runtime.groups) sim.groups.push(g.failover);
    mirrors.push(runtime);
  }
  return { mirrors, failoverGroups, brokerRegions };
}

/**
 * A task's producer as Kafka Connect configures it for a source connector: acks=all, one request
 * in flight, no idempotence, and send() and delivery never timing out.
 */
function mirrorProducerDoc(id: string, recordBytes: number): ProducerClient['doc'] {
  const doc = producerSchema.parse({
    id: 'mm2',
    rate: { kind: 'constant', recordsPerSec: 0 },
    recordBytes,
    keys: { kind: 'null' },
    config: {
      acks: 'all',
      'enable.idempotence': false,
      'max.in.flight.requests.per.connection': 1,
      'delivery.timeout.ms': INT_MAX,
      'max.block.ms': INT_MAX,
      'linger.ms': 0,
    },
  });
  return { ...doc, id };
}
