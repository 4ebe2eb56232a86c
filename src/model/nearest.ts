// "Did you mean ...?": the allowed name closest to what was typed, when one is close enough.

/** Past this many characters nothing is suggested: the cost of the comparison stays bounded. */
const MAX_COMPARED = 64;

/** Case, spaces, dots, dashes and underscores do not count: "LINGER_MS" is close to "linger.ms". */
const fold = (text: string): string => text.toLowerCase().replace(/[\s._-]/g, '');

/** Levenshtein distance (insert, delete, replace one character), or `limit + 1` once it is past `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowBest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(d);
      rowBest = Math.min(rowBest, d);
    }
    if (rowBest > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The candidate nearest to `typed`: one that differs only in case or separators; or the only one
 * that starts with what was typed ("cloud" finds "cloud-2024"); or else the one within a third of
 * its length in edits ("acs" finds "acks"; a name under three characters gets no edits). Undefined
 * when nothing is that close, so a wild guess is never offered.
 */
export function nearest(typed: string, candidates: readonly string[]): string | undefined {
  if (typed.length === 0 || typed.length > MAX_COMPARED) return undefined;
  const folded = fold(typed);
  let best: string | undefined;
  let bestDistance = Infinity;
  const extending = candidates.filter((c) => folded.length >= 3 && fold(c).startsWith(folded));
  for (const candidate of candidates) {
    if (candidate === typed) continue;
    const other = fold(candidate);
    if (other === folded) return candidate;
    const limit = Math.floor(other.length / 3);
    const d = editDistance(folded, other, limit);
    if (d <= limit && d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best ?? (extending.length === 1 ? extending[0] : undefined);
}
