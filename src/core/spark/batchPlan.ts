// Works out how one micro-batch runs: stages split at shuffles into Spark stages, one task per
// Kafka partition in the first, `parallelism` tasks after each shuffle, tasks placed on the
// executors' cores as they free up. The batch is planned as a whole when it starts, so it costs one
// event however many tasks it has.
//
// A shuffle moves bytes through finite resources of each executor: a map task ends by writing its
// shuffle output to its executor's local disk; a reduce task starts by fetching its blocks, the
// remote ones through its executor's network link and the local ones from its disk. The tasks of
// one executor queue for its disk and link, so a large shuffle shows as longer tasks even when the
// CPUs are idle. Records regrouped by key (joins, patterns) land in the reduce task of their key,
// so a hot key makes one reduce task long.
import type { SparkStage } from '../../model/types';
import { SPARK } from '../costs';

export interface TaskInput {
  records: number;
  bytes: number;
  /** When this task's records have arrived from the broker (the broker's network is the queue). */
  dataReadyAt: number;
  /** A task reading a stream-stream join's other topic: it writes its bytes to that join's shuffle. */
  joinStage?: number;
}

/** What one operator did in one batch (or, summed, over the run). */
export interface StageStats {
  recordsIn: number;
  recordsOut: number;
  /** Dropped by a filter, or stream records a join found no row for. */
  filtered: number;
  /** Event time behind the watermark: dropped by an event-time window. */
  droppedLate: number;
  /** Records a window or pattern took into its state. */
  kept: number;
  /** A stream-stream join's records from the other stream (its second input). */
  otherIn: number;
  /** CPU time the operator added over all its tasks (ms of one core), spills included. */
  cpuMs: number;
  /** Bytes this operator wrote to the shuffle (0 if it does not shuffle). */
  shuffleBytes: number;
  /** Task time spent writing those bytes to the executors' disks, queueing included (ms, summed over tasks). */
  shuffleWriteMs: number;
  /** Task time the reduce tasks spent fetching them: network and local disk, queueing included. */
  shuffleFetchMs: number;
  /** State the operator holds after the batch: window contents, open pattern matches, broadcasts. */
  stateBytes: number;
  /** State that did not fit in executor memory and went to local disk this batch. */
  spilledBytes: number;
  /** The Spark stage (between shuffles) this operator runs in: its slowest and median task. */
  slowestTaskMs: number;
  medianTaskMs: number;
}

export interface WindowEmit {
  stageId: string;
  /** Batch time at which the window closed. */
  windowEndMs: number;
  /** Records inside the window (after late drops), and the distinct keys emitted for them. */
  records: number;
  keys: number;
}

export interface StageCounters {
  /** Per operator, over the whole run. */
  totals: StageStats[];
  /** Fractional records carried so counts stay exact over many batches. */
  carry: number[];
  /** Per operator: records per past batch, newest last (windows and patterns keep their span). */
  history: number[][];
  batchesRun: number;
  broadcastDone: boolean[];
}

export interface MemoryInput {
  executors: number;
  /** Unified memory of one executor: (heap - 300 MiB) * spark.memory.fraction. */
  unifiedBytes: number;
}

export interface BatchPlanInput {
  start: number;
  batchTime: number;
  batchIntervalMs: number;
  tasks: TaskInput[];
  stages: SparkStage[];
  slots: number;
  /** spark.executor.cores: slot s runs on executor floor(s / coresPerExecutor). */
  coresPerExecutor: number;
  /** Each executor machine's disk and network card (sustained), shared by its tasks. */
  executorDiskMBps: number;
  executorNetworkMBps: number;
  parallelism: number;
  /**
   * Share of the records in each of n reduce tasks when a shuffle regroups them by the records' key
   * (hot keys make it uneven); undefined, or absent: even.
   */
  keyShares?: (n: number) => ArrayLike<number> | undefined;
  recordBytes: number;
  counters: StageCounters;
  memory: MemoryInput;
  /** Share of records whose event time is behind the watermark when they reach an event-time window. */
  lateShare: (watermarkDelayMs: number) => number;
  /** Write state and offsets to the checkpoint directory at the end of this batch. */
  checkpoint: boolean;
  /** Continuous mode: tasks are already running, so no batch, stage or task launch costs. */
  continuous?: boolean;
  /** Writes `records` to the job's sinks starting at `at`; returns when they are acknowledged. */
  writeToSinks: (at: number, records: number) => number;
  /** By stage index: what a stream-stream join's other stream brought this batch (read by extra tasks). */
  otherStreams?: ReadonlyMap<number, { records: number; bytes: number }>;
}

