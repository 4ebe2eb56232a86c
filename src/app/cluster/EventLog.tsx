// The cluster's log: broker kills, losses and restarts, fences, leader elections, ISR shrinks and
// expansions, partitions going offline and back, each at its simulated time, newest first.
import { memo } from 'react';
import type { ClusterEventLive } from '../../worker/protocol';
import { formatCount } from '../run/format';
import { describeEvent, formatEventTime } from './clusterFormat';
import { useClusterEvents } from './clusterEventsStore';

/** Rows drawn: the newest this many (the rest stay in the page's list). */
export const SHOWN_EVENTS = 300;

export const EventLog = memo(function EventLog({ label }: { label: (id: string) => string }) {
  const events = useClusterEvents((s) => s.events);
  const missed = useClusterEvents((s) => s.missed);
  const shown: ClusterEventLive[] = [];
  for (let i = events.length - 1; i >= 0 && shown.length < SHOWN_EVENTS; i--) shown.push(events[i]!);
  const hidden = events.length - shown.length + missed;
  return (
    <table className="cl-table cl-events" data-testid="cluster-events" data-count={events.length}>
      <caption>
        <span className="cl-topic-name">Cluster events</span>
        <span className="cl-topic-meta">
          newest first{hidden > 0 ? ` · ${formatCount(hidden)} older not shown` : ''}
        </span>
      </caption>
      <thead>
        <tr>
          <th scope="col" className="cl-num">
            Time
          </th>
          <th scope="col">Event</th>
          <th scope="col">Of</th>
          <th scope="col">What changed</th>
        </tr>
      </thead>
      <tbody>
        {shown.length === 0 && (
          <tr>
            <td colSpan={4} className="cl-empty">
              Nothing has happened to the cluster yet. Kill a broker or plan a fault to see the controller at
              work.
            </td>
          </tr>
        )}
        {shown.map((e, i) => {
          const v = describeEvent(e, label);
          return (
            <tr key={events.length - i} className={`is-${v.tone}`} data-kind={e.kind} data-at-ms={e.atMs}>
              <td className="cl-num">{formatEventTime(e.atMs)}</td>
              <td>{v.what}</td>
              <td>{v.subject}</td>
              <td>{v.detail}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
});
