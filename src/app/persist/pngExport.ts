// Export PNG: a picture of the whole graph, whatever part of it is on screen. The React Flow
// viewport is rendered off screen with its own transform so every node fits in the picture.
import { getViewportForBounds, type Rect } from '@xyflow/react';

/** Largest picture side in CSS pixels; a huge graph is scaled down rather than making a vast image. */
const MAX_SIDE_PX = 4096;
const MARGIN_PX = 32;

export interface PictureFrame {
  width: number;
  height: number;
  transform: string;
}

/**
 * The size of the picture and the viewport transform that fits `bounds` (the box around every node,
 * in graph coordinates, from React Flow's getNodesBounds) into it.
 */
export function frameForBounds(bounds: Rect | undefined): PictureFrame | undefined {
  if (!bounds || !(bounds.width > 0) || !(bounds.height > 0)) return undefined;
  const scale = Math.min(
    1,
    MAX_SIDE_PX / (bounds.width + 2 * MARGIN_PX),
    MAX_SIDE_PX / (bounds.height + 2 * MARGIN_PX),
  );
  const width = Math.max(64, Math.round((bounds.width + 2 * MARGIN_PX) * scale));
  const height = Math.max(64, Math.round((bounds.height + 2 * MARGIN_PX) * scale));
  const viewport = getViewportForBounds(bounds, width, height, 0.01, 2, `${MARGIN_PX * scale}px`);
  return { width, height, transform: `translate(${viewport.x}px, ${viewport.y}px) scale(${viewport.zoom})` };
}

/** Renders the canvas to a PNG data URL, or returns a message saying why it could not. */
export async function renderCanvasPng(
  bounds: Rect | undefined,
): Promise<{ ok: true; dataUrl: string } | { ok: false; error: string }> {
  const frame = frameForBounds(bounds);
  if (!frame) return { ok: false, error: 'The canvas is empty: add a node before exporting a picture.' };
  const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
  if (!viewport) return { ok: false, error: 'Could not export a picture: the canvas is not on the page.' };
  try {
    // Loaded on first use: the library is only needed for this one button.
    const { toPng } = await import('html-to-image');
    const background = getComputedStyle(document.documentElement).backgroundColor || '#ffffff';
    const restore = inlineSvgStyles(viewport);
    const dataUrl = await toPng(viewport, {
      backgroundColor: background,
      width: frame.width,
      height: frame.height,
      pixelRatio: 1,
      skipFonts: true, // system fonts only; nothing to embed and nothing to fetch
      style: { width: `${frame.width}px`, height: `${frame.height}px`, transform: frame.transform },
    }).finally(restore);
    return { ok: true, dataUrl };
  } catch (e) {
    return {
      ok: false,
      error: `Could not export a picture: ${e instanceof Error ? e.message : 'the browser refused'}.`,
    };
  }
}

/** The presentation properties that edges and icons take from style sheets. */
const SVG_STYLE_PROPERTIES = [
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'stroke-linecap',
  'fill',
  'fill-opacity',
  'opacity',
  'visibility',
  'font-family',
  'font-size',
  'font-weight',
];

/**
 * html-to-image copies the computed style of HTML elements but clones an <svg> with its children
 * as they are, so edges styled by React Flow's style sheet would come out invisible. Their computed
 * styles are written inline for the moment of the export; the returned function undoes that,
 * leaving alone any property that React changed in the meantime.
 */
function inlineSvgStyles(root: HTMLElement): () => void {
  const undo: (() => void)[] = [];
  for (const element of root.querySelectorAll<SVGElement>('svg *')) {
    const computed = getComputedStyle(element);
    for (const property of SVG_STYLE_PROPERTIES) {
      const before = element.style.getPropertyValue(property);
      const value = computed.getPropertyValue(property);
      if (before !== '' || value === '') continue;
      element.style.setProperty(property, value);
      undo.push(() => {
        if (element.style.getPropertyValue(property) === value) element.style.removeProperty(property);
      });
    }
  }
  return () => undo.forEach((step) => step());
}