export interface BatchPlan {
  end: number;
  outputRecords: number;
  /** Durations of the first stage's tasks, for skew: slowest against median. */
  slowestTaskMs: number;
  medianTaskMs: number;
  shuffleBytes: number;
  stages: StageStats[];
  windows: WindowEmit[];
  /** State written by this batch's checkpoint (0 when it does not checkpoint). */
  checkpointBytes: number;
  checkpointMs: number;
  /** Set when the batch cannot run: why its tasks fail (they are retried, then the job stops). */
  failure?: string;
}

export function emptyStats(): StageStats {
  return {
    recordsIn: 0,
    recordsOut: 0,
    filtered: 0,
    droppedLate: 0,
    kept: 0,
    otherIn: 0,
    cpuMs: 0,
    shuffleBytes: 0,
    shuffleWriteMs: 0,
    shuffleFetchMs: 0,
    stateBytes: 0,
    spilledBytes: 0,
    slowestTaskMs: 0,
    medianTaskMs: 0,
  };
}

export function newStageCounters(stages: number): StageCounters {
  return {
    totals: Array.from({ length: stages }, emptyStats),
    carry: new Array<number>(stages).fill(0),
    history: Array.from({ length: stages }, () => []),
    batchesRun: 0,
    broadcastDone: new Array<boolean>(stages).fill(false),
  };
}

/** Adds a completed batch's operator stats to the run's totals (state and task times: the latest). */
export function addToTotals(totals: StageStats[], batch: readonly StageStats[]): void {
  batch.forEach((s, i) => {
    const t = totals[i]!;
    t.recordsIn += s.recordsIn;
    t.recordsOut += s.recordsOut;
    t.filtered += s.filtered;
    t.droppedLate += s.droppedLate;
    t.kept += s.kept;
    t.otherIn += s.otherIn;
    t.cpuMs += s.cpuMs;
    t.shuffleBytes += s.shuffleBytes;
    t.shuffleWriteMs += s.shuffleWriteMs;
    t.shuffleFetchMs += s.shuffleFetchMs;
    t.spilledBytes += s.spilledBytes;
    t.stateBytes = s.stateBytes;
    t.slowestTaskMs = s.slowestTaskMs;
    t.medianTaskMs = s.medianTaskMs;
  });
}

/** Expected number of distinct keys among n records drawn uniformly from k keys. */
export function expectedDistinct(n: number, k: number): number {
  if (n <= 0) return 0;
  return k * -Math.expm1(n * Math.log1p(-1 / k)) || Math.min(n, 1);
}

function isShuffle(stage: SparkStage): boolean {
  return stage.kind === 'aggregate' || stage.kind === 'window' || regroupsByKey(stage);
}

/**
 * Shuffles that move every record whole to the reduce task of its key, where the operator's work is
 * done (a shuffled join, a stream-stream join, a pattern). Aggregates and windows combine on the
 * map side instead: one partial per key and task crosses the shuffle, so a hot key does not weigh
 * on one reduce task.
 */
function regroupsByKey(stage: SparkStage): boolean {
  return (
    stage.kind === 'cep' ||
    stage.kind === 'streamJoin' ||
    (stage.kind === 'join' && stage.strategy === 'shuffle')
  );
}

/** The latest of `times` and `floor` (a loop: task counts can exceed what spreading into Math.max allows). */
function latest(times: readonly number[], floor: number): number {
  let t = floor;
  for (const x of times) if (x > t) t = x;
  return t;
}

const MB = 1e6;

/** The tasks of the Spark stage being built, one entry per task. */
interface StageTasks {
  /** Compute time once the task has its input (ms). */
  cost: number[];
  /** Records the task carries through the stage's operators. */
  records: number[];
  /** Not before: its Kafka data has arrived, or the previous stage has ended. */
  earliest: number[];
  /** Shuffle bytes to fetch before computing, and to write after (with the operator writing them). */
  fetch: number[];
  /** Bytes read from Kafka, which reach the executor through its link like remote shuffle blocks. */
  fromKafka: number[];
  write: number[];
  writer: number[];
}

