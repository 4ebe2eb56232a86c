// A judged goal as plain text, one line per condition with its figure and target, and the lesson's
// explanation of the outcome under it: what the command line prints (and what any text view can).
import type { GoalResult } from './judge';

/** Lines for one judged document: per seed, each condition met (✓) or missed (✗) and why. */
export function goalReportLines(result: GoalResult): string[] {
  if (result.locked.length > 0)
    return [`  not judged: it changes settings the lesson keeps fixed: ${result.locked.join(', ')}`];
  const lines: string[] = [];
  for (const seed of result.seeds) {
    lines.push(`  seed ${seed.seed}: goal ${seed.met ? 'met' : 'missed'}`);
    for (const c of seed.conditions) {
      lines.push(`    ${c.met ? '✓' : '✗'} ${c.label}: ${c.shown} (target ${c.target})`);
      if (c.problem) lines.push(`      ${c.problem}`);
      if (c.explanation) lines.push(`      ${c.explanation}`);
    }
  }
  return lines;
}
