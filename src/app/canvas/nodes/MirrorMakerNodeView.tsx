// MirrorMaker 2 between two clusters: which way it copies, its tasks, and during a run how far the
// mirror is behind (records and seconds).
import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { useRunStore } from '../../run/runStore';
import { displayName } from '../entities';
import type { MirrorMakerNode } from '../flowView';
import { compact } from '../format';
import { NodeFrame } from './NodeFrame';

export const MirrorMakerNodeView = memo(function MirrorMakerNodeView({
  id,
  data,
  selected,
}: NodeProps<MirrorMakerNode>) {
  const m = data.mirror;
  const lag = useRunStore((s) => s.live?.mirrors?.[id]);
  const tasks = m['tasks.max'];
  return (
    <NodeFrame
      id={id}
      kind="MirrorMaker 2"
      kindClass="mirror"
      title={displayName(m)}
      selected={selected}
      inputs
      outputs
      figure={`${m.sourceCluster} → ${m.targetCluster}`}
    >
      <div className="sl-node-body">
        {m.sourceCluster} → {m.targetCluster} · tasks.max {tasks}
        <br />
        {lag ? (
          <span data-testid={`mirror-lag-${id}`}>
            {/* After a failover what is behind never arrives, and its age is the time since the loss. */}
            {lag.failover
              ? `never mirrored ${compact(lag.lagRecords.final)} rec · source lost`
              : `lag ${compact(lag.lagRecords.final)} rec · ${lag.lagSec.final.toFixed(1)} s`}
          </span>
        ) : (
          <>checkpoints every {m['emit.checkpoints.interval.seconds']} s</>
        )}
      </div>
    </NodeFrame>
  );
});
