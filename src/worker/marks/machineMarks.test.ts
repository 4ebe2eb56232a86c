// Marks that name what the cost model added: a producer's own thread, a group's sink, a broker's
// request threads. Each pipeline is built so that one of them is the limit by a wide margin.
import { describe, expect, it } from 'vitest';
import { PRODUCER_CYCLES } from '../../core/costs';
import { FAST_BROKER, pipeline } from '../../core/testing/pipelines';
import { loadExample } from '../../core/testing/examples';
import { verdicts } from './verdictsForTests';

describe('marks for machines and sinks', () => {
  it("names the producer's application thread when send() cannot keep up", () => {
    // At 3 GHz, send() costs about 3,100 cycles a 100-byte record: about 970,000 records/s. Asked
    // for 2,000,000 records/s, the thread is busy all the time on fast brokers.
    const perSec = 3e9 / (PRODUCER_CYCLES.sendPerRecord + PRODUCER_CYCLES.sendPerByte * 100);
    expect(perSec).toBeLessThan(1_000_000);
    const doc = pipeline({
      version: 1,
      cluster: { brokers: [{ id: 'b1', hardware: FAST_BROKER }] },
      topics: [{ id: 't', partitions: 8 }],
      producers: [{ id: 'p', rate: { kind: 'constant', recordsPerSec: 2_000_000 }, config: { acks: '1' } }],
      edges: [{ from: 'p', to: 't' }],
    });
    const { verdicts: v } = verdicts(doc, 12, 10);
    for (const x of v)
      expect(x.nodes['p']).toContain("the producer's application thread is busy all the time");
  });

  it('names a slow sink as the limit of the group that writes to it', () => {
    const doc = loadExample('iot-sensor-monitoring');
    const slow = {
      ...doc,
      sinks: doc.sinks.map((s) => (s.id === 'alerts-db' ? { ...s, maxRecordsPerSec: 5000 } : s)),
    };
    const { verdicts: v } = verdicts(slow, 25, 20);
    for (const x of v) {
      expect(x.nodes['alerting']).toContain(
        'the sink alerts-db is the limit: it takes at most 5,000 writes/s',
      );
      expect(x.nodes['alerting']).not.toMatch(/more members \(up to/);
    }
  });

  it("names a broker's request handler threads when they are the busiest thing", () => {
    // One request handler thread on a 0.5 GHz clock takes about 0.1 ms a produce request (some
    // 50,000 cycles). Twenty producers, each with one request in flight and linger.ms 0, send a
    // request about every 0.6 ms each (a round trip of 0.25 ms each way): some 30,000 a second,
    // three times what the thread handles, while the cores, disk and network stay nearly idle.
    const producers = Array.from({ length: 20 }, (_, i) => ({
      id: `p${i}`,
      rate: { kind: 'constant' as const, recordsPerSec: 2000 },
      config: { acks: '1' as const, 'linger.ms': 0, 'max.in.flight.requests.per.connection': 1 },
    }));
    const doc = pipeline({
      version: 1,
      cluster: {
        config: { 'num.io.threads': 1 },
        brokers: [{ id: 'b1', hardware: { ...FAST_BROKER, cpuGHz: 0.5 } }],
        clientHardware: FAST_BROKER,
      },
      topics: [{ id: 't', partitions: 1 }],
      producers,
      edges: producers.map((p) => ({ from: p.id, to: 't' })),
    });
    const { verdicts: v } = verdicts(doc, 12, 10);
    for (const x of v) expect(x.brokers['b1']).toContain('request handler threads (num.io.threads)');
  });
});
