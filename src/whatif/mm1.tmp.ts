import { queueDocument } from '../validation/queueing/documents';
import { parseSearchSpec, runSearch } from '.';
import { localRunFn } from './local';
const dist = (process.argv[2] ?? 'fixed') as 'fixed' | 'exponential';
const dur = Number(process.argv[3] ?? 200);
const doc = queueDocument({ arrivalsPerSec: 300, service: dist, serviceMs: 2, durationSec: dur, seed: 1 });
const spec = parseSearchSpec({
  kind: 'search',
  setting: 'producers[p].rate.recordsPerSec',
  low: 100,
  high: 1000,
  seeds: 3,
  warmupSec: 20,
  tolerance: 0.01,
  criteria: { maxLagGrowth: Number(process.argv[4] ?? 0.005) },
});
if (!spec.ok) throw new Error(spec.errors.join());
const t = Date.now();
const r = await runSearch(spec.spec, doc, localRunFn());
for (const p of r.probes)
  console.log(
    p.value,
    p.passed,
    p.stats.lagGrowth?.mean.toFixed(2),
    '±',
    p.stats.lagGrowth?.halfWidth.toFixed(2),
    p.stats.throughput?.mean.toFixed(1),
    p.reasons.join('; '),
  );
console.log(r.outcome, r.low, r.high, r.value, 'wall', Date.now() - t, 'runs', r.runs);
