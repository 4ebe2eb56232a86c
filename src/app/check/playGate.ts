// When Play stops to show the pipeline check first. Only a run starting from the beginning is held
// (not resuming a paused one), only for gaps that hold Play, and only once per document: after "Run
// anyway", the same document runs without asking again until it is edited. A document the simulator
// refuses is held every time: there is no running it anyway, and the list says what to change.
import type { Pipeline } from '../../model';
import type { RunStatus } from '../../worker/protocol';
import { checkPipeline, holdsPlay, type Gap } from './gaps';

let acceptedDoc: Pipeline | undefined;

/**
 * The gaps to show before a run, or an empty list when Play should just play. `reported`: the
 * worker's refusals of this document (see shownGaps' reportedFor).
 */
export function gapsBeforePlay(doc: Pipeline, status: RunStatus, reported: readonly string[] = []): Gap[] {
  if (status === 'running' || status === 'paused') return [];
  const gaps = checkPipeline(doc, reported);
  if (gaps.some((g) => g.severity === 'error')) return gaps;
  if (doc === acceptedDoc) return [];
  return gaps.some(holdsPlay) ? gaps : [];
}

/** "Run anyway": this document runs as it is from now on. */
export function acceptGaps(doc: Pipeline): void {
  acceptedDoc = doc;
}
