// The receivers of a job that reads a receiver source: how many run (each holding an executor
// core), the blocks, i.e. tasks, a batch gets (batch interval / block interval x receivers), the
// rate each may take, and where the source's records are, lost ones with their reasons.
import type { ReceiversLive } from '../../worker/protocol';
import { formatCount } from '../run/format';
import { formatMs } from './sparkFormat';

const KIND = { socket: 'socket', kinesis: 'Kinesis-style', flume: 'Flume-style', file: 'files' } as const;

export function ReceiversPanel({
  jobId,
  receivers: r,
  batchIntervalMs,
}: {
  jobId: string;
  receivers: ReceiversLive;
  batchIntervalMs: number;
}) {
  const perReceiver = Math.ceil(batchIntervalMs / r.blockIntervalMs);
  if (r.kind === 'file')
    return <FileSourcePanel jobId={jobId} receivers={r} batchIntervalMs={batchIntervalMs} />;
  const reliable = r.kind !== 'socket';
  const where: [string, number][] = [
    ['arrived', r.arrived],
    ['received', r.received],
    ['waiting at the source', r.atSource],
    ['in receivers’ buffers', r.buffered],
    ['in blocks, not yet in a batch', r.inBlocks],
    ['in batches queued or running', r.inBatches],
  ];
  if (r.resent > 0) where.push(['sent again by the source', r.resent]);
  return (
    <div className="spark-ui-receivers" data-testid={`spark-receivers-${jobId}`}>
      <h4>Receivers · {r.source}</h4>
      <p>
        <strong data-testid="spark-receivers-running">{formatCount(r.running)}</strong> of{' '}
        {formatCount(r.receivers)} receiver{r.receivers === 1 ? '' : 's'} running ({KIND[r.kind]}), each
        holding one executor core · a block every {formatMs(r.blockIntervalMs)}:{' '}
        <strong data-testid="spark-receivers-blocks">
          {formatMs(batchIntervalMs)} ÷ {formatMs(r.blockIntervalMs)} × {formatCount(r.receivers)} ={' '}
          {formatCount(perReceiver * r.receivers)} blocks (tasks) per batch
        </strong>
        , however many executors · rate per receiver:{' '}
        {r.limitPerReceiver === null
          ? 'no limit'
          : `${formatCount(Math.round(r.limitPerReceiver))} records/s`}
      </p>
      <p className="chart-note">
        {r.writeAheadLog
          ? 'Blocks are written to the write-ahead log before they count as stored: a restarted driver processes those it had not.'
          : 'Blocks are stored on two executors (MEMORY_AND_DISK_SER_2); without the write-ahead log a driver failure loses every block not yet processed.'}{' '}
        {reliable
          ? 'The source is reliable: what a lost receiver had not stored, it sends again.'
          : 'A socket receiver never acknowledges: what a lost receiver held is gone.'}
      </p>
      <ul className="spark-ui-receivers-where">
        {where.map(([label, n]) => (
          <li key={label}>
            {label} <strong>{formatCount(n)}</strong>
          </li>
        ))}
        <li className={r.lost > 0 ? 'is-lost' : undefined} data-testid="spark-receivers-lost">
          lost <strong>{formatCount(r.lost)}</strong>
        </li>
      </ul>
      {r.lost > 0 && (
        <ul className="spark-ui-receivers-reasons" data-testid="spark-receivers-lost-reasons">
          {Object.entries(r.lostByReason).map(([reason, n]) => (
            <li key={reason}>
              {formatCount(n)}: {reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A file source: no receivers; each batch takes the files that landed since the last one. */
function FileSourcePanel({
  jobId,
  receivers: r,
  batchIntervalMs,
}: {
  jobId: string;
  receivers: ReceiversLive;
  batchIntervalMs: number;
}) {
  const files = Math.ceil(batchIntervalMs / r.blockIntervalMs);
  return (
    <div className="spark-ui-receivers" data-testid={`spark-receivers-${jobId}`}>
      <h4>File source · {r.source}</h4>
      <p>
        No receivers: a new file every {formatMs(r.blockIntervalMs)}, and each batch takes those that appeared
        since the last:{' '}
        <strong data-testid="spark-receivers-blocks">
          {formatMs(batchIntervalMs)} ÷ {formatMs(r.blockIntervalMs)} = {formatCount(files)} file
          {files === 1 ? '' : 's'} (tasks) per batch
        </strong>
        . The files stay in the directory, so a lost executor or driver loses none of them.
      </p>
      <ul className="spark-ui-receivers-where">
        <li>
          records in files <strong>{formatCount(r.received)}</strong>
        </li>
        <li>
          files <strong>{formatCount(r.blocks)}</strong>
        </li>
        <li>
          not yet in a batch <strong>{formatCount(r.inBlocks + r.buffered)}</strong>
        </li>
        <li data-testid="spark-receivers-lost">
          lost <strong>{formatCount(r.lost)}</strong>
        </li>
      </ul>
    </div>
  );
}
