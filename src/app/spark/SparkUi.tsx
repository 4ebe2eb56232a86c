// Spark's streaming UI for one job: its state, the recent batches (records, scheduling delay,
// processing time, total delay, status) and each operator of the last batch (time, records, shuffle,
// state, spills, task skew). Fed by the live snapshot; it re-renders at most once per frame (about
// ten times a second) and only while on screen, and rows whose numbers did not change are skipped.
import { memo, useRef, type RefObject } from 'react';
import type { SparkBatchLive, SparkExecutorsLive, SparkJobLive, SparkStageLive } from '../../worker/protocol';
import { STAGE_LABELS } from '../canvas/flowView';
import { formatCount } from '../run/format';
import { useChartView } from '../charts/useChartView';
import { useRunStore } from '../run/runStore';
import { useDocumentStore } from '../store/documentStore';
import {
  SKEW_FLAG,
  batchClock,
  executorLogLine,
  formatBusy,
  formatBytes,
  formatMs,
  readStageNote,
  skewRatio,
} from './sparkFormat';
import { ReceiversPanel } from './ReceiversPanel';
import { replayLines, writtenTwiceOf } from './replayDelivery';
import './sparkUi.css';

/**
 * The job's live view, refreshed when the chart scheduler redraws this card (see useChartView): at
 * most about ten times a second, in a task of its own, and only while the card is on screen. Until
 * the first redraw there is nothing, so the tables never lay out in the same frame as the charts.
 */
function useSparkLive(ref: RefObject<Element | null>, jobId: string): SparkJobLive | undefined | null {
  const view = useChartView(ref);
  // Read at the redraw the scheduler asked for, so the tables move with the charts.
  return view === null ? null : useRunStore.getState().live?.spark?.[jobId];
}

export function SparkUi({ jobId }: { jobId: string }) {
  const ref = useRef<HTMLElement>(null);
  const live = useSparkLive(ref, jobId);
  const job = useDocumentStore((s) => s.doc.sparkJobs.find((j) => j.id === jobId));
  const intervalMs = job?.batchIntervalMs ?? 1000;
  const headingId = `spark-ui-title-${jobId}`;
  return (
    <section
      ref={ref}
      className="chart-card spark-ui"
      aria-labelledby={headingId}
      data-testid={`spark-ui-${jobId}`}
    >
      <div className="spark-ui-head">
        <h3 id={headingId} className="chart-title">
          Spark UI · {jobId}
        </h3>
        {live && (
          <span className="chart-note">
            {live.slots} task slot{live.slots === 1 ? '' : 's'} · batch interval {formatMs(intervalMs)} ·{' '}
            {live.queuedBatches} batch{live.queuedBatches === 1 ? '' : 'es'} queued or running
          </span>
        )}
      </div>
      {live === null ? (
        <div className="spark-ui-placeholder" />
      ) : !live ? (
        <p className="chart-note">The job’s batches and operators appear here once the run starts.</p>
      ) : (
        <>
          <StateBanner state={live.state} reason={live.reason} />
          <Totals totals={live.totals} />
          {live.executors && (
            <Executors
              jobId={jobId}
              executors={live.executors}
              intervalMs={intervalMs}
              nowMs={useRunStore.getState().live?.simMs ?? 0}
              receivers={live.receivers?.running}
            />
          )}
          {live.receivers && (
            <ReceiversPanel jobId={jobId} receivers={live.receivers} batchIntervalMs={intervalMs} />
          )}
          <div className="spark-ui-tables">
            <BatchTable jobId={jobId} batches={live.batches} intervalMs={intervalMs} />
            <StageTable
              jobId={jobId}
              stages={live.stages}
              limiting={live.limitingStage}
              limitReason={live.limitingReason}
              batches={live.totals.batches}
            />
          </div>
        </>
      )}
    </section>
  );
}

const StateBanner = memo(function StateBanner({
  state,
  reason,
}: {
  state: SparkJobLive['state'];
  reason: string | undefined;
}) {
  if (state === 'running') return null;
  const title = state === 'restarting' ? 'Driver restarting' : 'Job failed and stopped';
  return (
    <p className={`spark-ui-banner is-${state}`} role="status" data-testid="spark-ui-state">
      <strong>{title}</strong>
      {reason ? `: ${reason}` : ''}
    </p>
  );
});

