// compose.yaml: the Kafka cluster in KRaft mode with dedicated controllers (a broker taken down never
// takes the quorum with it, as in the simulation, whose controller never fails), a client container
// for Kafka's tools, and a Spark standalone master with one worker per executor.
import { LONG_MAX } from '../model/schema/common';
import type { Pipeline } from '../model/types';
import { kafkaEnvName } from './names';
import {
  CLIENT_CONFIG_DIR,
  CONTROLLER_PORT,
  EXTERNAL_PORT,
  INTERNAL_PORT,
  KAFKA_IMAGE,
  SPARK_HOME,
  SPARK_IMAGE,
  SPARK_JOBS_DIR,
  SPARK_WORK_DIR,
  type StackPlan,
} from './plan';
import { toYaml, type YamlValue } from './text';

/** A fixed KRaft cluster id (22 characters of base64url, as kafka-storage.sh random-uuid prints). */
export const CLUSTER_ID = 'c3RyZWFtbGFiLWV4cG9ydA';

type Env = Record<string, string | number>;

function kafkaEnv(settings: Record<string, string | number | boolean>): Env {
  const env: Env = {};
  for (const [name, value] of Object.entries(settings))
    env[kafkaEnvName(name)] = typeof value === 'boolean' ? String(value) : value;
  return env;
}

/** The settings every node of the cluster shares. */
function commonSettings(plan: StackPlan): Record<string, string | number | boolean> {
  const internalRf = Math.min(3, plan.brokers.length);
  return {
    'controller.quorum.voters': plan.quorumVoters,
    'controller.listener.names': 'CONTROLLER',
    'log.dirs': '/var/lib/kafka/data',
    // The internal topics are replicated like Kafka's defaults, as far as the broker count allows.
    'offsets.topic.replication.factor': internalRf,
    'transaction.state.log.replication.factor': internalRf,
    'transaction.state.log.min.isr': Math.min(2, internalRf),
  };
}

/** The document's broker settings (cluster.config), under their server.properties names. */
function brokerSettings(doc: Pipeline): Record<string, string | number | boolean> {
  const c = doc.cluster.config;
  const out: Record<string, string | number | boolean> = {
    'replica.lag.time.max.ms': c['replica.lag.time.max.ms'],
    'broker.session.timeout.ms': c['broker.session.timeout.ms'],
    'log.retention.check.interval.ms': c['log.retention.check.interval.ms'],
    'num.network.threads': c['num.network.threads'],
    'num.io.threads': c['num.io.threads'],
    // Topics are made by create-topics.sh with the document's partitions; none appear by accident.
    'auto.create.topics.enable': false,
  };
  // The document's "never" is the largest exact JSON number, not Long.MAX_VALUE: leave Kafka's own.
  if (c['log.flush.scheduler.interval.ms'] < LONG_MAX)
    out['log.flush.scheduler.interval.ms'] = c['log.flush.scheduler.interval.ms'];
  // The log cleaner, for compacted topics (Kafka's defaults when the document leaves them).
  out['log.cleaner.threads'] = c['log.cleaner.threads'];
  out['log.cleaner.dedupe.buffer.size'] = c['log.cleaner.dedupe.buffer.size'];
  out['log.cleaner.backoff.ms'] = c['log.cleaner.backoff.ms'];
  const io = c['log.cleaner.io.max.bytes.per.second'];
  if (io !== undefined) out['log.cleaner.io.max.bytes.per.second'] = io;
  return out;
}

