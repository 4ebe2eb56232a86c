// "... the compacted log's size climbs with the writes and drops in steps as segments are cleaned:
// after a pass it is back near 20,000 accounts x 225 bytes a record in the log (4.5 MB) plus the
// segments not yet cleaned, and it climbs again until the dirty part is more than half the log ...
// so it swings between about 6 and 14 MB while over 100 MB are written; the cleaner's reads and writes show
// beside it. The restore line is how long a service starting from offset 0 takes to rebuild every
// balance: it reads one record per account plus what is not yet cleaned ... Try 200,000 accounts:
// the cleaned log holds nearly ten times as many records and a restore takes several times longer. Try
// min.cleanable.dirty.ratio 0.9: fewer, larger passes, less cleaner I/O, a bigger log between them.
// Set log.cleaner.threads to 0 ...: nothing is cleaned and the log keeps every write. Tombstones stay
// delete.retention.ms (here 60 s) after the cleaner first passes them, so about 1% of the accounts
// show as tombstones at any time."
import { describe, expect, it } from 'vitest';
import type { Simulation } from '../engine/simulation';
import { editedExample, loadExample, runFor, seriesColumn, type ExampleJson } from '../testing/examples';

const NAME = 'event-sourced-state';
const TOPIC = 'account-state';
const ACCOUNTS = 20_000;
const SECONDS = 300;
const SEGMENT = 1_048_576;

interface Figures {
  sim: Simulation;
  cleaned: number;
  tombstones: number;
  passes: number;
  cleanerBytes: number;
  /** The log's size per second over the second half of the run. */
  settled: number[];
  written: number;
  restore: { records: number; bytes: number; seconds: number };
}

function figures(edit: (d: ExampleJson) => void): Figures {
  const sim = runFor(editedExample(NAME, edit), SECONDS);
  const c = sim.summary().compaction!;
  const t = c.topics[TOPIC]!;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    sim,
    cleaned: t.cleanedRecords,
    tombstones: t.tombstones,
    passes: t.cleanerPasses,
    cleanerBytes: sum(seriesColumn(sim, 'cleaner.readBytes')) + sum(seriesColumn(sim, 'cleaner.writeBytes')),
    settled: seriesColumn(sim, `${TOPIC}.logBytes`).slice(SECONDS / 2),
    written: sim.topics.get(TOPIC)!.partitions.reduce((a, p) => a + p.log.endBytes, 0),
    restore: c.restores['balance-view']!,
  };
}

