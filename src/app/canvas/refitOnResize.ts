// The canvas keeps the pipeline in view when its pane changes size (the results pane enlarged or
// made smaller, a kept run opened, a divider dragged): once the size has settled, the view is fitted
// again, provided the whole pipeline was in view at the size before. A view the user zoomed into
// (part of the pipeline off screen) is theirs and stays as it is.

export interface Size {
  width: number;
  height: number;
}

/** A box in screen pixels relative to the pane's top-left corner. */
export interface ScreenBox {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Wait for the size to stay the same this long (a divider drag changes it every frame). */
export const REFIT_DELAY_MS = 150;
/** Smaller changes (a scrollbar, rounding) leave the view alone. */
const MIN_CHANGE_PX = 4;
/** Fitted views leave padding around the nodes; this much overhang still counts as in view. */
const SLACK_PX = 2;

/** Whether the box lies within a pane of `size`. */
export const insidePane = (box: ScreenBox, size: Size): boolean =>
  box.left >= -SLACK_PX &&
  box.top >= -SLACK_PX &&
  box.right <= size.width + SLACK_PX &&
  box.bottom <= size.height + SLACK_PX;

export interface RefitOptions {
  /** Whether the whole pipeline lies within a pane of this size at the current zoom and pan. */
  allInView(size: Size): boolean;
  fit(): void;
  setTimer?: (fn: () => void, ms: number) => ReturnType<typeof setTimeout>;
  clearTimer?: (timer: ReturnType<typeof setTimeout>) => void;
}

export class RefitOnResize {
  /** The size when it last settled (or was first seen). */
  private settled: Size | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly setTimer: NonNullable<RefitOptions['setTimer']>;
  private readonly clearTimer: NonNullable<RefitOptions['clearTimer']>;

  constructor(private readonly options: RefitOptions) {
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimer ?? ((t) => clearTimeout(t));
  }

  /** The pane now has this size. */
  resized(size: Size): void {
    if (size.width <= 0 || size.height <= 0) return;
    if (this.settled === null) {
      this.settled = size;
      return;
    }
    if (this.timer !== undefined) this.clearTimer(this.timer);
    this.timer = this.setTimer(() => {
      this.timer = undefined;
      const before = this.settled!;
      this.settled = size;
      const changed =
        Math.abs(before.width - size.width) >= MIN_CHANGE_PX ||
        Math.abs(before.height - size.height) >= MIN_CHANGE_PX;
      if (changed && this.options.allInView(before)) this.options.fit();
    }, REFIT_DELAY_MS);
  }

  dispose(): void {
    if (this.timer !== undefined) this.clearTimer(this.timer);
    this.timer = undefined;
  }
}
