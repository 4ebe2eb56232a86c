// Shuffles (issue 5): bytes go to the executors' local disks and over their network links, which
// tasks queue for; records regrouped by key land in the reduce task of their key, so a hot key makes
// one task long. Expected values come from the configured sizes, the documented disk and link
// rates (set here, as the executors' hardware) and Java's String.hashCode, not from the engine's output.
import { describe, expect, it } from 'vitest';
import { sparkStageSchema } from '../../model/schema/spark';
import type { SparkStage } from '../../model/types';
import { producerSchema } from '../../model/schema/producer';
import { SPARK } from '../costs';
import { Simulation } from '../engine/simulation';
import { sparkPipeline } from '../testing/pipelines';
import { newStageCounters, planBatch, type BatchPlanInput } from './batchPlan';
import { keyHashCode, keyShares, shuffleSharesOf } from './keyShares';

const MB = 1e6;
/** The executor machines of these plans: a local SSD and a 10 Gbit/s card. */
const DISK_MBPS = 400;
const LINK_MBPS = 1250;

function plan(
  stages: SparkStage[],
  o: Partial<BatchPlanInput> & {
    records?: number;
    partitions?: number;
    recordBytes?: number;
    /** false: the tasks' Kafka reads carry no bytes, so every map task has its records at once. */
    kafkaBytes?: boolean;
  } = {},
) {
  const partitions = o.partitions ?? 8;
  const records = o.records ?? 80_000;
  const recordBytes = o.recordBytes ?? 100;
  const per = records / partitions;
  return planBatch({
    start: 0,
    batchTime: 1000,
    batchIntervalMs: 1000,
    tasks: Array.from({ length: partitions }, () => ({
      records: per,
      bytes: o.kafkaBytes === false ? 0 : per * recordBytes,
      dataReadyAt: 0,
    })),
    stages,
    slots: 8,
    coresPerExecutor: 1,
    executorDiskMBps: DISK_MBPS,
    executorNetworkMBps: LINK_MBPS,
    parallelism: 8,
    recordBytes,
    counters: newStageCounters(stages.length),
    memory: { executors: 8, unifiedBytes: 1e12 },
    lateShare: () => 0,
    checkpoint: false,
    writeToSinks: (at) => at,
    ...o,
  });
}

const stage = (s: object): SparkStage => sparkStageSchema.parse(s);
const shuffleJoin = (costPerRecordUs: number) =>
  stage({ id: 'j', kind: 'join', strategy: 'shuffle', tableRows: 1, tableRowBytes: 1, costPerRecordUs });

describe('shuffle skew: records regrouped by key', () => {
  it('a key with k times the records of each other reduce task makes the slowest task k times the median', () => {
    for (const k of [3, 10]) {
      // n = 8 reduce tasks: one holds k shares, the other seven one share each.
      const n = 8;
      const shares = Array.from({ length: n }, (_, r) => (r === 5 ? k : 1) / (k + n - 1));
      const p = plan([shuffleJoin(500)], { keyShares: () => shares });
      const j = p.stages[0]!;
      // Per-record work (0.5 ms) dwarfs the fixed task overhead, so the ratio is k within 2%.
      expect(j.slowestTaskMs / j.medianTaskMs).toBeGreaterThan(k * 0.98);
      expect(j.slowestTaskMs / j.medianTaskMs).toBeLessThanOrEqual(k * 1.001);
      // The hot task does k/(k+7) of 80,000 records at 0.5 ms each; the batch waits for it.
      expect(p.end).toBeGreaterThan(((80_000 * k) / (k + n - 1)) * 0.5);
    }
  });

  it('keys spread evenly give reduce tasks of equal length', () => {
    const p = plan([shuffleJoin(500)], { keyShares: () => undefined });
    expect(p.stages[0]!.slowestTaskMs / p.stages[0]!.medianTaskMs).toBeCloseTo(1, 6);
  });

  it('an aggregate combines on the map side, so the same hot key does not skew its reduce tasks', () => {
    const shares = Array.from({ length: 8 }, (_, r) => (r === 0 ? 10 : 1) / 17);
    const agg = stage({ id: 'a', kind: 'aggregate', keyCardinality: 1000, costPerRecordUs: 500 });
    const p = plan([agg, stage({ id: 'm', kind: 'map', costPerRecordUs: 500 })], {
      keyShares: () => shares,
    });
    expect(p.stages[1]!.slowestTaskMs / p.stages[1]!.medianTaskMs).toBeCloseTo(1, 6);
  });
});

