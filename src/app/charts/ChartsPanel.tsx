// Charts of the whole run: throughput, end-to-end latency, lag, broker load, Spark's batch times and compacted topics,
// over a span of simulated time that all of them share (the whole run unless zoomed), with the
// document's faults marked and a crosshair that shows the same second on every chart. Each card
// redraws on its own schedule (useChartView), so a fast run never makes one long task of them all.
import { Fragment, useMemo, useState } from 'react';
import { hardwareObjectStorage, sparkRateWindowSec, usesKafka } from '../../model';
import { formatClock } from '../run/format';
import { useRunStore } from '../run/runStore';
import { SparkUi } from '../spark/SparkUi';
import { useDocumentStore } from '../store/documentStore';
import {
  RESOURCES,
  brokerPoints,
  consumedKey,
  mirroredKey,
  throughputNote,
  lagPoints,
  localKey,
  remoteKey,
  ALL_READERS,
  defaultLatencyView,
  EACH_READER,
  eachReaderLatencyPoints,
  latencyPoints,
  latencyReaders,
  readerLatencyKey,
  positionKey,
  rolesOf,
  sparkPoints,
  throughputPoints,
  tieredPoints,
  type SeriesRoles,
} from './derive';
import { ChartCard, ViewChart } from './ChartCard';
import { CompactionCard } from './CompactionCard';
import { LATENCY_LINES } from './latencyLines';
import { compactionRolesOf } from './compactionDerive';
import { useMarksFor } from './measuredMarks';
import { CHART_COLORS, type LineSpec } from './TimeChart';
import { LAST_SEC, rangeOf, timeRangeActions, useTimeRange } from './timeRange';
import type { ChartView } from './useChartView';
import './charts.css';

const RESOURCE_NAMES: Record<(typeof RESOURCES)[number], string> = {
  cpu: 'CPU',
  networkIn: 'Network in',
  networkOut: 'Network out',
  disk: 'Disk',
};

export function ChartsPanel() {
  const columns = useRunStore((s) => s.columns);
  const hasRows = useRunStore((s) => s.rows.length > 0);
  const blocked = useRunStore((s) => s.problems.length > 0);
  const started = useRunStore((s) => s.status !== 'idle' || s.simMs > 0);
  const roles = useMemo(() => rolesOf(columns), [columns]);

  if (columns.length === 0) return <EmptyCharts blocked={blocked} started={started} />;
  // The cards are laid out as soon as the run is loaded, empty, so pressing Play only fills them:
  // mounting the whole grid in the run's first frames made one long task.
  // The note floats over the empty grid, so taking it away when the first rows come moves nothing.
  return (
    <div className="charts-layer">
      {!hasRows && <EmptyCharts blocked={blocked} started={started} overlay />}
      <ChartsGrid roles={roles} />
    </div>
  );
}

function ChartsGrid({ roles }: { roles: SeriesRoles }) {
  const columns = useRunStore((s) => s.columns);
  const compaction = useMemo(() => compactionRolesOf(columns), [columns]);
  // Receiver sources without a topic never use the brokers the schema asks for.
  const kafka = useDocumentStore((s) => usesKafka(s.doc));
  return (
    <div className="charts-grid" data-testid="charts">
      <RangeBar />
      <ThroughputCard roles={roles} />
      <LatencyCard roles={roles} />
      {roles.groups.length + roles.jobs.length > 0 && <LagCard roles={roles} />}
      {roles.brokers.length > 0 && kafka && <BrokerCard roles={roles} />}
      {roles.tiered.length > 0 && <TieredStorageCard roles={roles} />}
      {compaction.topics.length > 0 && <CompactionCard roles={compaction} />}
      {roles.jobs.map((id) => (
        <Fragment key={id}>
          <SparkCard jobId={id} roles={roles} />
          <SparkUi jobId={id} />
        </Fragment>
      ))}
    </div>
  );
}

