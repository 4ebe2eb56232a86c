// The pipeline check: what a drawn pipeline leaves open before it runs (a producer sending nowhere, a
// topic nobody reads, a sink nothing writes to, replication that cannot hold), each with a sentence
// naming the node and the edits that would close it. Pure: the panel applies a fix through the
// document store, so every fix is one undo step.
//
// The model's checkGraph already refuses what the engine cannot run and warns about unconnected
// producers and readers; this list covers the same structure from the designer's side (with fixes)
// and adds what checkGraph has no reason to mention. `GRAPH_REPORTS` names the kinds checkGraph
// reports too, so the canvas does not show both sentences on one node.
import type { Pipeline } from '../../model';
import { connect } from '../canvas/connections';
import { deleteNodes } from '../canvas/editing';
import { findFreeSpot, jobSize, NODE_HEIGHT, NODE_WIDTH, type Rect } from '../canvas/flowView';
import { addBroker, addNode, addStage, type XY } from '../canvas/nodeFactory';
import { receiverGaps } from './receiverGaps';
import { refusalGaps } from './refusalGaps';

/**
 * - `error`: the engine refuses to run the document until it is fixed.
 * - `gap`: it runs, but part of what is drawn moves no data (or every acks=all write fails).
 * - `risk`: it runs as drawn, but behaves in a way people rarely intend (no replica, idle members).
 */
export type GapSeverity = 'error' | 'gap' | 'risk';

export type GapKind =
  | 'producer-unconnected'
  | 'topic-unwritten'
  | 'topic-unread'
  | 'reader-unconnected'
  | 'job-no-stages'
  | 'sink-unfed'
  | 'rf-above-brokers'
  | 'min-isr-above-rf'
  | 'rf-one'
  | 'idle-members'
  | 'tiered-storage-off'
  | 'keyless-compacted'
  | 'receivers-hold-every-core'
  | 'block-interval-over-batch'
  /** Anything else the simulator refuses (checkGraph's errors, the worker's own refusals). */
  | 'refused';

/** Kinds the model's checkGraph reports in its own words (so node views need not repeat them). */
export const GRAPH_REPORTS: ReadonlySet<GapKind> = new Set<GapKind>([
  'producer-unconnected',
  'reader-unconnected',
  'rf-above-brokers',
  'min-isr-above-rf',
  'tiered-storage-off',
  'receivers-hold-every-core',
  'block-interval-over-batch',
  'refused',
]);

export interface FixResult {
  doc: Pipeline;
  /** A node the fix created, to select afterwards. */
  select?: string;
}

export interface Fix {
  /** What the button does, in a few words ("Connect to topic orders"). */
  label: string;
  apply(doc: Pipeline): FixResult;
}

export interface Gap {
  /** Stable while the gap lasts: `${kind}:${nodeId}`. */
  key: string;
  kind: GapKind;
  severity: GapSeverity;
  /** The node the gap is about (selected by "Select"). */
  nodeId: string;
  /** The badge, when the severity's own word ("Unconnected") would not fit (see badgeOf). */
  badge?: string;
  text: string;
  /** The most likely fix first; may be empty when no single edit is obviously right. */
  fixes: Fix[];
}

/** What each severity's badge says unless the entry names its own. */
export const SEVERITY_TEXT: Record<GapSeverity, string> = {
  error: 'Cannot run',
  gap: 'Unconnected',
  risk: 'Worth a look',
};

/** Settings that contradict each other: it runs, but the settings make Kafka refuse the writes. */
export const SETTING_CONFLICT = 'Setting conflict';

/** The badge an entry shows in the list. */
export const badgeOf = (g: Gap): string => g.badge ?? SEVERITY_TEXT[g.severity];

/** Whether a severity holds the Play button (shows the check before a run starts). */
export const holdsPlay = (g: Gap): boolean => g.severity !== 'risk';

/** Replication people usually choose for data they cannot lose (and Kafka's tools suggest). */
export const SAFE_RF = 3;

// ---- Placing nodes a fix adds: right of (or left of) the node it is about, on free canvas. ----

const COLUMN = 300;

function rects(doc: Pipeline): Rect[] {
  const jobs = new Map(doc.sparkJobs.map((j) => [j.id, j]));
  return Object.entries(doc.layout).map(([id, p]) => {
    const job = jobs.get(id);
    return { ...p, ...(job ? jobSize(job.stages.length) : { width: NODE_WIDTH, height: NODE_HEIGHT }) };
  });
}

