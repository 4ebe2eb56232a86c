import { describe, expect, it } from 'vitest';
import type { Fault } from '../../model';
import { testDoc } from '../canvas/testDoc';
import { observe } from './guideStore';

describe('what the guide sees of the app', () => {
  const faults: Fault[] = [
    { kind: 'brokerDown', broker: 'b1', atSec: 10, durationSec: 5 },
    { kind: 'brokerDown', broker: 'b3', atSec: 12 },
    { kind: 'slowDisk', broker: 'b2', atSec: 1, durationSec: 100, factor: 4 },
  ];
  const doc = { ...testDoc(), faults };
  const at = (simMs: number) => observe({ doc, generation: 7 }, { status: 'running', simMs });

  it('counts the brokers the fault timeline has down at the run time', () => {
    expect(at(9_999).brokersDown).toBe(0);
    expect(at(10_000).brokersDown).toBe(1);
    expect(at(12_500).brokersDown).toBe(2);
    // b1 is back at 15 s; b3 never comes back; a slow disk is not down.
    expect(at(15_000).brokersDown).toBe(1);
  });

  it('passes on the document generation, the run, and every fault start in order', () => {
    const o = at(3000);
    expect(o).toMatchObject({ generation: 7, status: 'running', simMs: 3000 });
    expect(o.faultStartsSec).toEqual([10, 12, 1]);
  });
});
