// The built-in course: the lessons shipped with Streamlab, in the order a newcomer takes them.
// Each lesson is a plain lesson file (the same format a teacher writes or exports), imported here
// statically so the bundler inlines them; the app loads this module lazily.
import { parseCourse, type Course } from '../parse';
import partitions from './01-partitions.json';
import keys from './02-keys.json';
import rebalances from './03-rebalances.json';
import lag from './04-lag.json';
import batching from './05-batching.json';
import replication from './06-replication.json';
import uncleanElection from './07-unclean-election.json';
import retentionReplay from './08-retention-replay.json';
import microBatches from './09-micro-batches.json';
import backpressure from './10-backpressure.json';
import windowsWatermarks from './11-windows-watermarks.json';
import hotKey from './12-hot-key.json';
import checkpointsExactlyOnce from './13-checkpoints-exactly-once.json';
import capstoneSizing from './14-capstone-sizing.json';

export const BUILT_IN_COURSE_TITLE = 'Kafka and Spark Streaming, from records to a whole pipeline';

/** The lesson files, in course order. */
export const BUILT_IN_LESSON_FILES: readonly unknown[] = [
  partitions,
  keys,
  rebalances,
  lag,
  batching,
  replication,
  uncleanElection,
  retentionReplay,
  microBatches,
  backpressure,
  windowsWatermarks,
  hotKey,
  checkpointsExactlyOnce,
  capstoneSizing,
];

/** The built-in course, parsed and checked; throws with every error if a lesson file is invalid. */
export function builtInCourse(): Course {
  const parsed = parseCourse({
    format: 'streamlab-course',
    version: 1,
    title: BUILT_IN_COURSE_TITLE,
    lessons: BUILT_IN_LESSON_FILES,
  });
  if (!parsed.ok) throw new Error(`the built-in course is invalid:\n  ${parsed.errors.join('\n  ')}`);
  return parsed.course;
}
