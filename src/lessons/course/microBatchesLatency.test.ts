// Lesson 9 sets the p99 of end-to-end latency beside the scheduling delay: its text must say how the
// two relate (the runs that bear the relation out are in course.spark.test.ts, course.expectations.ts).
import { describe, expect, it } from 'vitest';
import { course } from './course.expectations';

describe('the micro-batches lesson', () => {
  const lesson = course.lessons.find((l) => l.id === 'micro-batches')!;

  it('has a goal that puts the p99 beside the scheduling delay', () => {
    const sources = lesson.goal.conditions.map((c) => c.source);
    expect(sources).toContainEqual({ kind: 'headline', metric: 'p99' });
    expect(sources).toContainEqual({ kind: 'headline', metric: 'schedulingDelay' });
  });

  it('explains, in one paragraph, the three parts of an event’s latency and what queuing does to the p99', () => {
    const paragraph = lesson.explanation.find((p) => /p99/.test(p) && /latency/.test(p));
    expect(paragraph, 'a paragraph about the p99 latency').toBeDefined();
    // Waiting for its batch to be cut: up to one batch interval.
    expect(paragraph).toMatch(/batch to be cut \(up to one batch interval/);
    // Then the batch's wait behind earlier ones, then its processing, in that order.
    const cut = paragraph!.indexOf('to be cut');
    const delay = paragraph!.indexOf('scheduling delay', cut);
    const processing = paragraph!.indexOf('processing time', delay);
    expect(cut).toBeGreaterThan(-1);
    expect(delay).toBeGreaterThan(cut);
    expect(processing).toBeGreaterThan(delay);
    expect(paragraph).toMatch(/once they queue, it grows with the scheduling delay/);
  });

  it('says the same when the latency condition is missed', () => {
    const p99 = lesson.goal.conditions.find((c) => c.label === 'End-to-end latency p99')!;
    expect(p99.whenMissed).toMatch(/cut.*scheduling delay.*processing/);
  });
});
