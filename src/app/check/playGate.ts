// When Play stops to show the pipeline check first. Only a run starting from the beginning is held
// (not resuming a paused one), only for gaps that hold Play, and only once per document: after "Run
// anyway", the same document runs without asking again until it is edited.
import type { Pipeline } from '../../model';
import type { RunStatus } from '../../worker/protocol';
import { checkPipeline, holdsPlay, type Gap } from './gaps';

let acceptedDoc: Pipeline | undefined;

/** The gaps to show before a run, or an empty list when Play should just play. */
export function gapsBeforePlay(doc: Pipeline, status: RunStatus): Gap[] {
  if (status === 'running' || status === 'paused') return [];
  if (doc === acceptedDoc) return [];
  const gaps = checkPipeline(doc);
  return gaps.some(holdsPlay) ? gaps : [];
}

/** "Run anyway": this document runs as it is from now on. */
export function acceptGaps(doc: Pipeline): void {
  acceptedDoc = doc;
}
