// Works out how one micro-batch runs: stages split at shuffles into Spark stages, one task per
// Kafka partition in the first, `parallelism` tasks after each shuffle, tasks placed on the
// executors' cores as they free up. The batch is planned as a whole when it starts, so it costs one
// event however many tasks it has.
import type { SparkStage } from '../../model/types';
import { SPARK } from '../costs';

export interface TaskInput {
  records: number;
  bytes: number;
  /** When this task's records have arrived from the broker (the broker's network is the queue). */
  dataReadyAt: number;
}

export interface StageCounters {
  /** Records per stage over the whole run: in and out. */
  recordsIn: number[];
  recordsOut: number[];
  /** Fractional records carried so counts stay exact over many batches. */
  carry: number[];
  /** Window state: records per past batch, newest last. */
  windowHistory: number[];
  batchesRun: number;
  broadcastDone: boolean;
}

export interface BatchPlanInput {
  start: number;
  batchTime: number;
  batchIntervalMs: number;
  tasks: TaskInput[];
  stages: SparkStage[];
  slots: number;
  parallelism: number;
  recordBytes: number;
  counters: StageCounters;
  /** Writes `records` to the job's sinks starting at `at`; returns when they are acknowledged. */
  writeToSinks: (at: number, records: number) => number;
}

export interface BatchPlan {
  end: number;
  outputRecords: number;
  /** Durations of the first stage's tasks, for skew: slowest against median. */
  slowestTaskMs: number;
  medianTaskMs: number;
  shuffleBytes: number;
}

export function newStageCounters(stages: number): StageCounters {
  return {
    recordsIn: new Array<number>(stages).fill(0),
    recordsOut: new Array<number>(stages).fill(0),
    carry: new Array<number>(stages).fill(0),
    windowHistory: [],
    batchesRun: 0,
    broadcastDone: false,
  };
}

/** Expected number of distinct keys among n records drawn uniformly from k keys. */
export function expectedDistinct(n: number, k: number): number {
  if (n <= 0) return 0;
  return k * -Math.expm1(n * Math.log1p(-1 / k)) || Math.min(n, 1);
}

function isShuffle(stage: SparkStage): boolean {
  return (
    stage.kind === 'aggregate' ||
    stage.kind === 'window' ||
    (stage.kind === 'join' && stage.strategy === 'shuffle')
  );
}

/** The latest of `times` and `floor` (a loop: task counts can exceed what spreading into Math.max allows). */
function latest(times: readonly number[], floor: number): number {
  let t = floor;
  for (const x of times) if (x > t) t = x;
  return t;
}

/** Places tasks (given as durations after their earliest start) on slots; returns finish times. */
function runTasks(slotFree: number[], earliest: number[], durations: number[]): number[] {
  const finish: number[] = [];
  for (let t = 0; t < durations.length; t++) {
    let best = 0;
    for (let s = 1; s < slotFree.length; s++) if (slotFree[s]! < slotFree[best]!) best = s;
    const begin = Math.max(slotFree[best]!, earliest[t]!);
    const end = begin + durations[t]!;
    slotFree[best] = end;
    finish.push(end);
  }
  return finish;
}

/** Rounds a stage's output with a carried remainder, so totals over many batches stay exact. */
function roundWithCarry(counters: StageCounters, i: number, value: number): number {
  const withCarry = value + counters.carry[i]!;
  const whole = Math.floor(withCarry + 1e-9);
  counters.carry[i] = withCarry - whole;
  return whole;
}

