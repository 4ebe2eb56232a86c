// One quiz question as a learner works through it: a wrong pick says "Not quite" (with the
// question's hint, if it has one) and leaves the question open for another try; the answer shows
// when it is found or when the learner asks for it. Pure, so the steps are tested without a page.

export interface QuestionState {
  /** open: waiting for a pick; wrong: the last pick was wrong; right: found; shown: the learner asked. */
  outcome: 'open' | 'wrong' | 'right' | 'shown';
  /** Options picked and found wrong, in order (they stay marked and cannot be picked again). */
  wrong: number[];
  /** The right option was picked in this visit (not only remembered from an earlier one). */
  pickedRight: boolean;
}

/**
 * The question as a visit finds it: answered right the first time earlier (saved progress) shows the
 * answer; anything else, a wrong first answer included, is open for another try.
 */
export function questionAtStart(rightFirstTime: boolean | undefined): QuestionState {
  return { outcome: rightFirstTime === true ? 'right' : 'open', wrong: [], pickedRight: false };
}

/** A pick: right ends the question; wrong marks that option and waits for Try again or Show the answer. */
export function pickOption(s: QuestionState, option: number, answer: number): QuestionState {
  if (s.outcome !== 'open' || s.wrong.includes(option)) return s;
  if (option === answer) return { ...s, outcome: 'right', pickedRight: true };
  return { ...s, outcome: 'wrong', wrong: [...s.wrong, option] };
}

/** Another try: open again, the wrong picks still marked. */
export function tryAgain(s: QuestionState): QuestionState {
  return s.outcome === 'wrong' ? { ...s, outcome: 'open' } : s;
}

/** The learner gives up on finding it: the answer and why. */
export function showAnswer(s: QuestionState): QuestionState {
  return s.outcome === 'right' ? s : { ...s, outcome: 'shown' };
}

/** Whether the answer (and its why) is on show. */
export const answerShown = (s: QuestionState): boolean => s.outcome === 'right' || s.outcome === 'shown';

/** Whether this is the first pick of the question in this visit (the one the progress keeps). */
export const isFirstPick = (s: QuestionState): boolean =>
  s.wrong.length === 0 && !s.pickedRight && s.outcome === 'open';
