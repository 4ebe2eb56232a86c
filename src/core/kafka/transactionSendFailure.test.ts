// A failed send inside a transaction aborts it (issue 19). When a batch of an open transaction
// fails for good (here: min.insync.replicas cannot be met while a broker is down, so the leader
// answers NOT_ENOUGH_REPLICAS until delivery.timeout.ms runs out), Kafka's producer enters its
// abortable error state: commitTransaction() cannot succeed, the application aborts, and what of
// the transaction reached the log is hidden from read_committed readers. The application then
// sends the aborted transaction's records again in its next transaction, so a read_committed
// reader still gets every input record exactly once. Expected values follow from the rate and the
// accounting rules, not from the run's own figures.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../engine/simulation';
import { FAST_BROKER, pipeline } from '../testing/pipelines';
import { NOT_ENOUGH_REPLICAS } from './broker';
import { REFUSED_BUFFER_FULL } from './producer/producer';
import { ABORTED_TIMEOUT, abortedSendFailed } from './producer/producerTransactions';
import { lastStableOffset } from './transactions';

const RATE = 1000;
const STOP_SEC = 50;
/** The input: a constant 1,000 records a second for 50 s. */
const INPUT = RATE * STOP_SEC;

function brokerDownRun(): Simulation {
  return new Simulation(
    pipeline({
      version: 1,
      cluster: {
        networkLatencyMs: 0.25,
        brokers: [
          { id: 'b1', hardware: FAST_BROKER },
          { id: 'b2', hardware: FAST_BROKER },
        ],
      },
      // Both replicas must be in sync to write: with b2 down, every acks=all write is refused.
      topics: [{ id: 't', partitions: 1, replicationFactor: 2, config: { 'min.insync.replicas': 2 } }],
      producers: [
        {
          id: 'tx',
          rate: {
            kind: 'constant',
            recordsPerSec: RATE,
            schedule: [{ kind: 'step', atSec: STOP_SEC, recordsPerSec: 0 }],
          },
          recordBytes: 100,
          config: {
            'transactional.id': 'tx-1',
            'request.timeout.ms': 2000,
            'delivery.timeout.ms': 4000,
          },
          transactionCommitIntervalMs: 500,
        },
      ],
      consumerGroups: [
        {
          id: 'rc',
          processing: { distribution: 'fixed', meanMs: 0.01 },
          config: { 'isolation.level': 'read_committed' },
        },
        { id: 'ru', processing: { distribution: 'fixed', meanMs: 0.01 } },
      ],
      edges: [
        { from: 'tx', to: 't' },
        { from: 't', to: 'rc' },
        { from: 't', to: 'ru' },
      ],
      faults: [{ kind: 'brokerDown', atSec: 5, broker: 'b2', durationSec: 40 }],
      run: { seed: 1, durationSec: 90 },
    }),
  );
}

describe('a failed send inside a transaction', () => {
  const sim = brokerDownRun();
  sim.runUntil(90_000);
  const s = sim.summary();
  const t = s.transactions!;
  const tx = t.producers.tx!;

  it('aborts the transaction (refused sends, then abortTransaction()), never commits it', () => {
    expect(s.records.refusedReasons[NOT_ENOUGH_REPLICAS]).toBeGreaterThan(0);
    expect(tx.abortedAfterFailedSend).toBeGreaterThanOrEqual(1);
    // Every abort is the application's, after a failed send; none waited for the coordinator's timeout.
    expect(tx.aborted).toBe(tx.abortedAfterFailedSend);
    expect(tx.abortReasons[ABORTED_TIMEOUT]).toBeUndefined();
    const reasons = Object.keys(tx.abortReasons);
    expect(reasons.length).toBeGreaterThan(0);
    for (const why of reasons) expect(why.startsWith(abortedSendFailed('').slice(0, -3))).toBe(true);
    expect(Object.values(tx.abortReasons).reduce((a, b) => a + b, 0)).toBe(tx.abortedRecords);
    expect(t.topics.t!.abortedRecords).toBe(tx.abortedRecords);
  });

  it('read_committed readers get none of the aborted records and every input record once', () => {
    // The application sent each aborted transaction's records again: committed, each input record
    // is in the log once, and that is all a read_committed reader gets.
    expect(tx.committedRecords).toBe(INPUT);
    expect(s.consumerGroups.rc!.consumed).toBe(INPUT);
    expect(t.readers.rc!.abortedSkipped).toBe(tx.abortedRecords);
    // read_uncommitted readers read the aborted first copies too.
    expect(s.consumerGroups.ru!.consumed).toBe(INPUT + tx.abortedRecords);
    // Everything is decided at the end: both readers are at the high watermark.
    const p = sim.topics.get('t')!.partitions[0]!;
    expect(lastStableOffset(p)).toBe(p.highWatermark);
    expect(t.readers.rc!.lagToHighWatermark).toBe(0);
  });

  it('keeps every send accounted for: the resent records are new sends', () => {
    const r = s.producers.tx!;
    // Sent: the input and the resends; each acknowledged, refused or dropped with its reason.
    expect(tx.resentRecords).toBeGreaterThanOrEqual(tx.abortedRecords);
    expect(r.produced).toBe(INPUT + tx.resentRecords);
    expect(s.records.resent).toBe(tx.resentRecords);
    const refused = Object.values(s.records.refusedReasons).reduce((a, b) => a + b, 0);
    const dropped = Object.values(s.records.droppedReasons).reduce((a, b) => a + b, 0);
    expect(r.acknowledged + refused + dropped + s.records.lost + s.records.inFlight).toBe(r.produced);
    expect(s.records.inFlight).toBe(0);
    // The log holds the committed records and the aborted transactions' records. Some of the
    // latter were appended while the high watermark was held, and their producer gave up on them
    // (dropped in its ledger): acknowledged is at most what the log holds.
    expect(s.topics.t!.appended).toBe(INPUT + tx.abortedRecords);
    expect(r.acknowledged).toBeLessThanOrEqual(INPUT + tx.abortedRecords);
    // The log holds those records and one marker per transaction.
    const p = sim.topics.get('t')!.partitions[0]!;
    expect(p.log.endOffset).toBe(INPUT + tx.abortedRecords + tx.committed + tx.aborted);
  });
});

