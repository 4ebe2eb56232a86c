// Checks that span more than one field: unique ids, which connections mean something, references.
import { brokersOfRun } from './brokers';
import { kafkaSinkLoops } from './kafkaSinkLoops';
import { limitChecks } from './limits';
import { clusterIdOfTopic, clustersOf, regionChecks } from './regions';
import { memoryBytes } from './schema/spark';
import { tieredStorageRefusal } from './schema/tieredStorage';
import type { Fault, NodeKind, Pipeline, Producer, SparkJob } from './types';
import { transactionChecks } from './transactionChecks';

export interface GraphReport {
  errors: string[];
  warnings: string[];
}

/** The connections the engine understands, and why others are refused. */
const ALLOWED: Partial<Record<NodeKind, Partial<Record<NodeKind, true>>>> = {
  producer: { topic: true },
  topic: { consumerGroup: true, sparkJob: true, mirrorMaker: true },
  // MirrorMaker 2 copies the topics connected into it to those connected out of it.
  mirrorMaker: { topic: true },
  consumerGroup: { sink: true },
  // A job's Kafka sink: its output becomes a topic's records, for another job or group to read.
  sparkJob: { sink: true, topic: true },
  // A receiver source feeds a Spark job only (Spark's receivers read it, not Kafka clients).
  sparkSource: { sparkJob: true },
};

const KIND_NAMES: Record<NodeKind, string> = {
  broker: 'a broker',
  topic: 'a topic',
  producer: 'a producer',
  consumerGroup: 'a consumer group',
  sparkJob: 'a Spark job',
  sparkStage: 'a Spark stage',
  sink: 'a sink',
  sparkSource: 'a receiver source',
  mirrorMaker: 'a MirrorMaker 2',
};

/** Why `from -> to` is refused, or undefined when it is allowed. Shared with the canvas. */
export function connectionRefusal(from: NodeKind, to: NodeKind): string | undefined {
  if (ALLOWED[from]?.[to]) return undefined;
  if (from === 'producer' && to !== 'topic')
    return `${KIND_NAMES[from]} writes to a topic, not to ${KIND_NAMES[to]}; connect it to a topic first`;
  if (to === 'producer') return 'a producer has no inputs: it is where records start';
  if (from === 'sink') return 'a sink is where records end: it has no outputs';
  if (from === 'sparkSource')
    return "a receiver source is read by a Spark job's receivers; connect it to a Spark job";
  if (to === 'sparkSource') return 'a receiver source has no inputs: it is where records start';
  if (from === 'topic' && to === 'topic')
    return 'topics do not feed topics directly: put a consumer or a Spark job between them';
  if (to === 'topic')
    return `in this version only producers write to topics (and Spark jobs, through Kafka's sink), not ${KIND_NAMES[from]}`;
  return `${KIND_NAMES[from]} cannot feed ${KIND_NAMES[to]}`;
}

export function nodeKinds(doc: Pipeline): Map<string, NodeKind> {
  const kinds = new Map<string, NodeKind>();
  const add = (id: string, kind: NodeKind) => {
    if (!kinds.has(id)) kinds.set(id, kind);
  };
  brokersOfRun(doc).forEach(({ broker }) => add(broker.id, 'broker'));
  doc.topics.forEach((t) => add(t.id, 'topic'));
  doc.producers.forEach((p) => add(p.id, 'producer'));
  doc.consumerGroups.forEach((g) => add(g.id, 'consumerGroup'));
  doc.sparkJobs.forEach((j) => {
    add(j.id, 'sparkJob');
    j.stages.forEach((s) => add(s.id, 'sparkStage'));
  });
  doc.sinks.forEach((s) => add(s.id, 'sink'));
  doc.sparkSources.forEach((s) => add(s.id, 'sparkSource'));
  doc.mirrorMakers?.forEach((m) => add(m.id, 'mirrorMaker'));
  return kinds;
}

function duplicateIds(doc: Pipeline): string[] {
  const seen = new Set<string>();
  const dups = new Set<string>();
  const ids = [
    ...brokersOfRun(doc).map((b) => b.broker.id),
    ...doc.topics.map((t) => t.id),
    ...doc.producers.map((p) => p.id),
    ...doc.consumerGroups.map((g) => g.id),
    ...doc.sparkJobs.flatMap((j) => [j.id, ...j.stages.map((s) => s.id)]),
    ...doc.sinks.map((s) => s.id),
    ...doc.sparkSources.map((s) => s.id),
    ...(doc.mirrorMakers ?? []).map((m) => m.id),
  ];
  for (const id of ids) (seen.has(id) ? dups : seen).add(id);
  return [...dups];
}

