// README.md of the export: how to start it, what to measure and with which tool, what the simulator
// predicted, the fault timeline as manual steps, and what differs from the simulation.
import { sourcesOf, targetsOf } from '../model/graph';
import type { Fault, Pipeline } from '../model/types';
import { formatMetric, METRICS } from '../whatif/metrics';
import { consumerConfigPath, producerProps, rateSegments } from './kafkaScripts';
import {
  CLIENT_CONFIG_DIR,
  KAFKA_BIN,
  KAFKA_IMAGE,
  KAFKA_VERSION,
  SPARK_IMAGE,
  type StackPlan,
} from './plan';
import type { ExportPredictions } from './predictions';
import { needsRecordScript, perfTestGaps, scriptByDefault } from './recordScript';
import { plainNumber, sh } from './text';

const round = (n: number) => plainNumber(n, 1);

function faultSteps(doc: Pipeline, plan: StackPlan, f: Fault): { at: number; what: string }[] {
  const broker = (id: string) => plan.brokers.find((b) => b.id === id)?.service ?? id;
  const end = (d: number | undefined) => (d === undefined ? undefined : f.atSec + d);
  const tool = (t: string, args: string) =>
    `docker compose exec ${plan.clientService} ${KAFKA_BIN}/${t} --bootstrap-server ${plan.bootstrap} ${args}`;
  const steps: { at: number; what: string }[] = [];
  const add = (at: number | undefined, what: string) => {
    if (at !== undefined) steps.push({ at, what });
  };
  switch (f.kind) {
    case 'brokerDown': {
      const svc = broker(f.broker);
      if (f.mode === 'processKilled') {
        add(f.atSec, `broker ${f.broker}'s process is killed: \`docker compose kill ${svc}\``);
        add(end(f.durationSec), `broker ${f.broker} comes back: \`docker compose start ${svc}\``);
      } else {
        add(
          f.atSec,
          `broker ${f.broker}'s host is lost (nothing answers, clients wait for request.timeout.ms): \`docker compose pause ${svc}\``,
        );
        add(end(f.durationSec), `broker ${f.broker}'s host is back: \`docker compose unpause ${svc}\``);
      }
      break;
    }
    case 'slowDisk':
      add(
        f.atSec,
        `broker ${f.broker}'s disk becomes ${f.factor}x slower. Compose cannot change this on a running container: ` +
          `recreate ${broker(f.broker)} with a \`blkio_config\` device write limit, or throttle the disk on the host`,
      );
      add(end(f.durationSec), `broker ${f.broker}'s disk is back to full speed (remove the limit)`);
      break;
    case 'networkPartition':
      add(
        f.atSec,
        `broker ${f.broker} is cut off from ${f.from === 'all' ? 'everyone' : `the ${f.from}`}: ` +
          `\`docker network disconnect ${plan.project}_default ${plan.project}-${broker(f.broker)}-1\`` +
          (f.from === 'all'
            ? ''
            : ' (one network here: this cuts it off from everyone, not only the ' + f.from + ')'),
      );
      add(
        end(f.durationSec),
        `broker ${f.broker} is reachable again: \`docker network connect ${plan.project}_default ${plan.project}-${broker(f.broker)}-1\``,
      );
      break;
    case 'producerSpike':
      add(
        f.atSec,
        `producer ${f.producer}'s rate x ${f.factor} for ${f.durationSec} s: load.sh already does this (nothing to do)`,
      );
      break;
    case 'memberCrash':
      add(
        f.atSec,
        `${f.count} member(s) of group ${f.group} crash: kill that many of its kafka-consumer-perf-test processes ` +
          `(\`docker compose exec ${plan.clientService} ps\` lists them; \`kill -9 <pid>\`)`,
      );
      break;
    case 'memberJoin': {
      const g = doc.consumerGroups.find((g) => g.id === f.group);
      const topic = sourcesOf(doc, f.group)[0] ?? '<topic>';
      add(
        f.atSec,
        `${f.count} member(s) join group ${f.group}: run ${f.count === 1 ? 'this' : `this ${f.count} times`}: ` +
          `\`docker compose exec ${plan.clientService} ${KAFKA_BIN}/kafka-consumer-perf-test.sh --bootstrap-server ${plan.bootstrap} ` +
          `--topic ${topic} --group ${f.group} --messages 100000000 --timeout 60000` +
          (g
            ? ` --consumer.config ${CLIENT_CONFIG_DIR}/${consumerConfigPath(g).slice('config/'.length)}`
            : '') +
          '`',
      );
      break;
    }
    case 'partitionCount':
      add(
        f.atSec,
        `topic ${f.topic} grows to ${f.partitions} partitions: \`${tool('kafka-topics.sh', `--alter --topic ${f.topic} --partitions ${f.partitions}`)}\``,
      );
      break;
    case 'offsetReset': {
      const target =
        f.to === 'earliest'
          ? '--to-earliest'
          : f.to === 'latest'
            ? '--to-latest'
            : f.to === 'offset'
              ? `--to-offset ${f.offset}`
              : f.to === 'shiftBy'
                ? `--shift-by ${f.shiftBy}`
                : `--to-datetime <the load's start + ${f.timestampSec} s, as YYYY-MM-DDTHH:mm:SS.sss>`;
      const topic = sourcesOf(doc, f.group)[0] ?? '<topic>';
      add(
        f.atSec,
        `group ${f.group} replays: stop its consumers (the reset needs an inactive group), then ` +
          `\`${tool('kafka-consumer-groups.sh', `--group ${f.group} --topic ${topic} --reset-offsets ${target} --execute`)}\`, and start them again`,
      );
      break;
    }
    case 'executorLoss': {
      const workers = plan.workers.slice(0, f.count).map((w) => w.service);
      add(
        f.atSec,
        `${f.count} executor(s) of job ${f.job} are lost: stop the worker(s) running them ` +
          `(the master UI on http://localhost:8080 shows which), e.g. \`docker compose stop ${workers.join(' ')}\``,
      );
      add(
        end(f.durationSec),
        `job ${f.job}'s replacement executors start: \`docker compose start ${workers.join(' ')}\``,
      );
      break;
    }
    case 'addBroker':
      add(
        f.atSec,
        `broker ${f.broker.id} joins${f.broker.rack ? ` (broker.rack=${f.broker.rack})` : ''}: this stack has no service for it; ` +
          'copy a broker service in compose.yaml with a new node id and start it (`docker compose up -d <service>`). ' +
          'It holds no partition until a reassignment moves some to it',
      );
      break;
    case 'reassignPartitions': {
      const throttle = f.throttle === undefined ? '' : ` --throttle ${f.throttle}`;
      const how = f.brokers
        ? `generate a plan with \`${tool('kafka-reassign-partitions.sh', `--topics-to-move-json-file topics.json --broker-list "<node ids of ${f.brokers.join(', ')}>" --generate`)}\`, save its proposal as plan.json, then`
        : 'write the plan of the document as plan.json, then';
      add(
        f.atSec,
        `partitions are reassigned: ${how} \`${tool('kafka-reassign-partitions.sh', `--reassignment-json-file plan.json --execute${throttle}`)}\`; ` +
          'run it again with --verify until it reports every move complete (that also removes the throttle)',
      );
      break;
    }
    case 'decommissionBroker':
      add(
        f.atSec,
        `broker ${f.broker} is decommissioned: reassign its replicas to the other brokers (kafka-reassign-partitions.sh ` +
          `--generate over the others, --execute${f.throttle === undefined ? '' : ` --throttle ${f.throttle}`}, --verify), then \`docker compose stop ${broker(f.broker)}\``,
      );
      break;
    case 'zoneOutage': {
      const inRack = doc.cluster.brokers.filter((b) => b.rack === f.rack).map((b) => broker(b.id));
      add(f.atSec, `zone ${f.rack} is lost: \`docker compose pause ${inRack.join(' ')}\``);
      add(end(f.durationSec), `zone ${f.rack} is back: \`docker compose unpause ${inRack.join(' ')}\``);
      break;
    }
    case 'regionFailover': {
      // Only the document's own cluster is exported: losing its region stops every broker.
      const lost = doc.cluster.region === f.region ? doc.cluster.brokers.map((b) => broker(b.id)) : [];
      add(
        f.atSec,
        lost.length
          ? `region ${f.region} is lost: \`docker compose pause ${lost.join(' ')}\`, then start the consumers against the mirror`
          : `region ${f.region} is lost (a cluster this export leaves out)`,
      );
      break;
    }
    case 'driverFailure':
      add(
        f.atSec,
        `job ${f.job}'s driver dies: kill its spark-submit process (\`docker compose exec spark-master ps\`)`,
      );
      add(
        end(f.durationSec),
        `relaunch job ${f.job} with its line from jobs/submit.sh; it resumes from its checkpointLocation`,
      );
      break;
  }
  return steps;
}

