// The built-in course as data: it parses, each lesson is complete and its solution stays within
// what the lesson lets the learner change, and together the lessons cover every concept of
// concepts.md. The runs are in course.kafka.test.ts and course.spark.test.ts.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isAllowed } from '../paths';
import { EXPECTED, KAFKA_LESSONS, course } from './course.expectations';
import { BUILT_IN_COURSE_TITLE } from './index';

describe('the built-in course', () => {
  it('parses, with unique ids, one file per lesson named NN-<id>.json in course order', () => {
    expect(course.title).toBe(BUILT_IN_COURSE_TITLE);
    expect(course.lessons.length).toBeGreaterThanOrEqual(14);
    const ids = course.lessons.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    const files = readdirSync(new URL('.', import.meta.url))
      .filter((f) => f.endsWith('.json'))
      .sort();
    expect(files).toEqual(ids.map((id, i) => `${String(i + 1).padStart(2, '0')}-${id}.json`));
  });

  it('gives every quiz question a hint for a wrong answer that does not hand over the answer', () => {
    for (const lesson of course.lessons)
      for (const q of lesson.quiz ?? []) {
        expect(q.hint, `${lesson.id}: ${q.question}`).toBeTruthy();
        expect(q.hint!.toLowerCase()).not.toContain(q.options[q.answer]!.toLowerCase());
      }
  });

  it('hints name settings as the inspector does, never by their document paths', () => {
    // A path such as topics[orders].partitions: a node list, an id in brackets, then a dot.
    const path = /\b(producers|topics|consumerGroups|sparkJobs|sinks|sparkSources)\[[^\]]+\]\./;
    for (const lesson of course.lessons) for (const h of lesson.hints) expect(h, lesson.id).not.toMatch(path);
  });

  it('runs every lesson in one of the two run files', () => {
    const ids = course.lessons.map((l) => l.id);
    for (const id of KAFKA_LESSONS) expect(ids).toContain(id);
    expect(ids.filter((id) => !KAFKA_LESSONS.includes(id)).length).toBeGreaterThan(0);
  });

  it.each(course.lessons.map((l) => [l.id, l] as const))(
    '%s is complete: text, goal, editable settings, hints, solution within them, quiz',
    (_id, lesson) => {
      expect(lesson.explanation.length).toBeGreaterThanOrEqual(2);
      expect(lesson.explanation.length).toBeLessThanOrEqual(5);
      expect(lesson.goal.conditions.length).toBeGreaterThanOrEqual(1);
      expect(lesson.goal.conditions.length).toBeLessThanOrEqual(4);
      expect(lesson.goal.seeds?.length ?? 0).toBeGreaterThanOrEqual(2);
      for (const c of lesson.goal.conditions) {
        expect(c.label.length).toBeGreaterThan(10);
        // The figure is named: a unit to show it with, or (for a share, which has none) the label says so.
        expect(c.unit ?? (/share/.test(c.label) ? 'share' : undefined), c.label).toBeTruthy();
        expect(c.whenMet).toBeTruthy();
        expect(c.whenMissed).toBeTruthy();
      }
      expect(lesson.editable.length).toBeGreaterThanOrEqual(1);
      for (const e of lesson.editable) expect(e.note).toBeTruthy();
      expect(lesson.lockedWhy).toBeTruthy();
      expect(lesson.hints.length).toBeGreaterThanOrEqual(2);
      expect(lesson.hints.length).toBeLessThanOrEqual(4);
      const allowed = lesson.editable.map((e) => e.path);
      for (const c of lesson.solution.changes) expect(isAllowed(c.path, allowed)).toBe(true);
      expect(lesson.quiz?.length ?? 0).toBeGreaterThanOrEqual(1);
      expect(lesson.quiz?.length ?? 0).toBeLessThanOrEqual(2);
      expect(EXPECTED[lesson.id], `no expectation written for ${lesson.id}`).toBeDefined();
    },
  );
});

/**
 * Every concept of concepts.md (shared/reference), bullet by bullet, with the lesson meant to teach
 * it and a pattern its `concepts` or quiz must match. Written by hand: a concept nobody teaches, or
 * a lesson that stops teaching it, fails here.
 */
