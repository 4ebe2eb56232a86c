// What the built-in course's tests expect of each lesson: the conditions its starting pipeline must
// miss (the reason the lesson exists) and figures reasoned from the rates and costs written in its
// pipeline (the rules), not copied from a run. The runs are split over two test files so that they
// use both cores; course.test.ts checks that every lesson is in one of them.
import { expect, it } from 'vitest';
import type { RunSummary } from '../../core/engine/summary';
import type { Pipeline } from '../../model/types';
import { localRunFn } from '../../whatif/local';
import type { RunFn } from '../../whatif/run';
import { judgeLesson, type GoalResult } from '../judge';
import { applySolution, type Lesson } from '../parse';
import { builtInCourse } from './index';

export const course = builtInCourse();
const local = localRunFn({ withSummary: true });

interface Judged {
  result: GoalResult;
  /** Each seed's run summary, in seed order. */
  summaries: RunSummary[];
}

async function judge(lesson: Lesson, doc: Pipeline): Promise<Judged> {
  const summaries: RunSummary[] = [];
  const run: RunFn = async (d, seed, signal) => {
    const outcome = await local(d, seed, signal);
    summaries.push(outcome.summary as RunSummary);
    return outcome;
  };
  return { result: await judgeLesson(lesson, doc, run), summaries };
}

/** The figure of the condition with this label on one seed (it must exist and be a number). */
function figure(result: GoalResult, seedIndex: number, label: string): number {
  const c = result.seeds[seedIndex]?.conditions.find((x) => x.label === label);
  if (!c) throw new Error(`no condition "${label}"`);
  if (c.figure === null) throw new Error(`"${label}" has no figure: ${c.problem ?? ''}`);
  return c.figure;
}

interface Expectation {
  /** Labels of the conditions the starting pipeline must miss on every seed: the lesson's point. */
  missed: string[];
  /** Checks of the starting run's figures against what the rules predict, per seed. */
  start?: (f: (label: string) => number, s: RunSummary) => void;
  /** The same for the solution's run. */
  solution?: (f: (label: string) => number, s: RunSummary) => void;
}