function producerChecks(p: Producer, errors: string[], warnings: string[]): void {
  const c = p.config;
  const where = `producer "${p.id}"`;
  if (c['delivery.timeout.ms'] < c['linger.ms'] + c['request.timeout.ms'])
    errors.push(
      `${where}: delivery.timeout.ms must be at least linger.ms + request.timeout.ms (Kafka refuses this too)`,
    );
  if (c['enable.idempotence'] === true && c.acks !== 'all')
    errors.push(`${where}: enable.idempotence=true needs acks=all`);
  if (c['enable.idempotence'] === true && c['max.in.flight.requests.per.connection'] > 5)
    errors.push(`${where}: enable.idempotence=true needs max.in.flight.requests.per.connection <= 5`);
  if (p.recordBytes > c['max.request.size'])
    warnings.push(
      `${where}: recordBytes is above max.request.size, so every record will be refused (RecordTooLarge)`,
    );
}

function sparkChecks(job: SparkJob, errors: string[]): void {
  for (const s of job.stages) {
    if (s.kind !== 'window') continue;
    const where = `Spark job "${job.id}", stage "${s.id}"`;
    if (s.windowLengthMs % job.batchIntervalMs !== 0)
      errors.push(
        `${where}: windowLengthMs must be a multiple of the batch interval (${job.batchIntervalMs} ms)`,
      );
    if (s.slideMs % job.batchIntervalMs !== 0)
      errors.push(`${where}: slideMs must be a multiple of the batch interval (${job.batchIntervalMs} ms)`);
  }
  if (job.mode === 'continuous')
    for (const s of job.stages) {
      const stateful =
        s.kind === 'aggregate' ||
        s.kind === 'window' ||
        s.kind === 'cep' ||
        s.kind === 'streamJoin' ||
        (s.kind === 'join' && s.strategy === 'shuffle');
      if (stateful)
        errors.push(
          `Spark job "${job.id}", stage "${s.id}": continuous mode runs record-at-a-time operators only (map, flatMap, filter, broadcast join, scoring); use micro-batches for ${s.kind}`,
        );
    }
  // Streaming dynamic allocation measures batches (DStreams); continuous mode has none to measure.
  if (job.mode === 'continuous' && job.config['spark.streaming.dynamicAllocation.enabled'])
    errors.push(
      `Spark job "${job.id}": spark.streaming.dynamicAllocation.enabled scales by the processing time of micro-batches; continuous mode has no batches, so turn one of them off`,
    );
  // Spark refuses to start an executor whose heap is under 1.5 x its 300 MiB reserve.
  if (memoryBytes(job.config['spark.executor.memory']) < 450 * 2 ** 20)
    errors.push(
      `Spark job "${job.id}": spark.executor.memory must be at least 450m (Spark reserves 300 MiB of every executor heap)`,
    );
  for (const s of job.stages)
    if (s.kind === 'streamJoin' && !s.topic)
      errors.push(
        `Spark job "${job.id}", stage "${s.id}": a stream-stream join needs the other stream: connect a second topic to the job`,
      );
  const sinks = job.stages.filter((s) => s.kind === 'sink');
  if (sinks.length > 1) errors.push(`Spark job "${job.id}": at most one sink stage, found ${sinks.length}`);
  if (sinks.length === 1 && job.stages[job.stages.length - 1]?.kind !== 'sink')
    errors.push(`Spark job "${job.id}": the sink stage must be the last stage`);
}

/** The node kind each fault refers to, and under which field (none for cluster-wide events). */
function faultTarget(f: Fault): { field: string; id: string; kind: NodeKind } | undefined {
  switch (f.kind) {
    case 'brokerDown':
    case 'slowDisk':
    case 'networkPartition':
    case 'decommissionBroker':
      return { field: 'broker', id: f.broker, kind: 'broker' };
    case 'addBroker':
    case 'reassignPartitions':
    case 'zoneOutage':
    case 'regionFailover':
      return undefined;
    case 'producerSpike':
    case 'producerCrash':
      return { field: 'producer', id: f.producer, kind: 'producer' };
    case 'memberCrash':
    case 'memberJoin':
    case 'offsetReset':
      return { field: 'group', id: f.group, kind: 'consumerGroup' };
    case 'partitionCount':
      return { field: 'topic', id: f.topic, kind: 'topic' };
    case 'executorLoss':
    case 'driverFailure':
    case 'addExecutors':
    case 'removeExecutors':
      return { field: 'job', id: f.job, kind: 'sparkJob' };
  }
}

