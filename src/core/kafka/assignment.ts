// Partition assignment within a consumer group.

/**
 * Kafka's RangeAssignor for one topic: partitions in order, members sorted by id; each member gets
 * floor(P/M) consecutive partitions and the first P mod M members one more. Members past the
 * partition count get nothing and sit idle.
 */
export function rangeAssign(partitions: number, members: number): number[][] {
  const result: number[][] = [];
  const base = Math.floor(partitions / members);
  const extra = partitions % members;
  let next = 0;
  for (let m = 0; m < members; m++) {
    const n = base + (m < extra ? 1 : 0);
    result.push(Array.from({ length: n }, (_, i) => next + i));
    next += n;
  }
  return result;
}
