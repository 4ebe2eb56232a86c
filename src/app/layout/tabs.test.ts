import { describe, expect, it } from 'vitest';
import { loadTab, saveTab, tabAfterKey, type ResultsTab } from './tabs';

const TABS: ResultsTab[] = ['charts', 'cluster', 'faults'];

function memory(): Storage {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
  } as Storage;
}

describe('results tabs', () => {
  it('arrow keys wrap around, Home and End jump to the ends, other keys do nothing', () => {
    expect(tabAfterKey('ArrowRight', 'charts', TABS)).toBe('cluster');
    expect(tabAfterKey('ArrowRight', 'faults', TABS)).toBe('charts');
    expect(tabAfterKey('ArrowLeft', 'charts', TABS)).toBe('faults');
    expect(tabAfterKey('Home', 'faults', TABS)).toBe('charts');
    expect(tabAfterKey('End', 'charts', TABS)).toBe('faults');
    expect(tabAfterKey('Enter', 'charts', TABS)).toBeNull();
  });

  it('remembers the chosen tab, and falls back to the first when the saved one is gone or storage fails', () => {
    const s = memory();
    expect(loadTab(TABS, s)).toBe('charts');
    saveTab('faults', s);
    expect(loadTab(TABS, s)).toBe('faults');
    expect(loadTab(['charts', 'cluster'], s)).toBe('charts');
    const broken = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('blocked');
      },
    } as unknown as Storage;
    expect(loadTab(TABS, broken)).toBe('charts');
    expect(() => saveTab('cluster', broken)).not.toThrow();
    expect(loadTab(TABS, null)).toBe('charts');
  });
});
