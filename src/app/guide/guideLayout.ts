// Where the guide card sits: docked in a corner of the window (a sheet along the bottom or top edge
// on narrow screens), in the first place that does not cover the element the current step points
// at. Pure geometry, so it is tested without a browser.

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

export type Dock = 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left' | 'sheet-bottom' | 'sheet-top';

/** Below this window width the card becomes a sheet across the whole width. */
export const NARROW_MAX_WIDTH = 640;
/** Space between the card and the window's edges. */
export const EDGE = 12;
/** Docks at the top keep clear of the top bar, where the menus and run controls are. */
export const TOP_BAR = 64;

const DESKTOP_ORDER: Dock[] = ['bottom-right', 'bottom-left', 'top-right', 'top-left'];
const NARROW_ORDER: Dock[] = ['sheet-bottom', 'sheet-top'];

/** The card's box at `dock`, for a card of `card` size in a `view` window. */
export function dockBox(
  dock: Dock,
  card: { width: number; height: number },
  view: { width: number; height: number },
): Box {
  switch (dock) {
    case 'sheet-bottom':
      return { left: 0, top: view.height - card.height, width: view.width, height: card.height };
    case 'sheet-top':
      return { left: 0, top: 0, width: view.width, height: card.height };
    default: {
      const right = dock.endsWith('right');
      const bottom = dock.startsWith('bottom');
      return {
        left: right ? view.width - EDGE - card.width : EDGE,
        top: bottom ? view.height - EDGE - card.height : TOP_BAR,
        width: card.width,
        height: card.height,
      };
    }
  }
}

function overlap(a: Box, b: Box): number {
  const w = Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left);
  const h = Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * The dock for the card: the first in order that leaves `target` uncovered, else the one covering
 * the least of it. With no target, the first (bottom right, or the bottom sheet when narrow).
 */
export function chooseDock(
  target: Box | null,
  card: { width: number; height: number },
  view: { width: number; height: number },
): Dock {
  const order = view.width < NARROW_MAX_WIDTH ? NARROW_ORDER : DESKTOP_ORDER;
  if (!target) return order[0]!;
  let best = order[0]!;
  let bestOverlap = Infinity;
  for (const dock of order) {
    const covered = overlap(dockBox(dock, card, view), target);
    if (covered === 0) return dock;
    if (covered < bestOverlap) {
      best = dock;
      bestOverlap = covered;
    }
  }
  return best;
}

/** The smallest box holding all of `boxes`, or null when there are none. */
export function unionBox(boxes: readonly Box[]): Box | null {
  if (boxes.length === 0) return null;
  const left = Math.min(...boxes.map((b) => b.left));
  const top = Math.min(...boxes.map((b) => b.top));
  const right = Math.max(...boxes.map((b) => b.left + b.width));
  const bottom = Math.max(...boxes.map((b) => b.top + b.height));
  return { left, top, width: right - left, height: bottom - top };
}
