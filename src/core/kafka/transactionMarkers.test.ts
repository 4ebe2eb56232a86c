// Transaction markers take offsets (issue 19). Each commit or abort marker is a control batch: one
// offset and its bytes in every partition the transaction touched, replicated like any batch, and
// never handed to an application. So a log's end offset is its records plus its markers, readers
// in both isolation levels get only the records, and lag (an offset difference) counts markers.
// Expected values follow from the rate, the commit rule and the partition count.
import { describe, expect, it } from 'vitest';
import type { PipelineInput } from '../../model/types';
import { Simulation } from '../engine/simulation';
import { FAST_BROKER, pipeline } from '../testing/pipelines';
import { MARKER_BYTES, lastStableOffset } from './transactions';

const RATE = 1000;
/** The producer stops at 8 s: 8,000 records, in transactions of exactly 500 records (16 of them). */
const STOP_SEC = 8;
const TXN_RECORDS = 500;
const RECORDS = RATE * STOP_SEC;
const TRANSACTIONS = RECORDS / TXN_RECORDS;
const PARTITIONS = 3;

type Input = PipelineInput;

function markersRun(rf: number, extra: Partial<Input> = {}): Simulation {
  const brokers = Array.from({ length: rf }, (_, i) => ({ id: `b${i + 1}`, hardware: FAST_BROKER }));
  return new Simulation(
    pipeline({
      version: 1,
      cluster: { networkLatencyMs: 0.25, brokers },
      topics: [{ id: 't', partitions: PARTITIONS, replicationFactor: rf }],
      producers: [
        {
          id: 'tx',
          rate: {
            kind: 'constant',
            recordsPerSec: RATE,
            schedule: [{ kind: 'step', atSec: STOP_SEC, recordsPerSec: 0 }],
          },
          recordBytes: 100,
          // Many keys spread evenly: every transaction of 500 records touches all three partitions.
          keys: { kind: 'uniform', count: 10_000 },
          config: { 'transactional.id': 'tx-1' },
          transactionCommitIntervalMs: 600_000,
          transactionCommitRecords: TXN_RECORDS,
        },
      ],
      consumerGroups: [
        { id: 'ru', processing: { distribution: 'fixed', meanMs: 0.01 } },
        {
          id: 'rc',
          processing: { distribution: 'fixed', meanMs: 0.01 },
          config: { 'isolation.level': 'read_committed' },
        },
        // Its only member dies before its first fetch: it never reads nor commits, so its lag
        // counts from offset 0 (auto.offset.reset earliest).
        {
          id: 'idle',
          processing: { distribution: 'fixed', meanMs: 0.01 },
          config: { 'auto.offset.reset': 'earliest' },
        },
      ],
      sparkJobs: [
        {
          id: 'job',
          batchIntervalMs: 1000,
          stages: [{ id: 's', kind: 'map', costPerRecordUs: 1 }],
          kafkaParams: { 'isolation.level': 'read_committed' },
        },
        { id: 'jobRu', batchIntervalMs: 1000, stages: [{ id: 's2', kind: 'map', costPerRecordUs: 1 }] },
      ],
      edges: [
        { from: 'tx', to: 't' },
        { from: 't', to: 'ru' },
        { from: 't', to: 'rc' },
        { from: 't', to: 'idle' },
        { from: 't', to: 'job' },
        { from: 't', to: 'jobRu' },
      ],
      faults: [{ kind: 'memberCrash', atSec: 0.001, group: 'idle' }],
      run: { seed: 3, durationSec: 15 },
      ...extra,
    }),
  );
}