const Totals = memo(
  function Totals({ totals }: { totals: SparkJobLive['totals'] }) {
    const items: [string, number][] = [
      ['batches', totals.batches],
      ['records in', totals.records],
      ['records out', totals.output],
    ];
    if (totals.filtered > 0) items.push(['filtered', totals.filtered]);
    if (totals.droppedLate > 0) items.push(['dropped late', totals.droppedLate]);
    if (totals.checkpoints > 0) items.push(['checkpoints', totals.checkpoints]);
    if (totals.failedBatches > 0) items.push(['failed batches', totals.failedBatches]);
    if (totals.recomputedBatches > 0) items.push(['recomputed batches', totals.recomputedBatches]);
    if (totals.replayedRecords > 0) items.push(['records replayed', totals.replayedRecords]);
    // Replayed output is made again; only some deliveries write it twice (replayDelivery.ts).
    if (totals.replayedOutput > 0) items.push(['output replayed', totals.replayedOutput]);
    const twice = writtenTwiceOf(totals);
    if (twice !== undefined && twice > 0) items.push(['written twice', twice]);
    const aborted = totals.outputDelivery?.kafkaSink?.abortedRecords ?? 0;
    if (aborted > 0) items.push(['aborted (sink transaction)', aborted]);
    const lines = replayLines(totals);
    return (
      <>
        <ul className="spark-ui-totals" aria-label="Totals over the run">
          {items.map(([name, value]) => (
            <li key={name} data-testid={`spark-total-${name.replace(/[^a-z]+/g, '-')}`} data-value={value}>
              <span className="spark-ui-total-value">{formatCount(value)}</span> {name}
            </li>
          ))}
        </ul>
        {lines.length > 0 && (
          <ul className="spark-ui-replay" aria-label="The driver failure's replay, by output">
            {lines.map((l) => (
              <li
                key={l.key}
                className={l.twice ? 'is-twice' : undefined}
                data-testid={`spark-replay-${l.key}`}
              >
                {l.text}
              </li>
            ))}
          </ul>
        )}
      </>
    );
  },
  (a, b) => shallowSame(a.totals, b.totals),
);

/**
 * The job's executors: how many run and start, what the read stage can use of them (with the
 * reason when some get no read task), the count over the run against the read stage's need, and
 * the latest allocation decisions.
 */
function Executors({
  jobId,
  executors: x,
  intervalMs,
  nowMs,
  receivers,
}: {
  jobId: string;
  executors: SparkExecutorsLive;
  intervalMs: number;
  nowMs: number;
  /** Receivers running, when the job reads a receiver source: its read tasks are blocks, and each receiver holds a core. */
  receivers: number | undefined;
}) {
  const note = receivers !== undefined ? undefined : readStageNote(x);
  const taskSlots = Math.max(0, x.running * x.cores - (receivers ?? 0));
  const d = x.dynamic;
  return (
    <div className="spark-ui-executors" data-testid={`spark-executors-${jobId}`}>
      <div className="spark-ui-executors-main">
        <p className="spark-ui-executors-counts">
          <strong data-testid="spark-executors-running">{formatCount(x.running)}</strong> executor
          {x.running === 1 ? '' : 's'} running
          {x.starting > 0 && <> · {formatCount(x.starting)} starting</>} · {formatCount(taskSlots)} task slot
          {taskSlots === 1 ? '' : 's'}
          {receivers !== undefined && <> (receivers hold {formatCount(receivers)})</>} · read stage:{' '}
          {formatCount(x.readTasks)} task
          {x.readTasks === 1 ? '' : 's'}, one per{' '}
          {receivers !== undefined ? 'received block' : 'Kafka partition'}, on{' '}
          {formatCount(Math.min(x.readTasks, taskSlots))} slot
          {Math.min(x.readTasks, taskSlots) === 1 ? '' : 's'}
        </p>
        {note && (
          <p className="spark-ui-executors-trap" role="note" data-testid="spark-executors-idle">
            {note}
          </p>
        )}
        <p className="chart-note">
          {d
            ? `Dynamic allocation: every ${d.intervalSec} s, mean processing ÷ batch interval ≥ ${d.upRatio} adds max(round(ratio), 1), ≤ ${d.downRatio} removes one; ${formatCount(d.minExecutors)}–${d.maxExecutors >= 2147483647 ? 'no maximum' : formatCount(d.maxExecutors)} executors${d.nextTickMs !== undefined ? `; next decision at ${batchClock(d.nextTickMs)}` : ''}.`
            : 'Dynamic allocation is off (spark.streaming.dynamicAllocation.enabled); executors change only by the timeline or a lost executor.'}
        </p>
        <p className="spark-ui-chart-title" id={`spark-executor-chart-${jobId}`}>
          Executors over the run <span className="spark-ui-caption-note">(running; lighter: starting)</span>
        </p>
        <ExecutorChart
          history={x.history}
          readNeed={Math.ceil(x.readTasks / x.cores)}
          nowMs={nowMs}
          describedBy={`spark-executor-chart-${jobId}`}
        />
      </div>
      <div className="spark-ui-executors-log">
        <h4>
          Executor changes
          {x.log.length > 1 && (
            <span className="spark-ui-caption-note"> ({formatCount(x.log.length)}, newest first)</span>
          )}
        </h4>
        {x.log.length === 0 ? (
          <p className="chart-note">None yet.</p>
        ) : (
          <ol data-testid={`spark-executor-log-${jobId}`}>
            {x.log
              .slice()
              .reverse()
              .map((e, i) => (
                <li
                  key={`${e.atMs}-${e.kind}-${i}`}
                  className={e.kind === 'allocation' ? `is-${e.action}` : undefined}
                >
                  <span className="spark-ui-log-time">{batchClock(e.atMs)}</span>{' '}
                  {executorLogLine(e, intervalMs)}
                </li>
              ))}
          </ol>
        )}
      </div>
    </div>
  );
}

