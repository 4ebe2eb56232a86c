// A topic with one small cell per partition: coloured by lag while a run is live, with the leader
// broker, rate and lag in each cell's tooltip.
import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { useDocumentStore } from '../../store/documentStore';
import { useRunStore } from '../../run/runStore';
import { displayName } from '../entities';
import type { TopicNode } from '../flowView';
import { compact, heatColour, lagHeat, plannedLeaders } from '../format';
import { clusterIdOfTopic, clustersOf } from '../../../model/regions';
import { useFieldLock } from '../../lessons/lessonMode';
import { NodeFrame } from './NodeFrame';
import { replicationBadge, replicationPath } from './replicationBadge';

/** Beyond this, cells would be too small to point at; the rest are summarised. */
export const MAX_PARTITION_CELLS = 48;

export const TopicNodeView = memo(function TopicNodeView({ id, data, selected }: NodeProps<TopicNode>) {
  const t = data.topic;
  const brokers = useDocumentStore((s) => s.doc.cluster.brokers);
  const live = useRunStore((s) => s.live?.partitions[id]);
  // With several clusters, the card says which one (and its region) the topic is in.
  const home = useDocumentStore((s) => {
    if (!s.doc.clusters?.length) return undefined;
    const c = clustersOf(s.doc).find((x) => x.id === clusterIdOfTopic(s.doc, t));
    return c ? `${c.id}${c.region ? ` (${c.region})` : ''}` : undefined;
  });
  const shown = Math.min(t.partitions, MAX_PARTITION_CELLS);
  const leaders = plannedLeaders(data.index, shown, brokers);
  const rf = replicationBadge(t.replicationFactor, useFieldLock(replicationPath(id)));
  return (
    <NodeFrame
      id={id}
      kind={home ? `Topic · ${home}` : 'Topic'}
      kindClass="topic"
      title={displayName(t)}
      selected={selected}
      inputs
      outputs
      figure={
        <>
          {t.partitions} partition{t.partitions === 1 ? '' : 's'}
          <br />
          <span className={rf.warn ? 'sl-figure-warn' : undefined} title={rf.title}>
            RF {t.replicationFactor}
          </span>
        </>
      }
    >
      <div className="sl-node-body">
        {t.partitions} partition{t.partitions === 1 ? '' : 's'} · RF {t.replicationFactor}
        {t.replicationFactor === 1 && (
          <span className="sl-node-tag" data-testid={`rf-note-${id}`} title={rf.title}>
            {' '}
            · no copy
          </span>
        )}
      </div>
      <div className="sl-partitions" data-testid={`partitions-${id}`}>
        {leaders.map((plannedLeader, i) => {
          const p = live?.[i];
          const leader = p?.leader ?? plannedLeader;
          const tip = p
            ? `Partition ${i} · leader ${leader} · ${compact(p.recordsPerSec)} rec/s · lag ${compact(p.lag)}`
            : `Partition ${i} · leader ${leader}`;
          return (
            <span
              key={i}
              className="sl-partition"
              title={tip}
              style={p ? { background: heatColour(lagHeat(p.lag)) } : undefined}
            />
          );
        })}
        {t.partitions > shown && <span className="sl-partition-more">+{t.partitions - shown}</span>}
      </div>
    </NodeFrame>
  );
});
