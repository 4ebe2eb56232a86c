// Spark Streaming's stability rule: batches run one at a time, so when processing a batch takes
// longer than the batch interval each batch starts later than the last by the difference, and the
// scheduling delay grows without bound; when it takes less, every batch starts on time.
import { withinAbsolute, within, type ValidationCase } from '../case';
import { describeSpark, mean } from './documents';
import { KEEPING_UP, OVERLOADED, sparkRun } from './runs';

export const sparkStability: ValidationCase = {
  id: 'spark-stability',
  title: 'Stability: processing time against the batch interval',
  reference:
    'Spark Streaming guide ("the batch processing time should be less than the batch interval"); with ' +
    'spark.streaming.concurrentJobs = 1 a batch waits for the one before, so with processing time P above the ' +
    'interval B the scheduling delay grows by P - B per batch (worked by hand), and stays 0 below it.',
  leavesOut:
    'Batch processing times here vary only with the records per batch; real ones also vary with garbage ' +
    'collection, stragglers and the cluster manager, which makes a job near P = B drift both ways.',
  run() {
    const over = sparkRun(OVERLOADED);
    const under = sparkRun(KEEPING_UP);
    const b = over.batches;
    const first = b[0]!;
    const last = b[b.length - 1]!;
    const meanProcessingMs = mean(b.map((x) => x.processingMs));
    return {
      setup: `Overloaded: ${describeSpark(OVERLOADED)} Keeping up: the same with ${KEEPING_UP.costPerRecordUs} us per record.`,
      isolates:
        "The expected growth uses the overloaded run's own mean processing time (" +
        `${meanProcessingMs.toFixed(1)} ms): the rule relates the two, whatever the costs behind P.`,
      samples: { count: b.length + under.batches.length, what: 'batches' },
      checks: [
        {
          id: 'spark-stability.growth',
          quantity: `overloaded: growth of the scheduling delay per batch (${b.length} batches)`,
          unit: 'ms',
          expected: meanProcessingMs - OVERLOADED.batchIntervalMs,
          simulated: (last.schedulingDelayMs - first.schedulingDelayMs) / (b.length - 1),
          bound: within(0.05),
        },
        {
          id: 'spark-stability.bounded',
          quantity: `keeping up: largest scheduling delay (${under.batches.length} batches, mean processing ${mean(
            under.batches.map((x) => x.processingMs),
          ).toFixed(1)} ms)`,
          unit: 'ms',
          expected: 0,
          simulated: Math.max(...under.batches.map((x) => x.schedulingDelayMs)),
          bound: withinAbsolute(1),
        },
      ],
    };
  },
};
