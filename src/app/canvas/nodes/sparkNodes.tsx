// A Spark job is a box holding its stages in a row, in pipeline order. The job carries the handles
// (it reads one topic and writes to sinks); each stage is its own small node inside it.
import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { displayName } from '../entities';
import { STAGE_LABELS, type SparkJobNode, type StageNode } from '../flowView';
import { useInvalidFields, invalidSummary } from '../invalidFields';
import { NodeFrame } from './NodeFrame';

export const SparkJobNodeView = memo(function SparkJobNodeView({
  id,
  data,
  selected,
}: NodeProps<SparkJobNode>) {
  const j = data.job;
  const cores = j.config['spark.executor.instances'] * j.config['spark.executor.cores'];
  return (
    <NodeFrame
      id={id}
      kind="Spark job"
      kindClass="job"
      title={displayName(j)}
      selected={selected}
      inputs
      outputs
    >
      <div className="sl-job-meta">
        batch {j.batchIntervalMs} ms · {cores} core{cores === 1 ? '' : 's'}
        {j.config['spark.streaming.backpressure.enabled'] ? ' · backpressure' : ''}
      </div>
      {j.stages.length === 0 && <div className="sl-job-empty">Drop stages here: map, filter, window…</div>}
    </NodeFrame>
  );
});

const stageDetail = (stage: StageNode['data']['stage']): string => {
  switch (stage.kind) {
    case 'filter':
      return `keeps ${Math.round(stage.selectivity * 100)}%`;
    case 'flatMap':
      return `×${stage.fanOut} out`;
    case 'window':
      return `${stage.windowLengthMs / 1000}s / ${stage.slideMs / 1000}s`;
    case 'join':
      return `${stage.strategy} join`;
    case 'aggregate':
      return `${stage.keyCardinality} keys`;
    default:
      return `${stage.costPerRecordUs} µs/rec`;
  }
};

export const StageNodeView = memo(function StageNodeView({ id, data, selected }: NodeProps<StageNode>) {
  const invalid = useInvalidFields((s) => invalidSummary(s.byNode[id]));
  const classes = ['sl-stage', `sl-stage-${data.stage.kind}`];
  if (selected) classes.push('is-selected');
  if (invalid) classes.push('is-invalid');
  return (
    <div className={classes.join(' ')} title={invalid}>
      <span className="sl-stage-kind">
        {data.index + 1}. {STAGE_LABELS[data.stage.kind]}
      </span>
      <span className="sl-stage-id">{id}</span>
      <span className="sl-stage-detail">{stageDetail(data.stage)}</span>
      <span id={`node-desc-${id}`} className="visually-hidden">
        {invalid}
      </span>
    </div>
  );
});
