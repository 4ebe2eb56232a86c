// One PySpark Structured Streaming script per Spark job, and jobs/submit.sh with their spark-submit
// lines. The simulated jobs are DStream jobs; each stage is written as the nearest Structured
// Streaming operator, with a comment wherever the two differ and what stands in.
import type { Pipeline, Sink, SparkJob, SparkStage } from '../model/types';
import {
  SPARK_HOME,
  SPARK_JOBS_DIR,
  SPARK_KAFKA_PACKAGE,
  SPARK_WORK_DIR,
  type JobPlan,
  type StackPlan,
} from './plan';
import { plainNumber, py, sh, shComment } from './text';

/** Records a batch may take: the per-partition rate cap over all partitions for one interval. */
export function maxOffsetsPerTrigger(doc: Pipeline, plan: JobPlan): number | undefined {
  const cap = plan.job.config['spark.streaming.kafka.maxRatePerPartition'];
  const topic = doc.topics.find((t) => t.id === plan.source);
  if (cap <= 0 || !topic) return undefined;
  return Math.max(1, Math.floor((cap * topic.partitions * plan.job.batchIntervalMs) / 1000));
}

/** Tasks after a shuffle: spark.default.parallelism if the document sets it, else the job's cores. */
export function shufflePartitions(job: SparkJob): number {
  const c = job.config;
  return c['spark.default.parallelism'] ?? c['spark.executor.instances'] * c['spark.executor.cores'];
}

const ms = (n: number) => `${n} milliseconds`;

/** What a stage becomes; each returns Python lines working on `df`. */
interface ChainState {
  /** Whether a watermark is already set on event_time (set once, at the first stateful stage). */
  watermarked: boolean;
  /** Stateful stages so far (aggregations and stream-stream joins). */
  stateful: number;
  /** Continuous mode can run record-at-a-time stages only. */
  recordAtATime: boolean;
}

function watermark(state: ChainState, delayMs: number, why: string): string[] {
  if (state.watermarked)
    return [`# (the watermark set earlier on event_time carries on; Spark allows one per stream)`];
  state.watermarked = true;
  return [`# ${why}`, `df = df.withWatermark("event_time", ${py(ms(delayMs))})`];
}

/** Records out of an aggregation keep the chain's shape: key, value, event_time and an id. */
const AFTER_AGGREGATE = [
  'df = df.select(',
  '    F.col("group_key").cast("string").alias("key"),',
  '    F.to_json(F.struct("window", "records")).alias("value"),',
  '    F.window_time("window").alias("event_time"),',
  '    F.xxhash64("group_key", "window").alias("rid"),',
  ')',
];

