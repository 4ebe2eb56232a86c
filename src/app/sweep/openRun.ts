// Opens one run of a sweep or search in the editor: the point's document with that seed and the
// spec's run length, through the document store (so Ctrl+Z brings back what was there).
import { withRun, type SweepPoint, type SweepSpec } from '../../whatif';
import { openDocument } from '../persist/openDocument';
import { shortNumber } from './sweepView';

export function openSweepPoint(point: SweepPoint, spec: SweepSpec, label: (path: string) => string): void {
  const seed = point.runs[0]?.seed;
  if (seed === undefined) return;
  const where = spec.axes.map((a, i) => `${label(a.setting)} = ${shortNumber(point.values[i]!)}`).join(', ');
  openDocument(
    withRun(point.doc, seed, spec.durationSec),
    `Opened the sweep's run at ${where}, seed ${seed}`,
  );
}
