// The broker cluster under the canvas: one card per broker with its live load (CPU, network in and
// out, disk). Clicking a card opens the broker in the inspector; the + button adds one. During a run
// each card can kill its broker on the spot, and shows when the fault timeline has it down. A
// pipeline of receiver sources without a topic shows none (model/kafkaUse.ts).
import { memo } from 'react';
import { clustersOf, isMultiCluster } from '../../model/regions';
import { brokersOfRun, usesKafka, type Broker } from '../../model';
import { faultTimeFromSimMs } from '../faults/liveApply';
import { isBrokerDownAt } from '../faults/timeline';
import '../faults/brokerCard.css';
import { useDocumentStore } from '../store/documentStore';
import { useRunStore } from '../run/runStore';
import { runClient } from '../run/simClient';
import { displayName } from './entities';
import { percent } from './format';
import { invalidSummary, useInvalidFields } from './invalidFields';
import { addBroker, addBrokerEvent } from './nodeFactory';

const RESOURCES = [
  ['cpu', 'CPU'],
  ['networkIn', 'Net in'],
  ['networkOut', 'Net out'],
  ['disk', 'Disk'],
] as const;

export function ClusterStrip() {
  const kafka = useDocumentStore((s) => usesKafka(s.doc));
  // Receiver sources without a topic never use the brokers the schema asks for: no strip.
  return kafka ? <BrokerStrip /> : null;
}

function BrokerStrip() {
  const doc = useDocumentStore((s) => s.doc);
  const brokers = brokersOfRun(doc);
  const running = useRunStore((s) => s.status === 'running' || s.status === 'paused');
  // With several clusters, each one's brokers follow a label with its id and region.
  const multi = isMultiCluster(doc);
  const clusters = new Map(clustersOf(doc).map((c) => [c.id, c]));
  const primaryId = clustersOf(doc)[0]!.id;
  // The brokers by cluster, in the order each cluster first appears.
  const groups: { cluster: string; members: typeof brokers }[] = [];
  for (const b of brokers) {
    const cluster = b.cluster ?? primaryId;
    const last = groups[groups.length - 1];
    if (last && last.cluster === cluster) last.members.push(b);
    else groups.push({ cluster, members: [b] });
  }
  const add = () => {
    const store = useDocumentStore.getState();
    const { status, simMs } = useRunStore.getState();
    if (status === 'running' || status === 'paused') {
      // During a run the broker joins now, as an event of the timeline: it holds nothing until a
      // reassignment moves partitions to it.
      const result = addBrokerEvent(store.doc, faultTimeFromSimMs(simMs));
      store.change(() => result.doc);
      return;
    }
    const result = addBroker(store.doc);
    store.change(() => result.doc);
    store.setSelection([result.id]);
  };
  return (
    <section className="sl-cluster" aria-label="Kafka cluster" data-testid="cluster">
      {/* The title and the add button share a column, leaving the row's width to the brokers. */}
      <div className="sl-cluster-side">
        <h2 className="sl-cluster-title">
          Cluster
          <span className="sl-cluster-count">
            {brokers.length} broker{brokers.length === 1 ? '' : 's'}
          </span>
        </h2>
        <button
          type="button"
          className="sl-broker-add"
          data-testid="cluster-add-broker"
          onClick={add}
          disabled={brokers.length >= 100}
          title={
            running
              ? 'Add a broker now: it joins the running cluster and holds no partition until a reassignment moves some to it'
              : 'Add a broker (topics spread over more machines)'
          }
        >
          + Broker
        </button>
      </div>
      <div className="sl-cluster-brokers">
        {groups.map(({ cluster, members }) => {
          const c = clusters.get(cluster);
          // One cluster's brokers stay together behind its label; the strip wraps between clusters
          // (and inside a cluster too wide for a row), so every broker stays in sight.
          return (
            <div key={cluster} className="sl-cluster-region" data-testid={`cluster-region-${cluster}`}>
              {multi && (
                <span className="sl-cluster-group" data-testid={`cluster-group-${cluster}`}>
                  {c?.name || cluster}
                  {c?.region ? ` · ${c.region}` : ''}
                </span>
              )}
              {members.map((b) => (
                <BrokerCard
                  key={b.broker.id}
                  broker={b.broker}
                  joinsAtSec={b.joinsAtSec}
                  added={b.added === true}
                />
              ))}
            </div>
          );
        })}
      </div>
    </section>
  );
}