function stageLines(doc: Pipeline, job: SparkJob, s: SparkStage, state: ChainState): string[] {
  // The record id hashed with the stage's id: each stage draws its own, independent choices.
  const h = `F.xxhash64("rid", F.lit(${py(s.id)}))`;
  const head = `# Stage "${s.id}" (${s.kind}, ${plainNumber(s.costPerRecordUs)} us a record in the simulation).`;
  switch (s.kind) {
    case 'map':
      return [
        head,
        '# A per-record transformation; the real parsing is not in the document, so reversing the value',
        '# stands in for it. Put the real transformation here.',
        'df = df.withColumn("value", F.reverse(F.col("value")))',
      ];
    case 'flatMap': {
      // explode is a generator, which continuous processing does not list among its operators.
      state.recordAtATime = false;
      return [
        head,
        `# Each record becomes ${plainNumber(s.fanOut)} records on average: floor(fanOut + rand()) copies,`,
        '# so the mean matches the document (the simulation draws the count the same way on average).',
        `df = df.select("key", "value", "event_time", F.posexplode(F.expr(${py(`array_repeat(rid, CAST(floor(${plainNumber(s.fanOut, 6)} + rand()) AS INT))`)})).alias("copy", "parent"))`,
        'df = df.select("key", "value", "event_time", F.xxhash64("parent", "copy").alias("rid"))',
      ];
    }
    case 'filter':
      return [
        head,
        `# Keeps a share of ${plainNumber(s.selectivity, 6)} of the records, chosen by a hash of the record id so a`,
        '# replayed batch keeps the same ones. Put the real predicate here.',
        `df = df.filter(F.pmod(${h}, F.lit(1000000)) < F.lit(${Math.round(s.selectivity * 1_000_000)}))`,
      ];
    case 'aggregate': {
      state.recordAtATime = false;
      state.stateful++;
      return [
        head,
        `# reduceByKey over each batch (${s.keyCardinality} distinct keys). Structured Streaming has no`,
        '# per-batch reduce: a tumbling event-time window as long as the trigger interval stands in.',
        `# The records carry no key (the perf-test producer sends none): a hash of the record id spread`,
        `# over ${s.keyCardinality} values stands in for it.`,
        ...watermark(state, job.batchIntervalMs, 'Each window is written once the watermark passes its end.'),
        `df = df.withColumn("group_key", F.pmod(${h}, F.lit(${s.keyCardinality})))`,
        `df = df.groupBy(F.window("event_time", ${py(ms(job.batchIntervalMs))}), "group_key").agg(F.count(F.lit(1)).alias("records"))`,
        ...AFTER_AGGREGATE,
      ];
    }
    case 'window': {
      state.recordAtATime = false;
      state.stateful++;
      const byEventTime = s.watermarkDelayMs !== undefined;
      return [
        head,
        `# reduceByKeyAndWindow: ${s.windowLengthMs} ms windows sliding by ${s.slideMs} ms, ${s.keyCardinality} distinct keys`,
        '# (a hash of the record id stands in for the key the perf-test records do not carry).',
        ...(byEventTime
          ? watermark(
              state,
              s.watermarkDelayMs!,
              `withWatermark: records more than ${s.watermarkDelayMs} ms behind the newest event time are dropped as late.`,
            )
          : watermark(
              state,
              job.batchIntervalMs,
              'The document windows by arrival time, which Structured Streaming does not offer. The Kafka\n' +
                '# record timestamp (set by the producer at send) stands in, with a watermark of one batch\n' +
                '# interval so windows close; the perf-test producer sends in order, so few records are late.',
            )),
        `df = df.withColumn("group_key", F.pmod(${h}, F.lit(${s.keyCardinality})))`,
        `df = df.groupBy(F.window("event_time", ${py(ms(s.windowLengthMs))}, ${py(ms(s.slideMs))}), "group_key").agg(F.count(F.lit(1)).alias("records"))`,
        ...AFTER_AGGREGATE,
      ];
    }
    case 'join': {
      state.recordAtATime = false;
      const m = s.matchRate;
      const keySpace = m > 0 ? Math.max(1, Math.round(s.tableRows / m)) : 0;
      const table = `table_${s.id.replace(/[^A-Za-z0-9_]/g, '_')}`;
      return [
        head,
        `# Stream-static join with a table of ${s.tableRows} rows of ${s.tableRowBytes} bytes (${s.strategy}).`,
        "# The table is generated here at the document's size; load the real one (spark.read...) instead.",
        `${table} = spark.range(${s.tableRows}).select(`,
        '    F.col("id").alias("join_key"),',
        `    F.expr(${py(`repeat('x', ${s.tableRowBytes})`)}).alias("row"),`,
        ')',
        ...(s.strategy === 'broadcast'
          ? [`${table} = F.broadcast(${table})`]
          : [`${table} = ${table}.hint("shuffle_hash")`]),
        m > 0
          ? `# Join keys are spread over ${keySpace} values, so a share of ${plainNumber(m, 6)} of the records finds a row.`
          : '# The document has no record find a row: the keys are set outside the table.',
        m > 0
          ? `df = df.withColumn("join_key", F.pmod(${h}, F.lit(${keySpace})))`
          : 'df = df.withColumn("join_key", F.lit(-1).cast("long"))',
        `df = df.join(${table}, "join_key", "inner")`,
        'df = df.select("key", F.concat_ws("|", "value", "row").alias("value"), "event_time", "rid")',
      ];
    }
    case 'streamJoin': {
      state.recordAtATime = false;
      state.stateful++;
      const other = s.topic ?? '';
      const otherRate = doc.producers
        .filter((p) => doc.edges.some((e) => e.from === p.id && e.to === other))
        .reduce((a, p) => a + p.rate.recordsPerSec, 0);
      const windowSec = (2 * s.withinMs) / 1000;
      const keySpace =
        s.matchRate > 0 ? Math.max(1, Math.round(((otherRate || 1000) * windowSec) / s.matchRate)) : 0;
      return [
        head,
        `# Stream-stream join with topic "${other}": each side waits ${s.withinMs} ms for a partner.`,
        `# Keys are spread over ${keySpace || 'no'} values, so a record meets about ${plainNumber(s.matchRate, 6)} partners on average`,
        otherRate > 0
          ? `# at the other stream's document rate (${plainNumber(otherRate)} records/s); the document's match rate is exact,`
          : "# at an assumed 1000 records/s (the other stream's rate is not set in the document); the document's match rate is exact,",
        '# this is a Poisson approximation of it.',
        ...watermark(state, s.withinMs, 'Both sides need a watermark so the join state is bounded.'),
        `other = read_topic(${py(other)}).withWatermark("event_time", ${py(ms(s.withinMs))})`,
        ...(s.matchRate > 0
          ? [
              `df = df.withColumn("join_key", F.pmod(${h}, F.lit(${keySpace})))`,
              `other = other.withColumn("join_key", F.pmod(${h}, F.lit(${keySpace})))`,
            ]
          : [
              'df = df.withColumn("join_key", F.lit(-1).cast("long"))',
              'other = other.withColumn("join_key", F.lit(-2).cast("long"))',
            ]),
        'l, r = df.alias("l"), other.alias("r")',
        'df = l.join(',
        '    r,',
        `    F.expr(${py(`l.join_key = r.join_key AND r.event_time BETWEEN l.event_time - INTERVAL ${s.withinMs} MILLISECONDS AND l.event_time + INTERVAL ${s.withinMs} MILLISECONDS`)}),`,
        '    "inner",',
        ').select(F.col("l.key").alias("key"), F.concat_ws("|", "l.value", "r.value").alias("value"), F.col("l.event_time").alias("event_time"), F.col("l.rid").alias("rid"))',
      ];
    }
    case 'cep': {
      state.recordAtATime = false;
      state.stateful++;
      return [
        head,
        `# Complex event processing (a per-key sequence completing within ${s.withinMs} ms, ${s.keyCardinality} keys,`,
        `# a share of ${plainNumber(s.matchRate, 6)} of records completing one) has no PySpark operator. A count of`,
        `# each key's events per ${s.withinMs} ms window stands in, keeping keys seen at least twice;`,
        '# applyInPandasWithState (or flatMapGroupsWithState in Scala) is where the real pattern goes.',
        ...watermark(state, s.withinMs, 'Windows close once the watermark passes their end.'),
        `df = df.withColumn("group_key", F.pmod(${h}, F.lit(${s.keyCardinality})))`,
        `df = df.groupBy(F.window("event_time", ${py(ms(s.withinMs))}), "group_key").agg(F.count(F.lit(1)).alias("records"))`,
        'df = df.filter(F.col("records") >= 2)',
        ...AFTER_AGGREGATE,
      ];
    }
    case 'score': {
      state.recordAtATime = false;
      const name = `score_${s.id.replace(/[^A-Za-z0-9_]/g, '_')}`;
      return [
        head,
        `# ML scoring with a ${s.modelBytes}-byte model, broadcast to the executors. A Python UDF stands in for`,
        '# the model (it costs a round trip to Python per record, as real scoring would). The document',
        s.refreshEveryBatches > 0
          ? `# re-broadcasts the model every ${s.refreshEveryBatches} batches; here it is shipped once (reloading it needs foreachBatch).`
          : '# loads the model once, as here.',
        `model_${name} = spark.sparkContext.broadcast(bytes(${s.modelBytes}))`,
        '',
        '',
        `@F.udf(returnType="double")`,
        `def ${name}(value):`,
        `    model = model_${name}.value`,
        '    return (len(value or "") + len(model)) % 1000 / 1000.0',
        '',
        '',
        `df = df.withColumn("value", F.concat_ws("|", "value", ${name}("value").cast("string")))`,
      ];
    }
    case 'sink':
      return [head, '# The output (foreachRDD in the simulated job) is the writeStream below.'];
  }
}

