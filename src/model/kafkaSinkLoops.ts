// Spark jobs writing to topics: at most one topic per job (one Kafka sink; other outputs go to sinks),
// and never back into what the job reads, directly or through other jobs (a loop would feed the job
// its own output forever).
//
// The search is bounded by construction: one walk per job over topics and jobs, each visited at most
// once, so the work is at most jobs x (topics + jobs + edges) steps whatever the document. (Walking
// from every written topic, and through a job once per topic it reads, took seconds on a 300 KB
// document of 100 jobs reading and writing 50 topics each.)
import type { NodeKind, Pipeline } from './types';

export interface LoopReport {
  errors: string[];
  /** Adjacency steps taken: what the bound above limits (tests hold it to that). */
  steps: number;
}

export function kafkaSinkLoops(
  doc: Pipeline,
  kinds: Map<string, NodeKind>,
  outgoing: Map<string, string[]>,
  incoming: Map<string, string[]>,
): LoopReport {
  const errors: string[] = [];
  let steps = 0;
  const writes = new Map<string, string[]>();
  for (const j of doc.sparkJobs) {
    const topics = (outgoing.get(j.id) ?? []).filter((t) => kinds.get(t) === 'topic');
    writes.set(j.id, topics);
    if (topics.length > 1)
      errors.push(
        `Spark job "${j.id}" writes to ${topics.length} topics; a job writes to one topic (connect sinks for other outputs)`,
      );
  }
  for (const j of doc.sparkJobs) {
    const reads = new Set(incoming.get(j.id) ?? []);
    const starts: string[] = [];
    for (const t of writes.get(j.id)!) {
      if (reads.has(t))
        errors.push(
          `Spark job "${j.id}" writes to topic "${t}", which it reads: its output would feed it again (a loop); write to another topic`,
        );
      else starts.push(t);
    }
    // Follow the records downstream from every topic the job writes at once, remembering which
    // one each topic was reached from: jobs reading it, the topics they write, and so on.
    const origin = new Map<string, string>(starts.map((t) => [t, t]));
    const expandedJobs = new Set<string>();
    const queue = [...starts];
    let found: { from: string; back: string } | undefined;
    for (let head = 0; head < queue.length && found === undefined; head++) {
      const topic = queue[head]!;
      for (const reader of outgoing.get(topic) ?? []) {
        steps++;
        if (kinds.get(reader) !== 'sparkJob' || expandedJobs.has(reader)) continue;
        expandedJobs.add(reader);
        for (const next of writes.get(reader) ?? []) {
          steps++;
          if (origin.has(next)) continue;
          origin.set(next, origin.get(topic)!);
          if (reads.has(next)) found = { from: origin.get(topic)!, back: next };
          queue.push(next);
        }
      }
    }
    if (found !== undefined)
      errors.push(
        `Spark job "${j.id}" writes to topic "${found.from}", whose records come back through other jobs to topic "${found.back}", which it reads (a loop); write to a topic the job does not depend on`,
      );
  }
  return { errors, steps };
}