function beside(
  doc: Pipeline,
  id: string,
  side: 1 | -1,
  size = { width: NODE_WIDTH, height: NODE_HEIGHT },
): XY {
  const at = doc.layout[id] ?? { x: 0, y: 0 };
  const job = doc.sparkJobs.find((j) => j.id === id);
  const width = job ? jobSize(job.stages.length).width : NODE_WIDTH;
  const x = side === 1 ? at.x + width + COLUMN - NODE_WIDTH : at.x - COLUMN;
  return findFreeSpot(rects(doc), { x, y: at.y }, size);
}

// ---- Fixes ----

const connectFix = (label: string, from: string, to: string): Fix => ({
  label,
  apply(doc) {
    const result = connect(doc, from, to);
    return { doc: result.ok ? result.doc : doc };
  },
});

const removeFix = (label: string, id: string): Fix => ({
  label,
  apply: (doc) => ({ doc: deleteNodes(doc, [id]).doc }),
});

/** Adds a node of `kind` beside `id` and connects it (new -> id when `side` is -1, else id -> new). */
const addConnectedFix = (
  label: string,
  kind: 'producer' | 'topic' | 'consumerGroup',
  id: string,
  side: 1 | -1,
): Fix => ({
  label,
  apply(doc) {
    const added = addNode(doc, kind, beside(doc, id, side));
    const [from, to] = side === 1 ? [id, added.id] : [added.id, id];
    const result = connect(added.doc, from, to);
    return result.ok ? { doc: result.doc, select: added.id } : { doc };
  },
});

const topicFix = (
  label: string,
  id: string,
  edit: (t: Pipeline['topics'][number]) => Pipeline['topics'][number],
): Fix => ({
  label,
  apply: (doc) => ({ doc: { ...doc, topics: doc.topics.map((t) => (t.id === id ? edit(t) : t)) } }),
});

/** min.insync.replicas that still lets acks=all writes through with one replica down. */
const fittingMinIsr = (minIsr: number, rf: number): number => Math.min(minIsr, Math.max(1, rf - 1));

const setRf = (rf: number) => (t: Pipeline['topics'][number]) => ({
  ...t,
  replicationFactor: rf,
  config: { ...t.config, 'min.insync.replicas': Math.min(t.config['min.insync.replicas'], rf) },
});

const addBrokersAndSetRf = (label: string, topicId: string, rf: number): Fix => ({
  label,
  apply(doc) {
    let next = doc;
    while (next.cluster.brokers.length < rf) next = addBroker(next).doc;
    return { doc: { ...next, topics: next.topics.map((t) => (t.id === topicId ? setRf(rf)(t) : t)) } };
  },
});

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

// ---- The check ----

/**
 * `reported`: refusals the simulation worker gave for this same document, listed too when the
 * model's own check does not make them (see refusalGaps).
 */
