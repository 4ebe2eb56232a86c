// Where a node's name may wrap on the canvas: after a '-', '_' or '.' (and at spaces, as anywhere).
// Names are ids such as "payment-gateway" or "orders_v2.eu"; the browser breaks after a hyphen by
// itself but not after '_' or '.', and breaking anywhere else cuts a word ("settlement / s").

/** The name in pieces, each ending at a separator, to be joined by <wbr> (a break opportunity). */
export function nameParts(name: string): string[] {
  return name.split(/(?<=[-_.])(?=.)/u);
}

/**
 * The least a compact title's type is scaled to so that a long word fits the node: 26 px × 0.85 is
 * 22 px, still over 11 px on screen down to zoom 0.5 (the examples fit at more).
 */
export const LEAST_TITLE_FIT = 0.85;

/**
 * How much a compact title's type is scaled so that its widest unbreakable piece fits `room` (the
 * title's width): 1 when it fits, never under LEAST_TITLE_FIT (past that the word wraps inside,
 * which only a word wider than the node does). `widthOf` measures a piece at full size.
 */
export function titleFit(name: string, room: number, widthOf: (piece: string) => number): number {
  const pieces = nameParts(name).flatMap((p) => p.split(/\s+/u));
  const widest = Math.max(0, ...pieces.map(widthOf));
  if (widest <= room) return 1;
  return Math.max(LEAST_TITLE_FIT, room / widest);
}
