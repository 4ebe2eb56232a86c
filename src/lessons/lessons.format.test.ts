import { describe, expect, it } from 'vitest';
import { localRunFn } from '../whatif/local';
import { setValue } from '../whatif/settings';
import { formatFigure, judgeConditions, judgeLesson } from './judge';
import { applySolution, parseCourse, parseLesson, parseLessonText } from './parse';
import { changedPaths, isAllowed, settingName } from './paths';
import { tinyLesson } from './testing/tinyLesson';

describe('lesson format', () => {
  it('accepts a well-formed lesson and refuses broken ones with the field named', () => {
    expect(parseLesson(tinyLesson()).ok).toBe(true);
    const badQuiz = { ...tinyLesson(), quiz: [{ question: 'Q?', options: ['a', 'b'], answer: 2, why: 'x' }] };
    const r1 = parseLesson(badQuiz);
    expect(r1.ok).toBe(false);
    if (!r1.ok)
      expect(r1.errors.join('\n')).toMatch(/quiz\[0\]\.answer: is 2, but the question has 2 options/);
    const badPath = { ...tinyLesson(), editable: [{ path: 'consumerGroups[nope].members' }] };
    const r2 = parseLesson(badPath);
    expect(r2.ok).toBe(false);
    if (!r2.ok)
      expect(r2.errors.join('\n')).toMatch(
        /editable\[0\]\.path: "consumerGroups\[nope\]\.members" names no setting/,
      );
    const badSolution = {
      ...tinyLesson(),
      solution: { changes: [{ path: 'consumerGroups[g].members', value: -1 }], why: 'x' },
    };
    const r3 = parseLesson(badSolution);
    expect(r3.ok).toBe(false);
    if (!r3.ok)
      expect(r3.errors.join('\n')).toMatch(
        /solution: changes\[0\]: consumerGroups\[g\]\.members = -1 is refused/,
      );
    const badPipeline = { ...tinyLesson(), pipeline: { version: 1, cluster: { brokers: [] } } };
    expect(parseLesson(badPipeline).ok).toBe(false);
    expect(parseLessonText('{ nope').ok).toBe(false);
    const wrongFormat = parseLesson({ ...tinyLesson(), format: 'streamlab-course' });
    expect(wrongFormat.ok).toBe(false);
    if (!wrongFormat.ok) expect(wrongFormat.errors[0]).toMatch(/format: expected "streamlab-lesson"/);
  });

  it('refuses a course that uses an id twice, naming the lesson', () => {
    const r = parseCourse({
      format: 'streamlab-course',
      version: 1,
      title: 'C',
      lessons: [tinyLesson(), tinyLesson()],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatch(/lessons\[1\] \(tiny\): the id "tiny" is used twice/);
  });
});

describe('what the learner changed', () => {
  const r = parseLesson(tinyLesson());
  if (!r.ok) throw new Error(r.errors.join('\n'));
  const start = r.lesson.pipeline;

  it('names changed settings by path and tells allowed from locked', () => {
    const more = setValue(start, 'consumerGroups[g].members', 2);
    const faster = setValue(start, 'producers[p].rate.recordsPerSec', 100);
    if (!more.ok || !faster.ok) throw new Error('setValue failed');
    expect(changedPaths(start, more.doc)).toEqual(['consumerGroups[g].members']);
    expect(changedPaths(start, faster.doc)).toEqual(['producers[p].rate.recordsPerSec']);
    expect(isAllowed('consumerGroups[g].members', ['consumerGroups[g]'])).toBe(true);
    expect(isAllowed('consumerGroups[g].members', ['consumerGroups[g].member'])).toBe(false);
    expect(isAllowed('producers[p].config.linger.ms', ['producers[p].config'])).toBe(true);
  });

  it('sets values that are not numbers', () => {
    const r2 = setValue(start, 'producers[p].config.acks', '1');
    expect(r2.ok).toBe(true);
    if (r2.ok) expect(r2.doc.producers[0]!.config.acks).toBe('1');
  });
});

describe('judging conditions', () => {
  const columns = ['second', 'g.lag', 'p.acknowledged'];
  // Lag 0, 10, 20, ... grows by 10 a second; acknowledged 100 a second.
  const rows = Array.from({ length: 10 }, (_, i) => [i + 1, 10 * i, 100]);

  it('reduces a series over the window (fromSec < second <= toSec)', () => {
    const cond = (
      agg: 'max' | 'min' | 'mean' | 'last' | 'first' | 'sum' | 'growth',
      fromSec?: number,
      toSec?: number,
    ) =>
      judgeConditions(
        [
          {
            label: agg,
            source: { kind: 'series', column: 'g.lag', agg },
            op: '<=',
            value: 1e9,
            fromSec,
            toSec,
          },
        ],
        { columns, rows },
      )[0]!.figure;
    expect(cond('max')).toBe(90);
    expect(cond('min')).toBe(0);
    expect(cond('first', 3)).toBe(30); // second 4 is the first after 3
    expect(cond('last', 0, 5)).toBe(40); // second 5
    expect(cond('sum', 8)).toBe(80 + 90);
    expect(cond('mean', 2, 4)).toBe((20 + 30) / 2);
    expect(cond('growth')).toBeCloseTo(10, 10);
  });

  it('compares with each operator, shows the figure and target, and explains', () => {
    const [met, missed, equal] = judgeConditions(
      [
        {
          label: 'a',
          source: { kind: 'series', column: 'g.lag', agg: 'max' },
          op: '<',
          value: 91,
          unit: 'records',
          whenMet: 'yes',
        },
        {
          label: 'b',
          source: { kind: 'series', column: 'g.lag', agg: 'max' },
          op: '<',
          value: 90,
          whenMissed: 'no',
        },
        { label: 'c', source: { kind: 'series', column: 'g.lag', agg: 'max' }, op: '==', value: 90 },
      ],
      { columns, rows },
    );
    expect(met).toMatchObject({ met: true, shown: '90 records', target: '< 91 records', explanation: 'yes' });
    expect(missed).toMatchObject({ met: false, explanation: 'no' });
    expect(equal!.met).toBe(true);
  });

  it('misses a condition whose figure the run does not have, saying why', () => {
    const [r] = judgeConditions(
      [{ label: 'x', source: { kind: 'series', column: 'h.lag', agg: 'max' }, op: '<=', value: 1 }],
      { columns, rows },
    );
    expect(r).toMatchObject({ met: false, figure: null, problem: 'the run has no series "h.lag"' });
    const [s] = judgeConditions(
      [{ label: 'y', source: { kind: 'summary', path: 'producers[a->b].lost' }, op: '<=', value: 1 }],
      { columns, rows, summary: { producers: { 'a->b': { lost: 0 } } } },
    );
    expect(s).toMatchObject({ met: true, figure: 0 });
  });

  it('formats figures for people', () => {
    expect(formatFigure(1234567)).toBe('1,234,567');
    expect(formatFigure(12.345, 'ms')).toBe('12.3 ms');
    expect(formatFigure(0.01234)).toBe('0.012');
  });
});

describe('judging a lesson by running it', () => {
  const r = parseLesson(tinyLesson());
  if (!r.ok) throw new Error(r.errors.join('\n'));
  const lesson = r.lesson;
  const run = localRunFn({ withSummary: true });

  it('the starting pipeline misses the goal and the solution meets it, on every seed', async () => {
    const start = await judgeLesson(lesson, lesson.pipeline, run);
    expect(start.met).toBe(false);
    expect(start.seeds.map((s) => s.seed)).toEqual([1, 2]);
    // Lag grows at about 2,000 - 1,000 = 1,000 records/s with one member.
    const lag = start.seeds[0]!.conditions[0]!;
    expect(lag.met).toBe(false);
    expect(lag.figure).toBeGreaterThan(800);
    expect(lag.figure).toBeLessThan(1200);
    const solved = applySolution(lesson);
    if (!solved.ok) throw new Error(solved.error);
    const end = await judgeLesson(lesson, solved.doc, run);
    expect(end.seeds.map((s) => s.conditions.map((c) => [c.label, c.met, c.shown]))).toEqual([
      [
        ['Lag does not grow after 5 s', true, expect.any(String)],
        ['Nothing lost', true, '0 records'],
        ['No duplicates', true, '0'],
      ],
      [
        ['Lag does not grow after 5 s', true, expect.any(String)],
        ['Nothing lost', true, '0 records'],
        ['No duplicates', true, '0'],
      ],
    ]);
    expect(end.met).toBe(true);
  });

  it('does not run a document that changes a locked setting, and names it', async () => {
    const cheat = setValue(lesson.pipeline, 'producers[p].rate.recordsPerSec', 500);
    if (!cheat.ok) throw new Error(cheat.error);
    const result = await judgeLesson(lesson, cheat.doc, run);
    expect(result).toEqual({ met: false, seeds: [], locked: ['producers[p].rate.recordsPerSec'] });
  });
});

describe('solution changes', () => {
  it('sets a list by its length when the value is a number (cluster.brokers: 2), and other numbers as values', () => {
    const base = tinyLesson();
    const withBrokers = {
      ...base,
      editable: [{ path: 'cluster.brokers' }, { path: 'producers[p].config.acks' }],
      solution: {
        changes: [
          { path: 'cluster.brokers', value: 2 },
          { path: 'producers[p].config.acks', value: 1 },
        ],
        why: 'Two brokers; acks given as a number.',
      },
    };
    const r = parseLesson(withBrokers);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const solved = applySolution(r.lesson);
    if (!solved.ok) throw new Error(solved.error);
    expect(solved.doc.cluster.brokers.map((b) => b.id)).toEqual(['b1', 'b2']);
    expect(solved.doc.producers[0]!.config.acks).toBe('1');
    const refused = parseLesson({
      ...withBrokers,
      solution: { changes: [{ path: 'cluster.brokers', value: 0 }], why: 'none' },
    });
    expect(refused.ok).toBe(false);
  });
});

describe('settings and figures named for a learner', () => {
  it('names a config key "on" its node and a property "of" it, with the node shown by name', () => {
    expect(settingName('sparkJobs[trends].config.spark.streaming.backpressure.enabled').text).toBe(
      'spark.streaming.backpressure.enabled on trends',
    );
    expect(settingName('topics[orders].partitions').text).toBe('partitions of orders');
    const named = settingName('producers[agents].config.linger.ms', (id) =>
      id === 'agents' ? 'Agents' : id,
    );
    expect(named).toEqual({ name: 'linger.ms', where: 'on Agents', text: 'linger.ms on Agents' });
    expect(settingName('producers[warehouses].keys.count').text).toBe('keys.count of warehouses');
    expect(settingName('sparkJobs[j].stages[s1].windowMs').text).toBe('windowMs of stage s1 of j');
    expect(settingName('cluster.brokers').text).toBe('brokers in the cluster');
    expect(settingName('cluster.config.unclean.leader.election.enable').text).toBe(
      'unclean.leader.election.enable on every broker',
    );
    expect(settingName('run.durationSec').text).toBe('run.durationSec');
  });

  it('says "1 member", not "1 members", and leaves short units and other counts alone', () => {
    expect(formatFigure(1, 'members')).toBe('1 member');
    expect(formatFigure(2, 'members')).toBe('2 members');
    expect(formatFigure(1, 'records/s')).toBe('1 record/s');
    expect(formatFigure(1, 'partitions')).toBe('1 partition');
    expect(formatFigure(1, 'ms')).toBe('1 ms');
    expect(formatFigure(1, 's')).toBe('1 s');
    expect(formatFigure(0, 'records')).toBe('0 records');
    expect(formatFigure(1.5, 'records')).toBe('1.5 records');
  });
});
