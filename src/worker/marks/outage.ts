// An outage, named as such: brokers down or cut off, partitions with no leader clients can reach.
// A node that suffers from one is not short of capacity, so its mark says what is out instead of
// advising more members or partitions.
import type { Pipeline } from '../../model';
import { type SeriesWindow } from './window';

export interface Outage {
  /** "broker-1 is down; 2 of orders' 6 partitions have no leader". */
  text: string;
  /** Partitions of the topics asked about with no reachable leader, now. */
  leaderless: number;
}

/**
 * What is out at the newest row, as far as `topics` are concerned: every broker down or cut off
 * (any of them may lead or follow their partitions), and the topics' leaderless and offline
 * partitions. Undefined when nothing is out.
 */
export function outageNow(doc: Pipeline, w: SeriesWindow, topics: readonly string[]): Outage | undefined {
  const parts: string[] = [];
  const down = doc.cluster.brokers.filter((b) => w.last(`${b.id}.down`) > 0).map((b) => b.id);
  const cut = doc.cluster.brokers.filter((b) => w.last(`${b.id}.cutOff`) > 0).map((b) => b.id);
  if (down.length) parts.push(`${list(down)} ${down.length === 1 ? 'is' : 'are'} down`);
  if (cut.length) parts.push(`${list(cut)} ${cut.length === 1 ? 'is' : 'are'} cut off from the network`);
  let leaderless = 0;
  for (const id of topics) {
    const partitions = doc.topics.find((t) => t.id === id)?.partitions ?? 0;
    const offline = w.last(`${id}.offlinePartitions`);
    const noLeader = Math.max(w.last(`${id}.leaderless`), offline);
    leaderless += noLeader;
    if (offline > 0)
      parts.push(
        `${of(offline, partitions, id)} ${offline === 1 ? 'is' : 'are'} offline (no in-sync replica alive to lead)`,
      );
    else if (noLeader > 0)
      parts.push(
        `${of(noLeader, partitions, id)} ${noLeader === 1 ? 'has' : 'have'} no leader clients can reach`,
      );
  }
  if (parts.length === 0) return undefined;
  return { text: parts.join('; '), leaderless };
}

const list = (ids: string[]): string =>
  ids.length === 1 ? ids[0]! : `${ids.slice(0, -1).join(', ')} and ${ids[ids.length - 1]!}`;

const of = (n: number, total: number, topic: string): string =>
  n === total ? `all ${total} partitions of ${topic}` : `${n} of the ${total} partitions of ${topic}`;