function sinkWriter(
  doc: Pipeline,
  target: string,
): { kind: 'topic' | Sink['kind']; lines: string[]; fn: string } {
  const fn = `write_${target.replace(/[^A-Za-z0-9_]/g, '_')}`;
  const sink = doc.sinks.find((s) => s.id === target);
  if (!sink)
    return {
      kind: 'topic',
      fn,
      lines: [
        `def ${fn}(batch_df, batch_id):`,
        `    """Topic "${target}": each record as JSON, keyed as it came."""`,
        '    (batch_df.select("key", F.to_json(F.struct("*")).alias("value")).write.format("kafka")',
        '        .option("kafka.bootstrap.servers", BOOTSTRAP)',
        `        .option("topic", ${py(target)})`,
        '        .save())',
      ],
    };
  const limit = sink.maxRecordsPerSec > 0 ? `up to ${sink.maxRecordsPerSec} records/s, ` : '';
  const about = `${sink.kind} sink "${sink.id}" (${limit}${sink.writeLatencyMs} ms a write, ${sink.delivery})`;
  if (sink.kind === 'database') {
    const delivery =
      sink.delivery === 'transactional'
        ? '    # transactional: write the rows and batch_id in one transaction and skip a batch_id already written.'
        : sink.delivery === 'idempotent'
          ? '    # idempotent: upsert by key, so a replayed batch overwrites the same rows.'
          : '    # at least once: a replayed batch is written again.';
    return {
      kind: 'database',
      fn,
      lines: [
        `def ${fn}(batch_df, batch_id):`,
        `    """The ${about}. A stub: with JDBC_URL set (and the`,
        '    database\'s JDBC driver added to --packages) it appends over JDBC; without it, it counts the batch."""',
        '    url = os.environ.get("JDBC_URL")',
        '    if not url:',
        `        print(f"batch {batch_id}: {batch_df.count()} records for ${sink.id} (JDBC_URL not set, not written)")`,
        '        return',
        delivery,
        '    (batch_df.write.format("jdbc")',
        '        .option("url", url)',
        `        .option("dbtable", ${py(sink.id.replace(/[^A-Za-z0-9_]/g, '_'))})`,
        '        .option("user", os.environ.get("JDBC_USER", ""))',
        '        .option("password", os.environ.get("JDBC_PASSWORD", ""))',
        '        .mode("append")',
        '        .save())',
      ],
    };
  }
  if (sink.kind === 'files')
    return {
      kind: 'files',
      fn,
      lines: [
        `def ${fn}(batch_df, batch_id):`,
        `    """The ${about}: Parquet files."""`,
        `    batch_df.write.mode("append").option("path", ${py(`${SPARK_WORK_DIR}/output/${sink.id}`)}).format("parquet").save()`,
      ],
    };
  return {
    kind: 'dashboard',
    fn,
    lines: [
      `def ${fn}(batch_df, batch_id):`,
      `    """The ${about}: printed, as a dashboard would show it."""`,
      '    batch_df.show(20, truncate=False)',
    ],
  };
}