function EmptyCharts({
  blocked,
  started,
  overlay,
}: {
  blocked: boolean;
  started: boolean;
  overlay?: boolean;
}) {
  const className = overlay ? 'charts-empty is-overlay' : 'charts-empty';
  if (started)
    return (
      <div className={className} data-testid="charts-empty">
        <p>The charts start drawing after the first simulated second.</p>
      </div>
    );
  return (
    <div className={className} data-testid="charts-empty">
      <p>
        <strong>No run yet.</strong> Press <span aria-hidden="true">▶</span> Play at the top to simulate this
        pipeline. Throughput, end-to-end latency, consumer lag, broker load and Spark batch times will draw
        here, over the whole run.
      </p>
      {blocked && <p>The pipeline has a problem that stops it from running: press Play to see what it is.</p>}
    </div>
  );
}

/** Zoom and pan on time, for every chart at once. */
/** Pan a quarter of the span either way, or halve / double it about its middle. */
const RANGE_BUTTONS = [
  { text: '◀', label: 'Earlier', testId: 'range-earlier', act: () => timeRangeActions.pan(-0.25) },
  { text: '+', label: 'Zoom in', testId: 'range-zoom-in', act: () => timeRangeActions.zoom(0.5) },
  { text: '−', label: 'Zoom out', testId: 'range-zoom-out', act: () => timeRangeActions.zoom(2) },
  { text: '▶', label: 'Later', testId: 'range-later', act: () => timeRangeActions.pan(0.25) },
];

function RangeBar() {
  const mode = useTimeRange((s) => s.mode);
  const simMs = useRunStore((s) => Math.floor(s.simMs / 1000) * 1000);
  const [from, to] = rangeOf(mode, simMs / 1000);
  return (
    <div
      className="chart-range"
      role="toolbar"
      aria-label="Time range of the charts"
      data-testid="chart-range"
    >
      <span className="chart-range-text" data-testid="chart-range-text">
        {formatClock(from * 1000)} – {formatClock(to * 1000)}
      </span>
      <span className="chart-toggle" role="group" aria-label="Follow">
        <button
          type="button"
          aria-pressed={mode.kind === 'whole'}
          onClick={timeRangeActions.wholeRun}
          data-testid="range-whole"
        >
          Whole run
        </button>
        <button
          type="button"
          aria-pressed={mode.kind === 'last'}
          onClick={timeRangeActions.lastMinute}
          data-testid="range-last"
        >
          Last {LAST_SEC} s
        </button>
      </span>
      <span className="chart-range-buttons">
        {RANGE_BUTTONS.map((b) => (
          <button key={b.testId} type="button" onClick={b.act} aria-label={b.label} data-testid={b.testId}>
            {b.text}
          </button>
        ))}
      </span>
      <span className="chart-range-hint">drag across a chart to zoom; Ctrl+wheel too</span>
    </div>
  );
}

const PRODUCED_LINE: LineSpec = { key: 'produced', name: 'Produced', color: CHART_COLORS[0]! };
const ACKNOWLEDGED_LINE: LineSpec = { key: 'acknowledged', name: 'Acknowledged', color: CHART_COLORS[2]! };
/** A receiver source's records taken by its receivers: no broker acknowledges them. */
const RECEIVED_LINE: LineSpec = { key: 'received', name: 'Received by receivers', color: CHART_COLORS[5]! };

/**
 * Produced always; Acknowledged when there is a producer (brokers acknowledge its records);
 * Received when there is a receiver source. A pipeline of receivers alone has no Acknowledged line:
 * a flat 0 there would say its records were refused.
 */
function sourceLines(roles: SeriesRoles): LineSpec[] {
  return [
    PRODUCED_LINE,
    ...(roles.producers.length > 0 || roles.receiverSources.length === 0 ? [ACKNOWLEDGED_LINE] : []),
    ...(roles.receiverSources.length > 0 ? [RECEIVED_LINE] : []),
  ];
}

