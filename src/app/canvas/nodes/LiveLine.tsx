// The live part of a node: its rate with the window it is a mean over, and for readers their lag
// both ways (committed and from the position) with its age and the time to drain; for a sink with
// a write limit, how busy that limit is.
import { compact, percent } from '../format';
import { readerLagText } from '../lagFormat';
import { useLiveReading } from './useNodeStatus';

export function LiveLine({ id, compactLayout }: { id: string; compactLayout?: boolean }) {
  const live = useLiveReading(id);
  if (live.recordsPerSec === undefined) return null;
  const windowSec = live.rateWindowSec ?? 1;
  const rate = (
    <span
      data-testid={`live-rate-${id}`}
      data-value={live.recordsPerSec}
      title={`Mean over the last ${windowSec} simulated second${windowSec === 1 ? '' : 's'}`}
    >
      {compact(live.recordsPerSec)} rec/s
      {windowSec > 1 && <span className="sl-live-window"> ({windowSec} s mean)</span>}
      {live.failedOver && (
        <span
          className="sl-live-failover"
          data-testid={`live-failover-${id}`}
          title={`Since the region failover at ${live.failedOver.atSec} s this group reads the mirror: these are the figures of ${live.failedOver.group}`}
        >
          {' '}
          @{live.failedOver.group.slice(live.failedOver.group.lastIndexOf('@') + 1)}
        </span>
      )}
    </span>
  );
  const reading = live.reading;
  const spark = live.kind === 'job';
  // Spark: unprocessed records (the "committed" side); groups: what polls have not returned (unread),
  // its age and drain, then Kafka's LAG (end - committed) named "committed lag" (see readerLagText).
  const lagLine = reading && (reading.records > 0 || (live.lag ?? 0) > 0) && (
    <span
      data-testid={`live-lag-${id}`}
      title={
        spark
          ? 'Records not yet processed (in no completed batch), the age of the oldest, and the time to drain at the rates of the last seconds'
          : 'Unread: records no poll has returned yet (lag from the members’ positions), the age of the oldest, and the time to drain at the rates of the last seconds. Committed lag: the end minus the committed offsets, as kafka-consumer-groups’ LAG and the inspector’s table give it; it runs ahead of unread by what the group read since its last offset commit (auto.commit.interval.ms)'
      }
    >
      {readerLagText({
        records: reading.records,
        seconds: reading.seconds,
        drainSec: reading.drainSec,
        ...(!spark && { committedLag: live.lag ?? 0 }),
      })}
    </span>
  );
  return (
    <div className="sl-node-live" data-testid={`live-${id}`}>
      {rate}
      {live.sinkBusy !== undefined && <span> · limit {percent(live.sinkBusy)} busy</span>}
      {lagLine && (compactLayout ? <> · {lagLine}</> : <div className="sl-node-lag">{lagLine}</div>)}
    </div>
  );
}
