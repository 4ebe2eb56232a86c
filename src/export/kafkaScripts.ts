// create-topics.sh (the topics, their settings and any starting backlog), load.sh (a perf-test
// producer per document producer, following its rate over the run, and a consumer per group member)
// and the consumer groups' properties files.
import { sourcesOf, targetsOf } from '../model/graph';
import { LONG_MAX } from '../model/schema/common';
import type { ConsumerGroup, Pipeline, Producer, Topic } from '../model/types';
import { CLIENT_CONFIG_DIR, KAFKA_BIN, KAFKA_VERSION, type StackPlan } from './plan';
import { needsRecordScript, perfTestGaps, recordScriptPath, scriptByDefault } from './recordScript';
import { plainNumber, sh, shComment } from './text';

const SCRIPT_HEAD = '#!/usr/bin/env bash\nset -euo pipefail\ncd "$(dirname "$0")"\n';

/** The settings written for a topic: the document's, Kafka's names; "never" left to Kafka. */
export function topicSettings(t: Topic): [string, string][] {
  const c = t.config;
  const out: [string, string][] = [
    ['min.insync.replicas', String(c['min.insync.replicas'])],
    ['retention.ms', String(c['retention.ms'])],
    ['retention.bytes', String(c['retention.bytes'])],
    ['cleanup.policy', c['cleanup.policy']],
    ['segment.bytes', String(c['segment.bytes'])],
    ['unclean.leader.election.enable', String(c['unclean.leader.election.enable'])],
    ['max.message.bytes', String(c['max.message.bytes'])],
  ];
  if (c['cleanup.policy'] !== 'delete')
    out.push(
      ['min.cleanable.dirty.ratio', String(c['min.cleanable.dirty.ratio'])],
      ['min.compaction.lag.ms', String(c['min.compaction.lag.ms'])],
      ['delete.retention.ms', String(c['delete.retention.ms'])],
    );
  if (c['max.compaction.lag.ms'] < LONG_MAX)
    out.push(['max.compaction.lag.ms', String(c['max.compaction.lag.ms'])]);
  if (c['segment.ms'] !== 604_800_000) out.push(['segment.ms', String(c['segment.ms'])]);
  if (c['flush.messages'] < LONG_MAX) out.push(['flush.messages', String(c['flush.messages'])]);
  if (c['flush.ms'] < LONG_MAX) out.push(['flush.ms', String(c['flush.ms'])]);
  return out;
}

function kafkaTool(plan: StackPlan, tool: string, args: string[]): string {
  return `docker compose exec -T ${plan.clientService} ${KAFKA_BIN}/${tool} ${args.join(' ')}`;
}

/** The record size a topic's producers write (the first one's), for backlogs. */
function recordBytesOf(doc: Pipeline, topicId: string): number {
  const p = doc.producers.find((p) => targetsOf(doc, p.id).includes(topicId));
  return p?.recordBytes ?? 100;
}

export function createTopicsSh(doc: Pipeline, plan: StackPlan): string {
  const lines = [
    SCRIPT_HEAD,
    shComment(
      `Creates the topics of "${doc.name}" with the document's partitions, replication factor and\n` +
        `settings, then writes any starting backlog (topic prefillRecords). Run after docker compose up -d.`,
    ),
    `BOOTSTRAP=${sh(plan.bootstrap)}`,
    '',
    'echo "waiting for the brokers..."',
    `until ${kafkaTool(plan, 'kafka-broker-api-versions.sh', ['--bootstrap-server', '"$BOOTSTRAP"'])} >/dev/null 2>&1; do sleep 2; done`,
    '',
  ];
  for (const t of doc.topics) {
    const args = [
      '--bootstrap-server',
      '"$BOOTSTRAP"',
      '--create',
      '--if-not-exists',
      '--topic',
      sh(t.id),
      '--partitions',
      String(t.partitions),
      '--replication-factor',
      String(t.replicationFactor),
      ...topicSettings(t).flatMap(([k, v]) => ['--config', sh(`${k}=${v}`)]),
    ];
    lines.push(`${kafkaTool(plan, 'kafka-topics.sh', args)}`);
  }
  lines.push('');
  for (const t of doc.topics)
    lines.push(
      kafkaTool(plan, 'kafka-topics.sh', [
        '--bootstrap-server',
        '"$BOOTSTRAP"',
        '--describe',
        '--topic',
        sh(t.id),
      ]),
    );
  const backlog = doc.topics.filter((t) => t.prefillRecords > 0);
  if (backlog.length > 0) {
    lines.push('', '# The starting backlog, written as fast as the producer can.');
    for (const t of backlog)
      lines.push(
        kafkaTool(plan, 'kafka-producer-perf-test.sh', [
          '--topic',
          sh(t.id),
          '--num-records',
          String(t.prefillRecords),
          '--record-size',
          String(recordBytesOf(doc, t.id)),
          '--throughput',
          '-1',
          '--producer-props',
          'bootstrap.servers="$BOOTSTRAP"',
        ]),
      );
  }
  return lines.join('\n') + '\n';
}

