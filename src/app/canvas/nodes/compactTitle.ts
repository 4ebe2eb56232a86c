// The scale of a node's title in the compact view (see nameBreaks.titleFit), measured once per name
// with the page's own font on a canvas: the compact title is 26 px, weight 600, in a 190 px node.
import { NODE_WIDTH } from '../flowView';
import { titleFit } from './nameBreaks';

/** The compact title's size (canvas.css --lod-title). */
const COMPACT_TITLE_PX = 26;
/** The title's width in a compact node: the node less its 0.4rem padding each side and its borders. */
const COMPACT_TITLE_ROOM = NODE_WIDTH - 2 * 6.4 - 5 - 1.5;

const cache = new Map<string, number>();
let context: CanvasRenderingContext2D | null | undefined;

function measurer(): CanvasRenderingContext2D | null {
  if (context !== undefined) return context;
  if (typeof document === 'undefined') return (context = null);
  context = document.createElement('canvas').getContext('2d');
  if (context) context.font = `600 ${COMPACT_TITLE_PX}px ${getComputedStyle(document.body).fontFamily}`;
  return context;
}

/** 1, or a little less for a name with a word slightly too wide for the node. */
export function compactTitleFit(name: string): number {
  const known = cache.get(name);
  if (known !== undefined) return known;
  const ctx = measurer();
  const fit = ctx ? titleFit(name, COMPACT_TITLE_ROOM, (piece) => ctx.measureText(piece).width) : 1;
  cache.set(name, fit);
  return fit;
}
