import { describe, expect, it } from 'vitest';
import { clampRange, panRange, rangeOf, zoomRange } from './timeRange';

describe('time range', () => {
  it('follows the whole run by default, and the newest minute for "Last 60 s"', () => {
    expect(rangeOf({ kind: 'whole' }, 600)).toEqual([0, 600]);
    expect(rangeOf({ kind: 'whole' }, 3)).toEqual([0, 10]);
    expect(rangeOf({ kind: 'last' }, 600)).toEqual([540, 600]);
    expect(rangeOf({ kind: 'last' }, 20)).toEqual([0, 60]);
    expect(rangeOf({ kind: 'fixed', from: 100, to: 200 }, 600)).toEqual([100, 200]);
  });

  it('keeps a selected span inside the run and at least 5 s wide', () => {
    expect(clampRange(200, 100, 600)).toEqual({ kind: 'fixed', from: 100, to: 200 });
    expect(clampRange(-50, 50, 600)).toEqual({ kind: 'fixed', from: 0, to: 100 });
    expect(clampRange(580, 650, 600)).toEqual({ kind: 'fixed', from: 530, to: 600 });
    expect(clampRange(300, 301, 600)).toEqual({ kind: 'fixed', from: 300, to: 305 });
    expect(clampRange(0, 700, 600)).toEqual({ kind: 'whole' });
  });

  it('zooms around a second, and back out to the whole run', () => {
    // Halving [0, 600] around 300 s gives [150, 450]; around 0 s gives [0, 300].
    expect(zoomRange({ kind: 'whole' }, 600, 0.5)).toEqual({ kind: 'fixed', from: 150, to: 450 });
    expect(zoomRange({ kind: 'whole' }, 600, 0.5, 0)).toEqual({ kind: 'fixed', from: 0, to: 300 });
    expect(zoomRange({ kind: 'fixed', from: 150, to: 450 }, 600, 2)).toEqual({ kind: 'whole' });
  });

  it('pans by a share of the width, stopping at the ends of the run', () => {
    expect(panRange({ kind: 'fixed', from: 100, to: 200 }, 600, 0.5)).toEqual({
      kind: 'fixed',
      from: 150,
      to: 250,
    });
    expect(panRange({ kind: 'fixed', from: 100, to: 200 }, 600, -2)).toEqual({
      kind: 'fixed',
      from: 0,
      to: 100,
    });
    expect(panRange({ kind: 'last' }, 600, 1)).toEqual({ kind: 'fixed', from: 540, to: 600 });
    expect(panRange({ kind: 'whole' }, 600, -0.5)).toEqual({ kind: 'whole' });
  });
});

describe('time range store', () => {
  it('goes back to the whole run when a new run starts (the rows start again from none)', async () => {
    const { useRunStore } = await import('../run/runStore');
    const { timeRangeActions, useTimeRange } = await import('./timeRange');
    useRunStore.setState({ rows: [[1], [2]], simMs: 600_000 });
    timeRangeActions.select(100, 200);
    expect(useTimeRange.getState().mode).toEqual({ kind: 'fixed', from: 100, to: 200 });
    timeRangeActions.hover(150);
    useRunStore.setState({ rows: [], simMs: 0 });
    expect(useTimeRange.getState()).toEqual({ mode: { kind: 'whole' }, hoverSec: null });
  });
});
