// A Spark job is a box holding its stages in a row, in pipeline order. The job carries the handles
// (it reads one topic and writes to sinks); each stage is its own small node inside it.
import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { displayName } from '../entities';
import { STAGE_LABELS, type SparkJobNode, type StageNode } from '../flowView';
import { useInvalidFields, invalidSummary } from '../invalidFields';
import { useRunStore } from '../../run/runStore';
import { SKEW_FLAG, formatBusy, skewRatio } from '../../spark/sparkFormat';
import { NodeFrame } from './NodeFrame';
import './sparkNodes.css';

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

/** Shorter names where the full one does not fit a stage card in large type (aggregate is reduceByKey). */
const COMPACT_STAGE_LABELS: Partial<Record<StageNode['data']['stage']['kind'], string>> = {
  aggregate: 'Reduce',
};

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
    case 'cep':
      return `within ${stage.withinMs / 1000}s`;
    case 'score':
      return `${Math.round(stage.modelBytes / 1e6)} MB model`;
    default:
      return `${stage.costPerRecordUs} µs/rec`;
  }
};

/**
 * The stage's busy share ("37%") in the last batch of a live run (undefined before its job has
 * completed a batch), why it limits its job (only when the job is near its limit), and its Spark stage's skew
 * ("3.1×": slowest task over median) when that reaches SKEW_FLAG. The skew is shown on the first
 * operator of a Spark stage only: the operators after it share its tasks, so the same figure.
 * Primitives, so a frame re-renders a stage only when one of them changes.
 */
function useStageLive(
  jobId: string,
  stageId: string,
): { busy: string | undefined; limiting: string | undefined; skew: string | undefined } {
  const busy = useRunStore((s) => {
    if (!s.live || s.live.simMs <= 0) return undefined;
    const job = s.live.spark?.[jobId];
    if (!job || job.totals.batches === 0) return undefined;
    const stage = job.stages.find((x) => x.id === stageId);
    return stage ? formatBusy(stage.busy) : undefined;
  });
  const limiting = useRunStore((s) => {
    const job = s.live && s.live.simMs > 0 ? s.live.spark?.[jobId] : undefined;
    if (!job || job.totals.batches === 0 || job.limitingStage !== stageId) return undefined;
    return job.limitingReason ?? 'Limits this job';
  });
  const skew = useRunStore((s) => {
    const job = s.live && s.live.simMs > 0 ? s.live.spark?.[jobId] : undefined;
    if (!job || job.totals.batches === 0) return undefined;
    const i = job.stages.findIndex((x) => x.id === stageId);
    const stage = job.stages[i];
    const before = job.stages[i - 1];
    if (!stage) return undefined;
    if (before && before.slowestTaskMs === stage.slowestTaskMs && before.medianTaskMs === stage.medianTaskMs)
      return undefined;
    const ratio = skewRatio(stage.slowestTaskMs, stage.medianTaskMs);
    return ratio !== undefined && ratio >= SKEW_FLAG ? `${Number(ratio.toFixed(1))}×` : undefined;
  });
  return { busy, limiting, skew };
}

export const StageNodeView = memo(function StageNodeView({ id, data, selected }: NodeProps<StageNode>) {
  const invalid = useInvalidFields((s) => invalidSummary(s.byNode[id]));
  const { busy, limiting, skew } = useStageLive(data.jobId, id);
  const classes = ['sl-stage', `sl-stage-${data.stage.kind}`];
  if (selected) classes.push('is-selected');
  if (invalid) classes.push('is-invalid');
  if (limiting) classes.push('is-limiting');
  const skewText = skew
    ? `Skewed: in the last batch its slowest task took ${skew} as long as the median one, and the batch waited for it`
    : undefined;
  const reasons = [invalid, limiting, skewText].filter(Boolean).join(' · ');
  return (
    <div className={classes.join(' ')} title={reasons || undefined}>
      <span className="sl-stage-kind">
        <span className="sl-stage-num">{data.index + 1}.</span> {STAGE_LABELS[data.stage.kind]}
      </span>
      <span className="sl-stage-short" aria-hidden="true">
        {COMPACT_STAGE_LABELS[data.stage.kind] ?? STAGE_LABELS[data.stage.kind]}
      </span>
      <span className="sl-stage-id">{id}</span>
      {busy === undefined ? (
        <span className="sl-stage-detail">{stageDetail(data.stage)}</span>
      ) : (
        <span className="sl-stage-busy" data-testid={`busy-${id}`}>
          <span className="sl-stage-busy-bar" aria-hidden="true">
            <span style={{ width: busy.startsWith('<') ? '1%' : `${Math.min(100, parseFloat(busy))}%` }} />
          </span>
          {busy} busy
        </span>
      )}
      {limiting && (
        <span className="sl-stage-badge" aria-hidden="true">
          Limits job
        </span>
      )}
      {skew && (
        <span className="sl-stage-skew" aria-hidden="true" data-testid={`skew-${id}`}>
          {skew} skew
        </span>
      )}
      <span id={`node-desc-${id}`} className="visually-hidden">
        {reasons}
      </span>
    </div>
  );
});
