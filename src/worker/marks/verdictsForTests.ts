// Test support: runs a document and asks the bottleneck detector for its verdict, as the worker's
// frames do, at whole simulated seconds.
import { Simulation } from '../../core';
import type { Pipeline } from '../../model';
import { BOTTLENECK_WINDOW_SEC, BottleneckDetector, type Bottlenecks } from '../bottlenecks';

export interface Verdict extends Bottlenecks {
  second: number;
}

/** The verdict after each simulated second from `fromSec` to `untilSec`, and the simulation. */
export function verdicts(
  doc: Pipeline,
  untilSec: number,
  fromSec = 1,
): { verdicts: Verdict[]; sim: Simulation } {
  const sim = new Simulation(doc);
  const detector = new BottleneckDetector(doc, sim.metrics.series().columns);
  const out: Verdict[] = [];
  for (let s = 1; s <= untilSec; s++) {
    sim.runUntil(s * 1000);
    if (s < fromSec) continue;
    const rows = sim.metrics.series().rows.slice(-BOTTLENECK_WINDOW_SEC);
    const v = detector.detect(rows, (id) => {
      const p = sim.producers.find((x) => x.doc.id === id);
      return p && { refused: p.ledger.refused, dropped: p.ledger.dropped };
    });
    out.push({ second: s, ...v });
  }
  return { verdicts: out, sim };
}
