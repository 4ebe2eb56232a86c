// Clusters, regions and MirrorMaker 2 as the engine and the canvas read them, and the checks that
// span them (which cluster a topic is in, what a mirror maker pairs, links between regions).
import { PRIMARY_CLUSTER_ID, REGION_LINK_PRESETS } from './schema/regions';
import type { Broker, MirrorMaker, Pipeline, RegionLink, Topic } from './types';

export interface ClusterView {
  id: string;
  name?: string | undefined;
  region?: string | undefined;
  brokers: Broker[];
  primary: boolean;
}

/** The id of the document's own cluster. */
export function primaryClusterId(doc: Pick<Pipeline, 'cluster'>): string {
  return doc.cluster.id ?? PRIMARY_CLUSTER_ID;
}

/** Every cluster of the document, the primary first. */
export function clustersOf(doc: Pick<Pipeline, 'cluster' | 'clusters'>): ClusterView[] {
  const c = doc.cluster;
  return [
    { id: primaryClusterId(doc), name: c.name, region: c.region, brokers: c.brokers, primary: true },
    ...(doc.clusters ?? []).map((x) => ({ ...x, primary: false })),
  ];
}

/** True when the document has more than its one cluster. */
export function isMultiCluster(doc: Pick<Pipeline, 'clusters'>): boolean {
  return (doc.clusters?.length ?? 0) > 0;
}

/** The cluster a topic lives in. */
export function clusterIdOfTopic(doc: Pick<Pipeline, 'cluster'>, t: Pick<Topic, 'cluster'>): string {
  return t.cluster ?? primaryClusterId(doc);
}

/** The alias MM2 puts in front of mirrored topic names: source.cluster.alias, else the cluster's id. */
export function sourceAliasOf(mm: MirrorMaker): string {
  return mm['source.cluster.alias'] ?? mm.sourceCluster;
}

/** DefaultReplicationPolicy: the remote topic's name for a source topic. */
export function mirroredTopicName(mm: MirrorMaker, topicName: string): string {
  return `${sourceAliasOf(mm)}${mm['replication.policy.separator']}${topicName}`;
}

/** A topic's name in Kafka: its name, else its id. */
export function kafkaTopicName(t: Pick<Topic, 'id' | 'name'>): string {
  return t.name || t.id;
}

export interface MirrorPair {
  source: Topic;
  target: Topic;
}

/**
 * The topics a mirror maker copies (connected into it) with the topic each goes to (connected out
 * of it, named by the replication policy); source topics without one are left out.
 */
export function mirrorPairs(doc: Pipeline, mm: MirrorMaker): MirrorPair[] {
  const byId = new Map(doc.topics.map((t) => [t.id, t]));
  const outs = doc.edges.filter((e) => e.from === mm.id).flatMap((e) => byId.get(e.to) ?? []);
  return doc.edges.flatMap((e) => {
    const source = e.to === mm.id ? byId.get(e.from) : undefined;
    if (!source) return [];
    const name = mirroredTopicName(mm, kafkaTopicName(source));
    const target = outs.find((t) => kafkaTopicName(t) === name);
    return target ? [{ source, target }] : [];
  });
}

/**
 * The link between two regions: the document's, or within one region a same-region link; undefined
 * when two different regions have none.
 */
export function linkBetween(
  doc: Pick<Pipeline, 'regionLinks'>,
  a: string | undefined,
  b: string | undefined,
): Pick<RegionLink, 'latencyMs' | 'bandwidthMBps'> | undefined {
  const link = (doc.regionLinks ?? []).find(
    (l) => (l.from === a && l.to === b) || (l.from === b && l.to === a),
  );
  if (link) return link;
  if (a === b) return REGION_LINK_PRESETS['same-region'];
  return undefined;
}

/** Cross-field checks of clusters, links and mirror makers (errors, as Kafka's tools would refuse). */
export function regionChecks(doc: Pipeline, errors: string[]): void {
  const clusters = clustersOf(doc);
  const ids = new Map(clusters.map((c) => [c.id, c]));
  if (ids.size < clusters.length) errors.push('clusters: two clusters have the same id');
  if (isMultiCluster(doc) && !doc.cluster.region)
    errors.push('cluster.region: with further clusters every cluster names its region');
  doc.topics.forEach((t) => {
    if (t.cluster !== undefined && !ids.has(t.cluster))
      errors.push(`topic "${t.id}": cluster "${t.cluster}" is not a cluster of this document`);
  });
  const regions = new Set(clusters.map((c) => c.region));
  (doc.regionLinks ?? []).forEach((l, i) => {
    for (const end of ['from', 'to'] as const)
      if (!regions.has(l[end]))
        errors.push(`regionLinks[${i}].${end}: no cluster runs in region "${l[end]}"`);
  });
  (doc.mirrorMakers ?? []).forEach((mm, i) => {
    const where = `mirrorMakers[${i}] ("${mm.id}")`;
    const source = ids.get(mm.sourceCluster);
    const target = ids.get(mm.targetCluster);
    if (!source)
      errors.push(`${where}: sourceCluster "${mm.sourceCluster}" is not a cluster of this document`);
    if (!target)
      errors.push(`${where}: targetCluster "${mm.targetCluster}" is not a cluster of this document`);
    if (!source || !target) return;
    if (source === target) errors.push(`${where}: targetCluster must differ from sourceCluster`);
    if (!linkBetween(doc, source.region, target.region))
      errors.push(
        `${where}: no regionLinks entry joins region "${source.region}" and region "${target.region}"`,
      );
    const byId = new Map(doc.topics.map((t) => [t.id, t]));
    const pairs = mirrorPairs(doc, mm);
    for (const e of doc.edges) {
      const t = byId.get(e.to === mm.id ? e.from : e.from === mm.id ? e.to : '');
      if (!t) continue;
      const inbound = e.to === mm.id;
      const cluster = clusterIdOfTopic(doc, t);
      const want = inbound ? mm.sourceCluster : mm.targetCluster;
      if (cluster !== want)
        errors.push(
          `${where}: topic "${t.id}" is in cluster "${cluster}", but it ${inbound ? 'reads from' : 'writes to'} cluster "${want}"`,
        );
      else if (inbound && !pairs.some((p) => p.source === t))
        errors.push(
          `${where}: topic "${t.id}" needs its mirror: connect the mirror maker to a topic named "${mirroredTopicName(mm, kafkaTopicName(t))}" in cluster "${mm.targetCluster}"`,
        );
      else if (!inbound && !pairs.some((p) => p.target === t))
        errors.push(
          `${where}: topic "${t.id}" is not named "<${sourceAliasOf(mm)}>${mm['replication.policy.separator']}<a topic it mirrors>" (DefaultReplicationPolicy)`,
        );
    }
    for (const p of pairs)
      if (p.target.partitions < p.source.partitions)
        errors.push(
          `${where}: topic "${p.target.id}" has fewer partitions than "${p.source.id}" (MM2 keeps each record's partition)`,
        );
  });
}
