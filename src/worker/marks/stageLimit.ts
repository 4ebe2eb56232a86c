// Which operator of a Spark job limits it, if the job is near its limit at all. A job is near its
// limit when its recent batches take most of the batch interval; then the operator that explains
// most of that time is marked, with its figure: its tasks' share of the task slots over the
// interval, or its slowest task (skew) when one task keeps the batch waiting while slots sit idle.
// A job far from its limit has no limiting operator, however its time is shared out.
import type { SparkStreamingJob } from '../../core/spark/sparkJob';
import { pct, secs } from './window';

/** Batches taking this share of the batch interval (on average, recently) are near the limit. */
export const NEAR_INTERVAL = 0.85;
/** Recent batches averaged, so one slow batch (a window's output, a checkpoint) does not decide. */
export const RECENT_BATCHES = 5;
/** An operator must explain at least this share of the batch time to be called the limit. */
const EXPLAINS = 0.5;
/** Slowest over median task from which one task, not the slots, sets the stage's length. */
const SKEWED = 2;

export interface StageLoad {
  id: string;
  /** Share of the job's task slots over one batch interval its tasks kept busy. */
  busy: number;
  /** Slowest and median task of the Spark stage the operator runs in. */
  slowestTaskMs: number;
  medianTaskMs: number;
}

export interface StageLimit {
  stageId: string;
  reason: string;
}

export function stageLimit(
  intervalMs: number,
  recentProcessingMs: readonly number[],
  stages: readonly StageLoad[],
  slots: number,
): StageLimit | undefined {
  const recent = recentProcessingMs.slice(-RECENT_BATCHES);
  if (recent.length === 0 || stages.length === 0) return undefined;
  const processingMs = recent.reduce((a, b) => a + b, 0) / recent.length;
  const load = processingMs / intervalMs;
  if (load < NEAR_INTERVAL) return undefined;

  // The slots' candidate: the busiest operator, whose work spread over every slot takes busy x interval.
  let busiest: StageLoad | undefined;
  for (const s of stages) if (!busiest || s.busy > busiest.busy) busiest = s;
  const slotMs = (busiest?.busy ?? 0) * intervalMs;
  // The skew candidate: the first operator of the Spark stage with the longest task, when skewed.
  let skewed: StageLoad | undefined;
  stages.forEach((s, i) => {
    const before = stages[i - 1];
    const sameStage =
      before && before.slowestTaskMs === s.slowestTaskMs && before.medianTaskMs === s.medianTaskMs;
    if (sameStage || s.slowestTaskMs < SKEWED * s.medianTaskMs) return;
    if (!skewed || s.slowestTaskMs > skewed.slowestTaskMs) skewed = s;
  });
  const skewMs = skewed?.slowestTaskMs ?? 0;
  const batch = `batches take ${pct(load)} of the ${secs(intervalMs)} batch interval`;
  if (skewed && skewMs >= slotMs && skewMs >= EXPLAINS * processingMs)
    return {
      stageId: skewed.id,
      reason: `Limits this job (${batch}): its slowest task takes ${secs(skewMs)}, ${(skewMs / Math.max(1, skewed.medianTaskMs)).toFixed(1)} times the median task, and the batch waits for it while other task slots sit idle`,
    };
  if (busiest && slotMs >= EXPLAINS * processingMs)
    return {
      stageId: busiest.id,
      reason: `Limits this job (${batch}): its tasks keep the ${slots} task slot${slots === 1 ? '' : 's'} busy ${pct(busiest.busy)} of the batch interval`,
    };
  return undefined;
}

/** The limit of a running job, from its recent batches and its operators in the last one. */
export function jobStageLimit(job: SparkStreamingJob, stages: readonly StageLoad[]): StageLimit | undefined {
  if (job.state !== 'running') return undefined;
  const processing: number[] = [];
  for (let i = job.recentBatches.length - 1; i >= 0 && processing.length < RECENT_BATCHES; i--) {
    const b = job.recentBatches[i]!;
    if (b.status !== 'failed') processing.unshift(b.processingMs);
  }
  return stageLimit(job.doc.batchIntervalMs, processing, stages, Math.max(1, job.lastSlots || job.slots));
}
