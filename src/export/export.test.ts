import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { Pipeline } from '../model/types';
import { runLocally } from '../whatif/local';
import { auditNames } from './audit';
import { exportStack, predictionsFromRun, type ExportedFile } from './index';
import { effectiveIdempotence } from './kafkaScripts';
import {
  configOfKafkaEnv,
  DEPLOYMENT_NAMES,
  kafkaEnvName,
  KAFKA_BROKER_CONFIGS,
  KAFKA_CONSUMER_CONFIGS,
  KAFKA_PRODUCER_CONFIGS,
  KAFKA_TOPIC_CONFIGS,
  SPARK_CONFS,
} from './names';
import { ALLOWED_IMAGES, CONTROLLER_ID_BASE } from './plan';
import { shellWords } from './shellWords';
import { everythingDoc, examples } from './testDocs';

const CASES: { name: string; doc: Pipeline }[] = [
  ...examples(),
  { name: 'everything', doc: everythingDoc() },
];

const TOP_LEVEL_KEYS = new Set(['name', 'services', 'volumes']);
const SERVICE_KEYS = new Set([
  'image',
  'hostname',
  'command',
  'environment',
  'ports',
  'volumes',
  'depends_on',
]);

const tmp = mkdtempSync(join(tmpdir(), 'streamlab-export-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function writeOut(name: string, files: ExportedFile[]): string {
  const dir = join(tmp, name);
  for (const f of files) {
    const path = join(dir, f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.text);
    if (f.executable) chmodSync(path, 0o755);
  }
  return dir;
}

const file = (files: ExportedFile[], path: string) => {
  const f = files.find((f) => f.path === path);
  if (!f) throw new Error(`no ${path} in the export`);
  return f.text;
};

/** The words of every non-comment line of a script that runs `tool`. */
const toolLines = (text: string, tool: string) =>
  text
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('#') && l.includes(tool))
    .map(shellWords);

const after = (words: string[], flag: string) => {
  const i = words.indexOf(flag);
  return i < 0 ? undefined : words[i + 1];
};

interface ComposeService {
  image: string;
  environment?: Record<string, string | number>;
  [key: string]: unknown;
}

const hasPython = spawnSync('python3', ['--version']).status === 0;

