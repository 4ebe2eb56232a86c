// Judges a lesson file, or every lesson of a course file, with the same engine and judge as the app:
// prints each condition met or missed with its figure, so a teacher can check a lesson before
// sharing it. --check succeeds only if every starting pipeline misses its goal and every solution
// meets it, on every seed.
import { readFileSync } from 'node:fs';
import { placeholdersLeft } from '../lessons/author';
import { judgeLesson, type GoalResult } from '../lessons/judge';
import { applySolution, parseCourseText, parseLessonText, type Lesson } from '../lessons/parse';
import { goalReportLines } from '../lessons/report';
import { localRunFn } from '../whatif/local';
import { LESSON_USAGE, parseLessonArgs } from './lessonArgs';
import { failInput } from './pipelineFile';

/** Exit code of a judged document that misses its goal (or of a lesson that fails --check). */
const EXIT_MISSED = 1;

function readLessons(file: string): Lesson[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    failInput('lesson', `cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const isCourse = /"format"\s*:\s*"streamlab-course"/.test(text);
  const parsed = isCourse ? parseCourseText(text) : parseLessonText(text);
  if (!parsed.ok)
    failInput(
      'lesson',
      `${file} is not a valid ${isCourse ? 'course' : 'lesson'}:\n  ${parsed.errors.join('\n  ')}`,
    );
  return 'course' in parsed ? parsed.course.lessons : [parsed.lesson];
}

async function main(): Promise<void> {
  const parsedArgs = parseLessonArgs(process.argv.slice(2));
  if (!parsedArgs.ok) failInput('lesson', `${parsedArgs.error}\n${LESSON_USAGE}`);
  const args = parsedArgs.args;
  const run = localRunFn({ withSummary: true, pause: () => new Promise((r) => setImmediate(r)) });
  let ok = true;
  for (const original of readLessons(args.file)) {
    const lesson = args.seeds ? { ...original, goal: { ...original.goal, seeds: args.seeds } } : original;
    const out: string[] = [`${lesson.id}: ${lesson.title}`];
    for (const where of placeholdersLeft(lesson))
      out.push(`  warning: ${where} still holds a default text to rewrite`);
    const judge = async (which: 'starting pipeline' | 'solution'): Promise<GoalResult> => {
      let doc = lesson.pipeline;
      if (which === 'solution') {
        const solved = applySolution(lesson);
        if (!solved.ok) failInput('lesson', `${lesson.id}: the solution does not apply: ${solved.error}`);
        doc = solved.doc;
      }
      const result = await judgeLesson(lesson, doc, run);
      out.push(
        `  ${which}: goal ${result.met ? 'met' : 'missed'}`,
        ...goalReportLines(result).map((l) => `  ${l}`),
      );
      return result;
    };
    if (args.check) {
      const start = await judge('starting pipeline');
      const end = await judge('solution');
      // A sound lesson: the start misses on every seed, the solution meets on every seed.
      const sound = start.seeds.every((s) => !s.met) && end.met;
      out.push(
        `  check: ${sound ? 'ok' : 'FAILED (the start must miss its goal and the solution meet it, on every seed)'}`,
      );
      ok &&= sound;
    } else {
      const result = await judge(args.solution ? 'solution' : 'starting pipeline');
      ok &&= result.met;
    }
    process.stdout.write(`${out.join('\n')}\n\n`);
  }
  process.exitCode = ok ? 0 : EXIT_MISSED;
}

void main();