const CHART_W = 320;
const CHART_H = 84;
const PAD = { left: 26, right: 8, top: 8, bottom: 16 };

/**
 * The executor count over the run as steps (starting ones stacked on top, lighter), with the
 * executors the read stage can keep busy (one task per partition) as a dashed line: steps above it
 * are executors with nothing to read.
 */
const ExecutorChart = memo(
  function ExecutorChart({
    history,
    readNeed,
    nowMs,
    describedBy,
  }: {
    history: SparkExecutorsLive['history'];
    readNeed: number;
    nowMs: number;
    /** The id of the title above the chart. */
    describedBy?: string;
  }) {
    if (history.length === 0) return null;
    const end = Math.max(nowMs, history[history.length - 1]!.atMs, 1000);
    const start = history[0]!.atMs;
    const top = Math.max(readNeed, ...history.map((p) => p.executors + p.starting), 1);
    const w = CHART_W - PAD.left - PAD.right;
    const h = CHART_H - PAD.top - PAD.bottom;
    const x = (t: number) => PAD.left + ((t - start) / Math.max(1, end - start)) * w;
    const y = (n: number) => PAD.top + h - (n / top) * h;
    const steps = (value: (p: SparkExecutorsLive['history'][number]) => number): string => {
      let d = '';
      history.forEach((p, i) => {
        const next = history[i + 1]?.atMs ?? end;
        d += `${i === 0 ? 'M' : 'L'}${x(p.atMs).toFixed(1)},${y(value(p)).toFixed(1)}`;
        d += `L${x(next).toFixed(1)},${y(value(p)).toFixed(1)}`;
      });
      return d;
    };
    const last = history[history.length - 1]!;
    return (
      <svg
        className="spark-ui-executor-chart"
        aria-describedby={describedBy}
        viewBox={`0 0 ${CHART_W} ${CHART_H}`}
        role="img"
        aria-label={`Executors over the run: ${last.executors} now; the read stage can use ${readNeed}`}
      >
        <line className="axis" x1={PAD.left} x2={PAD.left + w} y1={y(0)} y2={y(0)} />
        <text className="tick" x={PAD.left - 4} y={y(top) + 4} textAnchor="end">
          {top}
        </text>
        <text className="tick" x={PAD.left - 4} y={y(0) + 4} textAnchor="end">
          0
        </text>
        <text className="tick" x={PAD.left} y={CHART_H - 3}>
          {batchClock(start)}
        </text>
        <text className="tick" x={PAD.left + w} y={CHART_H - 3} textAnchor="end">
          {batchClock(end)}
        </text>
        <path className="starting" d={steps((p) => p.executors + p.starting)} />
        <path className="running" d={steps((p) => p.executors)} />
        <line className="read-need" x1={PAD.left} x2={PAD.left + w} y1={y(readNeed)} y2={y(readNeed)} />
        {/* Above its line, or below it when the line runs along the top. */}
        <text
          className="read-need-label"
          x={PAD.left + 4}
          y={y(readNeed) - 3 < PAD.top + 8 ? y(readNeed) + 11 : y(readNeed) - 3}
        >
          the read stage can use {readNeed} executor{readNeed === 1 ? '' : 's'}
        </text>
      </svg>
    );
  },
  (a, b) =>
    a.readNeed === b.readNeed &&
    a.history.length === b.history.length &&
    Math.floor(a.nowMs / 1000) === Math.floor(b.nowMs / 1000) &&
    shallowSame(a.history[a.history.length - 1] ?? {}, b.history[b.history.length - 1] ?? {}),
);

