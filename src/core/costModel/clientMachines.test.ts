// Producers and consumers run on machines of their own (or shared ones): the thread that calls
// send() has a cost per record, and every request and fetch crosses the client's network card.
// Expected rates follow from the cost table and the hardware, worked out here by hand.
import { describe, expect, it } from 'vitest';
import type { PipelineInput } from '../../model/types';
import {
  BATCH_HEADER_BYTES,
  COMPRESSION_CPU,
  COMPRESSION_RATIO,
  CONSUMER_CYCLES,
  PRODUCER_CYCLES,
  RECORD_OVERHEAD_BYTES,
} from '../costs';
import { storedBytes } from '../engine/prefill';
import { Simulation } from '../engine/simulation';
import { FAST_BROKER, pipeline } from '../testing/pipelines';

/** A client machine with everything fast but what a test sets. */
const machine = (o: { cpuGHz?: number; networkMBps?: number }) => ({
  cores: 16,
  cpuGHz: o.cpuGHz ?? 3,
  diskMBps: 100_000,
  networkInMBps: o.networkMBps ?? 100_000,
  networkOutMBps: o.networkMBps ?? 100_000,
  memoryGB: 256,
});

function producing(o: {
  recordBytes: number;
  client: ReturnType<typeof machine>;
  producers?: number;
  shareHost?: boolean;
}): PipelineInput {
  const n = o.producers ?? 1;
  const producers = Array.from({ length: n }, (_, i) => ({
    id: `p${i}`,
    rate: { kind: 'max' as const },
    recordBytes: o.recordBytes,
    ...(o.shareHost ? { host: 'shared' } : {}),
    // A small buffer.memory: what is queued ahead stays under a tenth of a second of the card, so
    // the acknowledged rate over a few seconds is the card's.
    config: {
      acks: '1' as const,
      'linger.ms': 5,
      'batch.size': 1_048_576,
      'max.request.size': 8_388_608,
      'buffer.memory': 4_194_304,
    },
  }));
  return {
    version: 1,
    cluster: {
      brokers: [{ id: 'b1', hardware: FAST_BROKER }],
      clientHardware: o.client,
      hosts: o.shareHost ? [{ id: 'shared', hardware: o.client }] : [],
    },
    topics: [{ id: 't', partitions: 8 }],
    producers,
    edges: producers.map((p) => ({ from: p.id, to: 't' })),
  };
}

/** Acknowledged records per second of each producer, from second 2 to 10. */
function ackedPerSec(input: PipelineInput): number[] {
  const sim = new Simulation(pipeline(input));
  sim.runUntil(10_000);
  const { columns, rows } = sim.metrics.series();
  return sim.producers.map((p) => {
    const i = columns.indexOf(`${p.doc.id}.acknowledged`);
    return rows.slice(2).reduce((a, r) => a + r[i]!, 0) / (rows.length - 2);
  });
}

describe("a producer's application thread", () => {
  it.each([2.5, 3])('sends GHz x 1e9 / cycles per record at most (%s GHz)', (cpuGHz) => {
    const recordBytes = 100;
    const cycles = PRODUCER_CYCLES.sendPerRecord + PRODUCER_CYCLES.sendPerByte * recordBytes;
    const cap = (cpuGHz * 1e9) / cycles;
    const [rate] = ackedPerSec(producing({ recordBytes, client: machine({ cpuGHz }) }));
    expect(rate).toBeGreaterThan(cap * 0.97);
    expect(rate).toBeLessThan(cap * 1.01);
  });
});