describe('shuffle bytes go to disk and over the network', () => {
  // 8 partitions x 10,000 records x 1000 bytes: 80 MB shuffled whole by a cheap shuffled join. The
  // Kafka reads are left out, so the map tasks all reach their shuffle write together.
  const big = { records: 80_000, recordBytes: 1000, kafkaBytes: false };
  const bytes = 80_000 * 1000;

  it('on one executor every byte is written to its disk and read back from it', () => {
    const p = plan([shuffleJoin(0)], { ...big, slots: 8, coresPerExecutor: 8 });
    const j = p.stages[0]!;
    // The records, plus the join's one-row, one-byte table shuffled alongside.
    expect(j.shuffleBytes).toBe(bytes + 1);
    // CPU: the map side serialises the records, the reduce side deserialises them and the table.
    expect(j.cpuMs).toBeCloseTo(((bytes + bytes + 1) / MB) * SPARK.shuffleSerdeMsPerMB, 6);
    // One disk at DISK_MBPS: 80 MB written then read back, one after the other.
    const diskMs = (bytes / (DISK_MBPS * MB)) * 1000;
    expect(p.end).toBeGreaterThan(2 * diskMs);
    // Eight tasks queue for that disk: their write times (queueing included) add up to at least
    // 1 + 2 + ... + 8 eighths of the write, and the same holds for the reads.
    expect(j.shuffleWriteMs).toBeGreaterThan(diskMs * (36 / 8) * 0.99);
    expect(j.shuffleFetchMs).toBeGreaterThan(diskMs * (36 / 8) * 0.99);
  });

  it('spread over executors the disks work in parallel and 3/4 of the reads cross the network', () => {
    const one = plan([shuffleJoin(0)], { ...big, slots: 8, coresPerExecutor: 8 });
    const four = plan([shuffleJoin(0)], { ...big, slots: 8, coresPerExecutor: 2 });
    expect(four.end).toBeLessThan(one.end / 2);
    // Each executor writes a quarter of the bytes and reads a quarter of a quarter locally; three
    // quarters of its quarter arrive over its link.
    const write = (bytes / 4 / (DISK_MBPS * MB)) * 1000;
    const remote = (((bytes / 4) * 3) / 4 / (LINK_MBPS * MB)) * 1000;
    const local = (bytes / 16 / (DISK_MBPS * MB)) * 1000;
    expect(four.end).toBeGreaterThan(write + Math.max(remote, local));
  });

  it('tasks of one executor share its disk: more cores per executor do not write faster', () => {
    const narrow = plan([shuffleJoin(0)], { ...big, slots: 8, coresPerExecutor: 1 });
    const wide = plan([shuffleJoin(0)], { ...big, slots: 8, coresPerExecutor: 8 });
    expect(wide.stages[0]!.shuffleWriteMs).toBeGreaterThan(4 * narrow.stages[0]!.shuffleWriteMs);
  });
});

describe("Kafka reads share the executor's link too", () => {
  it('eight tasks on one executor take their records through one link', () => {
    // 8 partitions of 125 MB each (1 GB) read by a trivial map.
    const map = stage({ id: 'm', kind: 'map', costPerRecordUs: 0 });
    const o = { records: 8000, recordBytes: 125_000 };
    const oneLink = plan([map], { ...o, slots: 8, coresPerExecutor: 8 });
    const eightLinks = plan([map], { ...o, slots: 8, coresPerExecutor: 1 });
    const linkMs = (1e9 / (LINK_MBPS * MB)) * 1000;
    expect(oneLink.end).toBeGreaterThan(linkMs);
    // Eight links carry 125 MB each in parallel; each task still decodes at executorReadMBps.
    const decodeMs = (125e6 / (SPARK.executorReadMBps * MB)) * 1000;
    expect(eightLinks.end).toBeLessThan(linkMs / 8 + decodeMs + SPARK.batchOverheadMs + 5);
  });
});