function BatchTable({
  jobId,
  batches,
  intervalMs,
}: {
  jobId: string;
  batches: SparkBatchLive[];
  intervalMs: number;
}) {
  return (
    <div className="spark-ui-scroll" role="region" aria-label={`Recent batches of ${jobId}`} tabIndex={0}>
      <table className="spark-ui-table" data-testid={`spark-batches-${jobId}`}>
        <caption>
          Recent batches, newest first
          <span className="spark-ui-caption-note">
            {' '}
            · <span className="spark-ui-key is-slow">red</span>: processing took longer than the batch
            interval · <span className="spark-ui-checkpoint">CP</span>: wrote a checkpoint
          </span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Batch time</th>
            <th scope="col">Input records</th>
            <th scope="col">Output</th>
            <th scope="col">Scheduling delay</th>
            <th scope="col">Processing time</th>
            <th scope="col">Total delay</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {batches.length === 0 ? (
            <tr>
              <td colSpan={7} className="spark-ui-empty">
                No batch has completed yet.
              </td>
            </tr>
          ) : (
            batches.map((b) => <BatchRow key={b.batchTimeMs} batch={b} intervalMs={intervalMs} />)
          )}
        </tbody>
      </table>
    </div>
  );
}

const BatchRow = memo(
  function BatchRow({ batch: b, intervalMs }: { batch: SparkBatchLive; intervalMs: number }) {
    const slow = b.processingMs > intervalMs;
    const classes = ['spark-ui-batch'];
    if (slow) classes.push('is-slow');
    if (b.status !== 'done') classes.push(`is-${b.status}`);
    return (
      <tr className={classes.join(' ')} data-testid="spark-batch-row">
        <th scope="row" data-value={b.batchTimeMs}>
          {batchClock(b.batchTimeMs)}
        </th>
        <td data-value={b.records}>
          {formatCount(b.records)}
          {b.blocks !== undefined && (
            <span className="spark-ui-subline" data-testid="spark-batch-blocks">
              {formatCount(b.blocks)} block{b.blocks === 1 ? '' : 's'} = tasks
            </span>
          )}
        </td>
        <td>{formatCount(b.outputRecords)}</td>
        <td data-value={b.schedulingDelayMs}>{formatMs(b.schedulingDelayMs)}</td>
        <td data-value={b.processingMs}>
          {formatMs(b.processingMs)}
          {slow && <span className="visually-hidden"> (over the batch interval)</span>}
          {b.outputWaitMs > 0 && (
            <span className="spark-ui-subline">incl. {formatMs(b.outputWaitMs)} Kafka acks</span>
          )}
        </td>
        <td data-value={b.totalDelayMs}>{formatMs(b.totalDelayMs)}</td>
        <td>
          <span className={`spark-ui-status is-${b.status}`}>{b.status}</span>
          {b.checkpointMs > 0 && (
            <span className="spark-ui-checkpoint" title={`checkpoint written in ${formatMs(b.checkpointMs)}`}>
              CP<span className="visually-hidden"> checkpoint, {formatMs(b.checkpointMs)}</span>
            </span>
          )}
        </td>
      </tr>
    );
  },
  (a, b) => a.intervalMs === b.intervalMs && shallowSame(a.batch, b.batch),
);

