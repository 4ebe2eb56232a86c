// Sweeps and the run list reach a receiver source's rate and receivers like any node's settings.
import { describe, expect, it } from 'vitest';
import { parsePipeline } from '../model/parse';
import { diffDocuments, listSettings, setSetting } from './settings';

const parsed = parsePipeline({
  version: 1,
  cluster: { brokers: [{ id: 'b1' }] },
  sparkSources: [{ id: 'feed', rate: { kind: 'constant', recordsPerSec: 500 }, receivers: 2 }],
  sparkJobs: [{ id: 'job', config: { 'spark.executor.instances': 4 } }],
  edges: [{ from: 'feed', to: 'job' }],
});
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const doc = parsed.doc;

describe('receiver source settings', () => {
  it('lists the rate and the receivers with their values', () => {
    const s = listSettings(doc).filter((x) => x.node === 'feed');
    expect(s.map((x) => [x.path, x.value])).toEqual([
      ['sparkSources[feed].rate.recordsPerSec', 500],
      ['sparkSources[feed].receivers', 2],
    ]);
  });

  it('sets the receivers, and the run list names the change', () => {
    const r = setSetting(doc, 'sparkSources[feed].receivers', 3);
    if (!r.ok) throw new Error(r.error);
    expect(r.doc.sparkSources[0]!.receivers).toBe(3);
    expect(diffDocuments(doc, r.doc)).toEqual(['feed: receivers 2 -> 3']);
  });
});
