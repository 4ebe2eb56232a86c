import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePipeline } from '../model/parse';
import type { Pipeline } from '../model/types';
import { listSettings } from '../whatif/settings';
import {
  PLACEHOLDER_MARK,
  defaultConditions,
  headlineCondition,
  lessonFromPipeline,
  lessonIdFrom,
  lessonToJson,
  placeholdersLeft,
} from './author';
import { applySolution, parseLesson, parseLessonText } from './parse';

const EXAMPLES = new URL('../../examples/', import.meta.url);
const examples = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => {
    const r = parsePipeline(JSON.parse(readFileSync(new URL(f, EXAMPLES), 'utf8')));
    if (!r.ok) throw new Error(`${f}: ${r.errors.join('; ')}`);
    return [f, r.doc] as const;
  });

/** One change a teacher might pick: one more of the first countable setting (the brokers). */
function oneChange(doc: Pipeline) {
  const first = listSettings(doc)[0]!;
  return { path: first.path, value: first.value + 1 };
}

describe('make a lesson from a pipeline', () => {
  it('finds the examples (the first eight and those added since)', () => {
    // Not an exact count: examples are added by several hands; each one found is tested below.
    expect(examples.length).toBeGreaterThanOrEqual(8);
    expect(examples.map(([f]) => f)).toContain('broker-failure.json');
  });

  it.each(examples)('%s becomes a lesson that parses back to the same pipeline', (_file, doc) => {
    const lesson = lessonFromPipeline(doc, { solution: { changes: [oneChange(doc)] } });
    const text = lessonToJson(lesson);
    const parsed = parseLessonText(text);
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    expect(parsed.lesson.pipeline).toEqual(doc);
    // The file is stable: writing the parsed lesson again gives the same text.
    expect(lessonToJson(parsed.lesson)).toBe(text);
    expect(parsed.lesson.title).toBe(doc.name.slice(0, 80));
    expect(parsed.lesson.id).toBe(lessonIdFrom(doc.name));
    // Defaults: the description as the explanation, the main numeric settings as editable.
    expect(parsed.lesson.explanation.join(' ').replace(/\s+/g, ' ')).toBe(
      doc.description.replace(/\s+/g, ' '),
    );
    expect(parsed.lesson.editable.map((e) => e.path)).toEqual(
      listSettings(doc)
        .map((s) => s.path)
        .slice(0, 20),
    );
    expect(parsed.lesson.goal.seeds).toEqual([doc.run.seed, doc.run.seed + 1]);
    const solved = applySolution(parsed.lesson);
    expect(solved.ok).toBe(true);
    // What the teacher must still write is listed.
    expect(placeholdersLeft(parsed.lesson)).toContain('solution.why');
  });

  it('a default goal fits the pipeline: loss always, lag with readers, scheduling delay with Spark jobs', () => {
    const byName = new Map(examples.map(([f, d]) => [f, d]));
    const broker = defaultConditions(byName.get('broker-failure.json')!);
    expect(broker.map((c) => c.source)).toEqual([
      { kind: 'headline', metric: 'lost' },
      { kind: 'headline', metric: 'lagGrowth' },
    ]);
    const spark = defaultConditions(byName.get('hot-key-skew.json')!);
    expect(spark.map((c) => c.source)).toContainEqual({ kind: 'headline', metric: 'schedulingDelay' });
    expect(spark.find((c) => c.label === 'Spark batches start on time')?.value).toBe(1000);
    for (const c of [...broker, ...spark]) expect(c.unit).toBeTruthy();
  });

  it('keeps what the teacher gave, makes the solution editable, and leaves no placeholder then', () => {
    const doc = examples[0]![1];
    const lesson = lessonFromPipeline(doc, {
      title: 'Lose nothing',
      id: 'lose-nothing',
      conditions: [
        headlineCondition('lost', '==', 0, { label: 'Nothing lost', whenMet: 'Good.', whenMissed: 'acks.' }),
      ],
      editable: ['cluster.brokers'],
      explanation: ['Brokers fail.'],
      hints: ['Look at acks.'],
      seeds: [3, 4, 5],
      solution: { changes: [{ path: 'producers[checkout].config.acks', value: '1' }], why: 'Because.' },
      quiz: [{ question: 'Q?', options: ['a', 'b'], answer: 0, why: 'a.' }],
    });
    expect(lesson.editable.map((e) => e.path)).toEqual([
      'cluster.brokers',
      'producers[checkout].config.acks',
    ]);
    expect(lesson.goal.seeds).toEqual([3, 4, 5]);
    expect(placeholdersLeft(lesson)).toEqual([]);
    const r = parseLesson(JSON.parse(lessonToJson(lesson)));
    expect(r.ok).toBe(true);
  });

  it('marks every default text for rewriting', () => {
    const doc: Pipeline = { ...examples[0]![1], description: '' };
    const lesson = lessonFromPipeline(doc, { solution: { changes: [oneChange(doc)] } });
    expect(lesson.explanation[0]).toContain(PLACEHOLDER_MARK);
    expect(placeholdersLeft(lesson)).toEqual(
      expect.arrayContaining(['explanation[0]', 'goal.conditions[0].whenMet', 'hints[0]', 'solution.why']),
    );
  });

  it('cuts a long description into paragraphs between sentences', () => {
    const sentence = 'A record goes to a partition chosen by its key. ';
    const doc: Pipeline = { ...examples[0]![1], description: sentence.repeat(60) };
    const lesson = lessonFromPipeline(doc, { solution: { changes: [oneChange(doc)] } });
    expect(lesson.explanation.length).toBeGreaterThan(1);
    for (const p of lesson.explanation) {
      expect(p.length).toBeLessThanOrEqual(1200);
      expect(p.endsWith('.')).toBe(true);
    }
    expect(parseLesson(lesson).ok).toBe(true);
  });

  it('makes plain ids from titles', () => {
    expect(lessonIdFrom('Broker failure with acks=all')).toBe('broker-failure-with-acks-all');
    expect(lessonIdFrom('  ---  ')).toBe('my-lesson');
    expect(lessonIdFrom('x'.repeat(100)).length).toBe(64);
  });
});