export function jobScript(doc: Pipeline, plan: StackPlan, jp: JobPlan): string {
  const job = jp.job;
  const c = job.config;
  const state: ChainState = { watermarked: false, stateful: 0, recordAtATime: true };
  const chain = job.stages.flatMap((s) => ['', ...stageLines(doc, job, s, state)]);
  const cap = maxOffsetsPerTrigger(doc, jp);
  const source = jp.source ?? '';
  const writers = jp.targets.map((t) => sinkWriter(doc, t));
  const single = writers.length === 1 ? writers[0] : undefined;
  const continuous =
    job.mode === 'continuous' &&
    state.recordAtATime &&
    (single?.kind === 'topic' || single?.kind === 'dashboard');
  const header = [
    `"""Spark job "${job.id}" of "${doc.name}", exported by Streamlab as PySpark Structured Streaming.`,
    '',
    `The simulated job is a Spark Streaming (DStream) job over Kafka's direct stream: a batch every`,
    `${job.batchIntervalMs} ms from topic "${source}", stages ${job.stages.map((s) => s.id).join(' -> ') || '(none)'}.`,
    'Run it with jobs/submit.sh (spark-submit on the standalone cluster of compose.yaml).',
    '',
    'Not run against a real cluster by Streamlab: checked for structure only (it compiles, and every',
    'Spark and Kafka name in it is a real one).',
    '"""',
  ];
  const rateNotes: string[] = [];
  if (cap !== undefined)
    rateNotes.push(
      `# maxOffsetsPerTrigger: spark.streaming.kafka.maxRatePerPartition (${c['spark.streaming.kafka.maxRatePerPartition']} records/s) x ${doc.topics.find((t) => t.id === source)?.partitions} partitions x ${job.batchIntervalMs / 1000} s.`,
    );
  else
    rateNotes.push(
      '# No maxOffsetsPerTrigger: spark.streaming.kafka.maxRatePerPartition is 0 (unlimited), so a batch takes',
      '# everything up to the latest offset, as the simulated job does.',
    );
  if (c['spark.streaming.backpressure.enabled'])
    rateNotes.push(
      '# spark.streaming.backpressure.enabled is true in the document: Structured Streaming has no PID rate',
      '# estimator; maxOffsetsPerTrigger is its only rate limit.',
    );

  const lines = [
    ...header,
    'import os',
    '',
    'from pyspark.sql import SparkSession',
    'from pyspark.sql import functions as F',
    '',
    `BOOTSTRAP = os.environ.get("KAFKA_BOOTSTRAP", ${py(plan.bootstrap)})`,
    `CHECKPOINT = os.environ.get("CHECKPOINT_DIR", ${py(jp.checkpoint)})`,
    `TRIGGER_INTERVAL = ${py(ms(job.batchIntervalMs))}`,
    '',
    `spark = SparkSession.builder.appName(${py(job.id)}).getOrCreate()`,
    'spark.sparkContext.setLogLevel("WARN")',
    '',
    '',
    'def read_topic(topic, max_offsets=None):',
    '    """A Kafka topic as a stream of key, value, event_time (the record timestamp) and rid, an id',
    '    made from the partition and offset (the perf-test records carry no key of their own)."""',
    '    reader = (',
    '        spark.readStream.format("kafka")',
    '        .option("kafka.bootstrap.servers", BOOTSTRAP)',
    '        .option("subscribe", topic)',
    '        .option("startingOffsets", "latest")',
    '    )',
    '    if max_offsets is not None:',
    '        reader = reader.option("maxOffsetsPerTrigger", max_offsets)',
    '    return reader.load().select(',
    '        F.col("key").cast("string").alias("key"),',
    '        F.col("value").cast("string").alias("value"),',
    '        F.col("timestamp").alias("event_time"),',
    '        F.xxhash64("partition", "offset").alias("rid"),',
    '    )',
    '',
    '',
    ...(jp.receiverSource !== undefined
      ? [
          `# The job reads receiver source "${jp.receiverSource}" (receivers, blocks, a write-ahead log): DStreams only,`,
          '# which this export does not write. Feed the records into a Kafka topic to run the job here.',
          `raise SystemExit(${py(`job ${job.id} reads receiver source ${jp.receiverSource}, which the export does not run`)})`,
        ]
      : jp.source === undefined
        ? [
            '# The document connects no topic to this job.',
            `raise SystemExit(${py(`job ${job.id} reads no topic in the document: connect one and export again`)})`,
          ]
        : []),
    `# Source: topic "${source}", from the latest offsets, as the simulated job starts.`,
    ...rateNotes,
    `df = read_topic(${py(source)}${cap !== undefined ? `, max_offsets=${cap}` : ''})`,
    ...chain,
    '',
    '',
  ];
  // A single topic, dashboard or file target has a streaming sink of its own; the rest go through
  // foreachBatch with these writers.
  const native = single !== undefined && single.kind !== 'database';
  if (!native) lines.push(...writers.flatMap((w) => [...w.lines, '', '']));

  const writeHead = [
    'query = (',
    '    df.writeStream.queryName(' + py(job.id) + ')',
    '    .outputMode("append")',
    '    .option("checkpointLocation", CHECKPOINT)',
  ];
  let sinkLines: string[];
  if (single?.kind === 'topic') {
    const topic = jp.targets[0]!;
    sinkLines = [
      `    # Writes to topic "${topic}": each record as JSON.`,
      '    .format("kafka")',
      '    .option("kafka.bootstrap.servers", BOOTSTRAP)',
      `    .option("topic", ${py(topic)})`,
    ];
    writeHead[1] =
      '    df.select("key", F.to_json(F.struct("*")).alias("value")).writeStream.queryName(' +
      py(job.id) +
      ')';
  } else if (single?.kind === 'dashboard') {
    sinkLines = ['    .format("console")', '    .option("numRows", 20)', '    .option("truncate", "false")'];
  } else if (single?.kind === 'files') {
    sinkLines = [
      '    .format("parquet")',
      `    .option("path", ${py(`${SPARK_WORK_DIR}/output/${jp.targets[0]!}`)})`,
    ];
  } else if (single?.kind === 'database') {
    sinkLines = [`    .foreachBatch(${single.fn})`];
  } else if (writers.length > 1) {
    lines.push(
      'def write_all(batch_df, batch_id):',
      '    """The job writes to several places: each gets every batch."""',
      '    batch_df.persist()',
      ...writers.map((w) => `    ${w.fn}(batch_df, batch_id)`),
      '    batch_df.unpersist()',
      '',
      '',
    );
    sinkLines = ['    .foreachBatch(write_all)'];
  } else {
    sinkLines = [
      '    # The document connects the job to no topic or sink: the noop sink runs the query and drops the output.',
      '    .format("noop")',
    ];
  }
  const trigger = continuous
    ? [
        `    # Continuous processing: an epoch (checkpoint of offsets) every ${job.batchIntervalMs} ms.`,
        `    .trigger(continuous=${py(ms(job.batchIntervalMs))})`,
      ]
    : [
        ...(job.mode === 'continuous'
          ? [
              '    # The document runs this job in continuous mode; this chain or sink is one continuous processing',
              '    # cannot run in Structured Streaming, so micro-batches at the same interval stand in.',
            ]
          : []),
        '    .trigger(processingTime=TRIGGER_INTERVAL)',
      ];
  lines.push(...writeHead, ...sinkLines, ...trigger, '    .start()', ')', 'query.awaitTermination()', '');
  return lines.join('\n');
}

