// Which document changes the running simulation can take without starting again. Adding faults that
// start at or after the current simulated time changes nothing that has already happened, so the
// engine can take them live; anything else (removing a fault, one in the past, any other setting)
// means the run so far no longer matches the document, and it restarts from 0 s.
import type { Fault, Pipeline } from '../../model';

export type DocumentChange = { kind: 'none' } | { kind: 'addFaults'; faults: Fault[] } | { kind: 'restart' };

/** Everything the run depends on apart from the faults (layout, name and description never matter). */
function withoutFaults(doc: Pipeline): string {
  const { layout: _l, name: _n, description: _d, faults: _f, ...rest } = doc;
  return JSON.stringify(rest);
}

/**
 * Compares the document the simulation was loaded with and the edited one, at simulated time
 * `simSec`: 'addFaults' when the edit only appends faults that start at or after `simSec`.
 */
export function classifyChange(loaded: Pipeline, next: Pipeline, simSec: number): DocumentChange {
  const sameFaults = loaded.faults.length === next.faults.length;
  if (withoutFaults(loaded) !== withoutFaults(next)) return { kind: 'restart' };
  if (next.faults.length < loaded.faults.length) return { kind: 'restart' };
  for (let i = 0; i < loaded.faults.length; i++)
    if (JSON.stringify(loaded.faults[i]) !== JSON.stringify(next.faults[i])) return { kind: 'restart' };
  if (sameFaults) return { kind: 'none' };
  const added = next.faults.slice(loaded.faults.length);
  if (added.some((f) => f.atSec < simSec)) return { kind: 'restart' };
  if (added.some((f) => f.kind === 'offsetReset' && !resettable(loaded, f.group))) return { kind: 'restart' };
  return { kind: 'addFaults', faults: added };
}

/**
 * Whether the run keeps `group`'s history for an offset reset: the engine keeps a group's records
 * (as far as retention allows) only when the document resets it, from 0 s. A group's first reset
 * added during a run would find less than the same document run from the start, so it restarts.
 */
function resettable(doc: Pipeline, group: string): boolean {
  return doc.faults.some((f) => f.kind === 'offsetReset' && f.group === group);
}

/** "Now" for a fault added during a run: the current simulated time rounded up to a tenth of a second. */
export function faultTimeFromSimMs(simMs: number): number {
  return Math.max(0, Math.ceil(simMs / 100 - 1e-9) / 10);
}
