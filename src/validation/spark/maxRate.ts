// spark.streaming.kafka.maxRatePerPartition caps the records each partition gives a batch at
// rate * batch seconds; with backpressure on, the estimated rate is shared over partitions and each
// share capped the same way. The cap is a ceiling: below it a batch takes what is there.
import { within, type Check, type ValidationCase } from '../case';
import { describeSpark, mean, PARTITIONS, type SparkSpec } from './documents';
import { sparkRun } from './runs';

const CAP = 500;
const BASE: SparkSpec = {
  recordsPerSec: 10_000,
  batchIntervalMs: 2000,
  costPerRecordUs: 5,
  durationSec: 60,
  maxRatePerPartition: CAP,
};

/** Records per batch, leaving out the first (it starts from the offsets at time 0, mid-interval). */
function perBatch(spec: SparkSpec): number {
  return mean(
    sparkRun(spec)
      .batches.slice(1)
      .map((b) => b.records),
  );
}

export const sparkMaxRate: ValidationCase = {
  id: 'spark-max-rate',
  title: 'maxRatePerPartition caps the records per batch',
  reference:
    'Kafka direct stream (DirectKafkaInputDStream.maxMessagesPerPartition): each partition gives at most ' +
    'floor(batch seconds x maxRatePerPartition) records, after sharing a backpressure rate by lag. Here ' +
    `${PARTITIONS} partitions x ${CAP}/s x 2 s = ${PARTITIONS * CAP * 2} records.`,
  leavesOut: 'Offsets are counted as records (no compacted or transaction-marker gaps), as in a plain topic.',
  run() {
    const cases: [string, string, SparkSpec, number][] = [
      ['backpressure-off', 'producing 10,000/s, backpressure off', BASE, PARTITIONS * CAP * 2],
      [
        'backpressure-on',
        'producing 10,000/s, backpressure on',
        { ...BASE, backpressure: true },
        PARTITIONS * CAP * 2,
      ],
      // Under the cap the batch holds what arrived in the interval: 1,000/s x 2 s.
      ['under-cap', 'producing 1,000/s (under the cap)', { ...BASE, recordsPerSec: 1000 }, 2000],
    ];
    const checks: Check[] = cases.map(([id, label, spec, expected]) => ({
      id: `spark-max-rate.${id}`,
      quantity: `records per batch, ${label}`,
      unit: 'records',
      expected,
      simulated: perBatch(spec),
      bound: within(0.01),
    }));
    return {
      setup: `${describeSpark(BASE)} Also with backpressure on, and at 1,000 records/s.`,
      samples: { count: 3 * (sparkRun(BASE).batches.length - 1), what: 'batches' },
      checks,
    };
  },
};
