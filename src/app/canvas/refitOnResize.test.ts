import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { insidePane, RefitOnResize, REFIT_DELAY_MS, type Size } from './refitOnResize';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/**
 * A stand-in for the canvas: the pipeline is drawn 600 x 300 px from (20, 20) until a fit, which
 * scales it to the pane's size at that moment with 10 px around it (as fitView does).
 */
function setup() {
  const fits: number[] = [];
  const asked: Size[] = [];
  let pane: Size = { width: 0, height: 0 };
  let box = { left: 20, top: 20, right: 620, bottom: 320 };
  const refit = new RefitOnResize({
    allInView: (size) => {
      asked.push(size);
      return insidePane(box, size);
    },
    fit: () => {
      fits.push(Date.now());
      box = { left: 10, top: 10, right: pane.width - 10, bottom: pane.height - 10 };
    },
  });
  const resized = (size: Size) => {
    pane = size;
    refit.resized(size);
  };
  return { refit, resized, fits, asked };
}

describe('refit on resize', () => {
  it('fits once after the size settles, when the pipeline was all in view before', () => {
    const { resized, fits, asked } = setup();
    resized({ width: 800, height: 400 });
    // "Larger results": the pane shrinks in a few steps (a transition, a drag).
    resized({ width: 800, height: 300 });
    vi.advanceTimersByTime(REFIT_DELAY_MS / 2);
    resized({ width: 800, height: 150 });
    vi.advanceTimersByTime(REFIT_DELAY_MS - 1);
    expect(fits).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(fits).toHaveLength(1);
    // Judged at the size before the change, where the 300 px tall pipeline fitted.
    expect(asked).toEqual([{ width: 800, height: 400 }]);

    // "Smaller results": the view fitted at 150 px is fitted again to the 400 px pane.
    resized({ width: 800, height: 400 });
    vi.advanceTimersByTime(REFIT_DELAY_MS);
    expect(fits).toHaveLength(2);
  });

  it('leaves a view the user zoomed into, and ignores changes of a few pixels', () => {
    const { resized, fits } = setup();
    resized({ width: 500, height: 400 }); // the 620 px wide pipeline runs off the pane
    resized({ width: 900, height: 400 });
    vi.advanceTimersByTime(REFIT_DELAY_MS);
    expect(fits).toHaveLength(0);
    resized({ width: 902, height: 401 });
    vi.advanceTimersByTime(REFIT_DELAY_MS);
    expect(fits).toHaveLength(0);
  });

  it('does nothing for a hidden pane (size 0) and after dispose', () => {
    const { refit, resized, fits } = setup();
    resized({ width: 800, height: 400 });
    resized({ width: 0, height: 0 });
    vi.advanceTimersByTime(REFIT_DELAY_MS);
    resized({ width: 800, height: 200 });
    refit.dispose();
    vi.advanceTimersByTime(REFIT_DELAY_MS);
    expect(fits).toHaveLength(0);
  });
});
