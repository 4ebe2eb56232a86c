// Pure helpers of the Cluster view: partition states, event texts, auto-scaled axes and the
// downsampling of the broker series. No React here, so each piece is unit-tested on its own.
import type { BrokerLive, ClusterEventLive, PartitionLive } from '../../worker/protocol';

export type PartitionStatus = 'ok' | 'under-replicated' | 'offline';

/** Offline: no leader; under-replicated: fewer in-sync replicas than replicas (as kafka-topics counts). */
export function partitionStatus(p: PartitionLive): PartitionStatus {
  if (p.offline) return 'offline';
  if (p.isr && p.replicas && p.isr.length < p.replicas.length) return 'under-replicated';
  return 'ok';
}

export interface StatusCounts {
  partitions: number;
  underReplicated: number;
  offline: number;
}

/**
 * kafka-topics --under-replicated-partitions and --unavailable-partitions, counted. An offline
 * partition is counted as offline only (its ISR is usually short too, but the outage is the news).
 */
export function countStatuses(rows: readonly PartitionLive[]): StatusCounts {
  const counts: StatusCounts = { partitions: rows.length, underReplicated: 0, offline: 0 };
  for (const p of rows) {
    const s = partitionStatus(p);
    if (s === 'offline') counts.offline++;
    else if (s === 'under-replicated') counts.underReplicated++;
  }
  return counts;
}

/**
 * How many partitions a topic has, as the Cluster view says it: the run's own rows once there are
 * any (partitions added during the run included), else the document's count, so a pipeline that has
 * not run, or cannot run, still shows what it asks for.
 */
export function partitionCount(topic: { partitions: number; rows: readonly unknown[] | undefined }): number {
  return topic.rows && topic.rows.length > 0 ? topic.rows.length : topic.partitions;
}

export function statusLine(c: StatusCounts): string {
  return `${c.underReplicated} under-replicated, ${c.offline} offline`;
}

/** Simulated time of an event, to the millisecond: 39300 -> "39.300 s"; from a minute on "1:05.250". */
export function formatEventTime(ms: number): string {
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(3)} s`;
  const whole = Math.floor(s);
  const frac = (s - whole).toFixed(3).slice(1);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const sec = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}${frac}` : `${m}:${sec}${frac}`;
}

const same = (id: string): string => id;

/** Broad class of an event, for its mark in the log. */
export type EventTone = 'bad' | 'good' | 'info';

export interface EventView {
  /** Short label, as a column: "Broker down", "Leader election", "ISR shrink"... */
  what: string;
  /** The partition or broker it is about. */
  subject: string;
  detail: string;
  tone: EventTone;
}

/**
 * One event in words, as a Kafka operator would read it in the controller's log. `label` shortens
 * the broker ids in leader and ISR changes (as the partition table does); subjects stay whole.
 */