export function composeYaml(doc: Pipeline, plan: StackPlan): string {
  const services: Record<string, YamlValue> = {};
  const volumes: Record<string, YamlValue> = {};
  const common = commonSettings(plan);

  for (const c of plan.controllers) {
    services[c.service] = {
      image: KAFKA_IMAGE,
      hostname: c.service,
      environment: {
        CLUSTER_ID,
        ...kafkaEnv({
          'node.id': c.nodeId,
          'process.roles': 'controller',
          listeners: `CONTROLLER://:${CONTROLLER_PORT}`,
          ...common,
          // Fencing a broker is the controller's job, so it needs the document's timeout too.
          'broker.session.timeout.ms': doc.cluster.config['broker.session.timeout.ms'],
        }),
      },
      volumes: [`${c.service}-data:/var/lib/kafka/data`],
    };
    volumes[`${c.service}-data`] = {};
  }

  const brokerConfig = brokerSettings(doc);
  for (const b of plan.brokers) {
    services[b.service] = {
      image: KAFKA_IMAGE,
      hostname: b.service,
      ports: [`${b.hostPort}:${EXTERNAL_PORT}`],
      environment: {
        CLUSTER_ID,
        ...kafkaEnv({
          'node.id': b.nodeId,
          'process.roles': 'broker',
          listeners: `INTERNAL://:${INTERNAL_PORT},EXTERNAL://:${EXTERNAL_PORT}`,
          'advertised.listeners': `INTERNAL://${b.service}:${INTERNAL_PORT},EXTERNAL://localhost:${b.hostPort}`,
          'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT',
          'inter.broker.listener.name': 'INTERNAL',
          ...(b.rack === undefined ? {} : { 'broker.rack': b.rack }),
          ...common,
          ...brokerConfig,
        }),
      },
      volumes: [`${b.service}-data:/var/lib/kafka/data`],
      depends_on: plan.controllers.map((c) => c.service),
    };
    volumes[`${b.service}-data`] = {};
  }

  // Kafka's command-line tools run here (create-topics.sh, load.sh), not on the brokers.
  services[plan.clientService] = {
    image: KAFKA_IMAGE,
    hostname: plan.clientService,
    command: ['sleep', 'infinity'],
    volumes: [`./config:${CLIENT_CONFIG_DIR}:ro`],
    depends_on: plan.brokers.map((b) => b.service),
  };

  if (plan.jobs.length > 0) {
    const sparkVolumes = [`./jobs:${SPARK_JOBS_DIR}:ro`, `spark-work:${SPARK_WORK_DIR}`];
    services['spark-master'] = {
      image: SPARK_IMAGE,
      hostname: 'spark-master',
      command: [`${SPARK_HOME}/bin/spark-class`, 'org.apache.spark.deploy.master.Master'],
      // 8080: the master's UI; 4040 and up: each running job's UI (the drivers run here).
      ports: ['8080:8080', '7077:7077', ...plan.jobs.map((_, k) => `${4040 + k}:${4040 + k}`)],
      volumes: sparkVolumes,
      depends_on: plan.brokers.map((b) => b.service),
    };
    for (const w of plan.workers)
      services[w.service] = {
        image: SPARK_IMAGE,
        hostname: w.service,
        command: [
          `${SPARK_HOME}/bin/spark-class`,
          'org.apache.spark.deploy.worker.Worker',
          'spark://spark-master:7077',
        ],
        environment: { SPARK_WORKER_CORES: w.cores, SPARK_WORKER_MEMORY: w.memory },
        volumes: sparkVolumes,
        depends_on: ['spark-master'],
      };
    volumes['spark-work'] = {};
  }

  const hw = doc.cluster.brokers.map((b) => `${b.id}: ${b.hardware.cores} cores, ${b.hardware.memoryGB} GB`);
  const header = [
    `# ${doc.name}: exported by Streamlab. Start with: docker compose up -d (see README.md).`,
    `# Kafka ${KAFKA_IMAGE} in KRaft mode: ${plan.controllers.length} controller(s), ${plan.brokers.length} broker(s).`,
    `# The document's broker hardware (not enforced here; containers share this machine):`,
    ...hw.map((l) => `#   ${l}`),
    '',
  ].join('\n');
  return header + toYaml({ name: plan.project, services, volumes });
}