const COVERAGE: { concept: string; lesson: string; pattern: RegExp }[] = [
  // Kafka: the transport and storage layer
  { concept: 'publish/subscribe, decoupling', lesson: 'partitions', pattern: /publish\/subscribe/i },
  { concept: 'decoupled readers', lesson: 'retention-replay', pattern: /decoupled/i },
  { concept: 'brokers and the cluster', lesson: 'partitions', pattern: /brokers/i },
  { concept: 'scaling out with brokers', lesson: 'capstone-sizing', pattern: /sizing brokers/i },
  { concept: 'partitions, logs and offsets', lesson: 'partitions', pattern: /records and offsets/i },
  { concept: 'partitions as the unit of parallelism', lesson: 'partitions', pattern: /cap parallelism/i },
  { concept: 'key-based partitioning', lesson: 'keys', pattern: /key-based partitioning/i },
  { concept: 'murmur2', lesson: 'keys', pattern: /murmur2/i },
  { concept: 'ordering per key', lesson: 'keys', pattern: /ordering per key/i },
  { concept: 'skew and hot partitions', lesson: 'hot-key', pattern: /hot partitions/i },
  { concept: 'custom partitioner', lesson: 'hot-key', pattern: /custom partitioner/i },
  {
    concept: 'replication factor, leaders and followers',
    lesson: 'replication',
    pattern: /leaders and followers/i,
  },
  { concept: 'in-sync replicas', lesson: 'replication', pattern: /\bISR\b/ },
  { concept: 'acks', lesson: 'replication', pattern: /\backs\b/ },
  { concept: 'min.insync.replicas', lesson: 'replication', pattern: /min\.insync\.replicas/ },
  { concept: 'leader election', lesson: 'replication', pattern: /leader election/i },
  {
    concept: 'what is lost (unclean election)',
    lesson: 'unclean-election',
    pattern: /unclean\.leader\.election/,
  },
  { concept: 'retention', lesson: 'retention-replay', pattern: /retention\.ms/ },
  { concept: 'replay from an earlier offset', lesson: 'retention-replay', pattern: /replay/i },
  { concept: 'consumer offsets and commits', lesson: 'rebalances', pattern: /offsets and commits/i },
  { concept: 'consumer groups share partitions', lesson: 'partitions', pattern: /groups share partitions/i },
  { concept: 'rebalances', lesson: 'rebalances', pattern: /rebalanc/i },
  { concept: 'lag', lesson: 'lag', pattern: /consumer lag/i },
  { concept: 'batching: batch.size and linger.ms', lesson: 'batching', pattern: /linger\.ms/ },
  { concept: 'compression', lesson: 'batching', pattern: /compression/i },
  { concept: 'fetch sizes and max.poll.records', lesson: 'lag', pattern: /max\.poll\.records/ },
  { concept: 'hardware bounds a broker', lesson: 'capstone-sizing', pattern: /hardware/i },
  { concept: 'broker CPU per request', lesson: 'batching', pattern: /fixed cost/i },
  // Spark Streaming: the processing layer
  { concept: 'micro-batches and the batch interval', lesson: 'micro-batches', pattern: /batch interval/i },
  { concept: 'DStreams', lesson: 'micro-batches', pattern: /DStreams/ },
  { concept: 'continuous mode', lesson: 'micro-batches', pattern: /continuous/i },
  { concept: 'stability', lesson: 'micro-batches', pattern: /stability/i },
  {
    concept: 'scheduling delay, processing time, total delay',
    lesson: 'micro-batches',
    pattern: /total delay/i,
  },
  { concept: 'map, filter, flatMap, aggregations', lesson: 'micro-batches', pattern: /map, filter/i },
  { concept: 'windowed aggregations', lesson: 'windows-watermarks', pattern: /window length and slide/i },
  { concept: 'watermarks and late records', lesson: 'windows-watermarks', pattern: /watermark/i },
  {
    concept: 'stream-static joins, Lambda architecture',
    lesson: 'capstone-sizing',
    pattern: /stream-static/i,
  },
  { concept: 'stream-stream joins', lesson: 'capstone-sizing', pattern: /stream-stream/i },
  { concept: 'complex event processing', lesson: 'windows-watermarks', pattern: /complex event processing/i },
  { concept: 'ML scoring', lesson: 'checkpoints-exactly-once', pattern: /ML scoring/ },
  { concept: 'parallelism: executors x cores', lesson: 'capstone-sizing', pattern: /executors x cores/i },
  {
    concept: 'Kafka partitions become tasks',
    lesson: 'capstone-sizing',
    pattern: /partitions become Spark tasks/i,
  },
  { concept: 'shuffle parallelism', lesson: 'hot-key', pattern: /spark\.default\.parallelism/ },
  { concept: 'executor memory, memory fraction, spills', lesson: 'windows-watermarks', pattern: /spills/i },
  { concept: 'backpressure', lesson: 'backpressure', pattern: /backpressure\.enabled/ },
  { concept: 'maxRatePerPartition', lesson: 'backpressure', pattern: /maxRatePerPartition/ },
  { concept: 'recomputation from lineage', lesson: 'checkpoints-exactly-once', pattern: /lineage/i },
  {
    concept: 'checkpointing and its cost',
    lesson: 'checkpoints-exactly-once',
    pattern: /checkpoint interval/i,
  },
  { concept: 'sources: direct stream and receivers', lesson: 'micro-batches', pattern: /receivers/i },
  {
    concept: 'sinks: databases, files, dashboards, Kafka',
    lesson: 'micro-batches',
    pattern: /sinks: files/i,
  },
  { concept: 'exactly-once sinks', lesson: 'checkpoints-exactly-once', pattern: /exactly-once/i },
];

describe('coverage of concepts.md', () => {
  const byId = new Map(course.lessons.map((l) => [l.id, l]));
  it.each(COVERAGE.map((c) => [c.concept, c] as const))('%s is taught', (_concept, c) => {
    const lesson = byId.get(c.lesson);
    expect(lesson, `no lesson "${c.lesson}"`).toBeDefined();
    const taught = [
      ...lesson!.concepts,
      ...(lesson!.quiz ?? []).flatMap((q) => [q.question, ...q.options, q.why]),
    ].join('\n');
    expect(taught).toMatch(c.pattern);
  });

  it('every lesson teaches at least one listed concept', () => {
    const taught = new Set(COVERAGE.map((c) => c.lesson));
    for (const l of course.lessons) expect(taught.has(l.id), l.id).toBe(true);
  });
});
