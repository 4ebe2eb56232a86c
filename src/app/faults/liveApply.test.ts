import { describe, expect, it } from 'vitest';
import type { Fault, Pipeline } from '../../model';
import { testDoc } from '../canvas/testDoc';
import { classifyChange, faultTimeFromSimMs } from './liveApply';

const kill = (atSec: number, broker = 'b1'): Fault => ({ kind: 'brokerDown', atSec, broker });
const withFaults = (doc: Pipeline, faults: Fault[]): Pipeline => ({ ...doc, faults });

describe('classifyChange', () => {
  const base = withFaults(testDoc(), [kill(5)]);
  it('applies faults appended at or after the current time live', () => {
    const next = withFaults(base, [kill(5), kill(20, 'b2'), kill(30)]);
    expect(classifyChange(base, next, 20)).toEqual({ kind: 'addFaults', faults: [kill(20, 'b2'), kill(30)] });
  });
  it('restarts for a fault added in the past', () => {
    expect(classifyChange(base, withFaults(base, [kill(5), kill(19.9)]), 20)).toEqual({ kind: 'restart' });
  });
  it('restarts when a fault is removed or edited', () => {
    expect(classifyChange(base, withFaults(base, []), 1)).toEqual({ kind: 'restart' });
    expect(classifyChange(base, withFaults(base, [kill(6)]), 1)).toEqual({ kind: 'restart' });
  });
  it('restarts when a fault is inserted before the loaded ones (their order matters)', () => {
    expect(classifyChange(base, withFaults(base, [kill(50), kill(5)]), 1)).toEqual({ kind: 'restart' });
  });
  it('restarts when anything else the run depends on changed too', () => {
    const next = { ...withFaults(base, [kill(5), kill(30)]), run: { ...base.run, seed: 99 } };
    expect(classifyChange(base, next, 1)).toEqual({ kind: 'restart' });
  });
  it('needs nothing for layout or name changes', () => {
    expect(classifyChange(base, { ...base, name: 'other', layout: {} }, 1)).toEqual({ kind: 'none' });
  });
});

describe('faultTimeFromSimMs', () => {
  it('rounds up to the next tenth of a second, never before now', () => {
    expect(faultTimeFromSimMs(12_340)).toBe(12.4);
    expect(faultTimeFromSimMs(12_400)).toBe(12.4);
    expect(faultTimeFromSimMs(0)).toBe(0);
    for (const ms of [1, 99.9, 700.0001, 33_333.3])
      expect(faultTimeFromSimMs(ms) * 1000).toBeGreaterThanOrEqual(ms - 1e-6);
  });
});