describe("a client machine's network card", () => {
  // 10 kB records, 5 ms linger: batches of about 5 ms of records, each with its 61-byte header.
  const recordBytes = 10_000;
  const wirePerRecord = recordBytes + RECORD_OVERHEAD_BYTES;

  it("caps what a producer sends at the card's rate", () => {
    const [rate] = ackedPerSec(producing({ recordBytes, client: machine({ networkMBps: 50 }) }));
    const cap = 50e6 / wirePerRecord;
    // The batch headers take a little of the card on top.
    expect(rate).toBeGreaterThan(cap * 0.97);
    expect(rate).toBeLessThan(cap * (1 + BATCH_HEADER_BYTES / wirePerRecord));
  });

  it('is shared by producers on the same machine, and not by producers on machines of their own', () => {
    const own = ackedPerSec(producing({ recordBytes, client: machine({ networkMBps: 50 }), producers: 2 }));
    const shared = ackedPerSec(
      producing({ recordBytes, client: machine({ networkMBps: 50 }), producers: 2, shareHost: true }),
    );
    const cap = 50e6 / wirePerRecord;
    for (const r of own) expect(r).toBeGreaterThan(cap * 0.97);
    for (const r of shared) {
      expect(r).toBeGreaterThan((cap / 2) * 0.9);
      expect(r).toBeLessThan((cap / 2) * 1.1);
    }
  });

  it("caps what a consumer reads at its card's rate", () => {
    // A backlog of 2 M records of 1 kB on a fast broker, read by one member on a 100 MB/s card.
    const doc = pipeline({
      version: 1,
      cluster: {
        brokers: [{ id: 'b1', hardware: FAST_BROKER }],
        clientHardware: machine({ networkMBps: 100 }),
      },
      topics: [{ id: 't', partitions: 4, prefillRecords: 2_000_000 }],
      producers: [{ id: 'p', rate: { kind: 'constant', recordsPerSec: 0 }, recordBytes: 1000 }],
      consumerGroups: [
        {
          id: 'g',
          processing: { distribution: 'fixed', meanMs: 0 },
          config: { 'auto.offset.reset': 'earliest' },
        },
      ],
      edges: [
        { from: 'p', to: 't' },
        { from: 't', to: 'g' },
      ],
    });
    const sim = new Simulation(doc);
    sim.runUntil(6000);
    const { columns, rows } = sim.metrics.series();
    const i = columns.indexOf('g.consumed');
    const rate = rows.slice(1).reduce((a, r) => a + r[i]!, 0) / (rows.length - 1);
    // Records are stored as written: 1 kB plus format v2's overhead, in 16 kB batches.
    const perRecord = storedBytes(1000, 1000) / 1000;
    const cap = 100e6 / perRecord;
    expect(rate).toBeGreaterThan(cap * 0.95);
    expect(rate).toBeLessThan(cap * 1.001);
  });
});

describe("a consumer's poll thread", () => {
  it('decompresses what it fetches: gzip costs it the codec’s decompression rate per byte', () => {
    // 20,000 records/s of 1 kB, one member doing nothing else: its thread decodes each record and
    // each fetched byte, and with gzip decompresses 20 MB/s of records at 250 MB/s of a 3 GHz core
    // (12 cycles a byte) while copying 70% fewer bytes off the socket.
    const run = (codec: 'none' | 'gzip') => {
      const sim = new Simulation(
        pipeline({
          version: 1,
          cluster: { brokers: [{ id: 'b1', hardware: FAST_BROKER }], clientHardware: FAST_BROKER },
          topics: [{ id: 't', partitions: 2 }],
          producers: [
            {
              id: 'p',
              rate: { kind: 'constant', recordsPerSec: 20_000 },
              recordBytes: 1000,
              config: { acks: '1', 'compression.type': codec },
            },
          ],
          consumerGroups: [{ id: 'g', processing: { distribution: 'fixed', meanMs: 0 } }],
          edges: [
            { from: 'p', to: 't' },
            { from: 't', to: 'g' },
          ],
        }),
      );
      sim.runUntil(10_000);
      const { columns, rows } = sim.metrics.series();
      const i = columns.indexOf('g.pollThread');
      return rows.slice(2).reduce((a, r) => a + r[i]!, 0) / (rows.length - 2);
    };
    const uncompressedPerSec = 20_000 * 1000;
    const decompress = (uncompressedPerSec * 3000) / COMPRESSION_CPU.brokerDecompressMBps.gzip;
    const savedCopy =
      CONSUMER_CYCLES.perByte * 20_000 * (1000 + RECORD_OVERHEAD_BYTES) * (1 - COMPRESSION_RATIO.gzip);
    const expected = (decompress - savedCopy) / 3e9;
    const diff = run('gzip') - run('none');
    expect(expected).toBeGreaterThan(0.05);
    expect(diff).toBeGreaterThan(expected * 0.9);
    expect(diff).toBeLessThan(expected * 1.1);
  });
});
