// The accounting property under retention pressure: random pipelines (and their fault timelines)
// with short retention and small segments still balance, and no reader both reads and loses more
// than the log ever held.
import { describe, expect, it } from 'vitest';
import type { Pipeline } from '../../model/types';
import { randomPipeline } from '../testing/randomPipeline';
import { Simulation } from './simulation';

function withShortRetention(doc: Pipeline, seed: number): Pipeline {
  return {
    ...doc,
    cluster: { ...doc.cluster, config: { ...doc.cluster.config, 'log.retention.check.interval.ms': 1000 } },
    topics: doc.topics.map((t) => ({
      ...t,
      config: {
        ...t.config,
        'segment.bytes': 20_000 + (seed % 5) * 10_000,
        // Half the seeds by time, the other half by size.
        'retention.ms': seed % 2 ? 1500 : -1,
        'retention.bytes': seed % 2 ? -1 : 200_000,
      },
    })),
  };
}

describe('record accounting with retention', () => {
  it('balances for random pipelines with short retention over many seeds, also mid-run', () => {
    let expired = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const sim = new Simulation(withShortRetention(randomPipeline(seed), seed));
      for (const until of [3_333, 10_000]) {
        sim.runUntil(until);
        const s = sim.summary();
        const r = s.records;
        expect(r.produced).toBe(r.acknowledged + r.inFlight + r.refused + r.dropped);
        for (const [id, topic] of Object.entries(s.topics)) {
          const partitions = sim.topics.get(id)!.partitions;
          for (const p of partitions) {
            expect(p.log.logStartOffset).toBeLessThanOrEqual(p.highWatermark);
            expect(p.highWatermark).toBeLessThanOrEqual(p.log.endOffset);
          }
          const deleted = partitions.reduce((a, p) => a + p.log.logStartOffset, 0);
          for (const g of sim.groups.filter((x) => x.partitions === partitions)) {
            expect(g.totalExpiredUnread).toBeLessThanOrEqual(deleted);
            expect(g.totalConsumed + g.totalExpiredUnread).toBeLessThanOrEqual(topic.appended);
          }
          for (const j of sim.jobs.filter((x) => x.partitions === partitions)) {
            expect(j.totalExpiredUnread).toBeLessThanOrEqual(deleted);
            expect(j.totalRecords + j.totalExpiredUnread).toBeLessThanOrEqual(topic.appended);
          }
        }
        expect(r.expiredUnread).toBeGreaterThanOrEqual(0);
      }
      expired += sim.summary().records.expiredUnread;
    }
    // Some readers do fall behind such short retention.
    expect(expired).toBeGreaterThan(0);
  });
});