export const EXPECTED: Record<string, Expectation> = {
  partitions: {
    missed: ['Lag growth after 10 s', 'Age of the oldest unread order after 10 s', 'Idle members'],
    start: (f) => {
      // One partition: one member at 1 / 0.4 ms = 2,500 orders/s against 4,000 written, so the lag
      // grows by about 1,500 a second; the three other members own nothing.
      expect(f('Lag growth after 10 s')).toBeGreaterThan(1200);
      expect(f('Lag growth after 10 s')).toBeLessThan(1800);
      expect(f('Idle members')).toBe(3);
    },
  },
  keys: {
    missed: ['Lag growth after 10 s', 'Age of the oldest unread event after 10 s'],
    start: (f) => {
      // murmur2 puts key-0..key-3 in four different partitions of six: 9,000 / 4 = 2,250 each
      // against 2,000 a member takes, so lag grows by 4 x 250 = 1,000 a second.
      expect(f('Lag growth after 10 s')).toBeGreaterThan(800);
      expect(f('Lag growth after 10 s')).toBeLessThan(1200);
    },
  },
  rebalances: {
    missed: ['Age of the oldest unread payment', 'Unread payments after 40 s', 'Payments processed twice'],
    start: (f) => {
      // Crash at 10 s, noticed after session.timeout.ms = 45 s, at 55 s: the crashed member's two
      // partitions (2,000 payments/s) go unread from 10 s to the end of the 60 s run.
      expect(f('Age of the oldest unread payment')).toBeGreaterThan(45);
      expect(f('Unread payments after 40 s')).toBeGreaterThan(45 * 2000 * 0.9);
      // What it processed since its last auto-commit (at most 5 s of 2,000/s, plus one poll).
      expect(f('Payments processed twice')).toBeLessThanOrEqual(5 * 2000 + 2 * 500);
    },
    solution: (f) => {
      // Commits every second: at most a second of 2,000/s plus the poll in hand.
      expect(f('Payments processed twice')).toBeLessThanOrEqual(2000 + 2 * 500);
    },
  },
  lag: {
    missed: [
      'Shortest estimated time to drain between 10 s and 20 s',
      'Unread clicks after 35 s',
      'Age of the oldest unread click after 35 s',
    ],
    start: (f) => {
      // Two members read 4,000/s against 3,000/s arriving: the 240,000 backlog shrinks by about
      // 1,000 a second, so it takes some 200 s or more to drain and about 205,000 remain at 35 s.
      expect(f('Shortest estimated time to drain between 10 s and 20 s')).toBeGreaterThan(150);
      expect(f('Unread clicks after 35 s')).toBeGreaterThan(180_000);
      expect(f('Unread clicks after 35 s')).toBeLessThan(230_000);
    },
    solution: (f) => {
      // Six members, one partition each: 40,000 / (2,000 - 500) = 27 s.
      expect(f('Shortest estimated time to drain between 10 s and 20 s')).toBeLessThan(27);
    },
  },
  batching: {
    missed: ['Broker CPU busy, mean share of its core'],
    start: (_f, s) => {
      // linger.ms = 0: requests go as soon as one can, carrying a handful of records each.
      expect(s.producers.agents!.acknowledged / s.producers.agents!.requests).toBeLessThan(10);
    },
    solution: (_f, s) => {
      // linger.ms = 5: about one request every 5 ms (all six partitions' batches in it), 200 a second.
      expect(s.producers.agents!.requests / s.simulatedSeconds).toBeGreaterThan(150);
      expect(s.producers.agents!.requests / s.simulatedSeconds).toBeLessThan(260);
    },
  },
  replication: {
    missed: ['Acknowledged orders lost', 'Orders refused, dropped or lost in all'],
    start: (f) => {
      // acks=1: broker-1 leads 2 of 6 partitions and acknowledges alone for the whole cut, 20 s to
      // 40 s (fenced after 9.3 s, but it cannot hear that until the cut heals): about
      // 20 s x 5,000/s x 2/6 = 33,300 orders the new leaders never had.
      expect(f('Acknowledged orders lost')).toBeGreaterThan(30_000);
      expect(f('Acknowledged orders lost')).toBeLessThan(36_500);
    },
  },
  'unclean-election': {
    missed: ['Acknowledged orders lost'],
    start: (f, s) => {
      // Two of six partitions have their replicas on broker-1 and broker-2 (each pair of the three
      // brokers holds two): 1,000 orders/s. What broker-1 acknowledged from 5 s (broker-2 gone) to
      // 20 s (broker-1 gone), about 15,000, is missing from broker-2 when it leads uncleanly.
      expect(f('Acknowledged orders lost')).toBeGreaterThan(12_000);
      expect(f('Acknowledged orders lost')).toBeLessThan(16_500);
      expect(Object.keys(s.records.lostReasons).join()).toMatch(/unclean leader election/);
    },
  },
  'retention-replay': {
    missed: ['Invoices read again by the replay'],
    start: (f) => {
      // retention.ms = 20 s: at 50 s only about the last 20 s (plus a segment of some 3 s and the
      // 1 s check) is left, so the replay reads some 20-25 s x 2,000/s, not 40 s' worth.
      expect(f('Invoices read again by the replay')).toBeGreaterThan(35_000);
      expect(f('Invoices read again by the replay')).toBeLessThan(55_000);
    },
    solution: (f) => {
      // Everything since 10 s: 40 s x 2,000/s.
      expect(f('Invoices read again by the replay')).toBeGreaterThan(0.98 * 80_000);
      expect(f('Invoices read again by the replay')).toBeLessThan(1.02 * 80_000);
    },
  },
  'micro-batches': {
    missed: ['Largest scheduling delay after 10 s', 'End-to-end latency p99'],
    start: (f, s) => {
      // A batch's fixed cost (driver, stages, task launches, a file commit per output task) plus
      // its 2,000 records is more than the 100 ms interval, so each batch starts later than the last.
      expect(s.sparkJobs.surge!.meanProcessingMs).toBeGreaterThan(100);
      expect(f('Largest scheduling delay after 10 s')).toBeGreaterThan(5000);
      // An event's latency = its wait for the batch to be cut (< 100 ms) + the scheduling delay +
      // the processing, so once batches queue each second's p99 follows that second's delay. The
      // delay grows about evenly from near 0 to its largest at the end, and the goal's p99 is the
      // mean of the seconds' p99s after 10 s: near half the largest delay, and never above it
      // by more than an interval and a batch's processing.
      const delay = f('Largest scheduling delay after 10 s');
      const processing = s.sparkJobs.surge!.meanProcessingMs;
      expect(f('End-to-end latency p99')).toBeGreaterThan(0.4 * delay);
      expect(f('End-to-end latency p99')).toBeLessThan(delay + 100 + 2 * processing);
    },
    solution: (f, s) => {
      expect(s.sparkJobs.surge!.meanProcessingMs).toBeLessThan(500);
      expect(f('Largest scheduling delay after 10 s')).toBe(0);
      // No queue: the p99 is nearly the whole 500 ms wait for a batch plus about one processing time.
      const processing = s.sparkJobs.surge!.meanProcessingMs;
      expect(f('End-to-end latency p99')).toBeGreaterThan(0.9 * 500 + 0.5 * processing);
      expect(f('End-to-end latency p99')).toBeLessThan(500 + 2 * processing);
    },
  },
  backpressure: {
    missed: ['Largest scheduling delay'],
    start: (f) => {
      // Three times 5,000 a second for 15 s against ~7,500 processed: the batches take in the
      // whole surplus (over 100,000 posts), some 15 s of work that the batches behind wait for.
      expect(f('Largest scheduling delay')).toBeGreaterThan(5000);
    },
    solution: (_f, s) => {
      // The surplus waits in Kafka instead: records not yet taken into a batch peak in the tens of
      // thousands.
      expect(s.sparkJobs.trends!.maxLag).toBeGreaterThan(50_000);
    },
  },
  'windows-watermarks': {
    missed: ['Readings dropped as late'],
    start: (f, s) => {
      // 10% of readings are late by a delay even on 0-8 s; a 2 s watermark drops those later than
      // 2 s: 0.1 x 6/8 = 7.5% of what reaches the window.
      const share = f('Readings dropped as late') / s.sparkJobs.averages!.stages['avg-10s']!.recordsIn;
      expect(share).toBeGreaterThan(0.065);
      expect(share).toBeLessThan(0.085);
    },
  },
  'hot-key': {
    missed: ['Lag growth after 10 s', 'Age of the oldest uncounted click after 10 s'],
    start: (f) => {
      // murmur2 of the 10,000 Zipf(1.2) user ids gives the busiest of six partitions about 34% of
      // the clicks: 0.34 x 9,000 = 3,090 a second against 2,000 its member counts.
      expect(f('Lag growth after 10 s')).toBeGreaterThan(850);
      expect(f('Lag growth after 10 s')).toBeLessThan(1300);
    },
  },
  'checkpoints-exactly-once': {
    missed: ['Alerts written twice', 'Transactions processed again after the restart'],
    start: (f) => {
      // Last checkpoint at 20 s, failure at 29.5 s: the nine batches after it (3,000 each) run
      // again, and 2% of their records are alerts inserted a second time.
      const replayed = f('Transactions processed again after the restart');
      expect(replayed).toBeGreaterThan(22_000);
      expect(replayed).toBeLessThan(31_000);
      expect(f('Alerts written twice') / replayed).toBeGreaterThan(0.01);
      expect(f('Alerts written twice') / replayed).toBeLessThan(0.03);
    },
  },
  'capstone-sizing': {
    missed: [
      'Events lost',
      'Largest scheduling delay from 10 s to 30 s',
      'Age of the oldest unprocessed event after 80 s',
      'Cost of the machines',
    ],
    start: (f) => {
      // broker-2 leads one of the four partitions and acknowledges alone (acks=1) for the whole
      // 20 s cut (fenced after 9.3 s, which it hears only at the heal): 20 s x 10,000/s / 4 = 50,000.
      expect(f('Events lost')).toBeGreaterThan(45_000);
      expect(f('Events lost')).toBeLessThan(55_000);
      // Six brokers at $0.65, the producer's and two executors' machines at $0.20.
      expect(f('Cost of the machines')).toBeCloseTo(6 * 0.65 + 3 * 0.2, 6);
    },
    solution: (f) => {
      expect(f('Cost of the machines')).toBeCloseTo(3 * 0.65 + 5 * 0.2, 6);
    },
  },
};