/** Colours for readers' lines: the palette without Produced's and Acknowledged's (and Received's, when drawn). */
const READER_COLORS = CHART_COLORS.filter((_, i) => i !== 0 && i !== 2);
const READER_COLORS_WITH_RECEIVED = READER_COLORS.filter((c) => c !== RECEIVED_LINE.color);

/** A job's rate window from the document (1 s while the job is not in it: a stale column). */
function useRateWindowSec(jobId: string): number {
  return useDocumentStore((s) => {
    const job = s.doc.sparkJobs.find((j) => j.id === jobId);
    return job ? sparkRateWindowSec(job) : 1;
  });
}

/** Consumed per reader, dashed; a Spark job's line says the window its rate is a mean over. */
function useConsumedLines(roles: SeriesRoles): LineSpec[] {
  // A string, so the selector's answer compares equal while the windows stay the same.
  const windows = useDocumentStore((s) =>
    roles.jobs
      .map((id) => {
        const job = s.doc.sparkJobs.find((j) => j.id === id);
        return job ? sparkRateWindowSec(job) : 1;
      })
      .join(','),
  );
  return useMemo(() => {
    const seconds = windows.split(',');
    const lines = [
      ...roles.groups.map((id) => ({ key: consumedKey(id), name: `Consumed by ${id}` })),
      ...roles.jobs.map((id, i) => ({
        key: consumedKey(id),
        name: `Read by ${id} (mean over ${seconds[i] ?? 1} s)`,
      })),
    ];
    const palette = roles.receiverSources.length > 0 ? READER_COLORS_WITH_RECEIVED : READER_COLORS;
    const readerLines = lines.map((line, i) => ({
      ...line,
      color: palette[i % palette.length]!,
      dashed: true,
    }));
    // A mirror's copies are in Produced and Acknowledged; their own line shows how much of those.
    const copies = roles.mirrors.map((id, i) => ({
      key: mirroredKey(id),
      name: `Copied by ${id} (in Acknowledged)`,
      color: palette[(lines.length + i) % palette.length]!,
      dashed: true,
    }));
    return [...sourceLines(roles), ...copies, ...readerLines];
  }, [roles, windows]);
}

function ThroughputCard({ roles }: { roles: SeriesRoles }) {
  const receivers = roles.receiverSources.length > 0;
  const note = receivers
    ? `records per simulated second: Produced counts ${roles.producers.length > 0 ? 'producers and ' : ''}arrivals at receiver sources; Received, what the receivers took (no broker acknowledges those: the totals count them acknowledged once a batch has processed them); each reader on its own line`
    : throughputNote(roles);
  return (
    <ChartCard testId="chart-throughput" title="Throughput" note={note}>
      {(view) => <ThroughputChart view={view} roles={roles} />}
    </ChartCard>
  );
}

function ThroughputChart({ view, roles }: { view: ChartView; roles: SeriesRoles }) {
  const derive = useMemo(() => (rows: number[][]) => throughputPoints(rows, roles), [roles]);
  const lines = useConsumedLines(roles);
  const measured = useMarksFor('throughput');
  return <ViewChart view={view} derive={derive} lines={lines} unit="records/s" measured={measured} />;
}