function StageTable({
  jobId,
  stages,
  limiting,
  limitReason,
  batches,
}: {
  jobId: string;
  stages: SparkStageLive[];
  limiting: string | undefined;
  limitReason: string | undefined;
  batches: number;
}) {
  return (
    <div
      className="spark-ui-scroll sl-scroll-cue"
      role="region"
      aria-label={`Operators of ${jobId}`}
      tabIndex={0}
      data-testid={`spark-stages-scroll-${jobId}`}
    >
      <table className="spark-ui-table" data-testid={`spark-stages-${jobId}`}>
        <caption>
          Operators in the last batch
          <span className="spark-ui-caption-note">
            {' '}
            · task time: slot time summed over its tasks (CPU, shuffle write and fetch) · busy: task time ÷
            (slots × batch interval)
          </span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Operator</th>
            <th scope="col">Records in →&nbsp;out</th>
            <th scope="col">Filtered / late</th>
            <th scope="col">Task time</th>
            <th scope="col">Busy</th>
            <th scope="col">Shuffle</th>
            <th scope="col">State</th>
            <th scope="col">Spilled</th>
            <th scope="col" title="the slowest task against the median task">
              Slowest / median task
            </th>
          </tr>
        </thead>
        <tbody>
          {stages.map((s, i) => (
            <StageRow
              key={s.id}
              stage={s}
              index={i}
              limiting={batches > 0 && s.id === limiting ? (limitReason ?? 'Limits this job') : undefined}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

const StageRow = memo(
  function StageRow({
    stage: s,
    index,
    limiting,
  }: {
    stage: SparkStageLive;
    index: number;
    /** Why this operator limits the job, when it does. */
    limiting: string | undefined;
  }) {
    const ratio = skewRatio(s.slowestTaskMs, s.medianTaskMs);
    const skewed = ratio !== undefined && ratio >= SKEW_FLAG;
    const label = STAGE_LABELS[s.kind as keyof typeof STAGE_LABELS] ?? s.kind;
    return (
      <tr className={limiting ? 'is-limiting' : undefined} data-testid={`spark-stage-row-${s.id}`}>
        <th scope="row">
          <span className="spark-ui-op-kind">
            {index + 1}. {label}
          </span>{' '}
          <span className="spark-ui-op-id">{s.id}</span>
          {limiting && (
            <span className="spark-ui-limiting" title={limiting}>
              limits the job
            </span>
          )}
        </th>
        <td>
          {formatCount(s.recordsIn)} → {formatCount(s.recordsOut)}
        </td>
        <td>
          {formatCount(s.filtered)} / {formatCount(s.droppedLate)}
        </td>
        <td data-value={s.taskMs} title={`CPU ${formatMs(s.cpuMs)}`}>
          {formatMs(s.taskMs)}
        </td>
        <td data-value={s.busy}>
          <span className="spark-ui-busy">
            <span className="spark-ui-busy-bar" aria-hidden="true">
              <span style={{ width: `${Math.min(100, s.busy * 100)}%` }} />
            </span>
            {formatBusy(s.busy)}
          </span>
        </td>
        <td>
          {s.shuffleBytes > 0 ? formatBytes(s.shuffleBytes) : '–'}
          {s.shuffleBytes > 0 && (
            <span className="spark-ui-subline">
              <span className="spark-ui-nowrap">write {formatMs(s.shuffleWriteMs)}</span> ·{' '}
              <span className="spark-ui-nowrap">fetch {formatMs(s.shuffleFetchMs)}</span>
            </span>
          )}
        </td>
        <td>{s.stateBytes > 0 ? formatBytes(s.stateBytes) : '–'}</td>
        <td className={s.spilledBytes > 0 ? 'is-spilled' : undefined}>
          {s.spilledBytes > 0 ? formatBytes(s.spilledBytes) : '–'}
        </td>
        <td>
          {formatMs(s.slowestTaskMs)} / {formatMs(s.medianTaskMs)}
          {ratio !== undefined && (
            <span className={`spark-ui-skew${skewed ? ' is-skewed' : ''}`}>
              {' '}
              ({Number(ratio.toFixed(1))}×{skewed ? ' skew' : ''})
            </span>
          )}
        </td>
      </tr>
    );
  },
  (a, b) => a.index === b.index && a.limiting === b.limiting && shallowSame(a.stage, b.stage),
);

function shallowSame<T extends object>(a: T, b: T): boolean {
  if (a === b) return true;
  for (const k in a) if (!Object.is(a[k], b[k])) return false;
  return true;
}