const BrokerCard = memo(function BrokerCard({
  broker,
  joinsAtSec,
  added,
}: {
  broker: Broker;
  joinsAtSec: number;
  /** Brought in by an addBroker event of the timeline. */
  added: boolean;
}) {
  const selected = useDocumentStore((s) => s.selection.length === 1 && s.selection[0] === broker.id);
  const faults = useDocumentStore((s) => s.doc.faults);
  // Booleans only, so a frame re-renders the card just when the broker goes down or comes back.
  const down = useRunStore((s) => isBrokerDownAt(faults, broker.id, s.simMs / 1000, broker.rack));
  const joined = useRunStore((s) => s.simMs / 1000 >= joinsAtSec);
  const leads = useRunStore((s) => s.live?.brokers[broker.id]?.leaderOf);
  const canKill = useRunStore((s) => s.status === 'running' || s.status === 'paused');
  const load = useRunStore((s) => s.live?.brokers[broker.id]);
  const invalid = useInvalidFields((s) => invalidSummary(s.byNode[broker.id]));
  const h = broker.hardware;
  const spec = `${h.cores} cores · disk ${h.diskMBps} MB/s · net ${h.networkInMBps}/${h.networkOutMBps} MB/s · ${h.memoryGB} GB`;
  const loadText = load
    ? RESOURCES.map(([key, label]) => `${label} ${percent(load[key])}`).join(', ')
    : 'no run yet';
  const name = displayName(broker);
  // Down is shown by its own badge; a saturated resource is the bottleneck mark.
  const mark = !down && load?.bottleneck ? load.bottleneck : undefined;
  return (
    <div className={`sl-broker-card${down ? ' is-down' : ''}${added && !joined ? ' is-pending' : ''}`}>
      <button
        type="button"
        className={`sl-broker${selected ? ' is-selected' : ''}${invalid ? ' is-invalid' : ''}${mark ? ' is-bottleneck' : ''}`}
        data-testid={`broker-${broker.id}`}
        aria-pressed={selected}
        aria-label={`Broker ${name}${down ? ' (down)' : ''}: ${h.preset ?? 'custom hardware'}; load ${loadText}${mark ? `; bottleneck: ${mark}` : ''}`}
        title={`${invalid ? `${invalid}\n` : ''}${down ? 'Down now, by the fault timeline\n' : ''}${mark ? `Bottleneck: ${mark}\n` : ''}${spec}\nLoad: ${loadText}`}
        onClick={() => {
          // A broker of the timeline is edited in the Faults tab, not in the inspector.
          if (!added) useDocumentStore.getState().setSelection([broker.id]);
        }}
      >
        <span className="sl-broker-name">
          {name}
          {down && (
            <span className="sl-broker-down" data-testid={`broker-down-${broker.id}`}>
              down
            </span>
          )}
          {added && (
            <span
              className="sl-broker-joins"
              data-testid={`broker-joins-${broker.id}`}
              title="Added by the timeline: it holds no partition until a reassignment moves some to it"
            >
              {joined ? 'added' : `joins at ${joinsAtSec} s`}
            </span>
          )}
        </span>
        <span className="sl-broker-spec">
          {h.preset ?? 'custom'}
          {broker.rack ? ` · ${broker.rack}` : ''}
          {leads !== undefined ? ` · leads ${leads}` : ''}
        </span>
        <span className="sl-broker-bars" aria-hidden="true">
          {RESOURCES.map(([key, label]) => {
            const value = load ? Math.min(1, load[key]) : 0;
            return (
              <span key={key} className="sl-bar-row">
                <span className="sl-bar-label">{label}</span>
                <span className="sl-bar">
                  <span
                    className={`sl-bar-fill${value > 0.85 ? ' is-hot' : ''}`}
                    style={{ width: `${Math.round(value * 100)}%` }}
                  />
                </span>
              </span>
            );
          })}
        </span>
      </button>
      <button
        type="button"
        className="sl-broker-kill"
        data-testid={`broker-kill-${broker.id}`}
        disabled={!canKill || down}
        aria-label={`Kill broker ${name} now`}
        title={
          down
            ? `${name} is already down`
            : canKill
              ? `Kill ${name}'s process at the current simulated time: its connections reset and clients fail over at once (saved as a fault; the run carries on). For a host that goes silent, plan a fault in the Faults panel`
              : 'Start a run to kill a broker mid-run; add a fault in the Faults panel to plan one'
        }
        onClick={() => void runClient.killBrokerNow(broker.id)}
      >
        Kill
      </button>
    </div>
  );
});
