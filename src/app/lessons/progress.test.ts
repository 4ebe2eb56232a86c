import { describe, expect, it } from 'vitest';
import {
  PROGRESS_KEY,
  lessonProgress,
  lessonStatus,
  loadProgress,
  quizAnswered,
  recordCheck,
  recordHints,
  recordQuiz,
  recordSolutionShown,
  saveProgress,
  type Progress,
} from './progress';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  };
}

describe('lesson progress', () => {
  it('moves from not started to tried to goal met, and a met goal stays met', () => {
    let p: Progress = {};
    expect(lessonStatus(p.a)).toBe('not-started');
    p = recordCheck(p, 'a', false);
    expect(lessonStatus(p.a)).toBe('tried');
    p = recordCheck(p, 'a', true);
    expect(lessonStatus(p.a)).toBe('goal-met');
    p = recordCheck(p, 'a', false);
    expect(lessonStatus(p.a)).toBe('goal-met');
    expect(lessonStatus(p.b)).toBe('not-started');
  });

  it('counts a goal met after the solution was shown as met with help, not one met before', () => {
    let p = recordSolutionShown({}, 'a');
    p = recordCheck(p, 'a', true);
    expect(lessonStatus(p.a)).toBe('goal-met-with-help');
    let q = recordCheck({}, 'b', true);
    q = recordSolutionShown(q, 'b');
    expect(lessonStatus(q.b)).toBe('goal-met');
  });

  it('keeps the first answer to each quiz question and counts answered ones', () => {
    let p = recordQuiz({}, 'a', 0, false);
    p = recordQuiz(p, 'a', 0, true);
    p = recordQuiz(p, 'a', 1, true);
    expect(lessonProgress(p, 'a').quiz).toEqual({ 0: false, 1: true });
    expect(quizAnswered(p.a, 2)).toBe(2);
    expect(quizAnswered(p.a, 1)).toBe(1);
    expect(quizAnswered(undefined, 3)).toBe(0);
  });

  it('remembers the most hints shown', () => {
    let p = recordHints({}, 'a', 2);
    p = recordHints(p, 'a', 1);
    expect(p.a!.hints).toBe(2);
  });

  it('survives a save and a load under a versioned key, and a reset removes it', () => {
    const storage = memoryStorage();
    const p = recordQuiz(recordCheck({}, 'a', true), 'a', 0, true);
    expect(saveProgress(storage, p)).toBe(true);
    expect(JSON.parse(storage.data.get(PROGRESS_KEY)!)).toMatchObject({ version: 1 });
    expect(loadProgress(storage)).toEqual(p);
    expect(saveProgress(storage, {})).toBe(true);
    expect(storage.data.has(PROGRESS_KEY)).toBe(false);
  });

  it('reads broken or foreign text as no progress, keeping only well-formed entries', () => {
    expect(loadProgress(memoryStorage({ [PROGRESS_KEY]: '{ nope' }))).toEqual({});
    expect(loadProgress(memoryStorage({ [PROGRESS_KEY]: '[1]' }))).toEqual({});
    expect(loadProgress(undefined)).toEqual({});
    const mixed = JSON.stringify({
      version: 1,
      lessons: { a: { goalMet: true, quiz: { 0: true, x: 1 }, hints: -3 }, b: 'junk' },
    });
    expect(loadProgress(memoryStorage({ [PROGRESS_KEY]: mixed }))).toEqual({
      a: { tried: false, goalMet: true, withHelp: false, quiz: { 0: true }, hints: 0 },
    });
  });

  it('never throws when storage refuses', () => {
    const refusing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('full');
      },
      removeItem: () => undefined,
    };
    expect(loadProgress(refusing)).toEqual({});
    expect(saveProgress(refusing, recordCheck({}, 'a', true))).toBe(false);
  });
});
