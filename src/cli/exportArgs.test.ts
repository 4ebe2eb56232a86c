import { describe, expect, it } from 'vitest';
import { parseExportArgs } from './exportArgs';

describe('parseExportArgs', () => {
  it('takes the file, the folder and the options', () => {
    expect(parseExportArgs(['doc.json', 'out'])).toEqual({
      ok: true,
      args: { file: 'doc.json', outDir: 'out', predict: true, durationSec: undefined },
    });
    expect(parseExportArgs(['--duration', '30', 'doc.json', 'out'])).toMatchObject({
      ok: true,
      args: { durationSec: 30, predict: true },
    });
    expect(parseExportArgs(['doc.json', 'out', '--no-predict'])).toMatchObject({
      ok: true,
      args: { predict: false },
    });
  });
  it('refuses what it cannot use, saying why', () => {
    expect(parseExportArgs([])).toEqual({ ok: false, error: 'no pipeline file given' });
    expect(parseExportArgs(['doc.json'])).toEqual({ ok: false, error: 'no output folder given' });
    expect(parseExportArgs(['a', 'b', 'c'])).toEqual({ ok: false, error: 'unexpected argument c' });
    expect(parseExportArgs(['a', 'b', '--zip'])).toEqual({ ok: false, error: 'unknown option --zip' });
    for (const d of ['0', '-5', 'x', '--no-predict'])
      expect(parseExportArgs(['a', 'b', '--duration', d])).toMatchObject({ ok: false });
    expect(parseExportArgs(['a', 'b', '--duration'])).toMatchObject({ ok: false });
    expect(parseExportArgs(['a', 'b', '--no-predict', '--duration', '5'])).toMatchObject({ ok: false });
  });
});
