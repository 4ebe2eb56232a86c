// Live charts of the run: throughput, end-to-end latency, lag, broker load and Spark's batch times,
// over a sliding window of simulated time. They draw from a deferred copy of the run state, so React
// renders them in interruptible slices and the page stays responsive during a fast run.
import { useDeferredValue, useMemo, useState, type ReactNode } from 'react';
import { sourcesOf } from '../../model';
import { useRunStore } from '../run/runStore';
import { useDocumentStore } from '../store/documentStore';
import {
  LAG_RATE_SEC,
  RESOURCES,
  WINDOW_SEC,
  brokerPoints,
  lagPoints,
  latencyPoints,
  rolesOf,
  sparkPoints,
  throughputPoints,
  timeDomain,
  windowRows,
  type SeriesRoles,
} from './derive';
import { CHART_COLORS, TimeChart, type LineSpec } from './TimeChart';
import './charts.css';

const RESOURCE_NAMES: Record<(typeof RESOURCES)[number], string> = {
  cpu: 'CPU',
  networkIn: 'Network in',
  networkOut: 'Network out',
  disk: 'Disk',
};

export function ChartsPanel() {
  const columns = useRunStore((s) => s.columns);
  const liveRows = useRunStore((s) => s.rows);
  const liveSimMs = useRunStore((s) => s.simMs);
  const blocked = useRunStore((s) => s.problems.length > 0);
  const rows = useDeferredValue(liveRows);
  const simMs = useDeferredValue(liveSimMs);
  const roles = useMemo(() => rolesOf(columns), [columns]);
  const domain = useMemo(() => timeDomain(simMs), [simMs]);
  const recent = useMemo(() => windowRows(rows), [rows]);

  if (rows.length === 0 || columns.length === 0) return <EmptyCharts blocked={blocked} />;
  return (
    <div className="charts-grid" data-testid="charts">
      <ThroughputCard rows={recent} roles={roles} domain={domain} />
      <LatencyCard rows={recent} roles={roles} domain={domain} />
      {roles.groups.length + roles.jobs.length > 0 && <LagCard rows={recent} roles={roles} domain={domain} />}
      {roles.brokers.length > 0 && <BrokerCard rows={recent} roles={roles} domain={domain} />}
      {roles.jobs.map((id) => (
        <SparkCard key={id} jobId={id} rows={recent} roles={roles} domain={domain} />
      ))}
    </div>
  );
}

function EmptyCharts({ blocked }: { blocked: boolean }) {
  return (
    <div className="charts-empty" data-testid="charts-empty">
      <p>
        <strong>No run yet.</strong> Press <span aria-hidden="true">▶</span> Play at the top to simulate this
        pipeline. Throughput, end-to-end latency, consumer lag, broker load and Spark batch times will draw
        here, over the last {WINDOW_SEC} simulated seconds.
      </p>
      {blocked && <p>The pipeline has a problem that stops it from running: press Play to see what it is.</p>}
    </div>
  );
}

interface CardProps {
  rows: number[][];
  roles: SeriesRoles;
  domain: [number, number];
}

function ChartCard(props: {
  testId: string;
  title: string;
  note: string;
  wide?: boolean;
  tools?: ReactNode;
  children: ReactNode;
}) {
  return (
    <figure className={`chart-card${props.wide ? ' chart-card-wide' : ''}`} data-testid={props.testId}>
      <figcaption>
        <span className="chart-title">{props.title}</span>
        <span className="chart-note">{props.note}</span>
        {props.tools && <span className="chart-tools">{props.tools}</span>}
      </figcaption>
      {props.children}
    </figure>
  );
}

const THROUGHPUT_LINES: LineSpec[] = [
  { key: 'produced', name: 'Produced', color: CHART_COLORS[0]! },
  { key: 'acknowledged', name: 'Acknowledged', color: CHART_COLORS[2]! },
  { key: 'consumed', name: 'Consumed', color: CHART_COLORS[1]!, dashed: true },
];

