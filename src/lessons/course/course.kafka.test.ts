// The runs of the Kafka lessons (see course.expectations.ts).
import { describe } from 'vitest';
import { KAFKA_LESSONS, checkLessonRuns, course } from './course.expectations';

describe("Kafka lessons: the start misses its goal for the lesson's reason, the solution meets it", () => {
  checkLessonRuns(course.lessons.filter((l) => KAFKA_LESSONS.includes(l.id)));
});