function LatencyCard({ roles }: { roles: SeriesRoles }) {
  // With a few readers, each has percentiles of its own: one may be replaying while another reads
  // live, and the merged lines would blame both.
  const readers = useMemo(() => latencyReaders([...roles.index.keys()]), [roles]);
  // The array is the document's own: it changes only when the document does.
  const jobs = useDocumentStore((s) => s.doc.sparkJobs);
  const opening = useMemo(() => defaultLatencyView(readers, jobs), [readers, jobs]);
  const [chosen, setChosen] = useState<string | null>(null);
  const valid = (v: string | null): v is string =>
    v === ALL_READERS || (readers.length > 0 && (v === EACH_READER || readers.includes(v ?? '')));
  const view = valid(chosen) ? chosen : opening;
  const tools = readers.length > 0 && (
    <span className="chart-toggle">
      <select
        value={view}
        onChange={(e) => setChosen(e.target.value)}
        aria-label="Latency of"
        data-testid="latency-reader"
      >
        <option value={ALL_READERS}>all readers</option>
        <option value={EACH_READER}>each reader</option>
        {readers.map((id) => (
          <option key={id} value={id}>
            {id}
          </option>
        ))}
      </select>
    </span>
  );
  let note: string;
  if (view === EACH_READER)
    note =
      'from creation to processed, each reader on its own lines (p50 thin, p99 wide); a Spark job finishes records only when a batch completes, so its lines join its batches';
  else if (view !== ALL_READERS) note = `from creation to processed by ${view}`;
  else if (readers.length === 0) note = 'from creation to processed by a consumer group or Spark batch';
  else if (opening === EACH_READER)
    note =
      'from creation to processed, all readers together per second: a second merges only the readers that finished records in it, so one without a Spark batch shows the others alone ("each reader" keeps them apart)';
  else note = 'from creation to processed by a consumer group or Spark batch (all readers together)';
  return (
    <ChartCard testId="chart-latency" title="End-to-end latency" note={note} tools={tools}>
      {(v) => <LatencyChart view={v} roles={roles} choice={view} readers={readers} />}
    </ChartCard>
  );
}

/** Each reader's p50 (thin) and p99 (wide, faded, underneath) in the reader's own colour. */
function eachReaderLines(readers: readonly string[]): LineSpec[] {
  return readers.flatMap((id, i) => {
    const color = READER_COLORS[i % READER_COLORS.length]!;
    return [
      { key: readerLatencyKey(id, 'p50'), name: `${id} p50`, color, width: 1.4, layer: 2 },
      { key: readerLatencyKey(id, 'p99'), name: `${id} p99`, color, width: 4.5, opacity: 0.5, layer: 0 },
    ];
  });
}

function LatencyChart({
  view,
  roles,
  choice,
  readers,
}: {
  view: ChartView;
  roles: SeriesRoles;
  choice: string;
  readers: readonly string[];
}) {
  const each = choice === EACH_READER;
  const derive = useMemo(
    () => (rows: number[][]) =>
      each
        ? eachReaderLatencyPoints(rows, roles, readers)
        : latencyPoints(rows, roles, choice === ALL_READERS ? undefined : choice),
    [roles, readers, choice, each],
  );
  const lines = useMemo(() => (each ? eachReaderLines(readers) : LATENCY_LINES), [each, readers]);
  return <ViewChart view={view} derive={derive} lines={lines} unit="ms" />;
}

function LagCard({ roles }: { roles: SeriesRoles }) {
  const [inSeconds, setInSeconds] = useState(false);
  const tools = (
    <span className="chart-toggle" role="group" aria-label="Lag unit">
      <button
        type="button"
        aria-pressed={!inSeconds}
        onClick={() => setInSeconds(false)}
        data-testid="lag-records"
      >
        records
      </button>
      <button
        type="button"
        aria-pressed={inSeconds}
        onClick={() => setInSeconds(true)}
        data-testid="lag-seconds"
      >
        seconds
      </button>
    </span>
  );
  return (
    <ChartCard
      testId="chart-lag"
      title="Lag"
      note={
        inSeconds
          ? 'age of the oldest record not yet read (Spark: not yet processed): now − its creation time'
          : 'solid: committed (Spark: not yet processed); dashed: from the position (Spark: not yet in a batch)'
      }
      tools={tools}
    >
      {(view) => <LagChart view={view} roles={roles} inSeconds={inSeconds} />}
    </ChartCard>
  );
}

