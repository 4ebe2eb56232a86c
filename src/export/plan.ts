// What every exported file agrees on: image tags, service names, node ids, ports and paths. Worked
// out once from the document so compose.yaml, the scripts and the README name the same things.
import { mainSourceOf, otherStreamsOf, targetsOf } from '../model/graph';
import { memoryBytes } from '../model/schema/spark';
import type { Pipeline, SparkJob } from '../model/types';

/** Kafka 4.x: the defaults in kafka-spark-facts.md are 4.x defaults (linger.ms 5, ...). */
export const KAFKA_VERSION = '4.1.0';
export const KAFKA_IMAGE = `apache/kafka:${KAFKA_VERSION}`;
/** Spark 3.5 (Scala 2.12, Java 17, with Python), the line the spark-sql-kafka-0-10_2.12 package is built for. */
export const SPARK_VERSION = '3.5.6';
export const SPARK_IMAGE = `apache/spark:${SPARK_VERSION}-java17-python3`;
export const SPARK_KAFKA_PACKAGE = `org.apache.spark:spark-sql-kafka-0-10_2.12:${SPARK_VERSION}`;
export const ALLOWED_IMAGES: readonly string[] = [KAFKA_IMAGE, SPARK_IMAGE];

/** Where the tools live in the images, and where the export's folders are mounted. */
export const KAFKA_BIN = '/opt/kafka/bin';
export const CLIENT_CONFIG_DIR = '/opt/streamlab/config';
export const SPARK_HOME = '/opt/spark';
export const SPARK_JOBS_DIR = '/opt/spark/jobs';
export const SPARK_WORK_DIR = '/opt/spark/work-dir';

/** Ports: inside the compose network brokers listen on 19092; from the host on 29092 + index. */
export const INTERNAL_PORT = 19092;
export const EXTERNAL_PORT = 9092;
export const CONTROLLER_PORT = 9093;
export const HOST_PORT_BASE = 29092;
/** Controllers get node ids from here, so broker k keeps node id k (its place in the document). */
export const CONTROLLER_ID_BASE = 1000;

export interface BrokerPlan {
  id: string;
  service: string;
  nodeId: number;
  rack: string | undefined;
  hostPort: number;
}

export interface JobPlan {
  job: SparkJob;
  file: string;
  source: string | undefined;
  /** The receiver source the job reads instead of a topic, if any (not exported). */
  receiverSource: string | undefined;
  otherTopics: string[];
  targets: string[];
  totalCores: number;
  checkpoint: string;
}

export interface StackPlan {
  project: string;
  brokers: BrokerPlan[];
  controllers: { service: string; nodeId: number }[];
  quorumVoters: string;
  bootstrap: string;
  clientService: string;
  workers: { service: string; cores: number; memory: string }[];
  jobs: JobPlan[];
}

/** A compose project or service name: lower case letters, digits, "-" and "_". */
export function serviceName(raw: string): string {
  const s = raw
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '');
  return s || 'node';
}

function unique(name: string, taken: Set<string>): string {
  let n = name;
  for (let k = 2; taken.has(n); k++) n = `${name}-${k}`;
  taken.add(n);
  return n;
}

/** A file name for a job's script: its id with anything unusual replaced. */
export function jobFileName(id: string): string {
  return `${id.replace(/[^A-Za-z0-9_.-]/g, '_')}.py`;
}

/** The largest memory size of a list, as written ("4g" beats "512m"). */
function largestMemory(sizes: string[]): string {
  return sizes.reduce((a, b) => (memoryBytes(b) > memoryBytes(a) ? b : a), sizes[0] ?? '1g');
}

export function planStack(doc: Pipeline): StackPlan {
  const taken = new Set<string>(['kafka-client', 'spark-master']);
  const controllerCount = doc.cluster.brokers.length >= 3 ? 3 : 1;
  const controllers = Array.from({ length: controllerCount }, (_, k) => ({
    service: unique(`controller-${k + 1}`, taken),
    nodeId: CONTROLLER_ID_BASE + k + 1,
  }));
  const brokers = doc.cluster.brokers.map((b, i) => ({
    id: b.id,
    service: unique(serviceName(b.id), taken),
    nodeId: i + 1,
    rack: b.rack === undefined || b.rack === '' ? undefined : b.rack,
    hostPort: HOST_PORT_BASE + i,
  }));
  const jobs = doc.sparkJobs.map((job) => {
    const c = job.config;
    return {
      job,
      file: jobFileName(job.id),
      // A receiver source is not a topic: the Structured Streaming script has nothing to subscribe to.
      source: doc.topics.some((t) => t.id === mainSourceOf(doc, job.id))
        ? mainSourceOf(doc, job.id)
        : undefined,
      receiverSource: doc.sparkSources.find((s) => s.id === mainSourceOf(doc, job.id))?.id,
      otherTopics: otherStreamsOf(doc, job.id),
      targets: targetsOf(doc, job.id),
      totalCores: c['spark.executor.instances'] * c['spark.executor.cores'],
      checkpoint: `${SPARK_WORK_DIR}/checkpoints/${serviceName(job.id)}`,
    };
  });
  // One worker per executor of every job, all the size of the largest executor: the standalone
  // master places an application's executors on any worker with room, so equal workers keep every
  // job placeable whatever the order the jobs are submitted in.
  const executors = doc.sparkJobs.reduce((n, j) => n + j.config['spark.executor.instances'], 0);
  const cores = Math.max(1, ...doc.sparkJobs.map((j) => j.config['spark.executor.cores']));
  const memory = largestMemory(doc.sparkJobs.map((j) => j.config['spark.executor.memory']));
  const workers = Array.from({ length: executors }, (_, k) => ({
    service: unique(`spark-worker-${k + 1}`, taken),
    cores,
    memory,
  }));
  return {
    project: serviceName(doc.name) || 'streamlab',
    brokers,
    controllers,
    quorumVoters: controllers.map((c) => `${c.nodeId}@${c.service}:${CONTROLLER_PORT}`).join(','),
    bootstrap: brokers.map((b) => `${b.service}:${INTERNAL_PORT}`).join(','),
    clientService: 'kafka-client',
    workers,
    jobs,
  };
}
