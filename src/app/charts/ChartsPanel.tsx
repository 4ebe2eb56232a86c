// Live charts of the run. (placeholder)
export function ChartsPanel() {
  return null;
}