describe('transaction markers take one offset each', () => {
  it('the log end offset is records plus one marker per transaction per partition', () => {
    const sim = markersRun(1);
    sim.runUntil(15_000);
    const s = sim.summary();
    const t = s.transactions!;
    expect(t.producers.tx!.committed).toBe(TRANSACTIONS);
    expect(t.producers.tx!.aborted).toBe(0);
    const ps = sim.topics.get('t')!.partitions;
    const markers = TRANSACTIONS * PARTITIONS;
    const leo = ps.reduce((a, p) => a + p.log.endOffset, 0);
    expect(leo).toBe(RECORDS + markers);
    expect(t.topics.t!.markers).toBe(markers);
    expect(t.topics.t!.markerBytes).toBe(markers * MARKER_BYTES);
    // Everything is decided: the last stable offsets are the high watermarks, which are the log ends.
    for (const p of ps) {
      expect(p.highWatermark).toBe(p.log.endOffset);
      expect(lastStableOffset(p)).toBe(p.highWatermark);
    }
    // The markers are not records: the producer sent 8,000, all acknowledged, and the topic's
    // appended count is those alone.
    expect(s.producers.tx!.acknowledged).toBe(RECORDS);
    expect(s.topics.t!.appended).toBe(RECORDS);
  });

  it('readers in both isolation levels get the records, not the offsets; lag counts the markers', () => {
    const sim = markersRun(1);
    sim.runUntil(15_000);
    const s = sim.summary();
    const markers = TRANSACTIONS * PARTITIONS;
    expect(s.consumerGroups.ru!.consumed).toBe(RECORDS);
    expect(s.consumerGroups.rc!.consumed).toBe(RECORDS);
    expect(s.sparkJobs.job!.records).toBe(RECORDS);
    expect(s.sparkJobs.jobRu!.records).toBe(RECORDS);
    // The readers that kept up are at the log ends: no lag, and none of them skipped an aborted record.
    const t = s.transactions!;
    expect(t.readers.ru!.lagToHighWatermark).toBe(0);
    expect(t.readers.rc!.lagToHighWatermark).toBe(0);
    expect(t.readers.job!.lagToHighWatermark).toBe(0);
    expect(t.readers.jobRu!.lagToHighWatermark).toBe(0);
    expect(t.readers.rc!.abortedSkipped).toBe(0);
    // The group that never read lags by every offset: the records and the markers.
    expect(s.consumerGroups.idle!.consumed).toBe(0);
    expect(t.readers.idle!.lagToHighWatermark).toBe(RECORDS + markers);
    const idleLag = sim.groups.find((g) => g.doc.id === 'idle')!.lagPerPartition();
    expect(idleLag.reduce((a, b) => a + b, 0)).toBe(RECORDS + markers);
  });

  it('markers are replicated: every replica holds them, and the high watermark passes them', () => {
    const sim = markersRun(3);
    sim.runUntil(15_000);
    const ps = sim.topics.get('t')!.partitions;
    const perPartition = ps.map((p) => p.log.endOffset);
    expect(perPartition.reduce((a, b) => a + b, 0)).toBe(RECORDS + TRANSACTIONS * PARTITIONS);
    for (const p of ps) {
      expect(p.replicaEnd).toEqual([p.log.endOffset, p.log.endOffset, p.log.endOffset]);
      expect(p.highWatermark).toBe(p.log.endOffset);
    }
    expect(sim.summary().consumerGroups.rc!.consumed).toBe(RECORDS);
  });

  it('a read_committed reader waits until the marker is replicated, not only written', () => {
    // One partition, RF 3: while the followers have not copied the marker, the transaction is not
    // decided and the last stable offset stays at its first record.
    const sim = markersRun(3);
    const p = sim.topics.get('t')!.partitions[0]!;
    // Just past the first commit: step until its marker is in the leader's log.
    let t = 0;
    while (!(p.txns && p.txns.markers > 0) && t < 5000) sim.runUntil((t += 0.05));
    expect(p.txns!.markers).toBe(1);
    const markerOffset = p.log.endOffset - 1;
    // The followers copy it a fetch round trip later: until then the first transaction's records,
    // from offset 0 on, are still undecided to a read_committed reader.
    expect(p.highWatermark).toBeLessThanOrEqual(markerOffset);
    expect(lastStableOffset(p)).toBe(0);
    sim.runUntil(t + 50);
    expect(p.highWatermark).toBeGreaterThan(markerOffset);
    expect(lastStableOffset(p)).toBeGreaterThan(markerOffset);
  });
});

