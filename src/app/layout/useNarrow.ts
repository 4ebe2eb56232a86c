// Whether the window is narrow enough for the one-column layout (a phone held upright). Read from a
// media query so the layout follows rotation and window resizes without polling.
import { useSyncExternalStore } from 'react';

/** Widths at or below this many CSS pixels get the narrow layout. */
export const NARROW_MAX_PX = 760;

const QUERY = `(max-width: ${NARROW_MAX_PX}px)`;

function subscribe(onChange: () => void): () => void {
  if (typeof window === 'undefined' || !window.matchMedia) return () => {};
  const list = window.matchMedia(QUERY);
  list.addEventListener('change', onChange);
  return () => list.removeEventListener('change', onChange);
}

function snapshot(): boolean {
  return typeof window !== 'undefined' && !!window.matchMedia && window.matchMedia(QUERY).matches;
}

export function useNarrow(): boolean {
  return useSyncExternalStore(subscribe, snapshot, () => false);
}
