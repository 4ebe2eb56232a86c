// During a run, a consumer group's or Spark job's lag per partition, as kafka-consumer-groups
// --describe prints it (log end = the high watermark, committed = CURRENT-OFFSET, lag = log end -
// committed), with the lag from the reader's position, the age of the oldest unread record and
// the time to drain.
import { useRunStore } from '../../run/runStore';
import { compact } from '../format';
import { formatDuration } from '../lagFormat';

/** Time to drain in a table cell: 0 is caught up, ∞ not draining. */
const drainCell = (seconds: number | undefined): string =>
  seconds === undefined ? '–' : seconds === 0 ? '0' : formatDuration(seconds);

const lsoTitle = (lso: number | undefined): string =>
  lso === undefined ? 'no transaction here yet' : `last stable offset ${lso}`;
const lsoLagCell = (lso: number | undefined, position: number): string =>
  lso === undefined ? '–' : compact(Math.max(0, lso - position));

export function LagTable({ id, spark }: { id: string; spark: boolean }) {
  const rows = useRunStore((s) => (s.live && s.live.simMs > 0 ? s.live.lagTables?.[id] : undefined));
  if (!rows || rows.length === 0) return null;
  // The topic has transactions: show the last stable offset and the lag to it.
  const stable = rows.some((r) => r.lastStableOffset !== undefined);
  return (
    <details className="sl-section" open data-testid={`lag-table-${id}`}>
      <summary>Lag per partition</summary>
      <p className="sl-muted sl-lag-note">
        {spark
          ? 'Done: the end of the completed batches; lag = end (the high watermark) − done. Unbatched: records in no batch yet. Age: the oldest unprocessed record’s.'
          : 'As kafka-consumer-groups prints it: lag = end (the high watermark) − committed. Pos. lag: from the next record a poll returns. Age: the oldest unread record’s. Drain: at the last seconds’ rates (0 caught up, ∞ not draining).'}
        {stable &&
          ' LSO lag: from the position to the last stable offset (where the first open transaction starts), what a read_committed reader can read now; pos. lag minus LSO lag is records of open transactions.'}
      </p>
      <div className="sl-lag-scroll sl-scroll-cue" data-testid={`lag-scroll-${id}`}>
        <table className="sl-lag-table">
          <thead>
            <tr>
              <th scope="col" title="partition">
                P
              </th>
              <th scope="col" title="log end offset: the high watermark">
                end
              </th>
              <th scope="col" title={spark ? 'end of the completed batches' : 'committed offset'}>
                {spark ? 'done' : 'commit'}
              </th>
              <th scope="col" title="end − committed">
                lag
              </th>
              <th scope="col" title={spark ? 'records in no batch yet' : 'end − position'}>
                {spark ? 'unbatched' : 'pos. lag'}
              </th>
              {stable && (
                <th scope="col" title="last stable offset − position (hover a cell for the offset)">
                  LSO lag
                </th>
              )}
              <th scope="col" title="age of the oldest unread record">
                age
              </th>
              {!spark && (
                <th scope="col" title="time to drain: 0 caught up, ∞ not draining">
                  drain
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.partition} data-testid={`lag-row-${id}-${r.partition}`}>
                <th scope="row">{r.partition}</th>
                <td>{compact(r.logEndOffset)}</td>
                <td>{r.committed >= 0 ? compact(r.committed) : 'none'}</td>
                <td>{compact(r.lag)}</td>
                <td>{compact(r.positionLag)}</td>
                {stable && (
                  <td data-testid={`lso-${id}-${r.partition}`} title={lsoTitle(r.lastStableOffset)}>
                    {lsoLagCell(r.lastStableOffset, r.position)}
                  </td>
                )}
                <td>{formatDuration(r.lagSec)}</td>
                {!spark && <td>{drainCell(r.drainSec)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
