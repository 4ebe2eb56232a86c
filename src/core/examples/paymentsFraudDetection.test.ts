// "Card payments are published with acks=all and idempotence ... so no acknowledged payment is lost
// if a broker fails. A Spark job with 2-second batches parses each payment, enriches it with a
// stream-static join against a two-million-row customer table (broadcast once to the executors),
// scores it with a fraud model ... A separate consumer group writes every payment to the audit
// ledger. It shows what durability costs in produce latency (compare acks=1, which needs
// enable.idempotence off) and what enrichment and scoring cost per batch. At 60 s a 30-second
// spike triples the rate: the audit ledger's four members fall behind (each takes 0.5 ms a payment
// and then 30 ms to write its poll of 200 to the ledger: about 6,150 payments a second together) and
// catch up within about half a minute once it is over, while the fraud job's 2-second batches
// absorb it."
import { describe, expect, it } from 'vitest';
import { editedExample, loadExample, runFor, seriesColumn } from '../testing/examples';

const NAME = 'payments-fraud-detection';
/**
 * 4 members; each poll of max.poll.records 200 takes 200 x 0.5 ms of processing, then one 30 ms
 * write to the ledger (a files sink: writeLatencyMs per write): 200 records per 130 ms a member.
 */
const AUDIT_CAPACITY = 4 * ((200 * 1000) / (200 * 0.5 + 30));

describe(NAME, () => {
  const sim = runFor(loadExample(NAME), 120);
  const s = sim.summary();

  it('writes every payment to the audit ledger, falling behind in the spike and catching up after', () => {
    const consumed = seriesColumn(sim, 'audit-ledger.consumed');
    const lag = seriesColumn(sim, 'audit-ledger.lag');
    // In the spike (9,000 a second) the group processes at most its capacity...
    const inSpike = consumed.slice(65, 88);
    const rate = inSpike.reduce((a, b) => a + b, 0) / inSpike.length;
    expect(rate).toBeLessThanOrEqual(AUDIT_CAPACITY * 1.03);
    expect(rate).toBeGreaterThan(AUDIT_CAPACITY * 0.9);
    // ...so its lag grows by about (9,000 - 6,150) x 30 s, and before it, it keeps up.
    expect(Math.max(...lag.slice(0, 59))).toBeLessThan(1000);
    expect(lag[89]!).toBeGreaterThan(0.5 * (9000 - AUDIT_CAPACITY) * 30);
    expect(lag[89]!).toBeGreaterThan(lag[70]! + 5000);
    // Once the spike is over (at 90 s), 3,000 a second leave it about 3,150 a second to catch up on
    // some 85,000 records: about 27 s, inside the run's last 30 s.
    expect(lag[119]!).toBeLessThan(1000);
    expect(s.consumerGroups['audit-ledger']!.consumed).toBeGreaterThan(0.99 * s.records.acknowledged);
  });

  it('absorbs the spike in the fraud job’s batches', () => {
    const job = sim.jobs[0]!;
    expect(job.recentBatches.every((b) => b.processingMs < job.doc.batchIntervalMs)).toBe(true);
    expect(s.sparkJobs['fraud-scoring']!.maxSchedulingDelayMs).toBeLessThan(job.doc.batchIntervalMs);
  });

  it('costs what the operators say per batch: scoring dominates, enrichment is cheap after one broadcast', () => {
    const job = sim.jobs[0]!;
    const [, enrich, score] = job.stageTotals;
    // 300 us a payment to score, 6 us to look the customer up.
    expect(score!.cpuMs).toBeCloseTo(score!.recordsIn * 0.3, 0);
    expect(enrich!.cpuMs).toBeCloseTo(enrich!.recordsIn * 0.006, 0);
    const taskMs = job.stageTotals.map((t) => t.cpuMs + t.shuffleWriteMs + t.shuffleFetchMs);
    expect(taskMs.indexOf(Math.max(...taskMs))).toBe(2);
    // The table (300 MB) and the model go to the executors with the first batch only.
    const [first, ...rest] = job.recentBatches;
    const longestLater = Math.max(...rest.filter((b) => b.batchTime < 60_000).map((b) => b.processingMs));
    expect(first!.processingMs).toBeGreaterThan(longestLater);
  });

  it('pays for durability in produce latency: acks=all waits for the followers', () => {
    const all = runFor(loadExample(NAME), 15).summary().produceLatencyMs;
    const one = runFor(
      editedExample(NAME, (d) => {
        d.producers[0]!.config.acks = '1';
        d.producers[0]!.config['enable.idempotence'] = false;
      }),
      15,
    ).summary().produceLatencyMs;
    // At least half a round trip (0.25 ms each way) more: the followers fetch and report back.
    expect(all.p50).toBeGreaterThan(one.p50 + 0.25);
    expect(all.p99).toBeGreaterThan(one.p99);
  });

  it('loses no acknowledged payment when a broker fails', () => {
    const failed = runFor(
      editedExample(
        NAME,
        (d) => (d.faults = [{ kind: 'brokerDown', atSec: 5, broker: 'kafka-1', durationSec: 20 }]),
      ),
      35,
    ).summary();
    // The failure was felt (requests to kafka-1 waited), and nothing acknowledged was lost.
    expect(failed.produceLatencyMs.max).toBeGreaterThan(1000);
    expect(failed.records.lost).toBe(0);
    expect(failed.records.dropped).toBe(0);
  });
});
