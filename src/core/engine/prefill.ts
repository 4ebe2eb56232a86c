// A topic that already holds records when the run starts (topic.prefillRecords): the backlog a
// benchmark's consumer reads. The records were written just before the run (created at time 0),
// spread evenly over the partitions, fully replicated, and sit in the brokers' page caches as the
// last thing they wrote.
import type { Topic } from '../../model/types';
import { BATCH_HEADER_BYTES, RECORD_OVERHEAD_BYTES } from '../costs';
import type { Broker } from '../kafka/broker';
import type { Partition } from '../kafka/partition';

/** Bytes on disk of `count` records of `recordBytes` in batches of the default batch.size. */
export function storedBytes(count: number, recordBytes: number): number {
  const perRecord = recordBytes + RECORD_OVERHEAD_BYTES;
  const perBatch = Math.max(1, Math.floor((16_384 - BATCH_HEADER_BYTES) / perRecord));
  return count * perRecord + Math.ceil(count / perBatch) * BATCH_HEADER_BYTES;
}

export function prefillTopic(
  partitions: Partition[],
  topic: Topic,
  recordBytes: number,
  brokers: Broker[],
): void {
  const n = partitions.length;
  partitions.forEach((p, i) => {
    const count = Math.floor(topic.prefillRecords / n) + (i < topic.prefillRecords % n ? 1 : 0);
    if (count <= 0) return;
    const bytes = storedBytes(count, recordBytes);
    // In segment-sized pieces, so retention can delete them segment by segment.
    const pieces = Math.max(1, Math.ceil(bytes / Math.min(p.log.segmentBytes, bytes)));
    let written = 0;
    for (let k = 1; k <= pieces; k++) {
      const upTo = Math.round((count * k) / pieces);
      p.appendOnLeader(upTo - written, (bytes * (upTo - written)) / count, 0, 0);
      written = upTo;
    }
    p.prefilled();
    for (const b of p.replicas) brokers[b]!.writtenBytes += bytes;
  });
}
