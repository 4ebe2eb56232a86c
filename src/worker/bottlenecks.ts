// Which nodes are the bottleneck right now, and why, in one sentence a learner understands. It reads
// only the per-second series (the recent rows), so the verdict at a given simulated second is the
// same at any speed and however the run was sliced. A mark names what really limits, with its
// figure: a broker resource near its capacity, a member or a Spark task that a hot partition
// overloads, batches slower than their interval, or an outage; nothing near a limit, no mark.
// The rules live in ./marks, one file per kind of node.
import type { Pipeline } from '../model';
import { brokerMark } from './marks/brokerMark';
import { groupMarks, type ReaderMarks } from './marks/groupMark';
import { producerMark, type ProducerLedger } from './marks/producerMark';
import { sparkMarks } from './marks/sparkMark';
import { SeriesWindow, type Rows } from './marks/window';

export type { ReasonCounts } from './marks/producerMark';

export interface Bottlenecks {
  /** By node id: producers, topics (a hot partition), consumer groups, Spark jobs. */
  nodes: Record<string, string>;
  /** By broker id. */
  brokers: Record<string, string>;
}

/** Seconds of history the detector looks at; callers keep at least this many recent rows. */
export const BOTTLENECK_WINDOW_SEC = 12;

/** Column lookups and document facts, worked out once per loaded document. */
export class BottleneckDetector {
  private readonly index: Map<string, number>;

  constructor(
    private readonly doc: Pipeline,
    columns: readonly string[],
  ) {
    this.index = new Map(columns.map((c, i) => [c, i]));
  }

  /**
   * `rows`: the most recent rows of the series, oldest first (at least BOTTLENECK_WINDOW_SEC of them
   * once the run is that long). `ledger`: each producer's refused and dropped records by reason.
   */
  detect(rows: Rows, ledger: (producerId: string) => ProducerLedger | undefined): Bottlenecks {
    const out: Bottlenecks = { nodes: {}, brokers: {} };
    if (rows.length < 3) return out;
    const w = new SeriesWindow(rows.slice(-BOTTLENECK_WINDOW_SEC), this.index);
    const doc = this.doc;
    for (const p of doc.producers) {
      const reason = producerMark(doc, p.id, w, ledger(p.id));
      if (reason) out.nodes[p.id] = reason;
    }
    const topicMarks: Record<string, string[]> = {};
    const reader = (id: string, topic: string | undefined, marks: ReaderMarks): void => {
      if (marks.node) out.nodes[id] = marks.node;
      if (marks.topic && topic) (topicMarks[topic] ??= []).push(marks.topic);
    };
    for (const g of doc.consumerGroups) reader(g.id, topicOf(doc, g.id), groupMarks(doc, g, w));
    for (const j of doc.sparkJobs) reader(j.id, topicOf(doc, j.id), sparkMarks(doc, j, w));
    // Two readers may find the same hot partition: one sentence per distinct finding.
    for (const [topic, marks] of Object.entries(topicMarks)) out.nodes[topic] = [...new Set(marks)].join(' ');
    for (const b of doc.cluster.brokers) {
      const reason = brokerMark(w, b.id);
      if (reason) out.brokers[b.id] = reason;
    }
    return out;
  }
}

function topicOf(doc: Pipeline, readerId: string): string | undefined {
  return doc.edges.find((e) => e.to === readerId && doc.topics.some((t) => t.id === e.from))?.from;
}
