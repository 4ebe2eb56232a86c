// What a run can simulate at real time or faster (issue 12). The schema's own bounds say what a
// document may hold; these say what the engine can keep up with, measured by `npm run bench` (the
// "max:" cases). Refused documents get a message that says why, so raise a limit here only once the
// bench shows its case at or above real time.
import type { Pipeline } from './types';

/**
 * Partitions of all topics together, counting those partitionCount faults add. Every fetch (each
 * follower's and each consumer's) walks all the partitions it covers, so the cost of a run grows
 * with partitions times fetches: one topic of 10,000 partitions on 3 brokers ran at 0.26x real
 * time (20,000 records/s), 2,000 at about 1x, 1,000 at 2x; 1,000 topics of one partition each,
 * with a producer and a group apiece, at about 1x.
 */
export const MAX_PARTITIONS_IN_ALL = 1_000;

export function limitChecks(doc: Pipeline, errors: string[]): void {
  // A topic's largest count during the run: partition counts only grow.
  const largest = new Map(doc.topics.map((t) => [t.id, t.partitions]));
  for (const f of doc.faults)
    if (f.kind === 'partitionCount' && largest.has(f.topic))
      largest.set(f.topic, Math.max(largest.get(f.topic)!, f.partitions));
  let total = 0;
  for (const n of largest.values()) total += n;
  if (total <= MAX_PARTITIONS_IN_ALL) return;
  const [biggest, count] = [...largest].reduce((a, b) => (b[1] > a[1] ? b : a));
  errors.push(
    `topics: ${total} partitions in all (the largest, "${biggest}", has ${count}${
      doc.faults.some((f) => f.kind === 'partitionCount') ? ', counting partitionCount faults' : ''
    }); at most ${MAX_PARTITIONS_IN_ALL} can be simulated at real time, because every fetch walks all the partitions it covers: use fewer partitions`,
  );
}
