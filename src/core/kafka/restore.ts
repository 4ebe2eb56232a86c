// How long a reader that starts from offset 0 of a compacted topic takes to rebuild the latest value
// of every key: it reads what the log holds (one record per key in the cleaned head, everything in
// the dirty part), its members sharing the partitions. Each member processes its records one after
// another at the group's per-record cost while its network card brings the bytes in; the slower of
// the two sets the pace. Fetch round trips and rebalances are left out: this is the floor.

export interface RestoreInput {
  /** Records and bytes from the log start to the end, summed over partitions. */
  records: number;
  bytes: number;
  partitions: number;
  members: number;
  /** The group's processing cost per record. */
  perRecordMs: number;
  /** One member's network card, incoming. */
  networkInBytesPerSec: number;
}

export interface RestoreEstimate {
  records: number;
  bytes: number;
  seconds: number;
}

export function restoreEstimate(r: RestoreInput): RestoreEstimate {
  const readers = Math.max(1, Math.min(r.members, r.partitions));
  const processingSec = (r.records * r.perRecordMs) / 1000 / readers;
  const transferSec = r.networkInBytesPerSec > 0 ? r.bytes / readers / r.networkInBytesPerSec : 0;
  return { records: r.records, bytes: r.bytes, seconds: Math.max(processingSec, transferSec) };
}

export interface SparkRestoreInput {
  records: number;
  partitions: number;
  /** Microseconds one record costs in all the job's stages together, on one core. */
  costPerRecordUs: number;
  /** Task slots: executors x cores. */
  slots: number;
  /** spark.streaming.kafka.maxRatePerPartition (0: no cap). */
  maxRatePerPartition: number;
}

/**
 * A Spark job started from offset 0: its batches take what the log holds, the stages' cost spread
 * over the slots the read stage can use (one task per partition), and no faster than
 * maxRatePerPartition when it is set. Scheduling and batch boundaries are left out.
 */
export function sparkRestoreEstimate(r: SparkRestoreInput): number {
  const parallel = Math.max(1, Math.min(r.slots, r.partitions));
  const processingSec = (r.records * r.costPerRecordUs) / 1e6 / parallel;
  const cappedSec = r.maxRatePerPartition > 0 ? r.records / (r.maxRatePerPartition * r.partitions) : 0;
  return Math.max(processingSec, cappedSec);
}
