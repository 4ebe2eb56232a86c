// Play, pause, step, reset, speed and the simulated clock. (placeholder)
export function RunControls() {
  return null;
}
