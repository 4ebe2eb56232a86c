import { describe, expect, it } from 'vitest';
import { parsePipeline } from './parse';
import {
  HARDWARE_PRESETS,
  HARDWARE_PRESET_NAMES,
  PRICE_PER_CORE_HOUR,
  hardwareFromPreset,
  hardwarePricePerHour,
} from './presets';

const explicit = { cores: 4, diskMBps: 100, networkInMBps: 100, networkOutMBps: 100 };

describe('hardware prices', () => {
  it('every preset has a plausible hourly price', () => {
    for (const name of HARDWARE_PRESET_NAMES) {
      const p = HARDWARE_PRESETS[name].pricePerHour;
      expect(p).toBeGreaterThan(0.05);
      expect(p).toBeLessThan(5);
    }
  });

  it('a document without prices stays valid and its machines take their preset price', () => {
    const r = parsePipeline({ version: 1, cluster: { brokers: [{ id: 'b' }] } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const h = r.doc.cluster.brokers[0]!.hardware;
    expect(h.pricePerHour).toBeUndefined();
    expect(hardwarePricePerHour(h)).toBe(HARDWARE_PRESETS['cloud-2024'].pricePerHour);
    // The preset's numbers are copied into the document, its price is not (it follows the preset).
    expect(hardwareFromPreset('laptop').pricePerHour).toBeUndefined();
  });

  it('a price can be set on a machine and must not be negative', () => {
    const ok = parsePipeline({
      version: 1,
      cluster: { brokers: [{ id: 'b', hardware: { ...explicit, pricePerHour: 0.4 } }] },
    });
    expect(ok.ok && ok.doc.cluster.brokers[0]!.hardware.pricePerHour).toBe(0.4);
    const bad = parsePipeline({
      version: 1,
      cluster: { brokers: [{ id: 'b', hardware: { ...explicit, pricePerHour: -1 } }] },
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.join()).toMatch(/pricePerHour/);
  });

  it('a machine with neither price nor preset is priced by its cores', () => {
    expect(hardwarePricePerHour({ cores: 6 })).toBeCloseTo(6 * PRICE_PER_CORE_HOUR, 12);
    expect(hardwarePricePerHour({ cores: 6, preset: 'laptop', pricePerHour: 0 })).toBe(0);
  });
});
