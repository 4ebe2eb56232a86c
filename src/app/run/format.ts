// Number and time formats shared by the run controls, the totals and the charts.

/** Simulated time as m:ss, or h:mm:ss from an hour on (runs last up to 24 h). */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000 + 1e-9));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${String(m).padStart(2, '0')}:${ss}`;
}

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A count with thousands separators: 1234567 -> "1,234,567". */
export function formatCount(n: number): string {
  return Number.isFinite(n) ? grouped.format(n) : '–';
}

/** Short axis labels: 1500 -> "1.5k", 2500000 -> "2.5M". */
export function formatShort(n: number): string {
  const a = Math.abs(n);
  const trim = (x: number) => String(Number(x.toFixed(1)));
  if (a >= 1e9) return `${trim(n / 1e9)}G`;
  if (a >= 1e6) return `${trim(n / 1e6)}M`;
  if (a >= 1e3) return `${trim(n / 1e3)}k`;
  return trim(n);
}