/** A stretch of the run at one rate (records/s); rate null: as fast as the producer can. */
export interface RateSegment {
  fromSec: number;
  toSec: number;
  rate: number | null;
}

/** The producer's rate over the run as constant stretches: steps, spikes and producerSpike faults. */
export function rateSegments(doc: Pipeline, p: Producer): RateSegment[] {
  const end = doc.run.durationSec;
  if (p.rate.kind === 'max') return [{ fromSec: 0, toSec: end, rate: null }];
  const spikes = [
    ...p.rate.schedule.flatMap((s) =>
      s.kind === 'spike' ? [{ from: s.atSec, to: s.atSec + s.durationSec, factor: s.factor }] : [],
    ),
    ...doc.faults.flatMap((f) =>
      f.kind === 'producerSpike' && f.producer === p.id
        ? [{ from: f.atSec, to: f.atSec + f.durationSec, factor: f.factor }]
        : [],
    ),
  ];
  const steps = p.rate.schedule
    .flatMap((s) => (s.kind === 'step' ? [s] : []))
    .sort((a, b) => a.atSec - b.atSec);
  const cuts = new Set<number>([0, end]);
  for (const s of steps) cuts.add(s.atSec);
  for (const s of spikes) cuts.add(s.from).add(s.to);
  const points = [...cuts].filter((t) => t >= 0 && t <= end).sort((a, b) => a - b);
  const segments: RateSegment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i]!;
    const to = points[i + 1]!;
    if (to <= from) continue;
    const base = steps.filter((s) => s.atSec <= from).pop()?.recordsPerSec ?? p.rate.recordsPerSec;
    const factor = spikes.filter((s) => s.from <= from && from < s.to).reduce((a, s) => a * s.factor, 1);
    const rate = base * factor;
    const last = segments[segments.length - 1];
    if (last && last.rate === rate) last.toSec = to;
    else segments.push({ fromSec: from, toSec: to, rate });
  }
  return segments;
}

/** Idempotence as the producer runs it: the document's, else Kafka's rule (acks=all and <= 5 in flight). */
export function effectiveIdempotence(p: Producer): boolean {
  const c = p.config;
  return c['enable.idempotence'] ?? (c.acks === 'all' && c['max.in.flight.requests.per.connection'] <= 5);
}

/** --producer-props: the five the issue names always, the rest where the document changes Kafka's default. */
export function producerProps(p: Producer): [string, string][] {
  const c = p.config;
  const out: [string, string][] = [
    ['acks', c.acks],
    ['linger.ms', String(c['linger.ms'])],
    ['batch.size', String(c['batch.size'])],
    ['compression.type', c['compression.type']],
    ['enable.idempotence', String(effectiveIdempotence(p))],
  ];
  const defaults: [keyof typeof c, number | boolean][] = [
    ['max.in.flight.requests.per.connection', 5],
    ['buffer.memory', 33_554_432],
    ['max.block.ms', 60_000],
    ['max.request.size', 1_048_576],
    ['delivery.timeout.ms', 120_000],
    ['request.timeout.ms', 30_000],
    ['retries', 2_147_483_647],
    ['retry.backoff.ms', 100],
    ['partitioner.adaptive.partitioning.enable', true],
  ];
  for (const [k, d] of defaults) if (c[k] !== d) out.push([k, String(c[k])]);
  return out;
}