function faultChecks(doc: Pipeline, kinds: Map<string, NodeKind>, errors: string[]): void {
  // Partition counts only grow, so each change is compared with the count before it.
  const partitions = new Map(doc.topics.map((t) => [t.id, t.partitions]));
  const byTime = doc.faults.map((f, i) => ({ f, i })).sort((a, b) => a.f.atSec - b.f.atSec || a.i - b.i);
  for (const { f, i } of byTime) {
    const where = `faults[${i}] (${f.kind} at ${f.atSec} s)`;
    const target = faultTarget(f);
    const kind = target && kinds.get(target.id);
    if (target && kind !== target.kind) {
      errors.push(
        `${where}: ${target.field} "${target.id}" is not ${KIND_NAMES[target.kind]} of this pipeline`,
      );
      continue;
    }
    if (f.kind === 'partitionCount') {
      const before = partitions.get(f.topic) ?? 0;
      if (f.partitions <= before)
        errors.push(
          `${where}: topic "${f.topic}" already has ${before} partitions; Kafka can add partitions but never remove them`,
        );
      else partitions.set(f.topic, f.partitions);
    }
    clusterEventChecks(doc, f, where, partitions, errors);
  }
}

/**
 * addBroker, reassignPartitions, decommissionBroker and zoneOutage: what Kafka's tools refuse. A
 * plan may only name brokers that exist by then, and give a partition as many distinct replicas as
 * there are brokers to hold them.
 */
function clusterEventChecks(
  doc: Pipeline,
  f: Fault,
  where: string,
  partitions: ReadonlyMap<string, number>,
  errors: string[],
): void {
  const joined = brokersOfRun(doc).filter((b) => b.joinsAtSec <= f.atSec);
  const present = new Set(joined.map((b) => b.broker.id));
  const missing = (id: string) =>
    brokersOfRun(doc).some((b) => b.broker.id === id)
      ? `broker "${id}" has not joined the cluster by ${f.atSec} s`
      : `broker "${id}" does not exist`;
  if (f.kind === 'zoneOutage' && !brokersOfRun(doc).some((b) => b.broker.rack === f.rack))
    errors.push(`${where}: rack: no broker has broker.rack "${f.rack}"`);
  if (f.kind === 'regionFailover' && !clustersOf(doc).some((c) => c.region === f.region))
    errors.push(`${where}: region: no cluster runs in region "${f.region}"`);
  if (f.kind === 'decommissionBroker') {
    if (!present.has(f.broker)) errors.push(`${where}: broker: ${missing(f.broker)}`);
    const rf = Math.max(0, ...doc.topics.map((t) => t.replicationFactor));
    if (rf > joined.length - 1)
      errors.push(
        `${where}: broker: replication factor ${rf} needs ${rf} brokers besides "${f.broker}"; only ${joined.length - 1} would be left to hold its replicas`,
      );
  }
  if (f.kind !== 'reassignPartitions') return;
  if (f.brokers) {
    f.brokers.forEach((id, k) => {
      if (!present.has(id)) errors.push(`${where}: brokers[${k}]: ${missing(id)}`);
    });
    const distinct = new Set(f.brokers).size;
    const topics = f.topics ?? doc.topics.map((t) => t.id);
    topics.forEach((id, k) => {
      const t = doc.topics.find((x) => x.id === id);
      if (!t) return void errors.push(`${where}: topics[${k}]: topic "${id}" does not exist`);
      if (t.replicationFactor > distinct)
        errors.push(
          `${where}: brokers: topic "${id}" has replication factor ${t.replicationFactor}, more than the ${distinct} broker(s) listed (each replica needs a broker of its own)`,
        );
    });
  }
  f.plan?.forEach((m, k) => {
    const at = `${where}: plan[${k}]`;
    const count = partitions.get(m.topic);
    if (count === undefined) return void errors.push(`${at}.topic: topic "${m.topic}" does not exist`);
    if (m.partition >= count)
      errors.push(`${at}.partition: topic "${m.topic}" has partitions 0 to ${count - 1}`);
    m.replicas.forEach((id, r) => {
      if (!present.has(id)) errors.push(`${at}.replicas[${r}]: ${missing(id)}`);
    });
    if (new Set(m.replicas).size < m.replicas.length)
      errors.push(`${at}.replicas: lists a broker twice (each replica needs a broker of its own)`);
    if (m.replicas.length > joined.length)
      errors.push(
        `${at}.replicas: ${m.replicas.length} replicas, more than the ${joined.length} broker(s) in the cluster by then`,
      );
  });
}