function emptyTasks(): StageTasks {
  return { cost: [], records: [], earliest: [], fetch: [], fromKafka: [], write: [], writer: [] };
}

/** What the executors' disks and links are doing during the batch. */
interface Executors {
  cores: number;
  count: number;
  diskFree: number[];
  linkFree: number[];
  diskMsPerByte: number;
  linkMsPerByte: number;
}

interface PlacedTasks {
  finish: number[];
  /** Time each task held its slot: fetch, compute and write. */
  durations: number[];
  fetchMs: number[];
  writeMs: number[];
}

/** Queues `bytes` on one executor's disk or link (first come, first served); returns when done. */
function queueOn(free: number[], e: number, at: number, bytes: number, msPerByte: number): number {
  if (bytes <= 0) return at;
  const end = Math.max(at, free[e]!) + bytes * msPerByte;
  free[e] = end;
  return end;
}

/**
 * Places tasks on slots as they free up. A task fetches its shuffle input first (remote blocks
 * through its executor's link, local ones from its disk, both queued with the executor's other
 * tasks), computes, then writes its shuffle output to the disk; it holds its slot throughout. A
 * first-stage task's Kafka records cross the broker's link and then the executor's as one stream:
 * they are in hand when both have carried them (dataReadyAt covers the broker's side).
 */
function runTasks(slotFree: number[], ex: Executors, tasks: StageTasks): PlacedTasks {
  const placed: PlacedTasks = { finish: [], durations: [], fetchMs: [], writeMs: [] };
  for (let t = 0; t < tasks.cost.length; t++) {
    let best = 0;
    for (let s = 1; s < slotFree.length; s++) if (slotFree[s]! < slotFree[best]!) best = s;
    const e = Math.min(ex.count - 1, Math.floor(best / ex.cores));
    const slotStart = slotFree[best]!;
    const begin = Math.max(slotStart, tasks.earliest[t]!);
    const kafka = queueOn(ex.linkFree, e, slotStart, tasks.fromKafka[t]!, ex.linkMsPerByte);
    const fetch = tasks.fetch[t]!;
    const remote = ex.count > 1 ? (fetch * (ex.count - 1)) / ex.count : 0;
    const ready = Math.max(
      kafka,
      queueOn(ex.linkFree, e, begin, remote, ex.linkMsPerByte),
      queueOn(ex.diskFree, e, begin, fetch - remote, ex.diskMsPerByte),
    );
    const computed = ready + tasks.cost[t]!;
    const end = queueOn(ex.diskFree, e, computed, tasks.write[t]!, ex.diskMsPerByte);
    slotFree[best] = end;
    placed.finish.push(end);
    placed.durations.push(end - begin);
    placed.fetchMs.push(ready - begin);
    placed.writeMs.push(end - computed);
  }
  return placed;
}

/** Rounds a stage's output with a carried remainder, so totals over many batches stay exact. */
function roundWithCarry(counters: StageCounters, i: number, value: number): number {
  const withCarry = value + counters.carry[i]!;
  const whole = Math.floor(withCarry + 1e-9);
  counters.carry[i] = withCarry - whole;
  return whole;
}

/** Keeps the last `span` batches of an operator's history, with this batch's count appended. */
function remember(history: number[], value: number, span: number): void {
  history.push(value);
  while (history.length > Math.max(1, span)) history.shift();
}