/**
 * Every producer setting at the document's value, for kafka-console-producer.sh: its own option
 * defaults replace Kafka's where a setting is not given (retries 3, request.timeout.ms 1500, linger.ms
 * 1000), so nothing is left to them. compression.type goes as --compression-codec, which the tool
 * writes over any compression.type property.
 */
export function consoleProducerProps(p: Producer): [string, string][] {
  const c = p.config;
  return [
    ['acks', c.acks],
    ['enable.idempotence', String(effectiveIdempotence(p))],
    ['linger.ms', String(c['linger.ms'])],
    ['batch.size', String(c['batch.size'])],
    ['max.in.flight.requests.per.connection', String(c['max.in.flight.requests.per.connection'])],
    ['buffer.memory', String(c['buffer.memory'])],
    ['max.block.ms', String(c['max.block.ms'])],
    ['max.request.size', String(c['max.request.size'])],
    ['delivery.timeout.ms', String(c['delivery.timeout.ms'])],
    ['request.timeout.ms', String(c['request.timeout.ms'])],
    ['retries', String(c.retries)],
    ['retry.backoff.ms', String(c['retry.backoff.ms'])],
    ['partitioner.adaptive.partitioning.enable', String(c['partitioner.adaptive.partitioning.enable'])],
  ];
}

/** The console producer reading the record script's lines, with the producer's settings. */
function consoleProducer(plan: StackPlan, p: Producer, topic: string): string {
  const args = [
    '--bootstrap-server',
    '"$BOOTSTRAP"',
    '--topic',
    sh(topic),
    ...(p.config['compression.type'] === 'none' ? [] : ['--compression-codec', p.config['compression.type']]),
    ...(p.keys.kind === 'null' ? [] : ['--property', 'parse.key=true']),
    ...consoleProducerProps(p).flatMap(([k, v]) => ['--producer-property', sh(`${k}=${v}`)]),
  ];
  return `python3 ${recordScriptPath(p)} | docker compose exec -T ${plan.clientService} ${KAFKA_BIN}/kafka-console-producer.sh ${args.join(' ')}`;
}

const ASSIGNORS = {
  range: 'org.apache.kafka.clients.consumer.RangeAssignor',
  roundrobin: 'org.apache.kafka.clients.consumer.RoundRobinAssignor',
  'cooperative-sticky': 'org.apache.kafka.clients.consumer.CooperativeStickyAssignor',
} as const;

export function consumerConfigPath(g: ConsumerGroup): string {
  return `config/${g.id.replace(/[^A-Za-z0-9_.-]/g, '_')}.properties`;
}

/** A consumer group's settings as a properties file (every one, at the document's value). */
export function consumerProperties(doc: Pipeline, g: ConsumerGroup): string {
  const c = g.config;
  const entries: [string, string][] = [
    ['group.id', g.id],
    ['max.poll.records', String(c['max.poll.records'])],
    ['fetch.min.bytes', String(c['fetch.min.bytes'])],
    ['fetch.max.wait.ms', String(c['fetch.max.wait.ms'])],
    ['fetch.max.bytes', String(c['fetch.max.bytes'])],
    ['max.partition.fetch.bytes', String(c['max.partition.fetch.bytes'])],
    ['enable.auto.commit', String(c['enable.auto.commit'])],
    ['auto.commit.interval.ms', String(c['auto.commit.interval.ms'])],
    ['auto.offset.reset', c['auto.offset.reset']],
    ['partition.assignment.strategy', ASSIGNORS[c['partition.assignment.strategy']]],
    ['session.timeout.ms', String(c['session.timeout.ms'])],
    ['heartbeat.interval.ms', String(c['heartbeat.interval.ms'])],
    ['max.poll.interval.ms', String(c['max.poll.interval.ms'])],
  ];
  return (
    `# Consumer group "${g.id}" of "${doc.name}" (Streamlab export), read by kafka-consumer-perf-test.sh.\n` +
    (c['enable.auto.commit']
      ? ''
      : '# kafka-consumer-perf-test.sh commits nothing itself: with auto commit off, the LAG that\n' +
        "# kafka-consumer-groups.sh shows stays at the group's first position; watch the members' own rates.\n") +
    entries.map(([k, v]) => `${k}=${v}`).join('\n') +
    '\n'
  );
}