export function checkGraph(doc: Pipeline): GraphReport {
  const errors: string[] = [];
  const warnings: string[] = [];
  for (const id of duplicateIds(doc)) errors.push(`id "${id}" is used by more than one node`);

  const kinds = nodeKinds(doc);
  const brokersIn = new Map(clustersOf(doc).map((c) => [c.id, c.brokers.length]));
  for (const t of doc.topics) {
    const brokerCount = brokersIn.get(clusterIdOfTopic(doc, t)) ?? doc.cluster.brokers.length;
    if (t.replicationFactor > brokerCount)
      errors.push(
        `topic "${t.id}": replicationFactor ${t.replicationFactor} is more than the ${brokerCount} broker(s)`,
      );
    if (t.config['min.insync.replicas'] > t.replicationFactor)
      warnings.push(
        `topic "${t.id}": min.insync.replicas is above replicationFactor, so acks=all writes will be refused (NotEnoughReplicas)`,
      );
    const tiered = tieredStorageRefusal(
      t.config['remote.storage.enable'],
      doc.cluster.config['remote.log.storage.system.enable'],
    );
    if (tiered) errors.push(`topic "${t.id}": ${tiered}`);
  }
  doc.producers.forEach((p) => producerChecks(p, errors, warnings));
  doc.sparkJobs.forEach((j) => sparkChecks(j, errors));
  transactionChecks(doc, errors, warnings);

  const outgoing = new Map<string, string[]>();
  const incoming = new Map<string, string[]>();
  const seenEdges = new Set<string>();
  doc.edges.forEach((e, i) => {
    const where = `edges[${i}] (${e.from} -> ${e.to})`;
    const from = kinds.get(e.from);
    const to = kinds.get(e.to);
    if (!from) return void errors.push(`${where}: no node has id "${e.from}"`);
    if (!to) return void errors.push(`${where}: no node has id "${e.to}"`);
    const refusal = connectionRefusal(from, to);
    if (refusal) return void errors.push(`${where}: ${refusal}`);
    const key = `${e.from}\u0000${e.to}`;
    if (seenEdges.has(key)) return void errors.push(`${where}: this connection is listed twice`);
    seenEdges.add(key);
    // Pushed, not copied: a node with thousands of edges must not cost thousands squared.
    (outgoing.get(e.from) ?? outgoing.set(e.from, []).get(e.from)!).push(e.to);
    (incoming.get(e.to) ?? incoming.set(e.to, []).get(e.to)!).push(e.from);
  });

  for (const p of doc.producers) {
    const targets = outgoing.get(p.id) ?? [];
    if (targets.length > 1)
      errors.push(`producer "${p.id}" writes to ${targets.length} topics; connect it to one`);
    if (targets.length === 0)
      warnings.push(`producer "${p.id}" is not connected to a topic, so it sends nothing`);
  }
  const readers = [
    ...doc.consumerGroups.map((g) => ({ id: g.id, what: 'consumer group' })),
    ...doc.sparkJobs.map((j) => ({ id: j.id, what: 'Spark job' })),
  ];
  for (const { id, what } of readers) {
    const all = incoming.get(id) ?? [];
    // A stream-stream join names its other topic; the job reads that one too.
    const joined = otherStreamsOf(doc, id);
    const sources = all.filter((t) => !joined.includes(t));
    if (sources.length > 1)
      errors.push(
        `${what} "${id}" reads ${sources.length} topics; connect it to one${
          what === 'Spark job' ? ' (or join the others with a stream-stream join stage)' : ''
        }`,
      );
    if (sources.length === 0)
      warnings.push(`${what} "${id}" is not connected to a topic, so it reads nothing`);
    if (sources.some((s) => kinds.get(s) === 'sparkSource') && joined.length)
      errors.push(
        `Spark job "${id}": a stream-stream join joins two Kafka topics; this job reads a receiver source`,
      );
    for (const t of joined)
      if (!all.includes(t))
        errors.push(
          `Spark job "${id}": its stream-stream join reads topic "${t}", so connect "${t}" to the job`,
        );
    if (joined.length && sources.length === 1 && joined.includes(sources[0]!))
      errors.push(`Spark job "${id}": a stream-stream join needs a topic other than the job's own`);
  }
  receiverChecks(doc, outgoing, errors, warnings);
  errors.push(...kafkaSinkLoops(doc, kinds, outgoing, incoming).errors);
  faultChecks(doc, kinds, errors);
  hostChecks(doc, errors);
  regionChecks(doc, errors);
  limitChecks(doc, errors);
  for (const id of Object.keys(doc.layout)) {
    if (!kinds.has(id)) errors.push(`layout["${id}"]: no node has this id`);
  }
  return { errors, warnings };
}

