// The chunked partition log against a record-by-record reference model.
import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng';
import { PartitionLog } from './partitionLog';

interface RefRecord {
  bytes: number;
  created: number;
}

describe('PartitionLog', () => {
  it('tracks offsets, bytes and creation times through growth, wrap-around and trimming', () => {
    const rng = new Rng(4);
    const log = new PartitionLog();
    const ref: RefRecord[] = [];
    let t = 0;
    let trimmedTo = 0;
    for (let step = 0; step < 3000; step++) {
      // Chunks of 1-20 records with 10-byte records and increasing creation times.
      const n = 1 + rng.uniformInt(20);
      const start = t;
      const end = t + (n - 1);
      log.append(n, n * 10, start, end);
      for (let k = 0; k < n; k++) ref.push({ bytes: 10, created: start + k });
      t = end + 1 + rng.uniformInt(3);
      if (step % 50 === 49) {
        // Trim up to some point well behind the end, as a reader would.
        const target = Math.max(trimmedTo, ref.length - 500 - rng.uniformInt(200));
        log.trimBefore(target);
        expect(log.startOffset).toBeLessThanOrEqual(target);
        trimmedTo = log.startOffset;
      }
    }
    expect(log.endOffset).toBe(ref.length);
    expect(log.endBytes).toBe(ref.length * 10);
    expect(log.liveChunks).toBeLessThan(200);
    for (let q = 0; q < 200; q++) {
      const a = log.startOffset + rng.uniformInt(ref.length - log.startOffset);
      const b = a + rng.uniformInt(ref.length - a + 1);
      expect(log.bytesBetween(a, b)).toBeCloseTo((b - a) * 10, 6);
      expect(log.createTimeAt(a)).toBeCloseTo(ref[a]!.created, 6);
      let seen = 0;
      let first = Infinity;
      let last = -Infinity;
      log.forEachSlice(a, b, (n, s, e) => {
        seen += n;
        first = Math.min(first, s);
        last = Math.max(last, e);
      });
      expect(seen).toBe(b - a);
      if (b > a) expect(first).toBeCloseTo(ref[a]!.created, 6);
      // A read capped at 100 bytes returns 10 records (or what is left).
      expect(log.readEnd(a, ref.length, 100)).toBe(Math.min(ref.length, a + 10));
    }
  });

  it('returns at least one record even when one is larger than the byte limit', () => {
    const log = new PartitionLog();
    log.append(3, 3000, 0, 2);
    expect(log.readEnd(0, 3, 10)).toBe(1);
  });

  it('merges chunks that are close in time once it holds very many, keeping counts exact', () => {
    const log = new PartitionLog();
    for (let i = 0; i < 10_000; i++) log.append(2, 20, i, i + 0.5);
    expect(log.endOffset).toBe(20_000);
    expect(log.bytesBetween(0, 20_000)).toBe(200_000);
    expect(log.liveChunks).toBeLessThan(5000);
  });

  it('finds the chunk of any offset in a long log, near its end or far back', () => {
    // 2,000 chunks of 1-5 records (no merging below the soft limit), the ring wrapped by a trim;
    // every offset's byte position and creation time against the chunks as written.
    const log = new PartitionLog();
    const rng = new Rng(9);
    const chunks: { base: number; count: number; baseBytes: number; bytes: number; start: number }[] = [];
    let offset = 0;
    let bytes = 0;
    for (let k = 0; k < 2300; k++) {
      const count = 1 + rng.uniformInt(5);
      const size = count * (10 + rng.uniformInt(90));
      chunks.push({ base: offset, count, baseBytes: bytes, bytes: size, start: k * 10 });
      log.append(count, size, k * 10, k * 10 + count - 1);
      offset += count;
      bytes += size;
      if (k === 400) log.trimBefore(chunks[300]!.base);
    }
    const live = chunks.filter((c) => c.base >= log.startOffset);
    expect(log.liveChunks).toBe(live.length);
    // In order (each lookup near the last) and then in a random order.
    const order = [...live, ...live.map(() => live[rng.uniformInt(live.length)]!)];
    for (const c of order) {
      for (let o = c.base; o < c.base + c.count; o++) {
        expect(log.bytesAt(o)).toBe(c.baseBytes + (c.bytes * (o - c.base)) / c.count);
        expect(log.createTimeAt(o)).toBe(
          c.count > 1 ? c.start + ((c.count - 1) * (o - c.base)) / (c.count - 1) : c.start,
        );
      }
    }
  });
});
