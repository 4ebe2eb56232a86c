// One table per topic, as kafka-topics --describe prints it, with the offsets and the lag of its
// readers: leader, replicas, ISR, log-end offset, high watermark, the largest reader's committed lag
// and each reader's. Under-replicated and offline partitions are marked in words and colour and
// counted. Headers wrap and the columns stay narrow, so the table fits a 1280 px window beside the
// inspector.
import { memo } from 'react';
import type { Pipeline } from '../../model';
import { mainSourceOf } from '../../model/graph';
import type { PartitionLagLive, PartitionLive } from '../../worker/protocol';
import { formatCount } from '../run/format';
import {
  countStatuses,
  partitionCount,
  partitionStatus,
  reassignmentShort,
  reassignmentText,
  statusLine,
} from './clusterFormat';

export interface TopicRows {
  id: string;
  /** The document's partition count (the rows, once a run has them, may have more). */
  partitions: number;
  replicationFactor: number;
  rows: readonly PartitionLive[] | undefined;
  /** Readers of the topic with their per-partition lag rows. */
  readers: { id: string; rows: readonly PartitionLagLive[] | undefined }[];
}

/** Consumer groups and Spark jobs whose main source is `topicId`. */
export function readersOf(doc: Pipeline, topicId: string): string[] {
  return [
    ...doc.consumerGroups.filter((g) => mainSourceOf(doc, g.id) === topicId).map((g) => g.id),
    ...doc.sparkJobs.filter((j) => mainSourceOf(doc, j.id) === topicId).map((j) => j.id),
  ];
}

/**
 * Per-reader lag columns are shown for two to this many readers (one reader's lag is the largest);
 * beyond, only the largest lag.
 */
const MAX_READER_COLUMNS = 3;