describe.each(CASES)('export of $name', ({ name, doc }) => {
  const files = exportStack(doc);
  const dir = writeOut(name, files);
  const compose = parseYaml(file(files, 'compose.yaml')) as {
    services: Record<string, ComposeService>;
    [key: string]: unknown;
  };
  const services = Object.entries(compose.services);
  const brokers = services.filter(([, s]) => s.environment?.KAFKA_PROCESS_ROLES === 'broker');
  const controllers = services.filter(([, s]) => s.environment?.KAFKA_PROCESS_ROLES === 'controller');

  it('writes compose.yaml that parses, with only the allowed images and known keys', () => {
    for (const k of Object.keys(compose)) expect(TOP_LEVEL_KEYS).toContain(k);
    for (const [svc, s] of services) {
      expect(ALLOWED_IMAGES, svc).toContain(s.image);
      for (const k of Object.keys(s)) expect(SERVICE_KEYS, `${svc}.${k}`).toContain(k);
      for (const dep of (s.depends_on as string[] | undefined) ?? [])
        expect(compose.services).toHaveProperty(dep);
    }
  });

  it("has the document's brokers, node ids, quorum voters and racks", () => {
    expect(brokers.map(([, s]) => s.environment!.KAFKA_NODE_ID)).toEqual(
      doc.cluster.brokers.map((_, i) => i + 1),
    );
    doc.cluster.brokers.forEach((b, i) => {
      expect(brokers[i]![1].environment!.KAFKA_BROKER_RACK).toBe(b.rack);
    });
    const voters = controllers.map(([svc, s]) => `${s.environment!.KAFKA_NODE_ID}@${svc}:9093`).join(',');
    expect(controllers.length).toBe(doc.cluster.brokers.length >= 3 ? 3 : 1);
    for (const [, s] of [...brokers, ...controllers])
      expect(s.environment!.KAFKA_CONTROLLER_QUORUM_VOTERS).toBe(voters);
    for (const [, s] of controllers)
      expect(Number(s.environment!.KAFKA_NODE_ID)).toBeGreaterThan(CONTROLLER_ID_BASE);
    const c = doc.cluster.config;
    for (const [, s] of brokers) {
      expect(s.environment!.KAFKA_NUM_IO_THREADS).toBe(c['num.io.threads']);
      expect(s.environment!.KAFKA_NUM_NETWORK_THREADS).toBe(c['num.network.threads']);
      expect(s.environment!.KAFKA_REPLICA_LAG_TIME_MAX_MS).toBe(c['replica.lag.time.max.ms']);
      expect(s.environment!.KAFKA_LOG_CLEANER_THREADS).toBe(c['log.cleaner.threads']);
      expect(s.environment!.KAFKA_LOG_CLEANER_BACKOFF_MS).toBe(c['log.cleaner.backoff.ms']);
    }
  });

  it('maps every KAFKA_ variable back to a real broker setting', () => {
    for (const [, s] of services)
      for (const name of Object.keys(s.environment ?? {})) {
        if (!name.startsWith('KAFKA_')) continue;
        const config = configOfKafkaEnv(name)!;
        expect(KAFKA_BROKER_CONFIGS, name).toContain(config);
        expect(kafkaEnvName(config)).toBe(name);
      }
  });

  it('writes only setting names from the allow-lists', () => {
    expect(auditNames(files)).toEqual([]);
  });

  it("creates the topics with the document's partitions, replication and settings", () => {
    const creates = toolLines(file(files, 'create-topics.sh'), 'kafka-topics.sh').filter((w) =>
      w.includes('--create'),
    );
    expect(creates.map((w) => after(w, '--topic'))).toEqual(doc.topics.map((t) => t.id));
    doc.topics.forEach((t, i) => {
      const w = creates[i]!;
      const configs = new Map(
        w.flatMap((x, j) => (x === '--config' ? [w[j + 1]!.split('=') as [string, string]] : [])),
      );
      expect(Number(after(w, '--partitions'))).toBe(t.partitions);
      expect(Number(after(w, '--replication-factor'))).toBe(t.replicationFactor);
      expect(Number(configs.get('min.insync.replicas'))).toBe(t.config['min.insync.replicas']);
      expect(Number(configs.get('retention.ms'))).toBe(t.config['retention.ms']);
      expect(configs.get('cleanup.policy')).toBe(t.config['cleanup.policy']);
      if (t.config['cleanup.policy'] !== 'delete')
        expect(Number(configs.get('delete.retention.ms'))).toBe(t.config['delete.retention.ms']);
    });
  });

  it("runs a perf-test producer per producer with the document's settings and rate", () => {
    const runs = toolLines(file(files, 'load.sh'), 'kafka-producer-perf-test.sh');
    for (const p of doc.producers) {
      const mine = runs.filter(
        (w) =>
          after(w, '--topic') === doc.edges.find((e) => e.from === p.id)?.to &&
          after(w, '--record-size') === String(p.recordBytes),
      );
      expect(mine.length, p.id).toBeGreaterThan(0);
      for (const w of mine) {
        const i = w.indexOf('--producer-props');
        const props = new Map(w.slice(i + 1).map((x) => x.split('=') as [string, string]));
        expect(props.get('acks')).toBe(p.config.acks);
        expect(Number(props.get('linger.ms'))).toBe(p.config['linger.ms']);
        expect(Number(props.get('batch.size'))).toBe(p.config['batch.size']);
        expect(props.get('compression.type')).toBe(p.config['compression.type']);
        expect(props.get('enable.idempotence')).toBe(String(effectiveIdempotence(p)));
      }
      const throughputs = mine.map((w) => Number(after(w, '--throughput')));
      if (p.rate.kind === 'max') expect(throughputs).toEqual([-1]);
      // The examples' and the test document's schedules all start later than second 0.
      else expect(throughputs[0]).toBe(p.rate.recordsPerSec);
    }
  });

  it("runs a consumer per group member with the group's settings", () => {
    const load = file(files, 'load.sh');
    for (const g of doc.consumerGroups) {
      const props = file(files, `config/${g.id}.properties`);
      expect(props).toContain(`max.poll.records=${g.config['max.poll.records']}`);
      expect(props).toContain(`enable.auto.commit=${g.config['enable.auto.commit']}`);
      const fn = load.split('\n').find((l) => l.includes(`--group ${g.id} `));
      expect(fn).toBeDefined();
      const starts = load.split('\n').filter((l) => l === `consume_${g.id.replace(/[^A-Za-z0-9_]/g, '_')} &`);
      expect(starts.length).toBe(g.members);
    }
  });

  it("submits each Spark job with the document's executors, and its script keeps the batch interval", () => {
    if (doc.sparkJobs.length === 0) return;
    const submits = toolLines(file(files, 'jobs/submit.sh'), 'spark-submit');
    expect(submits.length).toBe(doc.sparkJobs.length);
    doc.sparkJobs.forEach((j, i) => {
      const w = submits[i]!;
      const c = j.config;
      expect(after(w, '--name')).toBe(j.id);
      expect(Number(after(w, '--total-executor-cores'))).toBe(
        c['spark.executor.instances'] * c['spark.executor.cores'],
      );
      expect(Number(after(w, '--executor-cores'))).toBe(c['spark.executor.cores']);
      expect(after(w, '--executor-memory')).toBe(c['spark.executor.memory']);
      expect(after(w, '--packages')).toMatch(/^org\.apache\.spark:spark-sql-kafka-0-10_2\.12:3\.5\.\d+$/);
      const script = file(files, `jobs/${j.id}.py`);
      expect(script).toContain(`TRIGGER_INTERVAL = "${j.batchIntervalMs} milliseconds"`);
      expect(script).toMatch(/\.trigger\((processingTime=TRIGGER_INTERVAL|continuous=)/);
      expect(script).toContain('.option("checkpointLocation", CHECKPOINT)');
      expect(script).toContain('spark.readStream.format("kafka")');
      const cap = j.config['spark.streaming.kafka.maxRatePerPartition'];
      if (cap > 0) {
        const topic = doc.topics.find((t) => doc.edges.some((e) => e.from === t.id && e.to === j.id))!;
        expect(script).toContain(
          `max_offsets=${Math.floor((cap * topic.partitions * j.batchIntervalMs) / 1000)}`,
        );
      }
      for (const s of j.stages) expect(script).toContain(`# Stage "${s.id}" (${s.kind}`);
    });
  });

  it.skipIf(!hasPython)('compiles every Python script (python3 -m py_compile)', () => {
    for (const f of files.filter((f) => f.path.endsWith('.py'))) {
      const r = spawnSync('python3', ['-m', 'py_compile', join(dir, f.path)], { encoding: 'utf8' });
      expect(r.status, `${f.path}: ${r.stderr}`).toBe(0);
    }
  });

  it('writes shell scripts that pass bash -n and are executable', () => {
    const scripts = files.filter((f) => f.path.endsWith('.sh'));
    expect(scripts.length).toBeGreaterThanOrEqual(2);
    for (const f of scripts) {
      expect(f.executable).toBe(true);
      expect(f.text.startsWith('#!/usr/bin/env bash\n')).toBe(true);
      const r = spawnSync('bash', ['-n', join(dir, f.path)], { encoding: 'utf8' });
      expect(r.status, `${f.path}: ${r.stderr}`).toBe(0);
    }
  });

  it('says in the README that it was not run, and lists the faults', () => {
    const readme = file(files, 'README.md');
    expect(readme).toContain('Not run against a real cluster');
    expect(readme.match(/^- at [\d.]+ s: /gm)?.length ?? 0).toBeGreaterThanOrEqual(doc.faults.length);
  });
});

if (!hasPython) it.skip('python3 is not installed: py_compile of the job scripts was skipped', () => {});

describe('auditNames', () => {
  it('catches a made-up name in each kind of file', () => {
    const files = exportStack(everythingDoc());
    const edit = (path: string, from: string | RegExp, to: string) =>
      files.map((f) => (f.path === path ? { ...f, text: f.text.replace(from, to) } : f));
    const cases: [ExportedFile[], RegExp][] = [
      [
        edit('create-topics.sh', '--config cleanup.policy=delete', '--config cleanup.polcy=delete'),
        /topic setting "cleanup.polcy"/,
      ],
      [edit('load.sh', 'linger.ms=', 'linger.msec='), /producer setting "linger.msec"/],
      [edit('compose.yaml', 'KAFKA_NUM_IO_THREADS', 'KAFKA_NUM_IO_THREAD'), /broker setting "num.io.thread"/],
      [edit('compose.yaml', 'CLUSTER_ID', 'CLUSTER_IDENT'), /CLUSTER_IDENT/],
      [
        edit('config/readers.properties', 'max.poll.records', 'max.poll.record'),
        /consumer setting "max.poll.record"/,
      ],
      [
        edit('jobs/submit.sh', 'spark.memory.fraction', 'spark.memory.fractions'),
        /Spark setting "spark.memory.fractions"/,
      ],
      [
        edit('jobs/submit.sh', /--executor-cores/g, '--executor-core'),
        /spark-submit option "--executor-core"/,
      ],
      [edit('jobs/all-stages.py', '"startingOffsets"', '"startOffsets"'), /option "startOffsets"/],
    ];
    for (const [changed, expected] of cases) expect(auditNames(changed).join('\n')).toMatch(expected);
  });
});

describe('the export of the everything document', () => {
  const files = exportStack(everythingDoc());
  it('keeps a hostile name out of the code', () => {
    for (const f of files) expect(f.text, f.path).not.toContain('\\ of\n');
  });
  it('follows rate steps and spikes as stretches of constant rate, and cuts a max producer at the end', () => {
    const runs = toolLines(file(files, 'load.sh'), 'kafka-producer-perf-test.sh');
    const steady = runs.filter((w) => after(w, '--topic') === 'in');
    // 0-20 s at 1000, 20-40 at 2000, 40-50 at 6000 (spike x3), 50-55 at 4000 (fault x2), 55-60 at 2000.
    expect(steady.map((w) => [Number(after(w, '--throughput')), Number(after(w, '--num-records'))])).toEqual([
      [1000, 20_000],
      [2000, 40_000],
      [6000, 60_000],
      [4000, 20_000],
      [2000, 10_000],
    ]);
    const max = runs.filter((w) => after(w, '--topic') === 'side');
    expect(max.map((w) => after(w, '--throughput'))).toEqual(['-1']);
    expect(max[0]!.slice(0, 8)).toContain('timeout');
  });
  it('writes non-default producer settings and leaves defaults out', () => {
    const w = toolLines(file(files, 'load.sh'), 'kafka-producer-perf-test.sh').find(
      (w) => after(w, '--topic') === 'in',
    )!;
    expect(w).toContain('max.in.flight.requests.per.connection=10');
    expect(w).toContain('buffer.memory=67108864');
    expect(w).toContain('enable.idempotence=false');
    expect(w.some((x) => x.startsWith('retries='))).toBe(false);
  });
  it('runs the continuous job continuously and falls back to micro-batches where it cannot', () => {
    expect(file(files, 'jobs/fast.py')).toContain('.trigger(continuous="1000 milliseconds")');
    expect(file(files, 'jobs/all-stages.py')).toContain('.foreachBatch(write_all)');
    expect(file(files, 'jobs/patterns.py')).toContain('.foreachBatch(write_db)');
  });
  it('writes the backlog and the shuffle width', () => {
    expect(file(files, 'create-topics.sh')).toMatch(
      /--topic in --num-records 5000 --record-size 250 --throughput -1/,
    );
    expect(file(files, 'jobs/submit.sh')).toContain('spark.sql.shuffle.partitions=12');
  });
});

describe('predictions in the README', () => {
  it('carries the headline figures and the batch timings of a run', async () => {
    const doc = examples().find((e) => e.name === 'two-stage-jobs.json')!.doc;
    const short = { ...doc, run: { ...doc.run, durationSec: 15 } };
    const run = await runLocally(short, short.run.seed);
    const predictions = predictionsFromRun(short, run, 'a unit test');
    expect(predictions.headline.throughput).toBeGreaterThan(4000);
    expect(predictions.jobs.map((j) => j.id)).toEqual(['cleaner', 'page-counts']);
    expect(predictions.jobs[0]!.batches).toBeGreaterThan(10);
    const readme = file(exportStack(short, predictions), 'README.md');
    expect(readme).toContain('From a unit test: seed 7, 15 simulated seconds');
    expect(readme).toMatch(/\| Acknowledged throughput \| [\d,.]+ records\/s \|/);
    expect(readme).toMatch(/\| Processed throughput \| [\d,.]+ records\/s \|/);
    expect(readme).toMatch(/\| cleaner \| \d+ \| [\d.]+ \|/);
  });
  it('says why there are none', () => {
    const readme = file(
      exportStack(everythingDoc(), undefined, { noPredictionsReason: 'exported with --no-predict' }),
      'README.md',
    );
    expect(readme).toContain('No predictions in this export: exported with --no-predict.');
  });
});

describe('the allow-lists', () => {
  const FACTS = '/work/shared/reference/kafka-spark-facts.md';
  const hasFacts = existsSync(FACTS);
  const schemaText = readdirSync(join(import.meta.dirname, '../model/schema'))
    .map((f) => readFileSync(join(import.meta.dirname, '../model/schema', f), 'utf8'))
    .join('\n');
  const lists = {
    KAFKA_BROKER_CONFIGS,
    KAFKA_TOPIC_CONFIGS,
    KAFKA_PRODUCER_CONFIGS,
    KAFKA_CONSUMER_CONFIGS,
    SPARK_CONFS,
  };

  it.skipIf(!hasFacts)(`take every name that is not a deployment one from ${FACTS} or the schema`, () => {
    const facts = readFileSync(FACTS, 'utf8');
    const missing = Object.entries(lists).flatMap(([list, names]) =>
      [...names]
        .filter((n) => !DEPLOYMENT_NAMES.has(n) && !facts.includes(n) && !schemaText.includes(`'${n}'`))
        .map((n) => `${list}: ${n}`),
    );
    expect(missing).toEqual([]);
  });
  it('keep deployment names few', () => {
    expect(DEPLOYMENT_NAMES.size).toBeLessThanOrEqual(20);
  });
});