export function planBatch(input: BatchPlanInput): BatchPlan {
  const { stages, counters, memory } = input;
  const batchOverheadMs = input.continuous ? 0 : SPARK.batchOverheadMs;
  const taskOverheadMs = input.continuous ? 0 : SPARK.taskOverheadMs;
  const slotFree = new Array<number>(input.slots).fill(input.start + batchOverheadMs);
  const cores = Math.max(1, input.coresPerExecutor);
  const executorCount = Math.max(1, Math.ceil(input.slots / cores));
  const executors: Executors = {
    cores,
    count: executorCount,
    diskFree: new Array<number>(executorCount).fill(input.start),
    linkFree: new Array<number>(executorCount).fill(input.start),
    diskMsPerByte: 1000 / (input.executorDiskMBps * MB),
    linkMsPerByte: 1000 / (input.executorNetworkMBps * MB),
  };
  const totalIn = input.tasks.reduce((a, t) => a + t.records, 0);
  const execReadMsPerByte = 1000 / (SPARK.executorReadMBps * MB);
  const serdeMsPerByte = SPARK.shuffleSerdeMsPerMB / MB;
  const stats = stages.map(emptyStats);
  const windows: WindowEmit[] = [];
  let failure: string | undefined;

  // The first Spark stage: a task per Kafka partition (and per partition of a join's other topic,
  // which writes what it read to that join's shuffle).
  let tasks: StageTasks = {
    cost: input.tasks.map((t) => taskOverheadMs + t.bytes * execReadMsPerByte),
    records: input.tasks.map((t) => t.records),
    earliest: input.tasks.map((t) => t.dataReadyAt),
    fetch: input.tasks.map(() => 0),
    fromKafka: input.tasks.map((t) => t.bytes),
    write: input.tasks.map((t) => (t.joinStage !== undefined ? t.bytes : 0)),
    writer: input.tasks.map((t) => t.joinStage ?? -1),
  };
  input.tasks.forEach((t, k) => {
    if (t.joinStage === undefined) return;
    tasks.cost[k]! += t.bytes * serdeMsPerByte;
    stats[t.joinStage]!.cpuMs += t.bytes * serdeMsPerByte;
  });
  let batchRecords = totalIn;
  let shuffleBytes = 0;
  let firstStageDurations: number[] | undefined;
  let finish: number[] = [];
  let outputRecords = 0;
  /** Operators in the Spark stage being built, to stamp its slowest and median task on them. */
  let open: number[] = [];
  /** The operator whose shuffle the current Spark stage reads (-1 in the first stage). */
  let reading = -1;

  const closeStage = (): void => {
    const placed = runTasks(slotFree, executors, tasks);
    finish = placed.finish;
    if (!firstStageDurations) firstStageDurations = placed.durations;
    placed.writeMs.forEach((ms, t) => {
      const w = tasks.writer[t]!;
      if (w >= 0 && ms > 0) stats[w]!.shuffleWriteMs += ms;
    });
    if (reading >= 0) for (const ms of placed.fetchMs) stats[reading]!.shuffleFetchMs += ms;
    const sorted = placed.durations.slice().sort((a, b) => a - b);
    for (const i of open) {
      stats[i]!.slowestTaskMs = sorted[sorted.length - 1] ?? 0;
      stats[i]!.medianTaskMs = sorted[Math.floor(sorted.length / 2)] ?? 0;
    }
    open = [];
  };
  /** Adds `ms` of work spread evenly over the current tasks, booked to operator i. */
  const spread = (i: number, ms: number): void => {
    const n = tasks.cost.length;
    if (ms <= 0 || n === 0) return;
    for (let t = 0; t < n; t++) tasks.cost[t]! += ms / n;
    stats[i]!.cpuMs += ms;
  };
  /** A table or model every executor must hold: shipped to each, and it must fit in memory. */
  const broadcast = (i: number, bytes: number, what: string): void => {
    if (bytes > memory.unifiedBytes)
      failure ??= `${what} (${(bytes / MB).toFixed(0)} MB) does not fit in an executor's ${(
        memory.unifiedBytes / MB
      ).toFixed(0)} MB of unified memory: tasks fail with OutOfMemoryError`;
    const ms = bytes * execReadMsPerByte;
    for (let s = 0; s < slotFree.length; s++) slotFree[s]! += ms;
  };

  stages.forEach((stage, i) => {
    const st = stats[i]!;
    let into = batchRecords;
    open.push(i);
    // Event-time windows drop records behind the watermark before anything else.
    if (stage.kind === 'window' && stage.watermarkDelayMs !== undefined && into > 0) {
      const late = Math.min(
        into,
        roundWithCarry(counters, i, into * input.lateShare(stage.watermarkDelayMs)),
      );
      st.droppedLate = late;
      if (late > 0) {
        const keep = (into - late) / into;
        tasks.records = tasks.records.map((r) => r * keep);
        into -= late;
      }
    }
    st.recordsIn = batchRecords;
    const costMs = stage.costPerRecordUs / 1000;
    // Operators that regroup records by key do their work on the reduce side, after the shuffle.
    if (!regroupsByKey(stage))
      for (let t = 0; t < tasks.records.length; t++) tasks.cost[t]! += tasks.records[t]! * costMs;
    st.cpuMs += into * costMs;
    let out: number;
    switch (stage.kind) {
      case 'map':
      case 'score':
        out = into;
        if (stage.kind === 'score') {
          const every = stage.refreshEveryBatches;
          const load = !counters.broadcastDone[i] || (every > 0 && counters.batchesRun % every === 0);
          counters.broadcastDone[i] = true;
          if (load) broadcast(i, stage.modelBytes, `the model of stage "${stage.id}"`);
          st.stateBytes = stage.modelBytes;
        }
        break;
      case 'flatMap':
        out = roundWithCarry(counters, i, into * stage.fanOut);
        break;
      case 'filter':
        out = roundWithCarry(counters, i, into * stage.selectivity);
        st.filtered = into - out;
        break;
      case 'join':
        if (stage.strategy === 'broadcast') {
          // The table is shipped to the executors once and cached there.
          const bytes = stage.tableRows * stage.tableRowBytes;
          if (!counters.broadcastDone[i]) broadcast(i, bytes, `the broadcast table of stage "${stage.id}"`);
          counters.broadcastDone[i] = true;
          st.stateBytes = bytes;
        }
        out = roundWithCarry(counters, i, into * stage.matchRate);
        st.filtered = into - out;
        break;
      case 'streamJoin': {
        // Both sides are shuffled by key; each side's records wait withinMs for a partner.
        const other = input.otherStreams?.get(i) ?? { records: 0, bytes: 0 };
        st.otherIn = other.records;
        st.cpuMs += other.records * costMs;
        const spanBatches = Math.ceil(stage.withinMs / input.batchIntervalMs);
        remember(counters.history[i]!, into * input.recordBytes + other.bytes, spanBatches);
        st.stateBytes = counters.history[i]!.reduce((a, b) => a + b, 0);
        st.kept = into;
        out = roundWithCarry(counters, i, into * stage.matchRate);
        st.filtered = into - out;
        break;
      }
      case 'aggregate':
        out = Math.round(expectedDistinct(into, stage.keyCardinality));
        break;
      case 'window': {
        const history = counters.history[i]!;
        remember(history, into, stage.windowLengthMs / input.batchIntervalMs);
        st.kept = into;
        const emits = Math.round(input.batchTime) % stage.slideMs === 0;
        const inWindow = history.reduce((a, b) => a + b, 0);
        out = emits ? Math.round(expectedDistinct(inWindow, stage.keyCardinality)) : 0;
        if (emits)
          windows.push({ stageId: stage.id, windowEndMs: input.batchTime, records: inWindow, keys: out });
        // The window keeps each batch's partial aggregates: distinct keys per batch it spans.
        let keys = 0;
        for (const n of history) keys += expectedDistinct(n, stage.keyCardinality);
        st.stateBytes = keys * SPARK.aggregateRecordBytes;
        break;
      }
      case 'cep': {
        const history = counters.history[i]!;
        remember(history, into, Math.ceil(stage.withinMs / input.batchIntervalMs));
        st.kept = into;
        const keysOpen = expectedDistinct(
          history.reduce((a, b) => a + b, 0),
          stage.keyCardinality,
        );
        st.stateBytes = keysOpen * stage.stateBytesPerKey;
        out = roundWithCarry(counters, i, into * stage.matchRate);
        break;
      }
      case 'sink':
        out = into;
        break;
    }

    if (isShuffle(stage)) {
      // Map side: each task serialises what it sends (whole records, or one partial per key it
      // saw) and writes it to its executor's disk; the stage ends when the last write is done.
      const combinesTo =
        stage.kind === 'aggregate' || stage.kind === 'window' ? stage.keyCardinality : undefined;
      const regroup = combinesTo === undefined;
      const perRecord = regroup ? input.recordBytes : SPARK.aggregateRecordBytes;
      let bytes = 0;
      for (let t = 0; t < tasks.records.length; t++) {
        const records = tasks.records[t]!;
        const b = (regroup ? records : expectedDistinct(records, combinesTo)) * perRecord;
        if (b <= 0) continue;
        tasks.write[t]! += b;
        tasks.writer[t] = i;
        tasks.cost[t]! += b * serdeMsPerByte;
        bytes += b;
      }
      st.cpuMs += bytes * serdeMsPerByte;
      // The other topic of a stream-stream join was written by its own read tasks; a shuffled
      // join's table is read and shuffled alongside (its scan is not modelled).
      if (stage.kind === 'streamJoin') bytes += input.otherStreams?.get(i)?.bytes ?? 0;
      if (stage.kind === 'join') bytes += stage.tableRows * stage.tableRowBytes;
      shuffleBytes += bytes;
      st.shuffleBytes = bytes;
      closeStage();
      const stageEnd = latest(finish, input.start);
      // Reduce side: n tasks, each fetching its blocks. Regrouped records follow their keys.
      const n = input.parallelism;
      const keyed = regroup ? input.keyShares?.(n) : undefined;
      const share = (r: number): number => (keyed && keyed.length === n ? keyed[r]! : 1 / n);
      const otherRecords = stage.kind === 'streamJoin' ? st.otherIn : 0;
      tasks = emptyTasks();
      for (let r = 0; r < n; r++) {
        const w = share(r);
        tasks.records.push(out * w);
        tasks.fetch.push(bytes * w);
        tasks.fromKafka.push(0);
        tasks.write.push(0);
        tasks.writer.push(-1);
        tasks.earliest.push(stageEnd + SPARK.stageOverheadMs);
        const work = regroup ? (into + otherRecords) * w * costMs : 0;
        tasks.cost.push(SPARK.taskOverheadMs + bytes * w * serdeMsPerByte + work);
      }
      st.cpuMs += bytes * serdeMsPerByte;
      reading = i;
      open.push(i);
    }
    // State beyond an executor's share of unified memory spills: written and read back each batch.
    if (st.stateBytes > 0 && stage.kind !== 'join' && stage.kind !== 'score') {
      const perExecutor = st.stateBytes / memory.executors;
      const spilled = Math.max(0, perExecutor - memory.unifiedBytes) * memory.executors;
      st.spilledBytes = spilled;
      spread(i, (2 * spilled * 1000) / (SPARK.spillMBps * MB) / Math.max(1, memory.executors));
    }
    if (stage.kind === 'sink') {
      // Each task writes its share once its computation is done; the sink's capacity is the queue.
      const records = tasks.records;
      closeStage();
      finish = finish.map((f, t) => input.writeToSinks(f, records[t]!));
      tasks = emptyTasks();
      reading = -1;
    } else if (!isShuffle(stage)) {
      const ratio = into > 0 ? out / into : 0;
      tasks.records = tasks.records.map((r) => r * ratio);
    }
    st.recordsOut = out;
    batchRecords = out;
    outputRecords = out;
  });
  if (tasks.cost.length > 0) closeStage();
  if (stages.length === 0) outputRecords = totalIn;
  counters.batchesRun++;

  let end = latest(finish, input.start + batchOverheadMs);
  // Checkpoint: the job's state (not broadcasts, which can be re-read) goes to reliable storage.
  let checkpointBytes = 0;
  let checkpointMs = 0;
  if (input.checkpoint) {
    stages.forEach((s, i) => {
      if (s.kind === 'window' || s.kind === 'cep' || s.kind === 'streamJoin')
        checkpointBytes += stats[i]!.stateBytes;
    });
    checkpointMs = SPARK.checkpointOverheadMs + (checkpointBytes * 1000) / (SPARK.checkpointWriteMBps * MB);
    // Continuous mode commits epochs in the background: the tasks keep running.
    if (!input.continuous) end += checkpointMs;
  }

  const durations = (firstStageDurations ?? []).slice().sort((a, b) => a - b);
  return {
    end,
    outputRecords,
    slowestTaskMs: durations[durations.length - 1] ?? 0,
    medianTaskMs: durations[Math.floor(durations.length / 2)] ?? 0,
    shuffleBytes,
    stages: stats,
    windows,
    checkpointBytes,
    checkpointMs,
    ...(failure !== undefined && { failure }),
  };
}