export function describeEvent(e: ClusterEventLive, label: (id: string) => string = same): EventView {
  const list = (ids: readonly string[]): string => `[${ids.map(label).join(',')}]`;
  switch (e.kind) {
    case 'brokerDown':
      return {
        what: e.mode === 'processKilled' ? 'Process killed' : 'Host lost',
        subject: e.broker,
        detail:
          e.mode === 'processKilled'
            ? 'connections reset: clients fail fast; the controller waits for the session to expire'
            : 'nothing answers: clients wait for their timeouts; the controller for the session',
        tone: 'bad',
      };
    case 'brokerRestarted':
      return {
        what: 'Restarted',
        subject: e.broker,
        detail: 'new process; serves nobody until the controller lets it in',
        tone: 'info',
      };
    case 'brokerFenced':
      return {
        what: 'Fenced',
        subject: e.broker,
        detail: 'session expired: out of every ISR, its leaderships move',
        tone: 'bad',
      };
    case 'brokerUnfenced':
      return {
        what: 'Unfenced',
        subject: e.broker,
        detail: 'registered again: it follows, catches up and rejoins the ISRs',
        tone: 'good',
      };
    case 'brokerCut': {
      const cut =
        e.fromBrokers && e.fromClients
          ? 'cut off from the other brokers and its clients'
          : e.fromBrokers
            ? 'cut off from the other brokers'
            : e.fromClients
              ? 'cut off from its clients'
              : 'reachable again';
      return {
        what: e.fromBrokers || e.fromClients ? 'Network cut' : 'Cut healed',
        subject: e.broker,
        detail: cut,
        tone: e.fromBrokers || e.fromClients ? 'bad' : 'good',
      };
    }
    case 'leaderElected':
      return {
        what: e.unclean ? 'Unclean election' : 'Leader election',
        subject: `${e.topic}-${e.partition}`,
        detail: `leader ${label(e.from)} → ${label(e.to)}${e.unclean ? ' (out of sync: records can be lost)' : ''}`,
        tone: e.unclean ? 'bad' : 'info',
      };
    case 'isrShrink':
    case 'isrExpand':
    case 'isrChange':
      return {
        what: e.kind === 'isrShrink' ? 'ISR shrink' : e.kind === 'isrExpand' ? 'ISR expand' : 'ISR change',
        subject: `${e.topic}-${e.partition}`,
        detail: `ISR ${list(e.from)} → ${list(e.to)}`,
        tone: e.kind === 'isrExpand' ? 'good' : 'bad',
      };
    case 'partitionOffline':
      return {
        what: 'Offline',
        subject: `${e.topic}-${e.partition}`,
        detail: `no in-sync replica can lead (last leader ${label(e.lastLeader)}): writes and reads stop`,
        tone: 'bad',
      };
    case 'partitionOnline':
      return {
        what: 'Online',
        subject: `${e.topic}-${e.partition}`,
        detail: `leader ${label(e.leader)}${e.unclean ? ' (unclean: out of sync)' : ''}`,
        tone: e.unclean ? 'bad' : 'good',
      };
    case 'clientDisconnected': {
      const n = `${e.requests} request${e.requests === 1 ? '' : 's'}`;
      const detail =
        e.why === 'timeout'
          ? `no answer from ${e.broker} for request.timeout.ms: connection closed, ${n} retried where the leaders are now`
          : e.why === 'reset'
            ? `${e.broker}'s machine reset the connection: ${n} failed at once, retried where the leaders are now`
            : `acks=0 writes to ${e.broker} stuck in a full send buffer for request.timeout.ms: connection closed`;
      return {
        what:
          e.why === 'timeout' ? 'Request timeout' : e.why === 'reset' ? 'Connection reset' : 'Write timeout',
        subject: e.client,
        detail,
        tone: 'bad',
      };
    }
    case 'producerBlocked':
      return {
        what: 'Buffer full',
        subject: e.client,
        detail: 'buffer.memory is full: send() blocks, new records wait (refused after max.block.ms)',
        tone: 'bad',
      };
    case 'producerUnblocked':
      return {
        what: 'Buffer free',
        subject: e.client,
        detail: 'buffer.memory has room again: send() goes on',
        tone: 'good',
      };
    case 'brokerAdded':
      return {
        what: 'Broker added',
        subject: e.broker,
        detail: 'registered with the controller; it holds no partition until a reassignment moves some to it',
        tone: 'good',
      };
    case 'brokerDecommissioned':
      return {
        what: 'Decommissioned',
        subject: e.broker,
        detail: 'its replicas were moved away; shut down',
        tone: 'info',
      };
    case 'zoneOutage':
      return {
        what: 'Zone outage',
        subject: `rack ${e.rack}`,
        detail: 'every broker in this rack goes down at once',
        tone: 'bad',
      };
    case 'leaderRebalance':
      return {
        what: 'Leader rebalance',
        subject: e.broker,
        detail: `leads ${100 - e.percent}% of the partitions it prefers (imbalance ${e.percent}% > leader.imbalance.per.broker.percentage): ${e.partitions} preferred leader election${e.partitions === 1 ? '' : 's'}`,
        tone: 'info',
      };
    case 'reassignmentStarted':
      return {
        what: 'Reassignment',
        subject: `${e.topic}-${e.partition}`,
        detail: `replicas ${list(e.from)} → ${list(e.to)}: ${formatBytes(e.bytes)} to copy`,
        tone: 'info',
      };
    case 'reassignmentProgress':
      return {
        what: 'Reassigning',
        subject: `${e.topic}-${e.partition}`,
        detail: `${e.percent}% copied, ${formatBytes(e.bytesLeft)} left`,
        tone: 'info',
      };
    case 'reassignmentFinished':
      return {
        what: 'Reassigned',
        subject: `${e.topic}-${e.partition}`,
        detail:
          e.tookMs > 0
            ? `new replicas in sync, old ones dropped: replicas ${list(e.to)} after ${formatSeconds(e.tookMs / 1000)}`
            : `replicas ${list(e.to)}: the same brokers in a new order (a new preferred leader)`,
        tone: 'good',
      };
    case 'reassignmentRefused':
      return { what: 'Refused', subject: 'reassignment', detail: e.reason, tone: 'bad' };
  }
}

