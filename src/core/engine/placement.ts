// Where a topic's partitions live. Without racks: leaders spread round-robin over the brokers, each
// follower on the next broker after the previous replica, so no broker holds two replicas of a
// partition. With a rack on every broker: Kafka's rack-aware assignment (AdminUtils /
// ReplicaAssignment): brokers listed alternating between racks, and each follower taken further
// along that list, skipping a broker whose rack already holds a replica while some rack holds none.

/** Broker indexes of each partition's replicas; the first is the preferred leader. */
export function placeReplicas(
  topicIndex: number,
  partitions: number,
  replicationFactor: number,
  brokers: number,
  /** Each broker's rack, by index, when every broker has one. */
  racks?: readonly string[],
): number[][] {
  if (racks) return placeRackAware(topicIndex, partitions, replicationFactor, range(brokers), racks);
  const result: number[][] = [];
  for (let p = 0; p < partitions; p++) {
    const leader = (topicIndex + p) % brokers;
    const replicas = [leader];
    for (let j = 1; j < replicationFactor; j++) replicas.push((leader + j) % brokers);
    result.push(replicas);
  }
  return result;
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** Racks in name order, each rack's brokers in index order, taken one per rack in turn. */
export function rackAlternated(brokers: readonly number[], racks: readonly string[]): number[] {
  const byRack = new Map<string, number[]>();
  for (const b of [...brokers].sort((x, y) => x - y)) {
    const rack = racks[b]!;
    const list = byRack.get(rack);
    if (list) list.push(b);
    else byRack.set(rack, [b]);
  }
  const names = [...byRack.keys()].sort();
  const out: number[] = [];
  for (let round = 0; out.length < brokers.length; round++)
    for (const name of names) {
      const b = byRack.get(name)![round];
      if (b !== undefined) out.push(b);
    }
  return out;
}

/**
 * Kafka's rack-aware assignment over `brokers` (indexes), with the start index and the first
 * replica shift fixed at `start` instead of random, so a document always gets the same placement.
 * The shift grows by one each time the partitions wrap around the broker list.
 */
export function placeRackAware(
  start: number,
  partitions: number,
  replicationFactor: number,
  brokers: readonly number[],
  racks: readonly string[],
): number[][] {
  const list = rackAlternated(brokers, racks);
  const n = list.length;
  const rackCount = new Set(list.map((b) => racks[b])).size;
  const result: number[][] = [];
  let shift = start % n;
  for (let p = 0; p < partitions; p++) {
    if (p > 0 && p % n === 0) shift++;
    const first = (p + start) % n;
    const leader = list[first]!;
    const replicas = [leader];
    const usedRacks = new Set([racks[leader]]);
    const used = new Set([leader]);
    for (let k = 0; replicas.length < Math.min(replicationFactor, n); k++) {
      const b = list[(first + 1 + ((shift * rackCount + k) % Math.max(1, n - 1))) % n]!;
      const rack = racks[b]!;
      if ((!usedRacks.has(rack) || usedRacks.size === rackCount) && (!used.has(b) || used.size === n)) {
        replicas.push(b);
        usedRacks.add(rack);
        used.add(b);
      }
      if (k > 4 * n * n) break; // cannot happen with distinct brokers; a guard all the same
    }
    result.push(replicas);
  }
  return result;
}
