// How many records each Kafka partition contributes to the next micro-batch, as Spark's direct
// Kafka stream decides it (DirectKafkaInputDStream.maxMessagesPerPartition).

export interface RateLimits {
  /** The rate controller's latest estimate (records/s), or initialRate before the first one; undefined = none. */
  estimatedRate: number | undefined;
  /** spark.streaming.kafka.maxRatePerPartition (records/s per partition; 0 = unlimited). */
  maxRatePerPartition: number;
  /** spark.streaming.kafka.minRatePerPartition (a floor on records per partition per batch). */
  minRatePerPartition: number;
  batchIntervalMs: number;
}

/**
 * Per-partition record limits for a batch, given each partition's lag, or undefined for "no
 * limit". With an estimated rate, the rate is shared over partitions in proportion to their lag and
 * each share is capped at maxRatePerPartition; without one, maxRatePerPartition alone applies.
 * Each limit is max(floor(batchSeconds * rate), minRatePerPartition).
 */
export function maxMessagesPerPartition(lags: readonly number[], limits: RateLimits): number[] | undefined {
  const { estimatedRate, maxRatePerPartition } = limits;
  let perPartition: number[];
  if (estimatedRate !== undefined && estimatedRate > 0) {
    const totalLag = lags.reduce((a, b) => a + b, 0);
    perPartition = lags.map((lag) => {
      const share = totalLag > 0 ? (lag / totalLag) * estimatedRate : 0;
      return maxRatePerPartition > 0 ? Math.min(share, maxRatePerPartition) : share;
    });
  } else {
    perPartition = lags.map(() => maxRatePerPartition);
  }
  if (perPartition.reduce((a, b) => a + b, 0) <= 0) return undefined;
  const seconds = limits.batchIntervalMs / 1000;
  return perPartition.map((rate) => Math.max(Math.floor(seconds * rate), limits.minRatePerPartition));
}
