// What the Runs view keeps of one finished run: enough to list it, compare it with another, draw it
// beside the current run as the baseline and open its document again.
import type { Pipeline } from '../../model';
import type { RunTotals } from '../../worker/protocol';

/** The headline figures of a run, by metric id (null when the run has nothing to measure). */
export type HeadlineFigures = Record<string, number | null>;

export interface SavedRun {
  /** Unique within the browser; also the IndexedDB key. */
  id: string;
  /** 1, 2, 3... in the order runs were saved; gives the default name. */
  seq: number;
  name: string;
  /** When the run finished (wall clock, ms since 1970). */
  finishedAt: number;
  /** Wall-clock seconds the run spent playing (pauses not counted). */
  wallSec: number;
  /** The document as the run used it (faults added during the run included). */
  doc: Pipeline;
  seed: number;
  /** Series column names, 'second' first, and the rows thinned for keeping (spans: seconds per row). */
  columns: string[];
  rows: number[][];
  spans: number[];
  totals: RunTotals | null;
  headline: HeadlineFigures;
  /**
   * Seconds at the start the headline figures leave out (the warm-up, as a sweep leaves it out).
   * Absent on runs kept before the rule; the archive fills it in when it opens (see archive.ts).
   */
  warmupSec?: number;
  /**
   * Where a run came from when it was not played in the editor: a point of a sweep or a probe of a
   * search (`batch` names the batch, `key` the point), so opening it twice keeps it once.
   */
  origin?: { kind: 'sweep' | 'search'; batch: string; key: string };
}