/**
 * Receiver sources: each must feed one job, and what Spark would accept but never run well is said
 * before the run: a block interval longer than the batch interval, and receivers taking every core
 * (they hold theirs for the whole run, so no batch task would ever be scheduled).
 */
function receiverChecks(
  doc: Pipeline,
  outgoing: ReadonlyMap<string, string[]>,
  errors: string[],
  warnings: string[],
): void {
  for (const s of doc.sparkSources) {
    const jobs = outgoing.get(s.id) ?? [];
    if (jobs.length > 1)
      errors.push(
        `receiver source "${s.id}" feeds ${jobs.length} Spark jobs; connect it to one (its receivers run in one job)`,
      );
    if (jobs.length === 0)
      warnings.push(`receiver source "${s.id}" is not connected to a Spark job, so nothing receives it`);
    const job = doc.sparkJobs.find((j) => j.id === jobs[0]);
    // A file source has no receivers and no blocks: neither rule applies.
    if (!job || s.kind === 'file') continue;
    const c = job.config;
    const where = `Spark job "${job.id}"`;
    const block = c['spark.streaming.blockInterval'];
    if (block > job.batchIntervalMs)
      warnings.push(
        `${where}: spark.streaming.blockInterval (${block} ms) is longer than the batch interval (${job.batchIntervalMs} ms); it should be shorter, or batches get at most one block (one task) per receiver and some get none`,
      );
    const cores = c['spark.executor.instances'] * c['spark.executor.cores'];
    if (s.receivers >= cores)
      warnings.push(
        `${where}: receivers (${s.receivers}, of receiver source "${s.id}") must be fewer than spark.executor.instances x spark.executor.cores (${cores}); each receiver holds a core for the whole run, so no core would be left for the batches' tasks and Spark would never run a batch`,
      );
  }
}

/** Clients may only name machines listed in cluster.hosts, each listed once. */
function hostChecks(doc: Pipeline, errors: string[]): void {
  const hosts = new Set<string>();
  doc.cluster.hosts.forEach((h, i) => {
    if (hosts.has(h.id)) errors.push(`cluster.hosts[${i}]: host id "${h.id}" is listed twice`);
    hosts.add(h.id);
  });
  const missing = (id: string): string =>
    `host "${id}" is not in cluster.hosts${hosts.size ? ` (${[...hosts].join(', ')})` : ', which is empty'}`;
  for (const p of doc.producers)
    if (p.host !== undefined && !hosts.has(p.host)) errors.push(`producer "${p.id}": ${missing(p.host)}`);
  for (const g of doc.consumerGroups)
    for (const h of g.hosts ?? []) if (!hosts.has(h)) errors.push(`consumer group "${g.id}": ${missing(h)}`);
}

/** The topic a producer writes to, a group or job reads from, or the sinks a node writes to. */
export function targetsOf(doc: Pipeline, id: string): string[] {
  return doc.edges.filter((e) => e.from === id).map((e) => e.to);
}
export function sourcesOf(doc: Pipeline, id: string): string[] {
  return doc.edges.filter((e) => e.to === id).map((e) => e.from);
}

/** Topics a Spark job's stream-stream joins read, besides its own. */
export function otherStreamsOf(doc: Pipeline, jobId: string): string[] {
  const job = doc.sparkJobs.find((j) => j.id === jobId);
  return job?.stages.flatMap((s) => (s.kind === 'streamJoin' && s.topic ? [s.topic] : [])) ?? [];
}

/** The topic a group or job reads as its own stream (a job's joined topics aside). */
export function mainSourceOf(doc: Pipeline, id: string): string | undefined {
  const joined = otherStreamsOf(doc, id);
  return sourcesOf(doc, id).find((t) => !joined.includes(t));
}
