import { describe, expect, it } from 'vitest';
import { progressText } from './progressText';

describe('the progress line', () => {
  // 4 runs in 4 s: 1 s a run, 46 runs to go.
  const progress = { done: 4, total: 50, startedAt: 1000, lastAt: 5000 };

  it('gives the runs left and the time as an estimate when the total is fixed', () => {
    expect(progressText(progress, 'running')).toBe('4 of 50 runs · about 46 s left');
  });

  it('marks both as lower bounds while a stopping rule can still add seeds', () => {
    expect(progressText({ ...progress, mayGrow: true }, 'running')).toBe(
      '4 of at least 50 runs · at least 46 s left (more seeds may be added)',
    );
  });

  it('once done, gives the count and the time it took', () => {
    expect(progressText({ ...progress, done: 77, total: 77, mayGrow: true }, 'done')).toBe(
      '77 of 77 runs · done in 4 s',
    );
  });
});
