import { describe, expect, it } from 'vitest';
import { AUTOSAVE_KEY } from '../persist/autosave';
import { chooseDock, dockBox, unionBox } from './guideLayout';
import { GUIDE_SEEN_KEY, markGuideSeen, shouldOpenOnStart, type GuideStorage } from './guideStorage';

function memory(entries: Record<string, string> = {}): GuideStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(entries));
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
  };
}

const refusing: GuideStorage = {
  getItem: () => {
    throw new DOMException('denied', 'SecurityError');
  },
  setItem: () => {
    throw new DOMException('denied', 'SecurityError');
  },
};

describe('whether the guide opens by itself', () => {
  it('opens on a first visit with no link', () => {
    expect(shouldOpenOnStart(memory(), '')).toBe(true);
    expect(shouldOpenOnStart(memory(), '#')).toBe(true);
  });
  it('stays closed for a share link, even on a first visit', () => {
    expect(shouldOpenOnStart(memory(), '#v1.abc')).toBe(false);
    // A broken link is still someone's link: the page says what is wrong with it, not a tour.
    expect(shouldOpenOnStart(memory(), '#garbage')).toBe(false);
  });
  it('stays closed once finished or skipped', () => {
    const s = memory();
    markGuideSeen(s, 'skipped');
    expect(s.data.get(GUIDE_SEEN_KEY)).toBe('skipped');
    expect(shouldOpenOnStart(s, '')).toBe(false);
  });
  it('stays closed when there is autosaved work (someone who has been here before)', () => {
    expect(shouldOpenOnStart(memory({ [AUTOSAVE_KEY]: '{}' }), '')).toBe(false);
  });
  it('stays closed, and does not throw, when storage is missing or refuses', () => {
    expect(shouldOpenOnStart(null, '')).toBe(false);
    expect(shouldOpenOnStart(refusing, '')).toBe(false);
    expect(() => markGuideSeen(refusing, 'finished')).not.toThrow();
    expect(() => markGuideSeen(null, 'finished')).not.toThrow();
  });
});

describe('where the card docks', () => {
  const desktop = { width: 1280, height: 720 };
  const phone = { width: 390, height: 844 };
  const card = { width: 340, height: 280 };
  it('takes the bottom right corner when the element is elsewhere', () => {
    expect(chooseDock({ left: 20, top: 8, width: 90, height: 32 }, card, desktop)).toBe('bottom-right');
    expect(chooseDock(null, card, desktop)).toBe('bottom-right');
  });
  it('moves away from an element in the bottom right', () => {
    expect(chooseDock({ left: 1000, top: 600, width: 200, height: 100 }, card, desktop)).toBe('bottom-left');
  });
  it('goes to the top when the element spans the whole bottom', () => {
    expect(chooseDock({ left: 0, top: 500, width: 1280, height: 200 }, card, desktop)).toBe('top-right');
  });
  it('never covers an element it could avoid: the chosen box and the element do not meet', () => {
    const targets = [
      { left: 0, top: 60, width: 300, height: 300 },
      { left: 900, top: 60, width: 380, height: 300 },
      { left: 100, top: 450, width: 500, height: 200 },
    ];
    for (const t of targets) {
      const box = dockBox(chooseDock(t, card, desktop), card, desktop);
      const apart =
        box.left + box.width <= t.left ||
        t.left + t.width <= box.left ||
        box.top + box.height <= t.top ||
        t.top + t.height <= box.top;
      expect(apart).toBe(true);
    }
  });
  it('is a sheet on a phone: at the bottom, or at the top when the element is low', () => {
    const sheet = { width: 390, height: 330 };
    expect(chooseDock({ left: 10, top: 10, width: 80, height: 30 }, sheet, phone)).toBe('sheet-bottom');
    expect(chooseDock({ left: 0, top: 600, width: 390, height: 200 }, sheet, phone)).toBe('sheet-top');
  });
  it('unions the boxes of several matches', () => {
    expect(
      unionBox([
        { left: 10, top: 10, width: 10, height: 10 },
        { left: 40, top: 5, width: 10, height: 30 },
      ]),
    ).toEqual({ left: 10, top: 5, width: 40, height: 30 });
    expect(unionBox([])).toBeNull();
  });
});
