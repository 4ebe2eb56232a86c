// What happened to a Spark job's output after a driver failure, told per output by its delivery.
// The restarted driver replays the batches since its last checkpoint and makes their output again;
// whether any reader gets it twice depends on where it went: an at-least-once sink or Kafka sink
// stores it again, an idempotent sink overwrites it, a transactional one finds those batches
// committed and skips them (and aborts the transaction of the batch the failure interrupted).
import type { SparkJobLive } from '../../worker/protocol';
import { formatCount } from '../run/format';

type JobTotals = SparkJobLive['totals'];

export interface ReplayLine {
  /** Stable key and test id suffix: "kafka" or "sink-<id>". */
  key: string;
  text: string;
  /** True when readers get records twice because of it. */
  twice: boolean;
}

/** Output records readers get twice, summed over the job's outputs (undefined: an older engine, not known). */
export function writtenTwiceOf(totals: JobTotals): number | undefined {
  const d = totals.outputDelivery;
  if (!d) return undefined;
  return (d.kafkaSink?.writtenTwice ?? 0) + d.sinks.reduce((a, s) => a + s.writtenTwice, 0);
}

const records = (n: number) => `${formatCount(n)} record${n === 1 ? '' : 's'}`;

/** One line per output of the job, once a driver failure happened; none before. */
export function replayLines(totals: JobTotals): ReplayLine[] {
  const d = totals.outputDelivery;
  if (!d) return [];
  const lines: ReplayLine[] = [];
  const k = d.kafkaSink;
  if (k && k.delivery === 'transactional') {
    const aborted =
      k.abortedRecords > 0
        ? `the interrupted batch's transaction was aborted (${records(k.abortedRecords)} in the log, skipped by read_committed readers)`
        : 'the interrupted batch had written nothing yet';
    lines.push({
      key: 'kafka',
      twice: k.writtenTwice > 0,
      text:
        `Kafka sink → ${k.topic} (transactional): the replayed batches were committed already, so their output was not sent again; ` +
        `${aborted}; ${k.writtenTwice > 0 ? `${records(k.writtenTwice)} written twice` : 'nothing written twice'}.`,
    });
  } else if (k) {
    lines.push({
      key: 'kafka',
      twice: k.writtenTwice > 0,
      text:
        k.writtenTwice > 0
          ? `Kafka sink → ${k.topic} (atLeastOnce): the replayed output was sent again, ${records(k.writtenTwice)} written twice: every reader of ${k.topic} gets them twice.`
          : `Kafka sink → ${k.topic} (atLeastOnce): nothing replayed yet, nothing written twice.`,
    });
  }
  for (const s of d.sinks) {
    const how =
      s.delivery === 'atLeastOnce'
        ? s.writtenTwice > 0
          ? `stored the replayed output again, ${records(s.writtenTwice)} written twice`
          : 'nothing replayed yet, nothing written twice'
        : s.delivery === 'idempotent'
          ? 'overwrote the replayed output by key, nothing written twice'
          : 'found the replayed batches committed already and skipped them, nothing written twice';
    lines.push({
      key: `sink-${s.id}`,
      twice: s.writtenTwice > 0,
      text: `Sink ${s.id} (${s.delivery}): ${how}.`,
    });
  }
  return lines;
}