function LagChart({ view, roles, inSeconds }: { view: ChartView; roles: SeriesRoles; inSeconds: boolean }) {
  const derive = useMemo(
    () => (rows: number[][]) => (inSeconds ? lagPoints(rows, roles).seconds : lagPoints(rows, roles).records),
    [roles, inSeconds],
  );
  const lines = useMemo(() => {
    const groups = new Set(roles.groups);
    return [...roles.groups, ...roles.jobs].flatMap((id, i) => {
      const color = CHART_COLORS[i % CHART_COLORS.length]!;
      if (inSeconds) return [{ key: id, name: id, color }];
      const group = groups.has(id);
      return [
        { key: id, name: `${id} · ${group ? 'committed' : 'unprocessed'}`, color },
        {
          key: positionKey(id),
          name: `${id} · ${group ? 'position' : 'not in a batch'}`,
          color,
          dashed: true,
        },
      ];
    });
  }, [roles, inSeconds]);
  // A described group's lag is in records: the seconds view has nothing measured to draw.
  const measured = useMarksFor('lag');
  return (
    <ViewChart
      view={view}
      derive={derive}
      lines={lines}
      unit={inSeconds ? 's' : 'records'}
      measured={inSeconds ? undefined : measured}
    />
  );
}

const BROKER_LINES: LineSpec[] = RESOURCES.map((r, i) => ({
  key: r,
  name: RESOURCE_NAMES[r],
  color: CHART_COLORS[i]!,
}));

