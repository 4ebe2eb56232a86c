// Transactions and isolation.level (issue 19). A producer with transactional.id writes into one
// partition at an even rate; two groups read it, one read_committed and one read_uncommitted.
// Expected values follow from the rate, the commit rule and the coordinator's timeout check.
import { describe, expect, it } from 'vitest';
import type { PipelineInput } from '../../model/types';
import { Simulation } from '../engine/simulation';
import { FAST_BROKER, pipeline } from '../testing/pipelines';
import { lastStableOffset } from './transactions';
import { REFUSED_PRODUCER_DOWN } from './producer/producer';
import {
  ABORTED_FENCED,
  ABORTED_TIMEOUT,
  TXN_TIMEOUT_CHECK_MS,
  txnStepMs,
} from './producer/producerTransactions';

const RATE = 1000;
const LATENCY_MS = 0.25;
/** Kafka's producer default linger.ms: the newest records wait this long in the accumulator. */
const LINGER_MS = 5;

type ProducerInput = NonNullable<PipelineInput['producers']>[number];

function twoReaders(producers: ProducerInput[], durationSec: number): Simulation {
  const sim = new Simulation(
    pipeline({
      version: 1,
      cluster: { networkLatencyMs: LATENCY_MS, brokers: [{ id: 'b1', hardware: FAST_BROKER }] },
      topics: [{ id: 't', partitions: 1, replicationFactor: 1 }],
      producers,
      consumerGroups: [
        {
          id: 'rc',
          processing: { distribution: 'fixed', meanMs: 0.01 },
          config: { 'isolation.level': 'read_committed' },
        },
        { id: 'ru', processing: { distribution: 'fixed', meanMs: 0.01 } },
      ],
      edges: [
        ...producers.map((p) => ({ from: p.id, to: 't' })),
        { from: 't', to: 'rc' },
        { from: 't', to: 'ru' },
      ],
      run: { seed: 1, durationSec },
    }),
  );
  return sim;
}

const transactional = (over: Partial<ProducerInput> = {}, timeoutMs?: number): ProducerInput => ({
  id: 'tx',
  rate: { kind: 'constant', recordsPerSec: RATE },
  recordBytes: 100,
  ...over,
  config: {
    'transactional.id': 'payments-writer',
    ...(timeoutMs !== undefined && { 'transaction.timeout.ms': timeoutMs }),
  },
});

const position = (sim: Simulation, group: string) =>
  sim.groups.find((g) => g.doc.id === group)!.lagTable(sim.nowMs)[0]!;

