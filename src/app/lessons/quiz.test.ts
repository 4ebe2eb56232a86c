import { describe, expect, it } from 'vitest';
import { answerShown, isFirstPick, pickOption, questionAtStart, showAnswer, tryAgain } from './quiz';

// A question whose right option is the third (index 2).
const ANSWER = 2;

describe('a quiz question as a course', () => {
  it('a wrong pick hides the answer and offers another try; the right one found then shows it', () => {
    let q = questionAtStart(undefined);
    expect(isFirstPick(q)).toBe(true);
    q = pickOption(q, 0, ANSWER);
    expect(q.outcome).toBe('wrong');
    expect(answerShown(q)).toBe(false);
    // Picking again before Try again changes nothing.
    expect(pickOption(q, ANSWER, ANSWER)).toBe(q);
    q = tryAgain(q);
    expect(q.outcome).toBe('open');
    expect(isFirstPick(q)).toBe(false);
    // The option already found wrong cannot be picked again.
    expect(pickOption(q, 0, ANSWER)).toBe(q);
    q = pickOption(q, 1, ANSWER);
    expect(q.wrong).toEqual([0, 1]);
    q = pickOption(tryAgain(q), ANSWER, ANSWER);
    expect(q).toEqual({ outcome: 'right', wrong: [0, 1], pickedRight: true });
    expect(answerShown(q)).toBe(true);
  });

  it('Show the answer gives it without a right pick', () => {
    const q = showAnswer(pickOption(questionAtStart(undefined), 3, ANSWER));
    expect(q.outcome).toBe('shown');
    expect(q.pickedRight).toBe(false);
    expect(answerShown(q)).toBe(true);
    // Once shown, a pick changes nothing.
    expect(pickOption(q, ANSWER, ANSWER)).toBe(q);
  });

  it('a later visit shows a question answered right the first time, and reopens one answered wrong', () => {
    expect(questionAtStart(true).outcome).toBe('right');
    expect(questionAtStart(true).pickedRight).toBe(false);
    expect(questionAtStart(false).outcome).toBe('open');
  });
});
