// The progress line: figures worked out by hand from the state given.
import { describe, expect, it } from 'vitest';
import { duration, progressLine, progressWriter } from './progress';

describe('progressLine', () => {
  it('shows how far, how fast and how long is left', () => {
    // 12 of 60 simulated s in 0.4 wall s: 30x real time; 48 s left at 30x is 1.6 s, shown as 2 s.
    expect(progressLine({ simulatedMs: 12_000, endMs: 60_000, wallMs: 400 })).toBe(
      '12 of 60 simulated s (20%), 30x real time, about 2 s left',
    );
  });

  it('slower than real time: a fraction and a long wait', () => {
    // 2.5 s in 10 s: 0.25x; 3597.5 s left at 0.25x is 14,390 s = 3 h 59 min.
    expect(progressLine({ simulatedMs: 2500, endMs: 3_600_000, wallMs: 10_000 })).toBe(
      '2.5 of 3600 simulated s (0%), 0.25x real time, about 3 h 59 min left',
    );
  });

  it('before the first slice, and at the end', () => {
    expect(progressLine({ simulatedMs: 0, endMs: 60_000, wallMs: 0 })).toBe(
      '0.0 of 60 simulated s (0%), starting',
    );
    expect(progressLine({ simulatedMs: 60_000, endMs: 60_000, wallMs: 20_000 })).toBe(
      '60 of 60 simulated s (100%), 3.0x real time, done',
    );
  });

  it('words durations', () => {
    expect(duration(45_000)).toBe('45 s');
    expect(duration(200_000)).toBe('3 min 20 s');
    expect(duration(7_500_000)).toBe('2 h 5 min');
  });
});

describe('progressWriter', () => {
  it('writes a line at most every 250 ms of wall time off a terminal, and the final state', () => {
    const out: string[] = [];
    const w = progressWriter((t) => out.push(t), false);
    const at = (wallMs: number) => ({ simulatedMs: wallMs * 10, endMs: 10_000, wallMs });
    w.update(at(0), true);
    w.update(at(100));
    w.update(at(249));
    w.update(at(250));
    w.update(at(400));
    w.finish(at(1000));
    expect(out).toHaveLength(3);
    expect(out.every((line) => line.startsWith('simulate: ') && line.endsWith('\n'))).toBe(true);
    expect(out[1]).toContain('2.5 of 10 simulated s');
    expect(out[2]).toContain('done');
  });

  it('on a terminal rewrites one line and clears it at the end', () => {
    const out: string[] = [];
    const w = progressWriter((t) => out.push(t), true);
    w.update({ simulatedMs: 1000, endMs: 2000, wallMs: 100 }, true);
    w.finish({ simulatedMs: 2000, endMs: 2000, wallMs: 200 });
    expect(out[0]!.startsWith('\r\x1b[2Ksimulate: 1.0 of 2.0 simulated s')).toBe(true);
    expect(out[0]).not.toContain('\n');
    expect(out[1]).toBe('\r\x1b[2K');
  });
});