/** Lessons whose runs course.kafka.test.ts checks; course.spark.test.ts checks the others. */
export const KAFKA_LESSONS = [
  'partitions',
  'keys',
  'rebalances',
  'lag',
  'batching',
  'replication',
  'unclean-election',
  'retention-replay',
];

/**
 * One test per lesson: on every goal seed the start misses the conditions the lesson is about (and
 * its figures agree with the rules), and the solution meets every condition.
 */
export function checkLessonRuns(lessons: readonly Lesson[]): void {
  it.each(lessons.map((l) => [l.id, l] as const))(
    '%s',
    async (id, lesson) => {
      const expected = EXPECTED[id]!;
      const labels = lesson.goal.conditions.map((c) => c.label);
      for (const label of expected.missed) expect(labels).toContain(label);

      const start = await judge(lesson, lesson.pipeline);
      expect(start.result.locked).toEqual([]);
      expect(start.result.met).toBe(false);
      expect(start.result.seeds.map((s) => s.seed)).toEqual(lesson.goal.seeds);
      start.result.seeds.forEach((seed, i) => {
        for (const c of seed.conditions) {
          // Every condition names its figure: a number, shown with its unit or named by its label.
          expect(c.figure, `${id} seed ${seed.seed}: "${c.label}" ${c.problem ?? ''}`).not.toBeNull();
          expect(Number.isNaN(c.figure)).toBe(false);
        }
        for (const label of expected.missed)
          expect(
            seed.conditions.find((c) => c.label === label)?.met,
            `${id} seed ${seed.seed}: ${label}`,
          ).toBe(false);
        expected.start?.((label) => figure(start.result, i, label), start.summaries[i]!);
      });

      const solved = applySolution(lesson);
      if (!solved.ok) throw new Error(solved.error);
      const end = await judge(lesson, solved.doc);
      expect(end.result.locked).toEqual([]);
      end.result.seeds.forEach((seed, i) => {
        for (const c of seed.conditions)
          expect(
            c.met,
            `${id} solution, seed ${seed.seed}: "${c.label}" = ${c.shown}, target ${c.target}`,
          ).toBe(true);
        expected.solution?.((label) => figure(end.result, i, label), end.summaries[i]!);
      });
      expect(end.result.met).toBe(true);
    },
    60_000,
  );
}