export function checkPipeline(doc: Pipeline, reported: readonly string[] = []): Gap[] {
  const gaps: Gap[] = [];
  const push = (g: Omit<Gap, 'key'>) => gaps.push({ ...g, key: `${g.kind}:${g.nodeId}` });

  const topicIds = new Set(doc.topics.map((t) => t.id));
  const sinkIds = new Set(doc.sinks.map((s) => s.id));
  const readerIds = new Set([...doc.consumerGroups.map((g) => g.id), ...doc.sparkJobs.map((j) => j.id)]);
  // Adjacency once, so a document with thousands of edges is not scanned once per node.
  const outgoing = new Map<string, string[]>();
  const incoming = new Map<string, string[]>();
  for (const e of doc.edges) {
    (outgoing.get(e.from) ?? outgoing.set(e.from, []).get(e.from)!).push(e.to);
    (incoming.get(e.to) ?? incoming.set(e.to, []).get(e.to)!).push(e.from);
  }
  const none: string[] = [];
  const from = (id: string): string[] => outgoing.get(id) ?? none;
  const into = (id: string): string[] => incoming.get(id) ?? none;
  const joinedTopics = new Set(
    doc.sparkJobs.flatMap((j) =>
      j.stages.flatMap((s) => (s.kind === 'streamJoin' && s.topic ? [s.topic] : [])),
    ),
  );

  const loneProducers = doc.producers.filter((p) => !from(p.id).some((t) => topicIds.has(t)));
  const unwritten = doc.topics.filter((t) => into(t.id).length === 0);
  // A Spark job may read a receiver source instead of a topic.
  const sourceIds = new Set(doc.sparkSources.map((s) => s.id));
  const loneReaders = [...readerIds].filter(
    (id) => !into(id).some((t) => topicIds.has(t) || sourceIds.has(t)),
  );
  // A topic MirrorMaker 2 reads is read; its mirror is read by the groups that fail over to it.
  const mirrored = new Set<string>();
  for (const m of doc.mirrorMakers ?? [])
    for (const e of doc.edges) {
      if (e.to === m.id) mirrored.add(e.from);
      if (e.from === m.id) mirrored.add(e.to);
    }
  const unread = doc.topics.filter(
    (t) => !from(t.id).some((r) => readerIds.has(r)) && !joinedTopics.has(t.id) && !mirrored.has(t.id),
  );
  const readersWithoutSink = [...readerIds].filter((id) => !from(id).some((s) => sinkIds.has(s)));
  const kindOf = (id: string) => (doc.sparkJobs.some((j) => j.id === id) ? 'Spark job' : 'consumer group');

  for (const p of loneProducers) {
    const fixes: Fix[] = [];
    const only = doc.topics.length === 1 ? doc.topics[0] : unwritten.length === 1 ? unwritten[0] : undefined;
    if (only) fixes.push(connectFix(`Connect to topic ${only.id}`, p.id, only.id));
    else if (doc.topics.length === 0)
      fixes.push(addConnectedFix('Add a topic it writes to', 'topic', p.id, 1));
    fixes.push(removeFix('Remove the producer', p.id));
    push({
      kind: 'producer-unconnected',
      severity: 'gap',
      nodeId: p.id,
      text: `Producer "${p.id}" is not connected to a topic, so it sends nothing.`,
      fixes,
    });
  }

  // A topic with no writer: said once per topic, unless an unconnected producer's own entry already
  // offers to connect it (a half-drawn pipeline would otherwise list every gap twice).
  for (const t of unwritten) {
    if (t.prefillRecords > 0) continue;
    if (loneProducers.length > 0) continue;
    push({
      kind: 'topic-unwritten',
      severity: 'gap',
      nodeId: t.id,
      text: `Topic "${t.id}": no producer or Spark job writes to it, so whoever reads it gets nothing.`,
      fixes: [addConnectedFix('Add a producer writing to it', 'producer', t.id, -1)],
    });
  }

  for (const id of loneReaders) {
    const what = kindOf(id);
    const fixes: Fix[] = [];
    const only = doc.topics.length === 1 ? doc.topics[0] : unread.length === 1 ? unread[0] : undefined;
    if (only) fixes.push(connectFix(`Read topic ${only.id}`, only.id, id));
    else if (doc.topics.length === 0) fixes.push(addConnectedFix('Add a topic it reads', 'topic', id, -1));
    fixes.push(removeFix(`Remove the ${what}`, id));
    push({
      kind: 'reader-unconnected',
      severity: 'gap',
      nodeId: id,
      text: `${what === 'Spark job' ? 'Spark job' : 'Consumer group'} "${id}" reads no topic, so it has nothing to process.`,
      fixes,
    });
  }

  for (const t of unread) {
    if (loneReaders.length > 0) continue;
    push({
      kind: 'topic-unread',
      severity: 'gap',
      nodeId: t.id,
      text: `Topic "${t.id}": no consumer group or Spark job reads it, so its records pile up unread.`,
      fixes: [addConnectedFix('Add a consumer group reading it', 'consumerGroup', t.id, 1)],
    });
  }

  for (const job of doc.sparkJobs) {
    if (job.stages.length > 0) continue;
    push({
      kind: 'job-no-stages',
      severity: 'risk',
      nodeId: job.id,
      text: `Spark job "${job.id}" has no stages: it reads its batches and does nothing with them. Drop map, filter, window… onto it.`,
      fixes: [
        {
          label: 'Add a map stage',
          apply(doc) {
            const added = addStage(doc, 'map', { jobId: job.id });
            return added.ok ? { doc: added.doc, select: added.id } : { doc };
          },
        },
      ],
    });
  }

  for (const s of doc.sinks) {
    if (into(s.id).length > 0) continue;
    const fixes: Fix[] = [];
    const writer = readersWithoutSink.length === 1 ? readersWithoutSink[0] : undefined;
    if (writer) fixes.push(connectFix(`Connect ${kindOf(writer)} ${writer} to it`, writer, s.id));
    fixes.push(removeFix('Remove the sink', s.id));
    push({
      kind: 'sink-unfed',
      severity: 'gap',
      nodeId: s.id,
      text: `Sink "${s.id}": no consumer group or Spark job writes to it, so it receives nothing.`,
      fixes,
    });
  }

  const brokers = doc.cluster.brokers.length;
  for (const t of doc.topics) {
    const rf = t.replicationFactor;
    const minIsr = t.config['min.insync.replicas'];
    if (rf > brokers) {
      push({
        kind: 'rf-above-brokers',
        severity: 'error',
        nodeId: t.id,
        text: `Topic "${t.id}" asks for ${plural(rf, 'replica')} (replication factor ${rf}) but the cluster has ${plural(brokers, 'broker')}: Kafka refuses to create it.`,
        fixes: [
          topicFix(`Set RF to ${brokers}`, t.id, setRf(brokers)),
          addBrokersAndSetRf(`Add ${plural(rf - brokers, 'broker')}`, t.id, rf),
        ],
      });
      continue;
    }
    if (minIsr > rf) {
      const fitting = fittingMinIsr(minIsr, rf);
      push({
        kind: 'min-isr-above-rf',
        severity: 'gap',
        badge: SETTING_CONFLICT,
        nodeId: t.id,
        text: `Topic "${t.id}": min.insync.replicas is ${minIsr} but there are only ${plural(rf, 'replica')}, so every acks=all write is refused (NotEnoughReplicas).`,
        fixes: [
          topicFix(`Set min.insync.replicas to ${fitting}`, t.id, (x) => ({
            ...x,
            config: { ...x.config, 'min.insync.replicas': fitting },
          })),
        ],
      });
    }
    if (t.config['remote.storage.enable'] && !doc.cluster.config['remote.log.storage.system.enable'])
      push({
        kind: 'tiered-storage-off',
        severity: 'error',
        nodeId: t.id,
        text: `Topic "${t.id}" has remote.storage.enable, but tiered storage is off in the brokers (remote.log.storage.system.enable): Kafka refuses the topic.`,
        fixes: [
          {
            label: 'Turn on remote.log.storage.system.enable',
            apply: (d) => ({
              doc: {
                ...d,
                cluster: {
                  ...d.cluster,
                  config: { ...d.cluster.config, 'remote.log.storage.system.enable': true },
                },
              },
            }),
          },
          topicFix('Turn off remote.storage.enable', t.id, (x) => ({
            ...x,
            config: { ...x.config, 'remote.storage.enable': false },
          })),
        ],
      });
    if (rf === 1) {
      const target = Math.min(SAFE_RF, brokers);
      push({
        kind: 'rf-one',
        severity: 'risk',
        nodeId: t.id,
        text: `Topic "${t.id}" keeps each partition on one broker only (replication factor 1, Kafka's default for a new topic): if that broker is lost, so are its partitions' records, and while it is down they take no writes.`,
        fixes: [
          target >= 2
            ? topicFix(`Set RF to ${target}`, t.id, setRf(target))
            : addBrokersAndSetRf(
                `Add ${plural(SAFE_RF - brokers, 'broker')} and set RF to ${SAFE_RF}`,
                t.id,
                SAFE_RF,
              ),
        ],
      });
    }
  }

  for (const g of doc.consumerGroups) {
    const topic = doc.topics.find((t) => into(g.id).includes(t.id));
    if (!topic || g.members <= topic.partitions) continue;
    const idle = g.members - topic.partitions;
    push({
      kind: 'idle-members',
      severity: 'risk',
      nodeId: g.id,
      text: `Consumer group "${g.id}" has ${g.members} members but topic "${topic.id}" has ${plural(topic.partitions, 'partition')}: ${plural(idle, 'member')} get no partition and sit idle.`,
      fixes: [
        {
          label: `Set members to ${topic.partitions}`,
          apply: (doc) => ({
            doc: {
              ...doc,
              consumerGroups: doc.consumerGroups.map((x) =>
                x.id === g.id ? { ...x, members: topic.partitions } : x,
              ),
            },
          }),
        },
        topicFix(`Set partitions to ${g.members}`, topic.id, (t) => ({ ...t, partitions: g.members })),
      ],
    });
  }

  // Kafka refuses a record without a key on a compacted topic (InvalidRecordException).
  for (const p of doc.producers) {
    if (p.keys.kind !== 'null') continue;
    const topic = doc.topics.find(
      (t) => into(t.id).includes(p.id) && t.config['cleanup.policy'] !== 'delete',
    );
    if (!topic) continue;
    push({
      kind: 'keyless-compacted',
      severity: 'gap',
      badge: SETTING_CONFLICT,
      nodeId: p.id,
      text: `Producer "${p.id}" sends records without keys to compacted topic "${topic.id}" (cleanup.policy ${topic.config['cleanup.policy']}): Kafka refuses them, and compaction has no key to keep the latest value of.`,
      fixes: [
        {
          label: 'Give it 10,000 uniform keys',
          apply: (doc) => ({
            doc: {
              ...doc,
              producers: doc.producers.map((x) =>
                x.id === p.id ? { ...x, keys: { kind: 'uniform' as const, count: 10_000 } } : x,
              ),
            },
          }),
        },
      ],
    });
  }
  for (const g of receiverGaps(doc)) push(g);
  gaps.push(...refusalGaps(doc, gaps, reported));

  const order: Record<GapSeverity, number> = { error: 0, gap: 1, risk: 2 };
  return gaps
    .map((g, i) => ({ g, i }))
    .sort((a, b) => order[a.g.severity] - order[b.g.severity] || a.i - b.i)
    .map((x) => x.g);
}