function BrokerCard({ roles }: { roles: SeriesRoles }) {
  const [broker, setBroker] = useState<string | null>(null);
  const chosen = broker !== null && roles.brokers.includes(broker) ? broker : null;
  const tools = (
    <label className="chart-select">
      <span className="visually-hidden">Broker</span>
      <select
        value={chosen ?? ''}
        onChange={(e) => setBroker(e.target.value || null)}
        data-testid="broker-select"
      >
        <option value="">Busiest broker</option>
        {roles.brokers.map((b) => (
          <option key={b} value={b}>
            {b}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <ChartCard
      testId="chart-brokers"
      title="Broker utilisation"
      note={
        chosen
          ? `share of time each resource of ${chosen} is busy`
          : 'per resource, the busiest broker each second'
      }
      tools={tools}
    >
      {(view) => <BrokerChart view={view} roles={roles} broker={chosen} />}
    </ChartCard>
  );
}

function BrokerChart({
  view,
  roles,
  broker,
}: {
  view: ChartView;
  roles: SeriesRoles;
  broker: string | null;
}) {
  const derive = useMemo(() => (rows: number[][]) => brokerPoints(rows, roles, broker), [roles, broker]);
  // The axis follows the busiest value shown: a broker at 3% must not sit flat on a 0-100% axis.
  return <ViewChart view={view} derive={derive} lines={BROKER_LINES} unit="%" />;
}

function TieredStorageCard({ roles }: { roles: SeriesRoles }) {
  return (
    <ChartCard
      testId="chart-tiered"
      title="Tiered storage"
      note="GB of each tiered topic on the brokers’ disks (all replicas) and in object storage; MB/s read back from the store"
    >
      {(view) => <TieredStorageCharts view={view} roles={roles} />}
    </ChartCard>
  );
}

const REMOTE_READ_LINES: LineSpec[] = [
  { key: 'remoteReadMBps', name: 'Read from the store (all brokers)', color: CHART_COLORS[3]! },
];

function TieredStorageCharts({ view, roles }: { view: ChartView; roles: SeriesRoles }) {
  const derive = useMemo(() => (rows: number[][]) => tieredPoints(rows, roles), [roles]);
  const lines = useMemo(
    () =>
      roles.tiered.flatMap((id, i) => [
        { key: localKey(id), name: `${id} on brokers`, color: CHART_COLORS[(2 * i) % CHART_COLORS.length]! },
        {
          key: remoteKey(id),
          name: `${id} in the store`,
          color: CHART_COLORS[(2 * i + 1) % CHART_COLORS.length]!,
          dashed: true,
        },
      ]),
    [roles],
  );
  const price = useDocumentStore((s) => {
    const first = s.doc.cluster.brokers[0];
    return first ? hardwareObjectStorage(first.hardware).pricePerGBMonth : 0;
  });
  const last = view.rows.length ? derive([view.rows[view.rows.length - 1]!])[0] : undefined;
  const remoteGB = roles.tiered.reduce((a, id) => a + Number(last?.[remoteKey(id)] ?? 0), 0);
  const localGB = roles.tiered.reduce((a, id) => a + Number(last?.[localKey(id)] ?? 0), 0);
  return (
    <>
      <ViewChart view={view} derive={derive} lines={lines} unit="GB" />
      <ViewChart view={view} derive={derive} lines={REMOTE_READ_LINES} unit="MB/s" />
      <p className="chart-note" data-testid="tiered-cost">
        Now: {formatGB(localGB)} on the brokers’ disks, {formatGB(remoteGB)} in object storage, costing $
        {(remoteGB * price).toFixed(2)} a month at ${price}/GB-month.
      </p>
    </>
  );
}

function formatGB(gb: number): string {
  return gb >= 10
    ? `${gb.toFixed(1)} GB`
    : gb >= 0.1
      ? `${gb.toFixed(2)} GB`
      : `${(gb * 1000).toFixed(1)} MB`;
}

/** The input rate, named with its window; with backpressure on, the PID estimator's limit too. */
function sparkInputLines(windowSec: number, backpressure: boolean): LineSpec[] {
  const input = {
    key: 'inputRate',
    name: `Input rate (mean over the last ${windowSec} s)`,
    color: CHART_COLORS[0]!,
  };
  if (!backpressure) return [input];
  return [
    input,
    { key: 'estimatedRate', name: 'Estimated rate (backpressure)', color: CHART_COLORS[6]!, dashed: true },
  ];
}
const SPARK_TIMES: LineSpec[] = [
  { key: 'schedulingDelay', name: 'Scheduling delay', color: CHART_COLORS[4]! },
  { key: 'processingTime', name: 'Processing time', color: CHART_COLORS[2]! },
  { key: 'totalDelay', name: 'Total delay', color: CHART_COLORS[3]!, dashed: true },
];

function SparkCard({ jobId, roles }: { jobId: string; roles: SeriesRoles }) {
  return (
    <ChartCard
      testId={`chart-spark-${jobId}`}
      title={`Spark job ${jobId}`}
      note="batch times per completed batch, as in the Spark UI; processing above the batch interval means batches queue"
      wide
    >
      {(view) => <SparkCharts view={view} roles={roles} jobId={jobId} />}
    </ChartCard>
  );
}

function SparkCharts({ view, roles, jobId }: { view: ChartView; roles: SeriesRoles; jobId: string }) {
  const intervalMs = useDocumentStore(
    (s) => s.doc.sparkJobs.find((j) => j.id === jobId)?.batchIntervalMs ?? 1000,
  );
  const backpressure = useDocumentStore(
    (s) =>
      s.doc.sparkJobs.find((j) => j.id === jobId)?.config['spark.streaming.backpressure.enabled'] ?? false,
  );
  const windowSec = useRateWindowSec(jobId);
  const derive = useMemo(() => (rows: number[][]) => sparkPoints(rows, roles, jobId), [roles, jobId]);
  const inputLines = useMemo(() => sparkInputLines(windowSec, backpressure), [windowSec, backpressure]);
  const reference = useMemo(() => ({ y: intervalMs, label: 'batch interval' }), [intervalMs]);
  const measuredInput = useMarksFor(`sparkInput:${jobId}`);
  const measuredTimes = useMarksFor(`sparkTimes:${jobId}`);
  return (
    <div className="chart-pair">
      <ViewChart view={view} derive={derive} lines={inputLines} unit="records/s" measured={measuredInput} />
      <ViewChart
        view={view}
        derive={derive}
        lines={SPARK_TIMES}
        unit="ms"
        reference={reference}
        measured={measuredTimes}
      />
    </div>
  );
}