export function planBatch(input: BatchPlanInput): BatchPlan {
  const { stages, counters } = input;
  const slotFree = new Array<number>(input.slots).fill(input.start + SPARK.batchOverheadMs);
  const totalIn = input.tasks.reduce((a, t) => a + t.records, 0);
  const execReadMsPerByte = 1000 / (SPARK.executorReadMBps * 1e6);

  // Per-task record counts flowing through the current Spark stage (shares of the batch total).
  let taskRecords = input.tasks.map((t) => t.records);
  let taskCost = input.tasks.map((t) => SPARK.taskOverheadMs + t.bytes * execReadMsPerByte);
  let earliest = input.tasks.map((t) => t.dataReadyAt);
  let batchRecords = totalIn;
  let shuffleBytes = 0;
  let firstStageDurations: number[] | undefined;
  let finish: number[] = [];
  let outputRecords = 0;

  const closeStage = (): void => {
    finish = runTasks(slotFree, earliest, taskCost);
    if (!firstStageDurations) firstStageDurations = taskCost.slice();
  };

  stages.forEach((stage, i) => {
    const into = batchRecords;
    counters.recordsIn[i]! += into;
    const costMs = stage.costPerRecordUs / 1000;
    for (let t = 0; t < taskRecords.length; t++) taskCost[t]! += taskRecords[t]! * costMs;
    let out: number;
    switch (stage.kind) {
      case 'map':
        out = into;
        break;
      case 'flatMap':
        out = roundWithCarry(counters, i, into * stage.fanOut);
        break;
      case 'filter':
        out = roundWithCarry(counters, i, into * stage.selectivity);
        break;
      case 'join':
        if (stage.strategy === 'broadcast' && !counters.broadcastDone) {
          // The table is shipped to the executors once and cached.
          counters.broadcastDone = true;
          const tableMs = stage.tableRows * stage.tableRowBytes * execReadMsPerByte;
          for (let s = 0; s < slotFree.length; s++) slotFree[s]! += tableMs;
        }
        out = roundWithCarry(counters, i, into * stage.matchRate);
        break;
      case 'aggregate':
        out = Math.round(expectedDistinct(into, stage.keyCardinality));
        break;
      case 'window': {
        const history = counters.windowHistory;
        history.push(into);
        const span = stage.windowLengthMs / input.batchIntervalMs;
        while (history.length > span) history.shift();
        const sinceStart = input.batchTime;
        const emits = Math.round(sinceStart) % stage.slideMs === 0;
        const inWindow = history.reduce((a, b) => a + b, 0);
        out = emits ? Math.round(expectedDistinct(inWindow, stage.keyCardinality)) : 0;
        break;
      }
      case 'sink':
        out = into;
        break;
    }

    if (isShuffle(stage)) {
      // Map side: combine per task, write shuffle files; then a new Spark stage reads them.
      let shuffled = 0;
      for (let t = 0; t < taskRecords.length; t++) {
        shuffled +=
          stage.kind === 'join'
            ? taskRecords[t]!
            : expectedDistinct(
                taskRecords[t]!,
                stage.kind === 'aggregate' || stage.kind === 'window' ? stage.keyCardinality : 1,
              );
      }
      let bytes = shuffled * SPARK.aggregateRecordBytes;
      if (stage.kind === 'join') bytes = shuffled * input.recordBytes + stage.tableRows * stage.tableRowBytes;
      shuffleBytes += bytes;
      closeStage();
      const stageEnd = latest(finish, input.start);
      const n = input.parallelism;
      const perTaskMs = SPARK.taskOverheadMs + (SPARK.shufflePerMBMs * bytes) / 1e6 / n;
      taskRecords = new Array<number>(n).fill(out / n);
      taskCost = new Array<number>(n).fill(perTaskMs);
      earliest = new Array<number>(n).fill(stageEnd + SPARK.stageOverheadMs);
    }
    if (stage.kind === 'sink') {
      // Each task writes its share once its computation is done; the sink's capacity is the queue.
      closeStage();
      finish = finish.map((f, t) => input.writeToSinks(f, taskRecords[t]!));
      taskCost = [];
      taskRecords = [];
      earliest = [];
    } else if (!isShuffle(stage)) {
      const ratio = into > 0 ? out / into : 0;
      taskRecords = taskRecords.map((r) => r * ratio);
    }
    counters.recordsOut[i]! += out;
    batchRecords = out;
    outputRecords = out;
  });
  if (taskCost.length > 0) closeStage();
  if (stages.length === 0) outputRecords = totalIn;
  counters.batchesRun++;

  const durations = (firstStageDurations ?? []).slice().sort((a, b) => a - b);
  return {
    end: latest(finish, input.start + SPARK.batchOverheadMs),
    outputRecords,
    slowestTaskMs: durations[durations.length - 1] ?? 0,
    medianTaskMs: durations[Math.floor(durations.length / 2)] ?? 0,
    shuffleBytes,
  };
}
