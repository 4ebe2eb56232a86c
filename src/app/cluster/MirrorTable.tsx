// The Cluster view's MirrorMaker 2 table: per mirror, which way it copies, how far behind it is in
// records and seconds (now and at worst), what the tasks and the link can carry, and after a
// region failover what never crossed and what each group processes twice.
import type { MirrorLive } from '../../worker/protocol';
import { compact } from '../canvas/format';
import { mirrorLagView } from './mirrorLag';

export function MirrorTable({
  mirrors,
  columns,
  rows,
}: {
  mirrors: Record<string, MirrorLive> | undefined;
  columns: readonly string[];
  rows: readonly (readonly number[])[];
}) {
  const entries = Object.entries(mirrors ?? {});
  if (entries.length === 0) return null;
  return (
    <table className="cl-table" data-testid="mirror-table">
      <caption>
        <span className="cl-topic-name">MirrorMaker 2</span>
        <span className="cl-topic-meta"> lag = acknowledged in the source, not yet in the target</span>
      </caption>
      <thead>
        <tr>
          <th scope="col">Mirror</th>
          <th
            scope="col"
            className="cl-num"
            title="records behind (peak); after a region failover, as they were up to the loss"
          >
            Lag
          </th>
          <th
            scope="col"
            className="cl-num"
            title="age of the oldest record not yet mirrored (peak); after a region failover, up to the loss"
          >
            Lag s
          </th>
          <th scope="col" className="cl-num" title="records a second the tasks' threads can copy">
            Tasks
          </th>
          <th scope="col" className="cl-num" title="records a second the link between the regions carries">
            Link
          </th>
          <th scope="col">Failover</th>
        </tr>
      </thead>
      <tbody>
        {entries.map(([id, m]) => {
          // After a failover the lag columns stop at the loss; what stayed behind is in Failover.
          const lag = mirrorLagView(id, m, columns, rows);
          return (
            <tr key={id} data-testid={`mirror-row-${id}`} data-lag={m.lagRecords.final}>
              <th scope="row">{id}</th>
              <td className="cl-num">
                {compact(lag.lagRecords)} ({compact(lag.peakRecords)})
              </td>
              <td className="cl-num">
                {lag.lagSec.toFixed(2)} ({lag.peakSec.toFixed(2)})
              </td>
              <td className="cl-num">
                {m.tasks} · {compact(m.workerRecordsPerSec)}/s
              </td>
              <td className="cl-num">
                {m.link.bandwidthMBps} MB/s · {compact(m.linkRecordsPerSec)}/s
              </td>
              <td>
                {m.failover
                  ? `at ${m.failover.atSec} s: ${compact(m.failover.unmirroredRecords)} never crossed; ${Object.entries(
                      m.failover.groups,
                    )
                      .map(([g, r]) => `${g} ${compact(r.reprocessed)} twice`)
                      .join(', ')}`
                  : `${m.checkpointsEmitted} checkpoints`}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
