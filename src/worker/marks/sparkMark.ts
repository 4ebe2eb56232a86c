// A Spark job's mark from the series: batches slower than the interval (because of one hot Kafka
// partition's task, or all of them), a scheduling delay that grows, lag that grows under a rate
// limit, or an outage of the topic it reads. A job starved of input gets no mark.
import { sourcesOf, type Pipeline } from '../../model';
import { DEFICIT_SHARE, HOT_FACTOR, type ReaderMarks } from './groupMark';
import { outageNow } from './outage';
import { fmt, mean, secs, sum, type SeriesWindow } from './window';

/** Batches this much slower than the batch interval cannot keep up. */
const SLOW_BATCH = 1.05;
/** A first-stage task taking this share of a slow batch's time is what holds it back. */
const DOMINANT_TASK = 0.5;

type Job = Pipeline['sparkJobs'][number];

export function sparkMarks(doc: Pipeline, job: Job, w: SeriesWindow): ReaderMarks {
  const id = job.id;
  // A job that starts later (startAtSec) is not marked until it has run a whole window.
  if (w.startsWithin(job.startAtSec ?? 0)) return {};
  const batches = w.column(`${id}.batches`);
  const processing = w.column(`${id}.processingMs`);
  const delay = w.column(`${id}.schedulingDelayMs`);
  if (!batches || !processing || !delay) return {};
  const topic = sourcesOf(doc, id)[0];
  const interval = job.batchIntervalMs;
  // Only seconds in which a batch completed say anything about batch times.
  const done = batches.flatMap((n, i) => (n > 0 ? [i] : []));
  const recent = done.slice(-3);
  const recentProcessing = recent.map((i) => processing[i]!);
  const delays = done.map((i) => delay[i]!);
  const lastDelay = delays[delays.length - 1] ?? 0;
  const delayGrowing = delays.length >= 3 && lastDelay > delays[0]! + interval / 2;
  const processingMs = mean(recentProcessing);
  const slow = recentProcessing.length >= 2 && processingMs > SLOW_BATCH * interval;

  const lag = w.column(`${id}.lag`);
  const appended = topic ? w.column(`${topic}.appended`) : undefined;
  const half = Math.floor(w.length / 2);
  // Lag floor now against the floor half a window ago: batches make the lag saw-toothed.
  const lagGrowth =
    lag && appended && w.length >= 6 ? Math.min(...lag.slice(half)) - Math.min(...lag.slice(0, half)) : 0;
  const lagGrowing =
    appended !== undefined && lagGrowth > Math.max(10, DEFICIT_SHARE * sum(appended.slice(half)));
  if (!slow && !delayGrowing && !lagGrowing) return {};
  if (starved(w, id, topic, done)) return {};

  const outage = topic ? outageNow(doc, w, [topic]) : undefined;
  if (outage && outage.leaderless > 0)
    return {
      node: `Outage: ${outage.text}. The job cannot read partitions without a leader, so their lag grows; more executors would not help.`,
    };

  if (slow) {
    const hot = topic ? hotTask(w, id, topic, recent, processingMs, interval) : undefined;
    if (hot) return hot;
    return {
      node: `Each batch takes about ${secs(processingMs)} to process but a new one starts every ${secs(interval)}, so batches queue and the scheduling delay keeps growing (now ${secs(lastDelay)}).`,
    };
  }
  if (delayGrowing)
    return {
      node: `Batches wait longer and longer before they start (scheduling delay now ${secs(lastDelay)}): processing does not keep up with a new batch every ${secs(interval)}.`,
    };

  const inRate = mean(appended ?? []);
  const current = fmt(lag?.[lag.length - 1] ?? 0);
  const limited = w.last(`${id}.estimatedRate`);
  if (job.config['spark.streaming.backpressure.enabled'] && limited > 0)
    return {
      node: `Backpressure holds the job to about ${fmt(limited)} records/s while the topic receives about ${fmt(inRate)}/s, so lag in Kafka keeps growing (${current} records).`,
    };
  if (job.config['spark.streaming.kafka.maxRatePerPartition'] > 0)
    return {
      node: `spark.streaming.kafka.maxRatePerPartition caps what each batch reads below the ${fmt(inRate)} records/s arriving, so lag in Kafka keeps growing (${current} records).`,
    };
  return {
    node: `The job reads fewer records than arrive (about ${fmt(inRate)} records/s), so lag in Kafka keeps growing (${current} records).`,
  };
}

/**
 * Whether the job has nothing to work on: no record waits for it and none arrived in the last second
 * (for a source other than a topic: its latest batch read none). Slow batches earlier in the window
 * (a backlog after an outage, say) are then over, and a job with no input limits nothing: what holds
 * the records back is upstream of it (a producer blocked by a lost broker, an idle source).
 */
function starved(w: SeriesWindow, id: string, topic: string | undefined, done: readonly number[]): boolean {
  if (!w.has(`${id}.lagUnprocessed`) || w.last(`${id}.lagUnprocessed`) > 0) return false;
  if (topic && w.has(`${topic}.appended`)) return w.last(`${topic}.appended`) === 0;
  const input = w.column(`${id}.inputRecords`);
  const last = done[done.length - 1];
  return input !== undefined && last !== undefined && input[last] === 0;
}

/**
 * A slow batch held back by one first-stage task (a task per Kafka partition): the hot
 * partition's records take that task longer than the rest of the batch put together.
 */
function hotTask(
  w: SeriesWindow,
  id: string,
  topic: string,
  recent: number[],
  processingMs: number,
  interval: number,
): ReaderMarks | undefined {
  const slowest = w.column(`${id}.slowestTaskMs`);
  const median = w.column(`${id}.medianTaskMs`);
  if (!slowest || !median) return undefined;
  const slowestMs = mean(recent.map((i) => slowest[i]!));
  const medianMs = mean(recent.map((i) => median[i]!));
  if (slowestMs < DOMINANT_TASK * processingMs || slowestMs < HOT_FACTOR * medianMs) return undefined;
  const rates: number[] = [];
  for (let p = 0; w.has(`${topic}.appended.p${p}`); p++) rates.push(sum(w.column(`${topic}.appended.p${p}`)));
  const total = sum(rates);
  if (rates.length < 2 || total <= 0) return undefined;
  const hot = rates.indexOf(Math.max(...rates));
  const share = rates[hot]! / total;
  if (share < HOT_FACTOR / rates.length) return undefined;
  const perSec = rates[hot]! / w.length;
  const times = (share * rates.length).toFixed(1);
  return {
    node: `One task holds back every batch: the task reading partition ${hot} of ${topic} takes about ${secs(slowestMs)} of each ${secs(processingMs)} batch (the median task ${secs(medianMs)}), and a new batch starts every ${secs(interval)}, so batches queue. That partition gets ${Math.round(share * 100)}% of the records (${fmt(perSec)}/s, ${times} times an even share); more executors would not shorten its task.`,
    topic: `Partition ${hot} is hot: ${Math.round(share * 100)}% of the records (${fmt(perSec)}/s, ${times} times an even share): the task of ${id} that reads it holds back every batch, and batches queue.`,
  };
}
