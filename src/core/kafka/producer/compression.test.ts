// compression.type costs CPU: the producer's application thread compresses records as it appends
// them (on top of send()), the leader decompresses to check the records. Expected figures are worked out from the constants in costs.ts and the rates chosen
// here, not read off a run.
import { describe, expect, it } from 'vitest';
import type { Pipeline } from '../../../model/types';
import {
  BROKER_CYCLES,
  COMPRESSION_CPU,
  COMPRESSION_RATIO,
  type CompressionCodec,
  PRODUCER_CYCLES,
  RECORD_OVERHEAD_BYTES,
} from '../../costs';
import { Simulation } from '../../engine/simulation';
import { pipeline } from '../../testing/pipelines';

const RECORD_BYTES = 1000;
/** 100 MB/s of uncompressed records: twice what one core compresses with gzip. */
const FAST_RATE = 100_000;
/** 20 MB/s: within every codec's compression throughput. */
const MODEST_RATE = 20_000;
const BROKER_CORES = 4;
const SECONDS = 20;
/** Rows from this second on are past the start-up (buffer.memory filling, first batches). */
const STEADY_FROM = 5;
const BUFFER_MEMORY = 32 * 1024 * 1024;

function doc(codec: CompressionCodec, ratePerSec: number, acks: '0' | '1' = '1'): Pipeline {
  return pipeline({
    version: 1,
    cluster: {
      networkLatencyMs: 0.25,
      brokers: [
        {
          id: 'b1',
          hardware: {
            cores: BROKER_CORES,
            diskMBps: 100_000,
            networkInMBps: 100_000,
            networkOutMBps: 100_000,
            memoryGB: 256,
          },
        },
      ],
    },
    topics: [{ id: 't', partitions: 4, replicationFactor: 1 }],
    producers: [
      {
        id: 'p',
        rate: { kind: 'constant', recordsPerSec: ratePerSec },
        recordBytes: RECORD_BYTES,
        config: {
          acks,
          'linger.ms': 5,
          'batch.size': 262_144,
          'buffer.memory': BUFFER_MEMORY,
          'compression.type': codec,
        },
      },
    ],
    edges: [{ from: 'p', to: 't' }],
    run: { seed: 7, durationSec: SECONDS },
  });
}

function run(d: Pipeline) {
  const sim = new Simulation(d);
  sim.runUntil(SECONDS * 1000);
  const { columns, rows } = sim.metrics.series();
  const col = (name: string): number[] => {
    const i = columns.indexOf(name);
    expect(i, name).toBeGreaterThanOrEqual(0);
    return rows.map((r) => r[i]!);
  };
  const steadyMean = (name: string): number => {
    const xs = col(name).slice(STEADY_FROM);
    return xs.reduce((a, b) => a + b, 0) / xs.length;
  };
  return { sim, col, steadyMean, summary: sim.summary() };
}

/** The test's machines run at the schema's default clock (3 GHz): cycles per ms of one core. */
const CYCLES_PER_MS = 3e6;

/**
 * Cycles the producer's application thread spends per record: send() (per record and per byte)
 * and compressing its bytes at COMPRESSION_CPU's rate for a 3 GHz core (3000 / (MB/s) cycles per byte).
 */
const cyclesPerRecord = (codec: CompressionCodec): number =>
  PRODUCER_CYCLES.sendPerRecord +
  (PRODUCER_CYCLES.sendPerByte + (codec === 'none' ? 0 : 3000 / COMPRESSION_CPU.producerMBps[codec])) *
    RECORD_BYTES;

/** Records per second the application thread gets through with `codec`. */
const threadRecordsPerSec = (codec: CompressionCodec): number =>
  (CYCLES_PER_MS * 1000) / cyclesPerRecord(codec);