export function submitSh(doc: Pipeline, plan: StackPlan): string {
  const out = [
    '#!/usr/bin/env bash',
    'set -euo pipefail',
    'cd "$(dirname "$0")/.."',
    shComment(
      'Submits every Spark job of the document to the standalone master, each driver in the master\n' +
        'container (client mode), in the background. Run after create-topics.sh and before load.sh.\n' +
        '\n' +
        'Executors: --total-executor-cores / --executor-cores of them, as spark.executor.instances and\n' +
        "spark.executor.cores say. The document's spark.streaming.* settings belong to DStreams and have no\n" +
        'effect on Structured Streaming; each script says what stands in for them.',
    ),
    '',
  ];
  for (const jp of plan.jobs) {
    const c = jp.job.config;
    const args = [
      '--master',
      'spark://spark-master:7077',
      '--deploy-mode',
      'client',
      '--name',
      sh(jp.job.id),
      '--total-executor-cores',
      String(jp.totalCores),
      '--executor-cores',
      String(c['spark.executor.cores']),
      '--executor-memory',
      c['spark.executor.memory'],
      '--packages',
      SPARK_KAFKA_PACKAGE,
      '--conf',
      `spark.sql.shuffle.partitions=${shufflePartitions(jp.job)}`,
      '--conf',
      `spark.memory.fraction=${c['spark.memory.fraction']}`,
      '--conf',
      // The image's spark user has no home directory for --packages to download into.
      'spark.jars.ivy=/tmp/.ivy2',
      `${SPARK_JOBS_DIR}/${jp.file}`,
    ];
    out.push(
      `# Job "${jp.job.id}": ${c['spark.executor.instances']} executor(s) x ${c['spark.executor.cores']} core(s), ${c['spark.executor.memory']} each.`,
      `docker compose exec -T spark-master ${SPARK_HOME}/bin/spark-submit ${args.join(' ')} &`,
      '',
    );
  }
  out.push(
    '# Each driver serves its UI on the first free port from 4040 (published up to ' +
      `${4040 + plan.jobs.length - 1}), in the order the jobs start.`,
    'wait',
  );
  return out.join('\n') + '\n';
}
