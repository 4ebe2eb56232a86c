import { describe, expect, it } from 'vitest';
import { brokerSchema } from '../../model/schema/cluster';
import { compact, edgeWidth, heatColour, lagHeat, plannedLeaders } from './format';

describe('canvas formatting', () => {
  it('shortens numbers for small spaces', () => {
    expect([
      compact(0),
      compact(7.25),
      compact(950),
      compact(1234),
      compact(56_000),
      compact(3_400_000),
    ]).toEqual(['0', '7.3', '950', '1.2k', '56k', '3.4M']);
  });

  it('lag heat is 0 without lag, grows with it and saturates at 1', () => {
    expect(lagHeat(0)).toBe(0);
    expect(lagHeat(-5)).toBe(0);
    expect(lagHeat(100)).toBeGreaterThan(lagHeat(10));
    expect(lagHeat(1e9)).toBe(1);
    expect(heatColour(0)).toBe('hsl(130 70% 45%)');
    expect(heatColour(1)).toBe('hsl(0 70% 45%)');
  });

  it('edges get thicker with throughput, on a log scale', () => {
    expect(edgeWidth(0)).toBe(1.5);
    expect(edgeWidth(1000)).toBeGreaterThan(edgeWidth(10));
    expect(edgeWidth(1e6)).toBeLessThan(10);
  });

  it('places leaders round-robin starting one broker further per topic, as the engine does', () => {
    const brokers = ['a', 'b', 'c'].map((id) => brokerSchema.parse({ id }));
    expect(plannedLeaders(0, 4, brokers)).toEqual(['a', 'b', 'c', 'a']);
    expect(plannedLeaders(1, 3, brokers)).toEqual(['b', 'c', 'a']);
  });
});