describe('abort markers while min.insync.replicas cannot be met', () => {
  it('wait, as any acks=all write, and hold read_committed readers at the aborted transaction', () => {
    const sim = brokerDownRun();
    // 30 s: b2 has been down 25 s, the ISR is the leader alone, transactions keep failing.
    sim.runUntil(30_000);
    const p = sim.topics.get('t')!.partitions[0]!;
    expect(p.isrSize).toBe(1);
    const t = sim.summary().transactions!;
    const tx = t.producers.tx!;
    expect(tx.aborted).toBeGreaterThanOrEqual(2);
    // The abort markers of the transactions that failed after the ISR shrank are refused (those
    // before went into the log, but the held high watermark keeps them from counting).
    expect(t.topics.t!.markers).toBeGreaterThanOrEqual(tx.committed);
    expect(t.topics.t!.markers).toBeLessThan(tx.committed + tx.aborted);
    // The first aborted transaction starts right after the committed records and their markers, and
    // stays undecided: the last stable offset is there, and the read_committed group with it.
    const firstUndecided = tx.committedRecords + tx.committed;
    expect(lastStableOffset(p)).toBe(firstUndecided);
    const rc = sim.groups.find((g) => g.doc.id === 'rc')!.lagTable(sim.nowMs)[0]!;
    expect(rc.position).toBe(firstUndecided);
    // Once b2 is back in sync the markers go in: one per transaction, committed or aborted.
    sim.runUntil(90_000);
    const end = sim.summary().transactions!;
    expect(end.topics.t!.markers).toBe(end.producers.tx!.committed + end.producers.tx!.aborted);
  });
});

describe('send() throwing inside a transaction', () => {
  it('aborts the open transaction: buffer.memory full for max.block.ms', () => {
    // 4,000 records/s of 1,000 bytes into a broker that takes 1 MB/s: the 64 kB buffer fills,
    // send() blocks, and after max.block.ms (100 ms) it throws; the application aborts.
    const sim = new Simulation(
      pipeline({
        version: 1,
        cluster: {
          networkLatencyMs: 0.25,
          brokers: [{ id: 'b1', hardware: { ...FAST_BROKER, networkInMBps: 1 } }],
        },
        topics: [{ id: 't', partitions: 1, replicationFactor: 1 }],
        producers: [
          {
            id: 'tx',
            rate: { kind: 'constant', recordsPerSec: 4000 },
            recordBytes: 1000,
            config: { 'transactional.id': 'tx-1', 'buffer.memory': 65_536, 'max.block.ms': 100 },
            transactionCommitIntervalMs: 500,
          },
        ],
        consumerGroups: [{ id: 'rc', config: { 'isolation.level': 'read_committed' } }],
        edges: [
          { from: 'tx', to: 't' },
          { from: 't', to: 'rc' },
        ],
        run: { seed: 1, durationSec: 10 },
      }),
    );
    sim.runUntil(10_000);
    const s = sim.summary();
    expect(s.records.refusedReasons[REFUSED_BUFFER_FULL]).toBeGreaterThan(0);
    const tx = s.transactions!.producers.tx!;
    expect(tx.abortReasons[abortedSendFailed(REFUSED_BUFFER_FULL)]).toBeGreaterThan(0);
    // Nothing of an aborted transaction reaches the read_committed reader.
    expect(s.consumerGroups.rc!.consumed).toBeLessThanOrEqual(tx.committedRecords);
  });
});