/** Bytes with a decimal unit: 1_500_000 -> "1.5 MB". */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let u = 0;
  while (Math.abs(v) >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${Number(v.toFixed(v >= 100 || u === 0 ? 0 : 1))} ${units[u]}`;
}

/** A duration: "42 s", "3 min 5 s", "1 h 2 min". */
export function formatSeconds(sec: number): string {
  if (sec < 60) return `${Number(sec.toFixed(sec < 10 ? 1 : 0))} s`;
  const s = Math.round(sec);
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** A partition's move in words: "12.3 MB left, 41 s at the throttle", or why it never ends. */
export function reassignmentText(r: NonNullable<PartitionLive['reassignment']>): string {
  const left = `${formatBytes(r.bytesLeft)} left`;
  if (r.secondsLeft === Infinity)
    return `${left}: never finishes (its throttle share, ${formatBytes(r.throttleBytesPerSec ?? 0)}/s, is not above what is written)`;
  if (r.secondsLeft === null) return `${left}, starting`;
  const at =
    r.throttleBytesPerSec === undefined
      ? 'unthrottled'
      : `at its ${formatBytes(r.throttleBytesPerSec)}/s share of the throttle`;
  return `${left}, ${formatSeconds(r.secondsLeft)} ${at}`;
}

/** The same in a narrow column: "367 MB · 55 s", "367 MB · never". */
export function reassignmentShort(r: NonNullable<PartitionLive['reassignment']>): string {
  const left = formatBytes(r.bytesLeft);
  if (r.secondsLeft === Infinity) return `${left} · never finishes`;
  if (r.secondsLeft === null) return `${left} · starting`;
  return `${left} · ${formatSeconds(r.secondsLeft)}`;
}

/**
 * A "nice" upper end for an axis holding values up to `max` (utilisation, 0..1): 1, 2, 2.5 or 5
 * times a power of ten, at least `floor`, so a broker at 3% gets a 0-5% axis, not 0-100%.
 */
export function niceAxisMax(max: number, floor = 0.001): number {
  const v = Math.max(max, floor);
  const power = 10 ** Math.floor(Math.log10(v));
  for (const step of [1, 2, 2.5, 5, 10]) {
    const top = step * power;
    if (top >= v * (1 - 1e-9)) return top;
  }
  return 10 * power;
}

/** A utilisation as a percentage with as many digits as it needs: 0.034 -> "3.4%", 0.0005 -> "0.05%". */
export function formatUtil(x: number): string {
  const pct = x * 100;
  if (pct === 0) return '0%';
  if (pct >= 10) return `${Math.round(pct)}%`;
  if (pct >= 1) return `${Number(pct.toFixed(1))}%`;
  if (pct >= 0.01) return `${Number(pct.toFixed(2))}%`;
  return '<0.01%';
}

export type Resource = 'cpu' | 'networkIn' | 'networkOut' | 'disk';
export const RESOURCE_LABELS: Record<Resource, string> = {
  cpu: 'CPU',
  networkIn: 'Net in',
  networkOut: 'Net out',
  disk: 'Disk',
};
export const RESOURCE_KEYS = Object.keys(RESOURCE_LABELS) as Resource[];

export interface SeriesPoint {
  t: number;
  v: number;
}

/**
 * One column of the per-second series as at most `points` points: consecutive seconds are merged
 * into buckets keeping each bucket's largest value, so a short peak is not averaged away.
 */
export function columnPoints(
  rows: readonly number[][],
  col: number | undefined,
  points: number,
): SeriesPoint[] {
  if (col === undefined || rows.length === 0) return [];
  const size = Math.max(1, Math.ceil(rows.length / points));
  const out: SeriesPoint[] = [];
  for (let i = 0; i < rows.length; i += size) {
    let v = 0;
    const end = Math.min(rows.length, i + size);
    for (let j = i; j < end; j++) v = Math.max(v, rows[j]![col] ?? 0);
    out.push({ t: rows[end - 1]![0] ?? 0, v });
  }
  return out;
}

/** How a broker stands, in words: "up", "process killed", "host lost", "restarting", plus fence and cuts. */
export function brokerStateText(b: BrokerLive | undefined): string {
  if (!b?.state) return 'no run yet';
  const base =
    b.state === 'processKilled'
      ? 'process killed'
      : b.state === 'hostLost'
        ? 'host lost'
        : b.state === 'restarting'
          ? 'restarting'
          : b.state === 'notJoined'
            ? 'not joined yet'
            : b.state === 'decommissioned'
              ? 'decommissioned'
              : 'up';
  if (b.state === 'notJoined' || b.state === 'decommissioned') return base;
  const extra: string[] = [];
  if (b.fenced) extra.push('fenced');
  if (b.cut) extra.push(b.cut === 'all' ? 'cut off from all' : `cut off from ${b.cut}`);
  return extra.length ? `${base}, ${extra.join(', ')}` : base;
}

/**
 * Broker ids as short as kafka-topics prints them: when every id is one common prefix ending in a
 * separator and a short rest ("broker-1", "broker-2"; "broker-a", "broker-b"), the rest alone, and
 * the prefix to say so in a note; otherwise the ids.
 */
export function shortBrokerLabels(ids: readonly string[]): { prefix: string; label: (id: string) => string } {
  const first = ids[0];
  const cut = first === undefined ? -1 : Math.max(...['-', '_', '.'].map((sep) => first.lastIndexOf(sep)));
  const prefix = first !== undefined && cut > 0 ? first.slice(0, cut + 1) : '';
  const rest = (id: string) => id.slice(prefix.length);
  const short = (id: string) =>
    id.startsWith(prefix) && rest(id).length > 0 && rest(id).length <= 4 && /^[A-Za-z0-9]+$/.test(rest(id));
  if (prefix === '' || !ids.every(short)) return { prefix: '', label: (id) => id };
  return { prefix, label: (id) => (short(id) ? rest(id) : id) };
}