describe('transactions: last stable offset and read_committed', () => {
  it('read_committed lag exceeds read_uncommitted lag by the open transaction records', () => {
    // A commit every 1000 records: at 7.5 s, 7500 records were sent, 7000 are committed and the
    // open transaction holds the other 500 (all but the last linger.ms worth are in the log).
    const sim = twoReaders(
      [transactional({ transactionCommitIntervalMs: 50_000, transactionCommitRecords: 1000 })],
      10,
    );
    sim.runUntil(7500);
    const rc = position(sim, 'rc');
    const ru = position(sim, 'ru');
    const open = 7500 - 7000;
    const extra = rc.positionLag - ru.positionLag;
    expect(extra).toBeLessThanOrEqual(open);
    expect(extra).toBeGreaterThanOrEqual(open - (RATE * (LINGER_MS + 2)) / 1000);
    // The read_committed group is at the last stable offset: the first offset of the open
    // transaction, after 7000 records and the 7 commit markers (one offset each) before it.
    const p = sim.topics.get('t')!.partitions[0]!;
    expect(lastStableOffset(p)).toBe(7000 + 7);
    expect(rc.position).toBe(7000 + 7);
    const t = sim.summary().transactions!;
    expect(t.readers.rc!.lagToHighWatermark - t.readers.ru!.lagToHighWatermark).toBe(extra);
    expect(t.readers.rc!.lagToLastStableOffset).toBe(0);
    expect(t.topics.t!.unstableRecords).toBe(p.highWatermark - 7007);
    // Once the 8000th record is sent its transaction commits, and read_committed catches up.
    sim.runUntil(8100);
    expect(position(sim, 'rc').position).toBeGreaterThanOrEqual(8000);
  });

  it('read_committed records wait for their commit: about half a commit interval more latency', () => {
    const intervalMs = 1000;
    const sim = twoReaders([transactional({ transactionCommitIntervalMs: intervalMs })], 30);
    sim.runUntil(30_000);
    const s = sim.summary();
    const extra = s.consumerGroups.rc!.latencyMs.mean - s.consumerGroups.ru!.latencyMs.mean;
    // Records arrive evenly through each transaction and all become readable at its end.
    expect(extra).toBeGreaterThan(intervalMs / 2 - 50);
    expect(extra).toBeLessThan(intervalMs / 2 + 50);
  });

  it('pays AddPartitionsToTxn, EndTxn and one marker per partition per transaction', () => {
    const intervalMs = 100;
    const sim = twoReaders([transactional({ transactionCommitIntervalMs: intervalMs })], 10);
    sim.runUntil(10_000);
    const t = sim.summary().transactions!.producers.tx!;
    // A commit every 100 ms plus the commit itself (a flush and the EndTxn round trip).
    const step = txnStepMs(LATENCY_MS);
    expect(step).toBe(4 * LATENCY_MS + 0.5);
    expect(t.committed).toBeLessThanOrEqual(10_000 / intervalMs);
    expect(t.committed).toBeGreaterThanOrEqual(10_000 / (intervalMs + LINGER_MS + 2 * step + 5));
    expect(t.endTxnRequests).toBe(t.committed);
    // One partition: each transaction adds it once and gets one marker.
    expect(t.addPartitionsRequests).toBe(t.committed + (t.openRecords > 0 ? 1 : 0));
    expect(t.markersWritten).toBe(t.committed);
    expect(sim.summary().transactions!.topics.t!.markers).toBe(t.committed);
    // commitTransaction() takes at least the EndTxn round trip.
    expect(t.meanCommitMs).toBeGreaterThanOrEqual(step);
    expect(t.aborted).toBe(0);
  });

  it('aborted records never reach a read_committed reader; read_uncommitted readers get them', () => {
    // transaction.timeout.ms 1 s, commits only every 15 s: the coordinator's check every 10 s
    // aborts each transaction first, at 10 s and 20 s. Another producer writes plain records.
    const half = RATE / 2;
    const sim = twoReaders(
      [
        {
          ...transactional({ transactionCommitIntervalMs: 15_000 }, 1000),
          rate: { kind: 'constant', recordsPerSec: half },
        },
        { id: 'plain', rate: { kind: 'constant', recordsPerSec: half }, recordBytes: 100 },
      ],
      25,
    );
    sim.runUntil(25_000);
    const s = sim.summary();
    const t = s.transactions!;
    expect(TXN_TIMEOUT_CHECK_MS).toBe(10_000);
    const abortedBy20s = half * 20;
    expect(t.producers.tx!.aborted).toBe(2);
    expect(Math.abs(t.topics.t!.abortedRecords - abortedBy20s)).toBeLessThanOrEqual(5);
    expect(t.producers.tx!.abortReasons[ABORTED_TIMEOUT]).toBe(t.producers.tx!.abortedRecords);
    // read_committed: the plain records written before the third transaction began (20 s), no
    // record of the aborted transactions, and it skipped every one of those.
    const rc = s.consumerGroups.rc!;
    expect(Math.abs(rc.consumed - half * 20)).toBeLessThanOrEqual(5);
    expect(t.readers.rc!.abortedSkipped).toBe(t.topics.t!.abortedRecords);
    // Below the last stable offset: those records, the aborted ones and the two abort markers.
    const lso = lastStableOffset(sim.topics.get('t')!.partitions[0]!);
    expect(rc.consumed + t.readers.rc!.abortedSkipped + 2).toBe(lso);
    // read_uncommitted: everything in the log, aborted records included (25 s of both producers).
    expect(Math.abs(s.consumerGroups.ru!.consumed - RATE * 25)).toBeLessThanOrEqual(10);
    expect(t.readers.ru!.abortedSkipped).toBe(0);
  });

  it('a producer that dies mid-transaction leaves it open until the timeout check, or until it is back', () => {
    // Commits every 1 s; the producer dies at 5.5 s, half way through its sixth transaction
    // (about 500 records sent, a few more commit round trips' worth of drift aside).
    const crash = (durationSec?: number) => {
      const input = transactional({ transactionCommitIntervalMs: 1000 }, 10_000);
      const sim = new Simulation(
        pipeline({
          version: 1,
          cluster: { networkLatencyMs: LATENCY_MS, brokers: [{ id: 'b1', hardware: FAST_BROKER }] },
          topics: [{ id: 't', partitions: 1, replicationFactor: 1 }],
          producers: [input],
          consumerGroups: [
            {
              id: 'rc',
              processing: { distribution: 'fixed', meanMs: 0.01 },
              config: { 'isolation.level': 'read_committed' },
            },
          ],
          edges: [
            { from: 'tx', to: 't' },
            { from: 't', to: 'rc' },
          ],
          faults: [
            { kind: 'producerCrash', atSec: 5.5, producer: 'tx', ...(durationSec && { durationSec }) },
          ],
          run: { seed: 1, durationSec: 30 },
        }),
      );
      return sim;
    };
    // Never back: transaction.timeout.ms 10 s from its start (~5 s) is up at ~15 s; the check every
    // 10 s aborts it at 20 s. Until then the read_committed group stays at its first offset.
    const dead = crash();
    dead.runUntil(19_000);
    let t = dead.summary().transactions!;
    const open = t.topics.t!.unstableRecords;
    expect(open).toBeGreaterThan(RATE * 0.5 - 30);
    expect(open).toBeLessThanOrEqual(RATE * 0.5);
    expect(t.readers.rc!.lagToHighWatermark).toBe(open);
    expect(t.topics.t!.abortedRecords).toBe(0);
    dead.runUntil(21_000);
    t = dead.summary().transactions!;
    expect(t.topics.t!.abortedRecords).toBe(open);
    expect(t.producers.tx!.abortReasons[ABORTED_TIMEOUT]).toBeGreaterThanOrEqual(open);
    expect(t.readers.rc!.lagToHighWatermark).toBe(0);
    // Records made while it is down are refused with the reason.
    const r = dead.summary().records;
    expect(r.refusedReasons[REFUSED_PRODUCER_DOWN]).toBeGreaterThan(RATE * 15 - 10);

    // Back after 2 s: initialising with the same transactional.id aborts the old one at 7.5 s.
    const back = crash(2);
    back.runUntil(7600);
    t = back.summary().transactions!;
    expect(t.topics.t!.abortedRecords).toBe(open);
    expect(t.producers.tx!.abortReasons[ABORTED_FENCED]).toBeGreaterThanOrEqual(open);
    back.runUntil(12_000);
    // It commits again: the group reads past the aborted records.
    expect(back.summary().transactions!.producers.tx!.committed).toBeGreaterThan(5);
    expect(position(back, 'rc').position).toBeGreaterThan(8000);
  });
});
