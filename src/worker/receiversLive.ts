// What the Spark UI shows of a job's receivers: how many run, the blocks (tasks) a batch gets, the
// rate each may take, and where every record of the source is, lost ones with their reasons.
import type { SparkStreamingJob } from '../core/spark/sparkJob';
import type { ReceiversLive } from './protocol';

export function receiversLive(job: SparkStreamingJob): ReceiversLive | undefined {
  const input = job.receiverInput;
  if (!input) return undefined;
  const t = input.totals;
  const limit = input.limitPerReceiver;
  return {
    source: input.source.id,
    kind: input.source.kind,
    receivers: input.count,
    running: input.running,
    blockIntervalMs: input.blockIntervalMs,
    blocksPerBatch: input.blocksPerBatch(job.doc.batchIntervalMs),
    limitPerReceiver: limit < Infinity ? limit : null,
    writeAheadLog: input.writeAheadLog,
    arrived: t.arrived,
    received: t.received,
    atSource: t.atSource,
    buffered: t.buffered,
    inBlocks: t.inBlocks,
    inBatches: job.recordsInFlight,
    blocks: t.blocks,
    resent: t.resent,
    lost: input.lostRecords,
    lostByReason: { ...t.lost },
  };
}
