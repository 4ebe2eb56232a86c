// Where a topic's partitions live: leaders spread round-robin over the brokers, each follower on
// the next broker after the previous replica, so no broker holds two replicas of a partition.

/** Broker indexes of each partition's replicas; the first is the preferred leader. */
export function placeReplicas(
  topicIndex: number,
  partitions: number,
  replicationFactor: number,
  brokers: number,
): number[][] {
  const result: number[][] = [];
  for (let p = 0; p < partitions; p++) {
    const leader = (topicIndex + p) % brokers;
    const replicas = [leader];
    for (let j = 1; j < replicationFactor; j++) replicas.push((leader + j) % brokers);
    result.push(replicas);
  }
  return result;
}
