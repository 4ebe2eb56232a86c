import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parsePipelineText } from '../../model';
import type { SavedRun } from '../runs/types';
import { buildStackZip, lastRunOf } from './stackExport';

const doc = (() => {
  const parsed = parsePipelineText(
    readFileSync(join(import.meta.dirname, '../../../examples/two-stage-jobs.json'), 'utf8'),
  );
  if (!parsed.ok) throw new Error(parsed.errors.join());
  return parsed.doc;
})();

function savedRun(over: Partial<SavedRun> = {}): SavedRun {
  return {
    id: 'run-1',
    seq: 1,
    name: `${doc.name} #1`,
    finishedAt: Date.UTC(2026, 0, 2, 3, 4),
    wallSec: 3,
    doc,
    seed: doc.run.seed,
    columns: [
      'second',
      'cleaner.batches',
      'cleaner.processingMs',
      'cleaner.schedulingDelayMs',
      'cleaner.totalDelayMs',
    ],
    rows: [
      [1, 1, 100, 0, 100],
      [3, 0.5, 300, 20, 320],
    ],
    spans: [1, 2],
    totals: null,
    headline: {
      throughput: 5000,
      p99: 42,
      maxLagRecords: 10,
      maxLagSec: 1,
      lost: 0,
      schedulingDelay: 20,
      lagGrowth: 0,
      costPerHour: 1,
    },
    ...over,
  };
}

describe('buildStackZip', () => {
  it("zips every file under one folder, scripts executable, with the run's predictions", () => {
    const zip = buildStackZip(doc, savedRun());
    expect(zip.fileName).toBe('two-jobs-chained-through-a-topic-stack.zip');
    const files = unzipSync(zip.bytes);
    const names = Object.keys(files).sort();
    expect(names).toContain('two-jobs-chained-through-a-topic-stack/compose.yaml');
    expect(names).toContain('two-jobs-chained-through-a-topic-stack/jobs/cleaner.py');
    expect(names).toContain('two-jobs-chained-through-a-topic-stack/jobs/page-counts.py');
    const readme = strFromU8(files['two-jobs-chained-through-a-topic-stack/README.md']!);
    expect(readme).toContain(`From the app's run "${doc.name} #1" (finished 2026-01-02 03:04 UTC)`);
    expect(readme).toContain('| Acknowledged throughput | 5,000 records/s |');
    // A run kept before the processed figure existed has none: the row says so rather than 0.
    expect(readme).toMatch(/\| Processed throughput \| [^0-9|]+\|/);
    // 1 batch in the first second, a mean of 0.5 a second over the next two.
    expect(readme).toMatch(/\| cleaner \| 2 \| 233.3 \| 300 \| 20 \| 320 \|/);
    expect(zip.note).toContain(`with the predictions of ${doc.name} #1`);
  });
  it('says when there are no predictions, and why', () => {
    const zip = buildStackZip(doc, undefined);
    const readme = strFromU8(unzipSync(zip.bytes)['two-jobs-chained-through-a-topic-stack/README.md']!);
    expect(readme).toContain('No predictions in this export: no finished run of this exact pipeline');
    expect(zip.note).toContain('No predictions in it');
  });
});

describe('lastRunOf', () => {
  it('takes the newest run of the same pipeline, whatever the canvas positions', () => {
    const moved = { ...doc, layout: { cleaner: { x: 1, y: 2 } } };
    const other = { ...doc, run: { ...doc.run, seed: 99 } };
    const runs = [savedRun({ id: 'b', doc: other }), savedRun({ id: 'a', doc: moved })];
    expect(lastRunOf(doc, runs)?.id).toBe('a');
    expect(lastRunOf(other, runs)?.id).toBe('b');
    expect(lastRunOf({ ...doc, name: 'x' }, runs)).toBeUndefined();
  });
});