/** A run past balance-restore's start at 300 s, long enough for its restore to finish. */
function restoreRun(edit: (d: ExampleJson) => void) {
  const sim = runFor(editedExample(NAME, edit), 340);
  const restore = sim.summary().compaction!.restores['balance-restore']!;
  const group = sim.groups.find((g) => g.doc.id === 'balance-restore')!;
  // The series' row k holds second k + 1: the log's records a reader from offset 0 had at 300 s.
  const logRecordsAtStart = seriesColumn(sim, `${TOPIC}.logRecords`)[299]!;
  return { restore, target: group.restore!.target, logRecordsAtStart };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const setKeys = (count: number) => (d: ExampleJson) => {
  (d.producers[0] as unknown as { keys: { count: number } }).keys.count = count;
};

describe(NAME, () => {
  let base: Figures | undefined;
  const asIs = () => (base ??= figures(() => {}));

  it('drops back near accounts x record size after each pass and swings up to the dirty ratio, while far more is written', () => {
    const f = asIs();
    const log = f.sim.topics.get(TOPIC)!.partitions[0]!.log;
    const perRecord = log.endBytes / log.endOffset;
    expect(perRecord).toBeGreaterThan(200);
    // Every account seen (a few whose latest value is a tombstone past its 60 s may be gone).
    expect(f.cleaned).toBeGreaterThan(ACCOUNTS * 0.999);
    expect(f.cleaned).toBeLessThanOrEqual(ACCOUNTS);
    const floor = ACCOUNTS * perRecord;
    for (const b of f.settled) expect(b).toBeGreaterThanOrEqual(floor - 1);
    expect(Math.min(...f.settled)).toBeLessThanOrEqual(floor + 3 * SEGMENT);
    expect(f.written).toBeGreaterThan(100e6);
    expect(Math.max(...f.settled)).toBeLessThan(f.written / 5);
    // Its peaks: a pass starts once the dirty part is over half the log (at most the head again, in
    // whole segments: one more per partition), found up to log.cleaner.backoff.ms (15 s) of writes
    // late, with each partition's active segment on top.
    const backoffWrites = 15 * 2000 * perRecord;
    expect(Math.max(...f.settled)).toBeLessThanOrEqual(2 * floor + 6 * SEGMENT + backoffWrites);
    // ... and it does swing: well above the floor between passes.
    expect(Math.max(...f.settled)).toBeGreaterThan(2 * floor);
    // Climbs and drops: the size falls at least once a minute (a pass) in the second half.
    const drops = f.settled.filter((b, i) => i > 0 && b < f.settled[i - 1]!).length;
    expect(drops).toBeGreaterThanOrEqual(SECONDS / 2 / 60);
    expect(f.cleanerBytes).toBeGreaterThan(0);
  });

  it('restores from offset 0 by reading one record per account plus the uncleaned part, at 0.05 ms a record', () => {
    const f = asIs();
    const end = f.sim.summary().compaction!.topics[TOPIC]!.endOffset;
    expect(f.restore.records).toBeGreaterThan(ACCOUNTS);
    expect(f.restore.records).toBeLessThan(end / 5);
    // One member reading all three partitions, each record 0.05 ms: processing, not the network, sets the time.
    expect(f.restore.seconds).toBeCloseTo((f.restore.records * 0.05) / 1000, 6);
  });

  it('balance-restore, started at 300 s from offset 0, reads the cleaned log: one record per account plus the uncleaned part', () => {
    const f = restoreRun(() => {});
    const m = f.restore.measured!;
    const target = f.target.reduce((a, b) => a + b, 0);
    // 2,000 records/s for 300 s were written before it started (less the last few ms not yet replicated).
    expect(target).toBeLessThanOrEqual(600_000);
    expect(target).toBeGreaterThan(600_000 - 2000 * 0.05);
    expect(m.startSec).toBe(300);
    // Every account at least once; no more than the log held then (its records column at 300 s)
    // plus what was written while it read and one poll (max.poll.records 500) past the end.
    expect(m.records).toBeGreaterThanOrEqual(ACCOUNTS * 0.99);
    expect(m.records).toBeLessThanOrEqual(f.logRecordsAtStart + 2000 * m.seconds! + 500);
    expect(m.records).toBeLessThan(target / 10);
    // The offsets it passed over are what the cleaner removed: with what it read, every offset up to the end.
    expect(f.restore.compactedUnread + m.records).toBeGreaterThanOrEqual(target);
    expect(f.restore.compactedUnread + m.records).toBeLessThanOrEqual(target + 2000 * m.seconds! + 500);
    // One member, 0.05 ms a record one after another: at least that long, and little more (fetches are fast).
    const processing = (m.records * 0.05) / 1000;
    expect(m.seconds!).toBeGreaterThanOrEqual(processing);
    expect(m.seconds!).toBeLessThan(processing * 1.3);
  });

  it('balance-restore owes no lag before it starts, and its restore stays out of the end-to-end latency', () => {
    const sim = runFor(loadExample(NAME), 340);
    const lag = seriesColumn(sim, 'balance-restore.lag');
    // Seconds 1-299: the group does not exist yet.
    expect(Math.max(...lag.slice(0, 299))).toBe(0);
    // Its first second: it owes everything written so far, about 600,000 offsets.
    expect(lag[300]).toBeGreaterThan(500_000);
    const s = sim.summary().consumerGroups;
    // After the restore it is a tail reader like balance-view (same cost): records of the history
    // it read back would put its p99 at minutes.
    expect(s['balance-restore']!.latencyMs.p99).toBeLessThan(1000);
    expect(s['balance-restore']!.latencyMs.records).toBeLessThan(s['balance-restore']!.consumed - 20_000);
  });

  it('with the cleaner off, balance-restore reads every offset and takes over 15 times longer', () => {
    const on = restoreRun(() => {});
    const off = restoreRun((d) => {
      d.cluster.config = { ...d.cluster.config, 'log.cleaner.threads': 0 };
    });
    const m = off.restore.measured!;
    const target = off.target.reduce((a, b) => a + b, 0);
    expect(off.restore.compactedUnread).toBe(0);
    expect(m.records).toBeGreaterThanOrEqual(target);
    expect(m.records).toBeLessThanOrEqual(target + 2000 * m.seconds! + 500);
    // 600,000 records at 0.05 ms each: at least 30 s.
    expect(m.seconds!).toBeGreaterThanOrEqual(30);
    expect(m.seconds! / on.restore.measured!.seconds!).toBeGreaterThan(15);
  });

  it('keeps about 1% of the accounts as tombstones', () => {
    // Each account is updated every 10 s, well within the 60 s a tombstone stays: 1% of 20,000.
    expect(asIs().tombstones).toBeGreaterThan(180);
    expect(asIs().tombstones).toBeLessThan(220);
  });

  it('with 200,000 accounts, holds nearly ten times the records and restores several times slower', () => {
    const f = figures(setKeys(200_000));
    // In 300 s each account is written 3 times on average: 1 - e^-3 = 95% of them seen.
    expect(f.cleaned / asIs().cleaned).toBeGreaterThan(9);
    expect(f.restore.seconds / asIs().restore.seconds).toBeGreaterThan(3);
  });

  it('with min.cleanable.dirty.ratio 0.9, cleans less often, with less I/O and a bigger log', () => {
    const f = figures((d) => {
      d.topics[0]!.config!['min.cleanable.dirty.ratio'] = 0.9;
    });
    expect(f.passes).toBeLessThan(asIs().passes);
    expect(f.cleanerBytes).toBeLessThan(asIs().cleanerBytes);
    expect(mean(f.settled)).toBeGreaterThan(mean(asIs().settled));
  });

  it('with log.cleaner.threads 0, cleans nothing: the log keeps every write', () => {
    const f = figures((d) => {
      d.cluster.config = { ...d.cluster.config, 'log.cleaner.threads': 0 };
    });
    expect(f.passes).toBe(0);
    expect(f.cleanerBytes).toBe(0);
    expect(f.settled[f.settled.length - 1]).toBeCloseTo(f.written, 0);
  });
});
