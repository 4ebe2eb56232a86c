// The lesson format: one JSON object per lesson, validated and versioned like the pipeline
// document, so a teacher can write one by hand or with "Make a lesson from this pipeline", share it
// by link or file, and load a file of lessons as a course. The pipeline inside is a full pipeline
// document (checked by the model's own parser in parse.ts, not here).
import { z } from 'zod';

export const LESSON_VERSION = 1;

/** Lesson ids go into links and the progress store: short and plain. */
const lessonId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be 1-64 characters: lower-case letters, digits or "-"');

const text = (max: number) =>
  z.string().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/**
 * Where a condition's figure comes from. Every source reads what the run itself reports, so the app
 * and the command line judge the same numbers.
 * - headline: one of the what-if headline metrics (src/whatif/metrics.ts), over the window.
 * - series: one column of the per-second series ("orders.lost", "clicks-app.lag"), reduced over the
 *   window's rows by `agg`.
 * - summary: a number in the run summary at a dotted path ("consumerGroups.billing.duplicates");
 *   a key that itself holds dots is written in brackets: "producers[job->out].duplicatesWritten".
 */
export const conditionSourceSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('headline'),
    metric: z.enum([
      'throughput',
      'processed',
      'p99',
      'maxLagRecords',
      'maxLagSec',
      'lost',
      'schedulingDelay',
      'lagGrowth',
      'costPerHour',
    ]),
  }),
  z.object({
    kind: z.literal('series'),
    column: text(200),
    agg: z.enum(['max', 'min', 'mean', 'last', 'first', 'sum', 'growth']),
  }),
  z.object({ kind: z.literal('summary'), path: text(200) }),
]);

export const conditionSchema = z.object({
  /** What the learner reads: "Nothing is lost", "p99 under 500 ms after the failure". */
  label: text(160),
  source: conditionSourceSchema,
  op: z.enum(['<=', '<', '>=', '>', '==']),
  value: z.number().finite(),
  /** Unit of the figure, shown after it ("ms", "records", "records/s"). */
  unit: z.string().max(24).optional(),
  /** Window in simulated seconds: rows with fromSec < second <= toSec (series and headline sources). */
  fromSec: z.number().min(0).optional(),
  toSec: z.number().min(0).optional(),
  /** Shown when the condition is met / missed: the rule that made it so, in a sentence or two. */
  whenMet: text(600).optional(),
  whenMissed: text(600).optional(),
});

export const editableSchema = z.object({
  /**
   * A setting path as the sweeps write it (src/whatif/settings.ts): "producers[orders].config.acks",
   * "topics[clicks].partitions", "sparkJobs[j].batchIntervalMs". A path also allows everything
   * under it ("producers[orders].config" allows any producer setting).
   */
  path: text(200),
  /** What the inspector shows beside the field, e.g. "Try 1, 5, 20 or 100". */
  note: text(200).optional(),
});

export const quizSchema = z.object({
  question: text(400),
  options: z.array(text(200)).min(2).max(6),
  /** Index of the right option. */
  answer: z.number().int().min(0),
  /** A nudge shown after a wrong answer, before the answer itself: where to look, not what it is. */
  hint: text(300).optional(),
  /** Why that answer is right (shown with the answer, found or asked for). */
  why: text(800),
});

export const solutionChangeSchema = z.object({
  path: text(200),
  /** Any JSON value the document accepts at that path. */
  value: z.unknown(),
});

export const lessonSchema = z
  .object({
    format: z.literal('streamlab-lesson'),
    version: z.literal(LESSON_VERSION),
    id: lessonId,
    title: text(80),
    /** Concepts the lesson teaches, in a few words each (used by the course index and tests). */
    concepts: z.array(text(80)).min(1).max(12),
    /** The explanation: paragraphs of plain text; `backticks` mark setting names. */
    explanation: z.array(text(1200)).min(1).max(12),
    /** The starting pipeline: a full pipeline document, with its fault timeline. */
    pipeline: z.unknown(),
    goal: z.object({
      /** One sentence: what to achieve. */
      summary: text(300),
      conditions: z.array(conditionSchema).min(1).max(10),
      /** Seeds the goal is judged on; every seed must meet every condition. Default [1]. */
      seeds: z
        .array(
          z
            .number()
            .int()
            .min(0)
            .max(2 ** 31 - 1),
        )
        .min(1)
        .max(5)
        .optional(),
    }),
    /** Settings the learner may change; everything else is locked. Empty: only the quiz. */
    editable: z.array(editableSchema).max(20),
    /** Why the other settings are locked, one sentence. */
    lockedWhy: text(300).optional(),
    /** Hints in steps, the gentlest first. */
    hints: z.array(text(600)).min(1).max(6),
    solution: z.object({
      changes: z.array(solutionChangeSchema).min(1).max(20),
      /** Why the solution works. */
      why: text(1200),
    }),
    quiz: z.array(quizSchema).max(4).optional(),
  })
  .superRefine((lesson, ctx) => {
    lesson.quiz?.forEach((q, i) => {
      if (q.answer >= q.options.length)
        ctx.addIssue({
          code: 'custom',
          path: ['quiz', i, 'answer'],
          message: `is ${q.answer}, but the question has ${q.options.length} options (0-${q.options.length - 1})`,
        });
    });
    lesson.goal.conditions.forEach((c, i) => {
      if (c.fromSec !== undefined && c.toSec !== undefined && c.toSec <= c.fromSec)
        ctx.addIssue({
          code: 'custom',
          path: ['goal', 'conditions', i, 'toSec'],
          message: `must be after fromSec (${c.fromSec})`,
        });
    });
  });

export const courseSchema = z.object({
  format: z.literal('streamlab-course'),
  version: z.literal(LESSON_VERSION),
  title: text(120),
  lessons: z.array(z.unknown()).min(1).max(100),
});

export type LessonInput = z.infer<typeof lessonSchema>;
export type Condition = z.infer<typeof conditionSchema>;
export type ConditionSource = z.infer<typeof conditionSourceSchema>;
export type Editable = z.infer<typeof editableSchema>;
export type QuizQuestion = z.infer<typeof quizSchema>;