/** Records a group's topic receives over the run (producers' segments, plus its backlog). */
function expectedRecords(doc: Pipeline, topicId: string): number {
  let n = doc.topics.find((t) => t.id === topicId)?.prefillRecords ?? 0;
  for (const p of doc.producers) {
    if (!targetsOf(doc, p.id).includes(topicId)) continue;
    for (const s of rateSegments(doc, p)) n += (s.rate ?? 0) * (s.toSec - s.fromSec);
  }
  return Math.round(n);
}

function fnName(prefix: string, id: string): string {
  return `${prefix}_${id.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

export function loadSh(doc: Pipeline, plan: StackPlan): string {
  const out = [
    SCRIPT_HEAD,
    shComment(
      `Load for "${doc.name}": one kafka-producer-perf-test.sh per producer (for a producer with keys,\n` +
        `load/<producer>.py into kafka-console-producer.sh instead: see below), following its rate over the\n` +
        `${doc.run.durationSec} s run (steps, spikes and producerSpike faults become stretches of constant rate),\n` +
        `and one kafka-consumer-perf-test.sh per consumer group member. Start the Spark jobs first\n` +
        `(jobs/submit.sh): like the simulated jobs they read from the latest offsets.\n` +
        `\n` +
        `What the perf tools cannot do as the simulator does:\n` +
        `- kafka-producer-perf-test.sh sends records without keys, evenly spaced at --throughput: a document's\n` +
        `  key distribution (its hot keys and partition skew) and Poisson gaps are not in it. A producer with\n` +
        `  either gets load/<producer>.py too, which writes keyed records with the document's gaps into\n` +
        `  kafka-console-producer.sh. PRODUCER_TOOL picks: auto (the default: the script for producers with\n` +
        `  keys, the perf test for the rest), script (the script wherever there is one), perf (the perf test\n` +
        `  everywhere: no keys, even gaps, but the perf test's latency report). The script needs python3 here;\n` +
        `  the console producer prints neither rate nor latency (README.md, "What to measure");\n` +
        `- a consumer does no work per record (the group's processing cost is not reproduced);\n` +
        `- each stretch is a new perf-test process (a second or so to start), so later stretches run a little late.\n` +
        `\n` +
        `The options are Kafka ${KAFKA_VERSION}'s: kafka-consumer-perf-test.sh takes the group's settings with\n` +
        `--consumer.config (Kafka 4.2 deprecates it for --command-config, which ${KAFKA_VERSION} does not have).`,
    ),
    `BOOTSTRAP=${sh(plan.bootstrap)}`,
    'PRODUCER_TOOL="${PRODUCER_TOOL:-auto}"',
    '',
  ];
  const starts: string[] = [];
  for (const p of doc.producers) {
    const topic = targetsOf(doc, p.id)[0];
    if (topic === undefined) {
      out.push(`# producer ${p.id} writes to no topic in the document: left out.`, '');
      continue;
    }
    const props = producerProps(p)
      .map(([k, v]) => sh(`${k}=${v}`))
      .join(' ');
    const fn = fnName('produce', p.id);
    out.push(`# Producer "${p.id}" -> topic "${topic}": ${p.recordBytes}-byte records, ${p.rate.kind} rate.`);
    const c = p.config;
    if (
      c['enable.idempotence'] === true &&
      (c.acks !== 'all' || c['max.in.flight.requests.per.connection'] > 5)
    )
      out.push(
        '# Note: the document asks for idempotence with acks other than all or more than 5 requests in flight;',
        '# a real producer refuses that combination (ConfigException) and this command will stop at once.',
      );
    const gaps = perfTestGaps(p);
    if (gaps.length > 0)
      out.push(
        `# The perf test leaves out: ${gaps.join('; ')}.`,
        `# ${recordScriptPath(p)} into kafka-console-producer.sh has them (${scriptByDefault(p) ? 'the default here' : 'PRODUCER_TOOL=script'}).`,
      );
    out.push(needsRecordScript(p) ? `${fn}_perf() {` : `${fn}() {`);
    for (const s of rateSegments(doc, p)) {
      const secs = s.toSec - s.fromSec;
      const span = `${plainNumber(s.fromSec)}-${plainNumber(s.toSec)} s`;
      if (s.rate === 0) {
        out.push(`  # ${span}: no records`, `  sleep ${plainNumber(secs)}`);
        continue;
      }
      const max = s.rate === null;
      const records = max ? 1_000_000_000_000 : Math.max(1, Math.round(s.rate! * secs));
      const args = [
        '--topic',
        sh(topic),
        '--num-records',
        String(records),
        '--record-size',
        String(p.recordBytes),
        '--throughput',
        max ? '-1' : plainNumber(s.rate!),
        '--producer-props',
        'bootstrap.servers="$BOOTSTRAP"',
        props,
      ];
      // "max" has no record count of its own: the stretch is cut at its end instead.
      const tool = max
        ? `docker compose exec -T ${plan.clientService} timeout ${plainNumber(secs)} ${KAFKA_BIN}/kafka-producer-perf-test.sh`
        : `docker compose exec -T ${plan.clientService} ${KAFKA_BIN}/kafka-producer-perf-test.sh`;
      out.push(`  # ${span}: ${max ? 'as fast as the producer can' : `${plainNumber(s.rate!)} records/s`}`);
      out.push(`  ${tool} ${args.join(' ')}${max ? ' || true' : ''}`);
    }
    out.push('}', '');
    if (needsRecordScript(p)) {
      const script = `${fn}_script`;
      out.push(
        `${script}() {`,
        `  ${consoleProducer(plan, p, topic)}`,
        '}',
        '',
        `${fn}() {`,
        `  case "$PRODUCER_TOOL" in`,
        `    perf) ${fn}_perf ;;`,
        `    script) ${script} ;;`,
        `    *) ${scriptByDefault(p) ? script : `${fn}_perf`} ;;`,
        '  esac',
        '}',
        '',
      );
    }
    starts.push(`${fn} &`);
  }
  for (const g of doc.consumerGroups) {
    const topic = sourcesOf(doc, g.id)[0];
    if (topic === undefined) {
      out.push(`# consumer group ${g.id} reads no topic in the document: left out.`, '');
      continue;
    }
    const fn = fnName('consume', g.id);
    const perMember = Math.max(1, Math.ceil(expectedRecords(doc, topic) / g.members));
    const latest = g.config['auto.offset.reset'] === 'latest';
    out.push(
      `# Consumer group "${g.id}" <- topic "${topic}": ${g.members} member(s), each its own consumer in the group.`,
      `${fn}() {`,
    );
    if (g.startAtSec > 0) out.push(`  sleep ${plainNumber(g.startAtSec)}  # the group starts late`);
    out.push(
      `  docker compose exec -T ${plan.clientService} ${KAFKA_BIN}/kafka-consumer-perf-test.sh --bootstrap-server "$BOOTSTRAP" --topic ${sh(topic)} --group ${sh(g.id)} --messages ${perMember} --timeout 60000 --consumer.config ${CLIENT_CONFIG_DIR}/${consumerConfigPath(g).slice('config/'.length)}${latest ? ' --from-latest' : ''} --show-detailed-stats --reporting-interval 5000`,
      '}',
      '',
    );
    for (let k = 0; k < g.members; k++) starts.push(`${fn} &`);
  }
  out.push(
    'echo "load started at $(date +%T); simulated second 0 is now"',
    ...starts,
    'wait',
    'echo "load finished at $(date +%T)"',
  );
  return out.join('\n') + '\n';
}