describe('MirrorMaker reading a topic written in transactions', () => {
  it('copies the records, not the markers, and its lag leaves the markers out', () => {
    const brokers = (prefix: string) =>
      [1, 2, 3].map((n) => ({ id: `${prefix}-${n}`, hardware: FAST_BROKER }));
    const sim = new Simulation(
      pipeline({
        version: 1,
        cluster: { id: 'east', region: 'us-east', brokers: brokers('east') },
        clusters: [{ id: 'west', region: 'eu-west', brokers: brokers('west') }],
        regionLinks: [{ from: 'us-east', to: 'eu-west', latencyMs: 40, bandwidthMBps: 1000 }],
        topics: [
          { id: 'orders', partitions: PARTITIONS, replicationFactor: 3 },
          { id: 'east.orders', cluster: 'west', partitions: PARTITIONS, replicationFactor: 3 },
        ],
        producers: [
          {
            id: 'app',
            rate: {
              kind: 'constant',
              recordsPerSec: RATE,
              schedule: [{ kind: 'step', atSec: STOP_SEC, recordsPerSec: 0 }],
            },
            recordBytes: 100,
            keys: { kind: 'uniform', count: 10_000 },
            config: { 'transactional.id': 'app-1' },
            transactionCommitIntervalMs: 600_000,
            transactionCommitRecords: TXN_RECORDS,
          },
        ],
        mirrorMakers: [{ id: 'mm', sourceCluster: 'east', targetCluster: 'west', 'tasks.max': 3 }],
        edges: [
          { from: 'app', to: 'orders' },
          { from: 'orders', to: 'mm' },
          { from: 'mm', to: 'east.orders' },
        ],
        run: { seed: 3, durationSec: 20 },
      }),
    );
    sim.runUntil(20_000);
    const source = sim.topics.get('orders')!.partitions;
    const target = sim.topics.get('east.orders')!.partitions;
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(source.map((p) => p.highWatermark))).toBe(RECORDS + TRANSACTIONS * PARTITIONS);
    expect(sum(target.map((p) => p.highWatermark))).toBe(RECORDS);
    const mm = sim.mirrors[0]!;
    expect(mm.mirrored).toBe(RECORDS);
    expect(mm.lag(sim.nowMs).records).toBe(0);
  });
});

describe('many markers', () => {
  it('a partition forgets the markers below its log start, and its readers still count right', () => {
    // Transactions of 4 records into one partition: 2,000 markers by the end, more than a
    // partition keeps (1,024) before it forgets those no reader will ask for again.
    const sim = new Simulation(
      pipeline({
        version: 1,
        cluster: { networkLatencyMs: 0.05, brokers: [{ id: 'b1', hardware: FAST_BROKER }] },
        topics: [{ id: 't', partitions: 1, replicationFactor: 1 }],
        producers: [
          {
            id: 'tx',
            rate: {
              kind: 'constant',
              recordsPerSec: RATE,
              schedule: [{ kind: 'step', atSec: STOP_SEC, recordsPerSec: 0 }],
            },
            recordBytes: 100,
            config: { 'transactional.id': 'tx-1', 'linger.ms': 0 },
            transactionCommitIntervalMs: 600_000,
            transactionCommitRecords: 4,
          },
        ],
        // Offsets committed every 500 ms: the log is trimmed up to them as the run goes.
        consumerGroups: [
          {
            id: 'ru',
            processing: { distribution: 'fixed', meanMs: 0.01 },
            config: { 'auto.commit.interval.ms': 500 },
          },
          {
            id: 'rc',
            processing: { distribution: 'fixed', meanMs: 0.01 },
            config: { 'isolation.level': 'read_committed', 'auto.commit.interval.ms': 500 },
          },
        ],
        edges: [
          { from: 'tx', to: 't' },
          { from: 't', to: 'ru' },
          { from: 't', to: 'rc' },
        ],
        run: { seed: 3, durationSec: 40 },
      }),
    );
    sim.runUntil(40_000);
    const s = sim.summary();
    const markers = RECORDS / 4;
    expect(s.transactions!.producers.tx!.committed).toBe(markers);
    const p = sim.topics.get('t')!.partitions[0]!;
    expect(p.log.endOffset).toBe(RECORDS + markers);
    expect(s.transactions!.topics.t!.markers).toBe(markers);
    expect(s.consumerGroups.ru!.consumed).toBe(RECORDS);
    expect(s.consumerGroups.rc!.consumed).toBe(RECORDS);
    // It forgot some: it lists fewer markers than the log holds.
    const kept = (p.txns as unknown as { skipStart: number[] }).skipStart.length;
    expect(kept).toBeLessThan(markers);
  });
});
