// The pattern (CEP) and ML scoring stages: offered by the palette, created with the schema's
// defaults and readable ids, and drawn with a label of their own.
import { describe, expect, it } from 'vitest';
import { checkGraph, parsePipeline } from '../../model';
import { STAGE_LABELS } from './flowView';
import { addStage } from './nodeFactory';
import { paletteItem } from './paletteItems';
import { testDoc } from './testDoc';

describe('pattern and ML score stages', () => {
  it('are in the palette under the Spark job group', () => {
    expect(paletteItem('cep')?.place).toEqual({ stage: 'cep' });
    expect(paletteItem('score')?.place).toEqual({ stage: 'score' });
    expect(paletteItem('cep')?.group).toBe('Spark job');
    expect(STAGE_LABELS.cep).toBe('Pattern');
    expect(STAGE_LABELS.score).toBe('ML score');
  });

  it('go into a job before its sink stage with schema defaults, and the document stays valid', () => {
    const first = addStage(testDoc(), 'cep', { jobId: 'job' });
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    const second = addStage(first.doc, 'score', { jobId: 'job' });
    expect(second.ok).toBe(true);
    if (!second.ok) return;
    expect([first.id, second.id]).toEqual(['pattern-1', 'score-1']);
    const stages = second.doc.sparkJobs[0]!.stages;
    expect(stages.map((s) => s.kind)).toEqual(['map', 'cep', 'score', 'sink']);
    const cep = stages[1]!;
    const score = stages[2]!;
    expect(cep.kind === 'cep' && [cep.withinMs, cep.keyCardinality, cep.matchRate]).toEqual([
      60_000, 1000, 0.001,
    ]);
    expect(score.kind === 'score' && [score.modelBytes, score.refreshEveryBatches]).toEqual([10_000_000, 10]);
    expect(checkGraph(second.doc).errors).toEqual([]);
    const reparsed = parsePipeline(JSON.parse(JSON.stringify(second.doc)));
    expect(reparsed.ok ? [] : reparsed.errors).toEqual([]);
  });
});