function predictionLines(p: ExportPredictions): string[] {
  const rows = METRICS.map(
    (m) => `| ${m.label} | ${formatMetric(m.id, p.headline[m.id] ?? null)} | ${m.definition} |`,
  );
  const out = [
    `From ${p.source}: seed ${p.seed}, ${round(p.durationSec)} simulated seconds, the whole run (no warm-up left out).`,
    '',
    '| figure | predicted | what it is |',
    '|---|---|---|',
    ...rows,
  ];
  if (p.jobs.length > 0)
    out.push(
      '',
      "Spark batches (a second's figure is its longest completed batch):",
      '',
      '| job | batches | processing, mean (ms) | processing, max (ms) | scheduling delay, max (ms) | total delay, max (ms) |',
      '|---|---|---|---|---|---|',
      ...p.jobs.map(
        (j) =>
          `| ${j.id} | ${j.batches} | ${round(j.meanProcessingMs)} | ${round(j.maxProcessingMs)} | ${round(j.maxSchedulingDelayMs)} | ${round(j.maxTotalDelayMs)} |`,
      ),
    );
  return out;
}

export function readmeMd(
  doc: Pipeline,
  plan: StackPlan,
  predictions: ExportPredictions | undefined,
  noPredictionsReason: string | undefined,
): string {
  const hasSpark = plan.jobs.length > 0;
  const steps = doc.faults
    .flatMap((f) => faultSteps(doc, plan, f))
    .sort((a, b) => a.at - b.at)
    .map((s) => `- at ${round(s.at)} s: ${s.what}`);
  const workerCores = plan.workers.reduce((a, w) => a + w.cores, 0);
  const scripted = doc.producers.filter((p) => needsRecordScript(p) && targetsOf(doc, p.id).length > 0);
  const out = [
    `# ${doc.name}: the stack`,
    '',
    `Exported by Streamlab from the pipeline document "${doc.name}". These files run the pipeline on real`,
    `software: Apache Kafka (${KAFKA_IMAGE}, KRaft mode)${hasSpark ? ` and Apache Spark (${SPARK_IMAGE}, standalone)` : ''} in Docker Compose,`,
    "with Kafka's own perf-test tools as the load.",
    '',
    '> **Not run against a real cluster.** Streamlab checks this export for structure only: compose.yaml',
    '> parses and names only these images, the shell scripts pass `bash -n`, every script compiles with',
    '> `python3 -m py_compile`, and every Kafka and Spark setting written is a real name with the',
    "> document's value. No broker, job or load has been run from these files; expect to adjust things.",
    '',
    '## What is here',
    '',
    `- \`compose.yaml\`: ${plan.controllers.length} KRaft controller(s), ${plan.brokers.length} broker(s) (node ids 1 to ${plan.brokers.length} in the document's order` +
      `${plan.brokers.some((b) => b.rack) ? ', with their racks' : ''}), a \`${plan.clientService}\` container for the tools` +
      (hasSpark
        ? `, a Spark master and ${plan.workers.length} worker(s) (${workerCores} cores in all)`
        : '') +
      '.',
    '- `create-topics.sh`: the topics with their partitions, replication factor and settings, and any starting backlog.',
    '- `load.sh`: the producers and consumer groups as `kafka-producer-perf-test.sh` and `kafka-consumer-perf-test.sh`.',
    ...(scripted.length > 0
      ? [
          `- \`load/*.py\`: records with the document's keys and gaps for ${scripted.map((p) => p.id).join(', ')}, which load.sh`,
          '  pipes into `kafka-console-producer.sh` (Python 3, standard library only, on the machine running load.sh).',
        ]
      : []),
    ...(doc.consumerGroups.length > 0 ? ["- `config/*.properties`: each consumer group's settings."] : []),
    ...(hasSpark
      ? [
          '- `jobs/*.py`: each Spark job as PySpark Structured Streaming; `jobs/submit.sh` submits them with the',
          "  document's executors, cores and memory.",
        ]
      : []),
    '',
    '## Run it',
    '',
    `You need Docker with Compose v2, network access (images, and Maven Central for the Spark Kafka package), and a`,
    `machine that can hold ${plan.brokers.length + plan.controllers.length} Kafka JVMs${hasSpark ? ` and ${plan.workers.length + 1} Spark JVMs plus the executors` : ''}.`,
    '',
    '```sh',
    'docker compose up -d',
    './create-topics.sh',
    ...(hasSpark
      ? ['./jobs/submit.sh &   # the jobs read from the latest offsets: start them before the load']
      : []),
    `./load.sh             # ${doc.run.durationSec} s, as the simulated run; second 0 is when it starts`,
    'docker compose down -v',
    '```',
    '',
    `The scripts use the options of Kafka ${KAFKA_VERSION}'s tools, the image's. Kafka 4.2 deprecates two that load.sh`,
    'gives `kafka-consumer-perf-test.sh` (KIP-1147): `--consumer.config` (there `--command-config`) and `--messages`',
    `(there \`--num-records\`). ${KAFKA_VERSION} has only the old names, so they stay; change them with the image.`,
    '',
    '## What to measure, and with what',
    '',
    ...producerMeasureLines(doc, plan),
    `- **Consumer lag**: \`docker compose exec ${plan.clientService} ${KAFKA_BIN}/kafka-consumer-groups.sh --bootstrap-server ${plan.bootstrap} --describe --all-groups\``,
    "  every few seconds; LAG is what the simulator calls a group's lag (committed offset to high watermark).",
    ...(hasSpark
      ? [
          "- **Spark batches**: the Structured Streaming tab of each job's UI (http://localhost:4040 and up):",
          "  input and process rates, batch duration (the simulator's processing time) and operation durations.",
          '  Structured Streaming has no scheduling delay of its own: a batch that takes longer than the trigger',
          '  interval makes the next start late, which shows as batch duration above the interval.',
          "- **End-to-end latency**: no tool here measures it directly. A job's output carries `event_time` (the",
          '  Kafka record timestamp, set at send); the time it is written minus `event_time` is the end-to-end latency.',
        ]
      : []),
    '- **Broker load**: `docker stats` (CPU, memory, network and block I/O per container).',
    '',
    '## What the simulator predicted',
    '',
    ...(predictions
      ? predictionLines(predictions)
      : [`No predictions in this export${noPredictionsReason ? `: ${noPredictionsReason}` : ''}.`]),
    '',
    '## Faults',
    '',
    ...(steps.length > 0
      ? ['The document plans these faults. Do them by hand, timed from the start of load.sh:', '', ...steps]
      : ['The document plans no faults.']),
    '',
    '## Where this differs from the simulation',
    '',
    "- All containers share one machine: the document's hardware (cores, disks, network) is not reproduced.",
    ...loadShapeLines(doc),
    "- A perf-test consumer does no work per record: a consumer group's processing cost is not reproduced.",
    ...(hasSpark
      ? [
          '- The simulated Spark jobs are DStream jobs; these are Structured Streaming. spark.streaming.* settings',
          '  (backpressure, per-partition rate limits) have no effect there: maxOffsetsPerTrigger stands in for',
          '  spark.streaming.kafka.maxRatePerPartition, and each script says what stands in for each stage.',
        ]
      : []),
    ...((doc.clusters?.length ?? 0) > 0 || (doc.mirrorMakers?.length ?? 0) > 0
      ? [
          "- Only the document's own cluster is exported: further clusters, the links between regions and",
          '  MirrorMaker 2 are not (run connect-mirror-maker.sh with a mm2.properties of your own for them).',
        ]
      : []),
    '',
  ];
  return out.join('\n');
}

