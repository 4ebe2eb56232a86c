// Node kinds to drag onto the canvas. (placeholder until the canvas lands)
export function Palette() {
  return null;
}
