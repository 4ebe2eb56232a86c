import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Coalescer } from './coalesce';

describe('Coalescer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('draws the first request at once, then at most once per interval, the latest request', () => {
    const c = new Coalescer(500, () => Date.now());
    const drawn: number[] = [];
    c.request(() => drawn.push(1));
    expect(drawn).toEqual([1]);
    vi.advanceTimersByTime(100);
    c.request(() => drawn.push(2));
    vi.advanceTimersByTime(100);
    c.request(() => drawn.push(3));
    expect(drawn).toEqual([1]);
    // At the interval's end the latest waiting request is drawn, and only it.
    vi.advanceTimersByTime(300);
    expect(drawn).toEqual([1, 3]);
    // The next one within the interval waits again, even with nothing after it.
    c.request(() => drawn.push(4));
    expect(drawn).toEqual([1, 3]);
    vi.advanceTimersByTime(500);
    expect(drawn).toEqual([1, 3, 4]);
    // After a quiet interval a request draws at once.
    vi.advanceTimersByTime(2000);
    c.request(() => drawn.push(5));
    expect(drawn).toEqual([1, 3, 4, 5]);
  });

  it('draws nothing more once cancelled', () => {
    const c = new Coalescer(500, () => Date.now());
    const drawn: number[] = [];
    c.request(() => drawn.push(1));
    c.request(() => drawn.push(2));
    c.cancel();
    vi.advanceTimersByTime(1000);
    expect(drawn).toEqual([1]);
  });
});
