// Record totals of the run. (placeholder)
export function TotalsBar() {
  return null;
}