describe("key shares follow Spark's HashPartitioner", () => {
  it("hashes key names as Java's String.hashCode does", () => {
    // Values of "key-0".hashCode() and friends, as a JVM gives them.
    expect(keyHashCode(0)).toBe(101943362);
    expect(keyHashCode(1)).toBe(101943363);
    expect(keyHashCode(9)).toBe(101943371);
    expect(keyHashCode(10)).toBe(-1134722995);
    expect(keyHashCode(123456)).toBe(1443805585);
    expect(keyHashCode(999999)).toBe(1679487118);
  });

  it('puts each key whole in partition hashCode mod n (made non-negative)', () => {
    // 10 uniform keys "key-0".."key-9" hash to consecutive values 101943362 + k.
    const shares = keyShares({ kind: 'uniform', count: 10 }, 4)!;
    const expected = [0, 0, 0, 0];
    for (let k = 0; k < 10; k++) expected[(101943362 + k) % 4]! += 0.1;
    shares.forEach((s, i) => expect(s).toBeCloseTo(expected[i]!, 12));
    // Zipf: key-0 alone has 1/H of the records.
    const zipf = keyShares({ kind: 'zipf', count: 4, exponent: 1 }, 4)!;
    const h = 1 + 1 / 2 + 1 / 3 + 1 / 4;
    expect(zipf[101943362 % 4]).toBeCloseTo(1 / h, 12);
  });

  it('mixes producers by rate, null keys spread evenly', () => {
    const keyed = producerSchema.parse({
      id: 'a',
      rate: { kind: 'constant', recordsPerSec: 300 },
      keys: { kind: 'zipf', count: 1, exponent: 1 },
    });
    const plain = producerSchema.parse({ id: 'b', rate: { kind: 'constant', recordsPerSec: 100 } });
    const shares = shuffleSharesOf([keyed, plain])(2)!;
    // The one key goes to partition 101943362 mod 2 = 0 with 3/4 of the records; null keys split.
    expect(shares[0]).toBeCloseTo(0.75 + 0.125, 12);
    expect(shares[1]).toBeCloseTo(0.125, 12);
    expect(shuffleSharesOf([plain])(2)).toBeUndefined();
  });
});

describe('a hot Kafka key through a running job', () => {
  it("makes the shuffled join's slowest reduce task as many times the median as its key's partition holds", () => {
    const sim = new Simulation(
      sparkPipeline({
        ratePerSec: 4000,
        costPerRecordUs: 1,
        executors: 4,
        partitions: 6,
        durationSec: 20,
        producer: { keys: { kind: 'zipf', count: 100, exponent: 1.2 } },
        stages: [shuffleJoin(300)],
      }),
    );
    sim.runUntil(20_000);
    // Reduce partition of each key: Java's hashCode of "key-k", mod 4 (parallelism = 4 slots),
    // written here on strings rather than digits.
    const javaHash = (s: string) => [...s].reduce((h, c) => (Math.imul(31, h) + c.charCodeAt(0)) | 0, 0);
    const weight = [0, 0, 0, 0];
    for (let k = 0; k < 100; k++) {
      const r = ((javaHash(`key-${k}`) % 4) + 4) % 4;
      weight[r]! += 1 / Math.pow(k + 1, 1.2);
    }
    const sorted = weight.slice().sort((a, b) => a - b);
    // Median as the plan takes it: the upper middle of four.
    const k = sorted[3]! / sorted[2]!;
    expect(k).toBeGreaterThan(1.5);
    const j = sim.jobs[0]!.lastStages[0]!;
    expect(j.slowestTaskMs / j.medianTaskMs).toBeGreaterThan(k * 0.9);
    expect(j.slowestTaskMs / j.medianTaskMs).toBeLessThan(k * 1.1);
    // The command line's summary reports the same skew for the operator.
    const summary = sim.summary().sparkJobs.job!.stages.j!;
    expect(summary.slowestTaskMs / summary.medianTaskMs).toBeGreaterThan(k * 0.9);
  });
});

describe("the executors' machine", () => {
  it("sets the shuffle's disk time: each batch writes its shuffle bytes at executorHardware's disk rate", () => {
    const run = (diskMBps: number) => {
      const sim = new Simulation(
        sparkPipeline({
          ratePerSec: 20_000,
          costPerRecordUs: 1,
          executors: 1,
          cores: 4,
          partitions: 4,
          durationSec: 10,
          stages: [shuffleJoin(1)],
          job: {
            executorHardware: { cores: 4, diskMBps, networkInMBps: 1250, networkOutMBps: 1250 },
          },
        }),
      );
      sim.runUntil(10_000);
      return sim.jobs[0]!.lastStages[0]!;
    };
    // One executor: every shuffled byte is written to its one disk, so the batch's writes (queueing
    // included) take at least bytes / rate, which a 10x slower disk makes 10x longer.
    const fast = run(1000);
    const slow = run(100);
    expect(slow.shuffleBytes).toBe(fast.shuffleBytes);
    const writeMs = (slow.shuffleBytes / (100 * MB)) * 1000;
    expect(writeMs).toBeGreaterThan(10);
    expect(slow.shuffleWriteMs).toBeGreaterThanOrEqual(writeMs * 0.99);
    expect(fast.shuffleWriteMs).toBeLessThan(slow.shuffleWriteMs / 5);
  });
});
