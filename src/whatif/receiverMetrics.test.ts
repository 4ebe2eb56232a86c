// The headline figures of iot-receivers, a Spark job reading a Kinesis-style receiver source (no
// Kafka): they count the source as they count producers. Expected values from the example's
// figures: 4,000 readings/s (Poisson), 2 s batches, the driver down from 70.5 s for 15 s.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parsePipeline } from '../model/parse';
import type { Pipeline } from '../model/types';
import { runLocally } from './local';
import { headlineMetrics, type HeadlineMetrics } from './metrics';
import { listSettings } from './settings';

const WARMUP_SEC = 10;

function example(): Pipeline {
  const parsed = parsePipeline(JSON.parse(readFileSync('examples/iot-receivers.json', 'utf8')));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.doc;
}

let metrics: HeadlineMetrics | undefined;
async function figures(): Promise<HeadlineMetrics> {
  if (metrics) return metrics;
  const doc = example();
  const out = await runLocally(doc, doc.run.seed);
  metrics = headlineMetrics({ ...out, doc }, { warmupSec: WARMUP_SEC });
  return metrics;
}

describe('headline figures of a receiver source (iot-receivers)', () => {
  it('throughput: what the receivers took, about the source rate', async () => {
    // 110 s after the warm-up at 4,000/s; Poisson noise on the mean is about 6/s, and what the
    // source sends again after the executor loss adds a few per second.
    const m = await figures();
    expect(m.throughput).toBeGreaterThan(4000 * 0.985);
    expect(m.throughput).toBeLessThan(4000 * 1.015);
  });

  it('processed: what the batches completed, the source rate less the lost blocks', async () => {
    // The driver failure loses the blocks of 70.0 .. 70.4 s, 0.6 s x 4,000 = 2,400 records, over
    // the 110 s after the warm-up: 22/s less than the source's 4,000. In flight at 10 s and at
    // 120 s is about one 2 s batch each, so they nearly cancel; Poisson noise is about 6/s.
    const m = await figures();
    expect(Math.abs(m.processed! - (4000 - 2400 / 110))).toBeLessThan(30);
    expect(m.processed!).toBeLessThan(m.throughput!);
  });

  it('max lag: the readings that wait while the driver is down', async () => {
    // Down from 70.5 s to 85.5 s; the first row after it, 86 s, still has everything arrived since
    // the last processed block (cut at 70.4 s): 15.6 s x 4,000 = 62,400 (Poisson: sd 250).
    const m = await figures();
    expect(Math.abs(m.maxLagRecords! - 62_400)).toBeLessThan(62_400 * 0.03);
    // The oldest of them arrived just after 70.4 s.
    expect(m.maxLagSec!).toBeCloseTo(15.6, 1);
  });

  it('p99: a reading waits for its block and its batch, then the batch runs', async () => {
    // At least most of a 2 s batch interval, under 2 s + a block (0.2 s) + a batch's processing
    // and the seconds after the driver's restart, which finish readings up to 15 s old.
    const m = await figures();
    expect(m.p99!).toBeGreaterThan(2000);
    expect(m.p99!).toBeLessThan(4000);
  });

  it('offers no broker count to sweep: the pipeline has no topic', () => {
    const paths = listSettings(example()).map((s) => s.path);
    expect(paths).not.toContain('cluster.brokers');
    expect(paths).toContain('sparkSources[sensor-stream].rate.recordsPerSec');
  });
});
