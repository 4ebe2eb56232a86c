// Settings of the selected node. (placeholder until the canvas lands)
export function Inspector() {
  return null;
}