/** Where the load differs from the document's producers: per producer, what the perf test leaves out. */
function loadShapeLines(doc: Pipeline): string[] {
  const shaped = doc.producers.filter((p) => needsRecordScript(p) && targetsOf(doc, p.id).length > 0);
  const out = [
    '- `kafka-producer-perf-test.sh` sends records without keys, evenly spaced at `--throughput`; steps and',
    '  spikes of the rate are followed as stretches of constant rate. Record size, acks, linger.ms,',
    "  batch.size, compression.type and idempotence are the producer's.",
  ];
  // Neither tool sets a record's timestamp: the records' event time is their send time.
  const late = doc.producers.filter((p) => p.outOfOrderFraction > 0).map((p) => p.id);
  const lateLine = late.length
    ? [
        `- Out-of-order records (${late.join(', ')}): neither tool sets a record's timestamp, so every record's`,
        '  event time is its send time and event-time windows drop nothing as late.',
      ]
    : [];
  if (shaped.length === 0)
    return [
      ...out,
      '  No producer of this document has keys or Poisson gaps, so the perf test loses nothing else.',
      ...lateLine,
    ];
  out.push('  What it leaves out of this document, and what load.sh runs instead:');
  for (const p of shaped)
    out.push(
      `  - ${p.id}: ${perfTestGaps(p).join('; ')}. \`load/${p.id}.py\` writes them (${scriptByDefault(p) ? 'used by default' : 'with `PRODUCER_TOOL=script ./load.sh`'}).`,
    );
  out.push(
    '  `PRODUCER_TOOL=perf ./load.sh` runs the perf test for every producer (its latency report, but no keys).',
    "  Keys land on partitions by Kafka's murmur2 hash, not the simulation's mapping: how hot the hottest",
    '  partition is matches, which one it is may not.',
    ...lateLine,
  );
  return out;
}

