import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { onePerTask } from './oneAtATime';

describe('onePerTask', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs queued work one item per timer task, in order', () => {
    const ran: string[] = [];
    onePerTask(() => ran.push('a'));
    onePerTask(() => ran.push('b'));
    onePerTask(() => ran.push('c'));
    expect(ran).toEqual([]);
    vi.advanceTimersToNextTimer();
    expect(ran).toEqual(['a']);
    vi.advanceTimersToNextTimer();
    expect(ran).toEqual(['a', 'b']);
    vi.advanceTimersToNextTimer();
    expect(ran).toEqual(['a', 'b', 'c']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('work queued from inside a task waits for a later task', () => {
    const ran: string[] = [];
    onePerTask(() => {
      ran.push('outer');
      onePerTask(() => ran.push('inner'));
    });
    vi.advanceTimersToNextTimer();
    expect(ran).toEqual(['outer']);
    vi.advanceTimersToNextTimer();
    expect(ran).toEqual(['outer', 'inner']);
  });
});
