// A sweep's or a search's runs that can join the run list. The workers hand back the first seed of
// every point (or probe) as a run to keep: its series thinned and packed. The batch holds them in
// memory, not in the run list: a 20-point sweep would otherwise push 20 of the user's own runs out
// of the 50 kept. A run joins the list (IndexedDB) when the user opens it from the sweep: a click
// on a point, or Open in the table; opening it again opens the same entry.
import type { Pipeline } from '../../model';
import { unpackRows, type KeptSeries } from '../../worker/headlessProtocol';
import type { SavedRun } from '../runs/types';

/** Bytes of series a batch holds at most; points past that open their document only. */
export const HELD_BYTES = 48 * 1024 * 1024;

export interface HeldRun {
  seed: number;
  kept: KeptSeries;
  /** Worker time the run took. */
  wallMs: number;
}

let batches = 0;

export class HeldRuns {
  /** Names this batch in the kept runs' origin. */
  readonly batch: string;
  private readonly runs = new Map<string, HeldRun>();
  private held = 0;

  constructor(
    readonly kind: 'sweep' | 'search',
    readonly limitBytes = HELD_BYTES,
    startedAt = Date.now(),
  ) {
    batches += 1;
    this.batch = `${kind}-${startedAt.toString(36)}-${batches}`;
  }

  /** Holds the run of point `key`; false when it would pass the limit (the first one held stays). */
  hold(key: string, run: HeldRun): boolean {
    if (this.runs.has(key)) return true;
    const size = run.kept.data.byteLength;
    if (this.held + size > this.limitBytes) return false;
    this.runs.set(key, run);
    this.held += size;
    return true;
  }

  /** The run held for point `key` with this seed, if any. */
  get(key: string, seed: number): HeldRun | undefined {
    const run = this.runs.get(key);
    return run?.seed === seed ? run : undefined;
  }

  get count(): number {
    return this.runs.size;
  }

  get bytes(): number {
    return this.held;
  }
}

/** "sweep · checkout: rate (records/s) = 20,000 · seed 3" */
export function heldRunName(kind: 'sweep' | 'search', where: string, seed: number): string {
  return `${kind} · ${where} · seed ${seed}`;
}

/** The kept run of a held one, ready for the run list. */
export function savedRunOf(
  run: HeldRun,
  doc: Pipeline,
  name: string,
  origin: NonNullable<SavedRun['origin']>,
  seq: number,
  finishedAt: number,
  id = `${origin.batch}-${origin.key}`,
): SavedRun {
  const { columns, data, spans, totals, headline, warmupSec } = run.kept;
  return {
    id,
    seq,
    name,
    finishedAt,
    wallSec: run.wallMs / 1000,
    doc,
    seed: run.seed,
    columns,
    rows: unpackRows(data, columns.length),
    spans,
    totals: totals ?? null,
    headline: { ...headline },
    warmupSec,
    origin,
  };
}

/** The run already kept for this point of this batch, if the user opened it before. */
export function alreadyKept(
  runs: readonly SavedRun[],
  origin: NonNullable<SavedRun['origin']>,
): SavedRun | undefined {
  return runs.find((r) => r.origin?.batch === origin.batch && r.origin.key === origin.key);
}