/** The rate a stretch of load.sh's perf test is held to, as its --throughput. */
const throughputArg = (rate: number | null) => (rate === null ? '-1' : plainNumber(rate));

/**
 * "What to measure" for the producers: which tool load.sh runs for each by default and what that
 * tool prints (the console producer prints no rate and no latency), then how to get perf-test
 * output for the Measured tab, and the flat-out run a producer fit needs, one command each.
 */
function producerMeasureLines(doc: Pipeline, plan: StackPlan): string[] {
  const writing = doc.producers.flatMap((p) => {
    const topic = targetsOf(doc, p.id)[0];
    return topic === undefined ? [] : [{ p, topic }];
  });
  if (writing.length === 0)
    return ['- **Throughput and produce latency**: the document has no producer writing to a topic.'];
  const perTool = writing.map(({ p, topic }) => {
    if (needsRecordScript(p) && scriptByDefault(p))
      return (
        `  - \`${p.id}\` -> \`${topic}\`: \`load/${p.id}.py\` piped into \`kafka-console-producer.sh\` (for its keys). The console` +
        '\n    producer prints no rate and no latency: watch the rate at the topic (LOG-END-OFFSET in' +
        '\n    `kafka-consumer-groups.sh --describe`, over time) or use `PRODUCER_TOOL=perf` below.'
      );
    const rates = [
      ...new Set(rateSegments(doc, p).flatMap((s) => (s.rate === 0 ? [] : [throughputArg(s.rate)]))),
    ];
    const flat = p.rate.kind === 'max';
    if (rates.length === 0)
      return `  - \`${p.id}\` -> \`${topic}\`: its rate is 0 over the whole run, so load.sh sends nothing for it.`;
    return (
      `  - \`${p.id}\` -> \`${topic}\`: \`kafka-producer-perf-test.sh\` at \`--throughput ${rates.join('`, then `--throughput ')}\`` +
      (flat
        ? ' (as fast as it can), cut at the end of\n    the run by `timeout`, so it may stop before its summary line; its 5-second lines hold the figures.'
        : '.')
    );
  });
  const scripted = writing
    .filter(({ p }) => needsRecordScript(p) && scriptByDefault(p))
    .map(({ p }) => `\`${p.id}\``);
  const flatOut = writing.flatMap(({ p, topic }) => {
    const props = producerProps(p)
      .map(([k, v]) => sh(`${k}=${v}`))
      .join(' ');
    return [
      `# ${p.id}`,
      `docker compose exec -T ${plan.clientService} ${KAFKA_BIN}/kafka-producer-perf-test.sh --topic ${sh(topic)} --num-records 5000000 --record-size ${p.recordBytes} --throughput -1 --producer-props bootstrap.servers=${plan.bootstrap} ${props}`,
    ];
  });
  return [
    '- **Throughput and produce latency**: what you get depends on the tool load.sh runs for each producer',
    '  (`PRODUCER_TOOL=auto`, the default):',
    ...perTool,
    '',
    '  `kafka-producer-perf-test.sh` prints a line every 5 s (records/s, MB/s, average and maximum latency) and',
    '  at the end a summary line that adds the 50th, 95th, 99th and 99.9th percentiles. That latency is send',
    "  to acknowledgement, the simulator's produce latency, not its end-to-end p99.",
    "- **Figures for Streamlab's Measured tab**: paste the lines of one perf-test run (one producer, one stretch",
    '  of its rate), with the command line above them if you have it: its `--throughput` tells the tab how the',
    '  test ran.' +
      (scripted.length
        ? ` ${scripted.join(', ')} ${scripted.length === 1 ? 'uses' : 'use'} the console producer by default, which prints no such lines; \`PRODUCER_TOOL=perf ./load.sh\`` +
          '\n  runs the perf test for every producer instead. It sends no keys, so records spread over the partitions' +
          "\n  batch by batch (Kafka's sticky partitioner), not by key: the document's partition skew is not there."
        : ''),
    '  load.sh runs every producer and consumer at once and their lines interleave; for a clean paste run one',
    "  producer on its own. A run held to the producer's rate (`--throughput <rate>`, as load.sh runs it)",
    '  compares latency at that load, but its records/s is the rate it was asked for, so Fit to measurement',
    "  will not fit a producer to it. To fit a producer's client cost, run it flat out (`--throughput -1`), alone",
    '  (make `--num-records` large enough for 30 s or more):',
    '',
    '  ```sh',
    ...flatOut.map((c) => `  ${c}`),
    '  ```',
  ];
}
