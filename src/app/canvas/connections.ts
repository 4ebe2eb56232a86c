// Which connections the canvas accepts. The kind rules come from the model (shared with the
// document check); on top of them the canvas refuses what would make the document invalid:
// a producer or a Spark job with a second topic, a reader with a second source, a duplicate edge,
// a job whose output would come back to it (a loop).
import { checkGraph, connectionRefusal, nodeKinds, type Pipeline } from '../../model';

const KIND_WORDS = {
  broker: 'A broker',
  topic: 'A topic',
  producer: 'A producer',
  consumerGroup: 'A consumer group',
  sparkJob: 'A Spark job',
  sparkStage: 'A Spark stage',
  sink: 'A sink',
} as const;

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** Why `from -> to` cannot be added to `doc`, in one sentence; undefined when it can. */
export function refuseConnection(doc: Pipeline, from: string, to: string): string | undefined {
  const kinds = nodeKinds(doc);
  const fromKind = kinds.get(from);
  const toKind = kinds.get(to);
  if (!fromKind || !toKind) return 'That connection refers to a node that no longer exists.';
  if (from === to) return 'A node cannot be connected to itself.';
  if (fromKind === 'broker' || toKind === 'broker')
    return 'Brokers are not connected by hand: every topic is spread over the whole cluster.';
  if (fromKind === 'sparkStage' || toKind === 'sparkStage')
    return 'Connect the Spark job itself (its handles on the job box), not one of its stages.';
  const refusal = connectionRefusal(fromKind, toKind);
  if (refusal) return `${capitalise(refusal)}.`;
  if (doc.edges.some((e) => e.from === from && e.to === to)) return 'These two nodes are already connected.';
  if (fromKind === 'producer') {
    const current = doc.edges.find((e) => e.from === from);
    if (current)
      return `${KIND_WORDS.producer} writes to one topic; "${from}" already writes to "${current.to}". Remove that connection first.`;
  }
  if (fromKind === 'sparkSource') {
    const current = doc.edges.find((e) => e.from === from);
    if (current)
      return `A receiver source feeds one Spark job (its receivers run in it); "${from}" already feeds "${current.to}". Remove that connection first.`;
  }
  if (fromKind === 'sparkJob' && toKind === 'topic') {
    const current = doc.edges.find((e) => e.from === from && kinds.get(e.to) === 'topic');
    if (current)
      return `${KIND_WORDS.sparkJob} writes to one topic; "${from}" already writes to "${current.to}". Remove that connection first, or connect a sink for another output.`;
  }
  const loop = loopRefusal(doc, from, to, fromKind, toKind);
  if (loop) return loop;
  if (toKind === 'consumerGroup' || toKind === 'sparkJob') {
    const current = doc.edges.find((e) => e.to === to);
    if (current && toKind === 'sparkJob' && streamJoinWaitingFor(doc, to)) return undefined;
    if (current)
      return `${KIND_WORDS[toKind]} reads one topic; "${to}" already reads "${current.from}". Remove that connection first.`;
  }
  return undefined;
}

/** Whether `from -> to` would make a Spark job read its own output, directly or through other jobs. */
function loopRefusal(
  doc: Pipeline,
  from: string,
  to: string,
  fromKind: string,
  toKind: string,
): string | undefined {
  if (!(fromKind === 'sparkJob' && toKind === 'topic') && !(fromKind === 'topic' && toKind === 'sparkJob'))
    return undefined;
  const [job, topic] = fromKind === 'sparkJob' ? [from, to] : [to, from];
  if (
    doc.edges.some((e) => e.from === topic && e.to === job) ||
    doc.edges.some((e) => e.from === job && e.to === topic)
  )
    return `"${job}" would write to "${topic}" and read it: its output would feed it again (a loop). Use another topic.`;
  const isLoop = (e: string) => e.includes('(a loop)');
  const before = checkGraph(doc).errors.filter(isLoop).length;
  const after = checkGraph({ ...doc, edges: [...doc.edges, { from, to }] }).errors.filter(isLoop).length;
  if (after > before)
    return `That connection would bring "${job}"'s output back to it through other jobs (a loop). Use another topic.`;
  return undefined;
}

/** A stream-stream join stage of `jobId` that has no other topic yet (a second source fills it). */
function streamJoinWaitingFor(doc: Pipeline, jobId: string): string | undefined {
  const job = doc.sparkJobs.find((j) => j.id === jobId);
  return job?.stages.find((s) => s.kind === 'streamJoin' && !s.topic)?.id;
}

export type ConnectResult = { ok: true; doc: Pipeline } | { ok: false; reason: string };

export function connect(doc: Pipeline, from: string, to: string): ConnectResult {
  const reason = refuseConnection(doc, from, to);
  if (reason) return { ok: false, reason };
  const edges = [...doc.edges, { from, to }];
  // A job that already reads a topic takes a second one as its stream-stream join's other stream.
  const waiting = doc.edges.some((e) => e.to === to) ? streamJoinWaitingFor(doc, to) : undefined;
  if (!waiting) return { ok: true, doc: { ...doc, edges } };
  const sparkJobs = doc.sparkJobs.map((j) =>
    j.id !== to
      ? j
      : {
          ...j,
          stages: j.stages.map((s) =>
            s.id === waiting && s.kind === 'streamJoin' ? { ...s, topic: from } : s,
          ),
        },
  );
  return { ok: true, doc: { ...doc, edges, sparkJobs } };
}
