// The object store's price in the cost figures: GB held x $/GB-month, spread over a month's hours.
import { describe, expect, it } from 'vitest';
import { parsePipeline } from '../model/parse';
import type { Pipeline } from '../model/types';
import { costBreakdown } from './cost';
import { headlineMetrics } from './metrics';

function doc(): Pipeline {
  const r = parsePipeline({
    version: 1,
    cluster: { brokers: [{ id: 'b1', hardware: { preset: 'cloud-2024' } }] },
    topics: [{ id: 't' }],
  });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.doc;
}

describe('object storage cost', () => {
  it('adds GB x price per GB-month / 730.5 hours as its own line', () => {
    // The cloud preset's store: $0.023 per GB-month; 1000 GB cost $23 a month, 23 / 730.5 an hour.
    const without = costBreakdown(doc()).perHour;
    const b = costBreakdown(doc(), 0, 1000);
    const line = b.lines.find((l) => l.what.startsWith('object storage'));
    expect(line?.total).toBeCloseTo(23 / 730.5, 10);
    expect(b.perHour).toBeCloseTo(without + 23 / 730.5, 4);
    expect(costBreakdown(doc(), 0, 0).lines.some((l) => l.what.startsWith('object storage'))).toBe(false);
  });

  it('takes the store’s GB from the last row of the series', () => {
    const columns = ['second', 't.localBytes', 't.remoteBytes'];
    // 500 GB in the store at the end (earlier rows held less: only the end counts).
    const rows = [
      [1, 1e9, 100e9],
      [2, 1e9, 500e9],
    ];
    const base = headlineMetrics({ columns, rows: rows.map((r) => [r[0]!, r[1]!, 0]), doc: doc() });
    const m = headlineMetrics({ columns, rows, doc: doc() });
    expect(m.costPerHour! - base.costPerHour!).toBeCloseTo((500 * 0.023) / 730.5, 4);
  });
});
