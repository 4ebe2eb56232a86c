// The points of the compacted-topics card: each compacted topic's log size in MB, the cleaners' reads
// and writes in MB/s (all brokers, every replica's disk), and each reader's restore time from offset 0.
import type { LiveSnapshot } from '../../worker/protocol';
import type { Point } from './derive';
import type { MeasuredMark } from './measuredMarks';

export interface CompactionRoles {
  /** Compacted topics (they have a `.logBytes` column). */
  topics: string[];
  /** Consumer groups of compacted topics (a `.restoreSec` column). */
  restorers: string[];
  index: Map<string, number>;
}

export function compactionRolesOf(columns: readonly string[]): CompactionRoles {
  const ids = (suffix: string) =>
    columns.filter((c) => c.endsWith(suffix)).map((c) => c.slice(0, -suffix.length));
  return {
    topics: ids('.logBytes'),
    restorers: ids('.restoreSec'),
    index: new Map(columns.map((c, i) => [c, i])),
  };
}

const at = (row: readonly number[], i: number | undefined): number => (i === undefined ? 0 : (row[i] ?? 0));

/** Log size per topic (MB, under the topic's id) and the cleaners' I/O (MB/s, `cleanerRead` / `cleanerWrite`). */
export function logSizePoints(rows: readonly number[][], r: CompactionRoles): Point[] {
  const size = r.topics.map((id) => r.index.get(`${id}.logBytes`));
  const read = r.index.get('cleaner.readBytes');
  const write = r.index.get('cleaner.writeBytes');
  return rows.map((row) => {
    const p: Point = { t: row[0] ?? 0, cleanerRead: at(row, read) / 1e6, cleanerWrite: at(row, write) / 1e6 };
    r.topics.forEach((id, k) => (p[id] = at(row, size[k]) / 1e6));
    return p;
  });
}

/** Seconds a restore from offset 0 would take, per reader, at each second of the run. */
export function restorePoints(rows: readonly number[][], r: CompactionRoles): Point[] {
  const cols = r.restorers.map((id) => r.index.get(`${id}.restoreSec`));
  return rows.map((row) => {
    const p: Point = { t: row[0] ?? 0 };
    r.restorers.forEach((id, k) => (p[id] = at(row, cols[k])));
    return p;
  });
}

/**
 * The restores the run simulated (a group started or reset below the end, a Spark job started late
 * from earliest), as marks on the restore chart: a point at the second it finished, as high as it
 * took, beside the line of what a restore would take.
 */
export function ranRestoreMarks(
  restores: LiveSnapshot['restores'],
  restorers: readonly string[],
): MeasuredMark[] {
  const marks: MeasuredMark[] = [];
  for (const id of restorers) {
    const r = restores?.[id];
    if (!r || r.seconds === null) continue;
    const took = Number(r.seconds.toFixed(1));
    marks.push({
      key: `restore-ran-${id}`,
      label: `${id} ran one from ${Number(r.startSec.toFixed(1))} s: ${took} s, ${Math.round(r.records).toLocaleString('en-US')} records`,
      short: `${id} ran ${took} s`,
      y: null,
      points: [{ x: r.startSec + r.seconds, y: r.seconds }],
    });
  }
  return marks;
}
