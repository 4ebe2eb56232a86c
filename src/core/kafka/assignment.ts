// Partition assignment within a consumer group. Members are given by index; the group sorts the
// live ones in index order, as Kafka's assignors sort members by id.

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

/** Kafka's RoundRobinAssignor for one topic: partition p goes to member p mod M. */
export function roundRobinAssign(partitions: number, members: number): number[][] {
  const result: number[][] = Array.from({ length: members }, () => []);
  for (let p = 0; p < partitions; p++) result[p % members]!.push(p);
  return result;
}

/**
 * The balanced, sticky target of Kafka's CooperativeStickyAssignor for one topic. `current[m]`
 * holds what member m owns now. Every member ends with floor(P/M) or one more partition; the
 * members owning the most keep the larger quotas, each keeps as many of its own partitions as its
 * quota allows, and the rest (unowned, or over a quota) go in partition order to the member with
 * the fewest so far (lowest index on ties). So only the partitions that must move do.
 */
export function stickyAssign(partitions: number, current: number[][]): number[][] {
  const members = current.length;
  if (members === 0) return [];
  const base = Math.floor(partitions / members);
  const extra = partitions % members;
  const byOwned = current.map((_, m) => m).sort((a, b) => current[b]!.length - current[a]!.length || a - b);
  const cap = current.map(() => base);
  for (let k = 0; k < extra; k++) cap[byOwned[k]!]!++;
  const taken = new Array<boolean>(partitions).fill(false);
  const result = current.map((owned, m) => {
    const kept = [...owned]
      .filter((p) => p < partitions)
      .sort((a, b) => a - b)
      .slice(0, cap[m]);
    for (const p of kept) taken[p] = true;
    return kept;
  });
  for (let p = 0; p < partitions; p++) {
    if (taken[p]) continue;
    let best = -1;
    for (let m = 0; m < members; m++)
      if (result[m]!.length < cap[m]! && (best < 0 || result[m]!.length < result[best]!.length)) best = m;
    result[best]!.push(p);
  }
  for (const r of result) r.sort((a, b) => a - b);
  return result;
}
