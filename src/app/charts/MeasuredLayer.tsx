// Measured figures over a run chart, in plain HTML over the plot area (so both renderers get them
// alike): a dashed ink line across for the figure a tool summed up, with its label, and a diamond
// at each moment the tool printed a figure (a progress line, a batch). The legend names each one.
import type { CSSProperties } from 'react';
import { MEASURED_COLOR, type MeasuredMark } from './measuredMarks';

export function MeasuredLayer({
  marks,
  range,
  yTop,
  style,
}: {
  marks: readonly MeasuredMark[];
  range: [number, number];
  yTop: number;
  style: CSSProperties;
}) {
  const [from, to] = range;
  const top = (y: number) => `${Math.max(0, Math.min(100, (1 - y / yTop) * 100))}%`;
  const left = (x: number) => `${to > from ? ((x - from) / (to - from)) * 100 : 0}%`;
  return (
    <div className="measured-marks" style={style} aria-hidden="true">
      {marks.map((m) => (
        <div key={m.key} data-testid="chart-measured" data-y={m.y ?? undefined}>
          {m.y !== null && (
            <div className="measured-mark-line" style={{ top: top(m.y), borderColor: MEASURED_COLOR }}>
              <span className="measured-mark-label">{m.short}</span>
            </div>
          )}
          {m.points
            .filter((p) => p.x >= from && p.x <= to)
            .map((p, i) => (
              <span
                key={i}
                className="measured-mark-point"
                data-testid="chart-measured-point"
                style={{ left: left(p.x), top: top(p.y), background: MEASURED_COLOR }}
              />
            ))}
        </div>
      ))}
    </div>
  );
}

export function MeasuredLegend({ marks }: { marks: readonly MeasuredMark[] }) {
  return (
    <ul className="chart-legend chart-legend-measured" data-testid="legend-measured">
      {marks.map((m) => (
        <li key={m.key}>
          <svg width="22" height="8" aria-hidden="true">
            <line x1="0" y1="4" x2="22" y2="4" stroke="currentColor" strokeWidth="2" strokeDasharray="4 3" />
            <rect x="8" y="1" width="6" height="6" transform="rotate(45 11 4)" fill="currentColor" />
          </svg>
          {m.label}
        </li>
      ))}
    </ul>
  );
}