describe('compression CPU', () => {
  const gzipFast = run(doc('gzip', FAST_RATE));

  it('caps a gzip producer at what its application thread sends and compresses', () => {
    const cap = threadRecordsPerSec('gzip');
    expect(cap).toBeLessThan(FAST_RATE * 0.75); // the document asks for more than the thread can do
    expect(gzipFast.steadyMean('p.acknowledged')).toBeGreaterThan(cap * 0.95);
    expect(gzipFast.steadyMean('p.acknowledged')).toBeLessThan(cap * 1.05);
    // The thread is busy all the time, and what it cannot get to waits in the producer.
    for (const u of gzipFast.col('p.sendThread').slice(STEADY_FROM)) expect(u).toBeGreaterThan(0.98);
    const inFlight = gzipFast.col('p.inFlight').slice(STEADY_FROM);
    inFlight.forEach((n, i) => i > 0 && expect(n).toBeGreaterThan(inFlight[i - 1]!));
    // Unserved demand piles up at (rate - cap) per second.
    const grown = inFlight[inFlight.length - 1]! - inFlight[0]!;
    const expectedGrowth = (FAST_RATE - cap) * (inFlight.length - 1);
    expect(grown).toBeGreaterThan(expectedGrowth * 0.95);
    expect(grown).toBeLessThan(expectedGrowth * 1.05);
  });

  it('makes a saturated gzip producer slow: each record waits for the backlog ahead of it', () => {
    // By T seconds the thread has taken cap * T records, the k-th created at k / rate and taken at
    // k / cap: the median one (k = cap * T / 2) waited (T / 2) * (1 - cap / rate).
    const cap = threadRecordsPerSec('gzip');
    const medianWaitMs = ((SECONDS * 1000) / 2) * (1 - cap / FAST_RATE);
    expect(gzipFast.summary.produceLatencyMs.p50).toBeGreaterThan(medianWaitMs * 0.9);
    expect(gzipFast.summary.produceLatencyMs.p50).toBeLessThan(medianWaitMs * 1.1);
  });

  it('holds acks=0 back as well: records leave only once compressed', () => {
    const r = run(doc('gzip', FAST_RATE, '0'));
    const cap = threadRecordsPerSec('gzip');
    expect(r.steadyMean('p.acknowledged')).toBeGreaterThan(cap * 0.95);
    expect(r.steadyMean('p.acknowledged')).toBeLessThan(cap * 1.05);
  });

  it('does not cap lz4 at the same rate: the thread has room to spare', () => {
    const r = run(doc('lz4', FAST_RATE));
    expect(threadRecordsPerSec('lz4')).toBeGreaterThan(FAST_RATE);
    expect(r.steadyMean('p.acknowledged')).toBeGreaterThan(FAST_RATE * 0.99);
    expect(r.steadyMean('p.acknowledged')).toBeLessThan(FAST_RATE * 1.01);
    const busy = (FAST_RATE * cyclesPerRecord('lz4')) / (CYCLES_PER_MS * 1000);
    expect(r.steadyMean('p.sendThread')).toBeCloseTo(busy, 2);
    expect(r.summary.produceLatencyMs.p99).toBeLessThan(50);
  });

  it('costs only send() without compression', () => {
    const r = run(doc('none', FAST_RATE));
    const busy = (FAST_RATE * cyclesPerRecord('none')) / (CYCLES_PER_MS * 1000);
    expect(r.steadyMean('p.sendThread')).toBeCloseTo(busy, 2);
    expect(r.steadyMean('p.acknowledged')).toBeGreaterThan(FAST_RATE * 0.99);
  });

  it('trades broker CPU for bytes: gzip keeps the leader busier but moves COMPRESSION_RATIO of the bytes', () => {
    const none = run(doc('none', MODEST_RATE));
    const gzip = run(doc('gzip', MODEST_RATE));
    for (const r of [none, gzip]) expect(r.steadyMean('p.acknowledged')).toBeCloseTo(MODEST_RATE, -2);

    // Per second the leader decompresses MODEST_RATE records (COMPRESSION_CPU's rate, for a 3 GHz
    // core like these), and reads (network thread) and checksums (request handler) fewer bytes.
    const rawMB = (MODEST_RATE * RECORD_BYTES) / 1e6;
    const savedBytes = MODEST_RATE * (RECORD_BYTES + RECORD_OVERHEAD_BYTES) * (1 - COMPRESSION_RATIO.gzip);
    const extraCpuMsPerSec =
      (rawMB * 1000) / COMPRESSION_CPU.brokerDecompressMBps.gzip -
      ((BROKER_CYCLES.producePerByte + BROKER_CYCLES.readPerByte) * savedBytes) / CYCLES_PER_MS;
    const expectedDiff = extraCpuMsPerSec / 1000 / BROKER_CORES;
    const diff = gzip.steadyMean('b1.cpu') - none.steadyMean('b1.cpu');
    expect(diff).toBeGreaterThan(expectedDiff * 0.9);
    expect(diff).toBeLessThan(expectedDiff * 1.1);

    // Network in and disk carry the compressed size: bytes per appended record shrink by the ratio.
    const perRecord = (r: ReturnType<typeof run>, bytes: number) => bytes / r.summary.records.acknowledged;
    for (const resource of ['networkIn', 'disk'] as const) {
      const ratio =
        perRecord(gzip, gzip.sim.brokers[0]![resource].workDone) /
        perRecord(none, none.sim.brokers[0]![resource].workDone);
      expect(ratio, resource).toBeCloseTo(COMPRESSION_RATIO.gzip, 2);
    }
    const appended = (r: ReturnType<typeof run>) =>
      r.col('t.appendedBytes').reduce((a, b) => a + b, 0) / r.col('t.appended').reduce((a, b) => a + b, 0);
    expect(appended(gzip) / appended(none)).toBeCloseTo(COMPRESSION_RATIO.gzip, 2);
  });
});
