// The Cluster view: the cluster as Kafka people read it. Per topic a partition table (leader,
// replicas, ISR, offsets, lag) with under-replicated and offline partitions marked and counted; per
// broker its state, leaderships and load on auto-scaled axes; and the log of what the controller
// and the partitions did, at simulated times. Everything comes from the worker's frames.
import { brokersOfRun } from '../../model/brokers';
import { useMemo } from 'react';
import { useDocumentStore } from '../store/documentStore';
import { useRunStore, type RunState } from '../run/runStore';
import { BrokerLoad, brokerSeries } from './BrokerLoad';
import { countStatuses, partitionCount, shortBrokerLabels, statusLine } from './clusterFormat';
import { EventLog } from './EventLog';
import { MirrorTable } from './MirrorTable';
import { readersOf, TopicTable, type TopicRows } from './PartitionTables';
import { useThrottledRun } from './useThrottledRun';
import './clusterEventsStore';
import './cluster.css';

/** The tables redraw at most this often (frames come ten times a second). */
const TABLE_MS = 250;
/** The small charts at most this often: a new point comes once a simulated second. */
const CHART_MS = 500;

const selectLive = (s: RunState) => s.live;
const selectSeries = (s: RunState) => ({ columns: s.columns, rows: s.rows, simMs: s.simMs });

export function ClusterPanel() {
  const doc = useDocumentStore((s) => s.doc);
  const live = useThrottledRun(selectLive, TABLE_MS);
  const series = useThrottledRun(selectSeries, CHART_MS);
  const blocked = useRunStore((s) => s.problems.length > 0);
  // The cluster's brokers and those the timeline adds (addBroker events).
  const brokerIds = useMemo(() => brokersOfRun(doc).map((b) => b.broker.id), [doc]);
  const labels = useMemo(() => shortBrokerLabels(brokerIds), [brokerIds]);

  const topics: TopicRows[] = doc.topics.map((t) => ({
    id: t.id,
    partitions: t.partitions,
    replicationFactor: t.replicationFactor,
    rows: live?.partitions[t.id],
    readers: readersOf(doc, t.id).map((id) => ({ id, rows: live?.lagTables?.[id] })),
  }));
  const all = countStatuses(topics.flatMap((t) => t.rows ?? []));
  const brokers = useMemo(
    () => brokerSeries(brokerIds, series.columns, series.rows, live?.brokers),
    [brokerIds, series, live?.brokers],
  );
  const bad = all.underReplicated + all.offline > 0;
  const partitions = topics.reduce((n, t) => n + partitionCount(t), 0);

  return (
    <div className="cl-panel" data-testid="cluster-panel" data-sim-ms={live?.simMs ?? 0}>
      <p className="cl-summary" role="status">
        <span
          className={`cl-summary-count${bad ? ' is-bad' : ''}`}
          data-testid="cluster-status"
          data-under-replicated={all.underReplicated}
          data-offline={all.offline}
        >
          {statusLine(all)}
        </span>
        <span className="cl-topic-meta">
          {partitions} partition{partitions === 1 ? '' : 's'} on {brokerIds.length} broker
          {brokerIds.length === 1 ? '' : 's'}
          {labels.prefix && ` · brokers named without their “${labels.prefix}”`}
        </span>
      </p>
      <div className="cl-grid">
        <section
          className="cl-section cl-section-partitions"
          aria-label="Partitions"
          tabIndex={0}
          data-testid="cluster-partitions"
        >
          {topics.length === 0 && <p className="cl-empty">No topics yet.</p>}
          <MirrorTable mirrors={live?.mirrors} columns={series.columns} rows={series.rows} />
          {topics.map((t) => (
            <TopicTable key={t.id} topic={t} label={labels.label} blocked={blocked} />
          ))}
        </section>
        <section className="cl-section" aria-label="Brokers" tabIndex={0}>
          <BrokerLoad brokers={brokers} />
        </section>
        <section className="cl-section" aria-label="Cluster events" tabIndex={0}>
          <EventLog label={labels.label} />
        </section>
      </div>
    </div>
  );
}
