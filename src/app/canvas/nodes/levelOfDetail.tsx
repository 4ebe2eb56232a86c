// Level of detail: below COMPACT_BELOW zoom, nodes show only their name and one key figure, in type
// large enough to read at fit view; their full detail comes back on zoom. The switch is one class
// on the canvas element, set by a component that reads React Flow's zoom through a boolean selector,
// so crossing the threshold re-renders nothing but that component (and panning or zooming on the
// same side of it re-renders nothing at all); the CSS does the rest.
import { useEffect, type RefObject } from 'react';
import { useStore, type ReactFlowState } from '@xyflow/react';

/**
 * Under this zoom nodes are compact. At or above it, full detail: its smallest text (0.7rem, 11.2 px)
 * is then at least 11 px on screen.
 */
export const COMPACT_BELOW = 1;

const isCompact = (s: ReactFlowState): boolean => s.transform[2] < COMPACT_BELOW;

export function useCompactView(): boolean {
  return useStore(isCompact);
}

/** Keeps `is-compact` on `target` in step with the zoom. Renders nothing. */
export function LevelOfDetail({ target }: { target: RefObject<HTMLElement | null> }) {
  const compact = useCompactView();
  useEffect(() => {
    const el = target.current;
    if (!el) return;
    el.classList.toggle('is-compact', compact);
    el.setAttribute('data-detail', compact ? 'compact' : 'full');
  }, [compact, target]);
  return null;
}

/** The minimap needs room of its own: on a smaller canvas it would cover nodes, so it is left out. */
export const MINIMAP_ROOM = { width: 900, height: 480 };

const hasMinimapRoom = (s: ReactFlowState): boolean =>
  s.width >= MINIMAP_ROOM.width && s.height >= MINIMAP_ROOM.height;

export function useMinimapRoom(): boolean {
  return useStore(hasMinimapRoom);
}