export const TopicTable = memo(function TopicTable({
  topic,
  label,
  blocked = false,
}: {
  topic: TopicRows;
  /** How a broker id is shown in the narrow columns (see shortBrokerLabel). */
  label: (id: string) => string;
  /** The simulator refuses the document, so no run will fill the table until it is changed. */
  blocked?: boolean;
}) {
  const rows = topic.rows ?? [];
  const partitions = partitionCount(topic);
  const counts = countStatuses(rows);
  const readers = topic.readers.length > 1 && topic.readers.length <= MAX_READER_COLUMNS ? topic.readers : [];
  const captionId = `cluster-topic-${topic.id}`;
  // The move column is there while any partition of the topic is being reassigned.
  const moving = rows.some((p) => p.reassignment);
  // The LSO column is there once the topic has had a transaction.
  const stable = rows.some((p) => p.lastStableOffset !== undefined);
  return (
    <table className="cl-table" data-testid={`partition-table-${topic.id}`} aria-labelledby={captionId}>
      <caption id={captionId}>
        <span className="cl-topic-name">{topic.id}</span>
        <span className="cl-topic-meta">
          {partitions} partition{partitions === 1 ? '' : 's'} · RF {topic.replicationFactor}
        </span>
        <span
          className={`cl-topic-status${counts.underReplicated + counts.offline > 0 ? ' is-bad' : ''}`}
          data-testid={`topic-status-${topic.id}`}
          data-under-replicated={counts.underReplicated}
          data-offline={counts.offline}
        >
          {statusLine(counts)}
        </span>
      </caption>
      <thead>
        <tr>
          <th scope="col">Partition</th>
          <th scope="col">Leader</th>
          <th scope="col">Replicas</th>
          <th scope="col">ISR</th>
          {moving && (
            <th
              scope="col"
              title="Reassignment: bytes the new replicas still have to copy, and the time that takes at the throttle while the partition keeps taking writes"
            >
              Moving
            </th>
          )}
          <th scope="col" className="cl-num" title="Log-end offset on the leader: the next offset it writes">
            LEO
          </th>
          <th
            scope="col"
            className="cl-num"
            title="High watermark: offsets below it are on every in-sync replica; consumers read only below it"
          >
            HW
          </th>
          {stable && (
            <th
              scope="col"
              className="cl-num"
              title="Last stable offset: where the first open transaction starts (the high watermark when none is open); read_committed readers read only below it. Hover a cell for the partition's aborted records."
            >
              LSO
            </th>
          )}
          <th
            scope="col"
            className="cl-num"
            title={`Committed lag of ${topic.readers.length > 1 ? 'the reader furthest behind' : 'its reader'}: the high watermark minus the committed offset (for a Spark job, minus the end of its completed batches), as kafka-consumer-groups’ LAG gives it. A group that auto-commits every few seconds shows records here that it has already read.`}
          >
            Committed lag{topic.readers.length > 1 && ' (max)'}
          </th>
          {readers.map((r) => (
            <th
              key={r.id}
              scope="col"
              className="cl-num cl-reader"
              title={`Committed lag of ${r.id}: the high watermark minus its committed offset`}
            >
              Lag <span className="cl-reader-id">{r.id}</span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && (
          <tr>
            <td colSpan={7 + readers.length + (moving ? 1 : 0) + (stable ? 1 : 0)} className="cl-empty">
              <div className="cl-empty-note">
                {blocked
                  ? 'The simulator refuses this pipeline as it is (the Check tab says why): once it can run, its partitions show here.'
                  : 'No run yet: load or start the pipeline to see its partitions.'}
              </div>
            </td>
          </tr>
        )}
        {rows.map((p, i) => (
          <PartitionRow
            key={i}
            topic={topic.id}
            index={i}
            p={p}
            readers={readers}
            label={label}
            moving={moving}
            stable={stable}
          />
        ))}
      </tbody>
    </table>
  );
});

function PartitionRow({
  topic,
  index,
  p,
  readers,
  label,
  moving,
  stable,
}: {
  topic: string;
  index: number;
  p: PartitionLive;
  readers: TopicRows['readers'];
  label: (id: string) => string;
  moving: boolean;
  stable: boolean;
}) {
  const move = p.reassignment;
  const status = partitionStatus(p);
  const isr = p.isr ?? [];
  const replicas = p.replicas ?? [];
  const leader = p.offline ? 'none' : p.leader;
  return (
    <tr
      className={status === 'ok' ? undefined : `is-${status}`}
      data-testid={`partition-row-${topic}-${index}`}
      data-leader={leader}
      data-isr={isr.join(',')}
      data-replicas={replicas.join(',')}
      data-status={status}
    >
      <th scope="row">
        {index}
        {status !== 'ok' && (
          <span
            className="cl-tag"
            title={
              status === 'offline'
                ? 'Offline: no leader'
                : `Under-replicated: ${isr.length} of ${replicas.length} in sync`
            }
          >
            {status === 'offline' ? 'offline' : 'URP'}
          </span>
        )}
      </th>
      <td title={p.offline ? `Last leader: ${label(p.leader)}` : undefined}>
        {p.offline ? 'none' : label(p.leader)}
      </td>
      <td>
        {replicas.map((r, k) => (
          <span
            key={r}
            className={isr.includes(r) ? undefined : 'cl-out'}
            title={isr.includes(r) ? undefined : `${r} is not in sync`}
          >
            {k > 0 ? ',' : ''}
            {label(r)}
          </span>
        ))}
        {move?.adding
          .filter((r) => !replicas.includes(r))
          .map((r) => (
            <span key={`+${r}`} className="cl-adding" title={`${r} is copying the log (not yet a replica)`}>
              {' +'}
              {label(r)}
            </span>
          ))}
      </td>
      <td>{isr.map(label).join(',')}</td>
      {moving && (
        <td
          data-testid={`reassign-${topic}-${index}`}
          data-bytes-left={move?.bytesLeft}
          data-seconds-left={move?.secondsLeft === Infinity ? 'never' : (move?.secondsLeft ?? undefined)}
          className={move?.secondsLeft === Infinity ? 'cl-never' : undefined}
        >
          {move ? <span title={reassignmentText(move)}>{reassignmentShort(move)}</span> : ''}
        </td>
      )}
      <td className="cl-num">{p.logEndOffset === undefined ? '–' : formatCount(p.logEndOffset)}</td>
      <td className="cl-num">{p.highWatermark === undefined ? '–' : formatCount(p.highWatermark)}</td>
      {stable && (
        <td
          className="cl-num"
          data-testid={`lso-${topic}-${index}`}
          title={`${formatCount(p.abortedRecords ?? 0)} aborted records in this partition`}
        >
          {p.lastStableOffset === undefined ? '–' : formatCount(p.lastStableOffset)}
        </td>
      )}
      <td className="cl-num">{formatCount(p.lag)}</td>
      {readers.map((r) => {
        const row = r.rows?.find((x) => x.partition === index);
        return (
          <td key={r.id} className="cl-num">
            {row ? formatCount(row.lag) : '–'}
          </td>
        );
      })}
    </tr>
  );
}