function ThroughputCard({ rows, roles, domain }: CardProps) {
  const points = useMemo(() => throughputPoints(rows, roles), [rows, roles]);
  return (
    <ChartCard
      testId="chart-throughput"
      title="Throughput"
      note="records per simulated second, all nodes summed"
    >
      <TimeChart points={points} lines={THROUGHPUT_LINES} domain={domain} unit="records/s" />
    </ChartCard>
  );
}

const LATENCY_LINES: LineSpec[] = [
  { key: 'p50', name: 'p50', color: CHART_COLORS[2]! },
  { key: 'p95', name: 'p95', color: CHART_COLORS[6]! },
  { key: 'p99', name: 'p99', color: CHART_COLORS[4]! },
];

function LatencyCard({ rows, roles, domain }: CardProps) {
  const points = useMemo(() => latencyPoints(rows, roles), [rows, roles]);
  return (
    <ChartCard
      testId="chart-latency"
      title="End-to-end latency"
      note="from creation to processed by a consumer group or Spark batch"
    >
      <TimeChart points={points} lines={LATENCY_LINES} domain={domain} unit="ms" />
    </ChartCard>
  );
}

function LagCard({ rows, roles, domain }: CardProps) {
  const [inSeconds, setInSeconds] = useState(false);
  const doc = useDocumentStore((s) => s.doc);
  const points = useMemo(() => lagPoints(rows, roles, (id) => sourcesOf(doc, id)[0]), [rows, roles, doc]);
  const lines = useMemo(
    () =>
      [...roles.groups, ...roles.jobs].map((id, i) => ({
        key: id,
        name: id,
        color: CHART_COLORS[i % CHART_COLORS.length]!,
      })),
    [roles],
  );
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
          ? `estimated: lag ÷ the topic's mean write rate over the last ${LAG_RATE_SEC} s`
          : 'records in Kafka not yet processed, per consumer group and Spark job'
      }
      tools={tools}
    >
      <TimeChart
        points={inSeconds ? points.seconds : points.records}
        lines={lines}
        domain={domain}
        unit={inSeconds ? 's' : 'records'}
      />
    </ChartCard>
  );
}

const BROKER_LINES: LineSpec[] = RESOURCES.map((r, i) => ({
  key: r,
  name: RESOURCE_NAMES[r],
  color: CHART_COLORS[i]!,
}));

function BrokerCard({ rows, roles, domain }: CardProps) {
  const [broker, setBroker] = useState<string | null>(null);
  const chosen = broker !== null && roles.brokers.includes(broker) ? broker : null;
  const points = useMemo(() => brokerPoints(rows, roles, chosen), [rows, roles, chosen]);
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
      <TimeChart points={points} lines={BROKER_LINES} domain={domain} unit="%" yMax={100} />
    </ChartCard>
  );
}

const SPARK_INPUT: LineSpec[] = [{ key: 'inputRate', name: 'Input rate', color: CHART_COLORS[0]! }];
const SPARK_TIMES: LineSpec[] = [
  { key: 'schedulingDelay', name: 'Scheduling delay', color: CHART_COLORS[4]! },
  { key: 'processingTime', name: 'Processing time', color: CHART_COLORS[2]! },
  { key: 'totalDelay', name: 'Total delay', color: CHART_COLORS[3]!, dashed: true },
];

function SparkCard({ jobId, rows, roles, domain }: CardProps & { jobId: string }) {
  const intervalMs = useDocumentStore(
    (s) => s.doc.sparkJobs.find((j) => j.id === jobId)?.batchIntervalMs ?? 1000,
  );
  const points = useMemo(() => sparkPoints(rows, roles, jobId, intervalMs), [rows, roles, jobId, intervalMs]);
  const reference = useMemo(() => ({ y: intervalMs, label: 'batch interval' }), [intervalMs]);
  return (
    <ChartCard
      testId={`chart-spark-${jobId}`}
      title={`Spark job ${jobId}`}
      note="per completed batch, as the Spark UI shows them; processing above the batch interval means batches queue"
      wide
    >
      <div className="chart-pair">
        <TimeChart points={points} lines={SPARK_INPUT} domain={domain} unit="records/s" />
        <TimeChart points={points} lines={SPARK_TIMES} domain={domain} unit="ms" reference={reference} />
      </div>
    </ChartCard>
  );
}
