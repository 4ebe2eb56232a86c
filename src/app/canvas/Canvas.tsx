// The React Flow canvas: a view of the document. (placeholder until the canvas lands)
export function Canvas() {
  return null;
}
