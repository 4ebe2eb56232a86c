// Total delay = scheduling delay + processing time (Spark's batch UI and StreamingListener), and
// what it means for a record: one cut at the batch time after it arrived waits half an interval on
// average for the cut, then the batch's total delay.
import { within, type ValidationCase } from '../case';
import { describeSpark, mean } from './documents';
import { KEEPING_UP, OVERLOADED, sparkRun } from './runs';

export const sparkTotalDelay: ValidationCase = {
  id: 'spark-total-delay',
  title: 'Total delay = scheduling delay + processing time',
  reference:
    "Spark Streaming: a batch's total delay is its scheduling delay plus its processing time. A record " +
    'arriving at a steady rate waits on average half a batch interval before its batch is cut (worked by hand), ' +
    'so its mean latency is B / 2 + the mean total delay.',
  leavesOut:
    "Record latency here ends when the batch completes; a real job's output may reach its sink later " +
    '(no sink in this pipeline). Transport from producer to topic (about a millisecond) is not subtracted.',
  run() {
    const over = sparkRun(OVERLOADED).batches;
    const steady = sparkRun(KEEPING_UP);
    const meanTotal = mean(steady.batches.map((b) => b.totalDelayMs));
    return {
      setup: `The two runs of the stability case. Overloaded: ${describeSpark(OVERLOADED)} Keeping up: the same with ${KEEPING_UP.costPerRecordUs} us per record.`,
      samples: { count: over.length + steady.batches.length, what: 'batches' },
      checks: [
        {
          id: 'spark-total-delay.sum',
          quantity: 'overloaded: mean total delay against mean scheduling delay + mean processing time',
          unit: 'ms',
          expected: mean(over.map((b) => b.schedulingDelayMs)) + mean(over.map((b) => b.processingMs)),
          simulated: mean(over.map((b) => b.totalDelayMs)),
          bound: within(1e-6),
        },
        {
          id: 'spark-total-delay.record-latency',
          quantity: 'keeping up: mean record latency against B / 2 + mean total delay',
          unit: 'ms',
          expected: KEEPING_UP.batchIntervalMs / 2 + meanTotal,
          simulated: steady.summary.sparkJobs.job!.latencyMs.mean,
          bound: within(0.05),
        },
      ],
    };
  },
};
