// An edge that shows throughput while a run is live: thicker for more records per second (on a log
// scale) and animated while anything flows. It reads only its own entry of the live frame.
import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { useRunStore } from '../../run/runStore';
import type { FlowEdge } from '../flowView';
import { compact, edgeWidth } from '../format';

export const FlowEdgeView = memo(function FlowEdgeView(props: EdgeProps<FlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, selected, markerEnd } =
    props;
  const rate = useRunStore((s) => s.live?.edges[id]?.recordsPerSec);
  const [path, labelX, labelY] = getBezierPath({
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
  });
  const flowing = rate !== undefined && rate > 0;
  const classes = ['sl-edge'];
  if (flowing) classes.push('is-flowing');
  if (selected) classes.push('is-selected');
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        className={classes.join(' ')}
        style={{ strokeWidth: edgeWidth(rate ?? 0) }}
        interactionWidth={16}
      />
      {flowing && (
        <EdgeLabelRenderer>
          <div
            className="sl-edge-label"
            data-testid={`edge-rate-${id}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          >
            {compact(rate)}/s
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});
