// Autosave: restoring full and minimal documents, the corrupted, missing and full storage cases,
// and the debounce that writes once per burst of edits.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Pipeline } from '../../model';
import type { Notice } from '../store/documentStore';
import { emptyDocument } from '../store/emptyDocument';
import {
  AUTOSAVE_BACKUP_KEY,
  AUTOSAVE_KEY,
  restoreAutosave,
  startAutosave,
  type KeyValueStorage,
} from './autosave';

class MemoryStorage implements KeyValueStorage {
  readonly items = new Map<string, string>();
  writes = 0;
  /** Throws on setItem once the total stored text passes this many characters. */
  constructor(private readonly quotaChars = Infinity) {}
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    let used = value.length;
    for (const [k, v] of this.items) if (k !== key) used += v.length;
    if (used > this.quotaChars) throw new DOMException('quota', 'QuotaExceededError');
    this.writes++;
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

const MINIMAL = '{"version":1,"name":"seeded","cluster":{"brokers":[{"id":"b1"}]}}';

describe('restoreAutosave', () => {
  it('restores a minimal plain document, filling in the defaults', () => {
    const storage = new MemoryStorage();
    storage.setItem(AUTOSAVE_KEY, MINIMAL);
    const result = restoreAutosave(storage);
    expect(result.kind).toBe('restored');
    if (result.kind !== 'restored') return;
    expect(result.doc.name).toBe('seeded');
    // 8 cores is the cloud-2024 preset, which the schema uses when hardware is left out.
    expect(result.doc.cluster.brokers[0]?.hardware.cores).toBe(8);
    expect(result.doc.run).toEqual({ seed: 1, durationSec: 60 });
  });

  it('restores a full normalised document unchanged', () => {
    const storage = new MemoryStorage();
    const doc: Pipeline = { ...emptyDocument(), name: 'full', run: { seed: 42, durationSec: 90 } };
    storage.setItem(AUTOSAVE_KEY, JSON.stringify(doc));
    const result = restoreAutosave(storage);
    expect(result.kind === 'restored' && result.doc).toEqual(doc);
  });

  it('restores work in progress whose graph cannot run yet, and says what to fix', () => {
    const storage = new MemoryStorage();
    const draft = {
      version: 1,
      cluster: { brokers: [{ id: 'b1' }] },
      topics: [{ id: 't' }],
      producers: [{ id: 'p', rate: { recordsPerSec: 10 } }],
      edges: [
        { from: 'p', to: 't' },
        { from: 'p', to: 't' },
      ],
    };
    storage.setItem(AUTOSAVE_KEY, JSON.stringify(draft));
    const result = restoreAutosave(storage);
    expect(result.kind).toBe('restored');
    if (result.kind !== 'restored') return;
    expect(result.doc.edges).toHaveLength(2);
    expect(result.warnings.join('\n')).toContain('listed twice');
    expect(storage.items.has(AUTOSAVE_BACKUP_KEY)).toBe(false);
  });

  it('starts empty when nothing was saved', () => {
    expect(restoreAutosave(new MemoryStorage())).toEqual({ kind: 'empty', canSave: true });
  });

  it('moves a corrupted value to the backup key and says so', () => {
    const storage = new MemoryStorage();
    const corrupted = '{"version":1,"cluster":{"brokers":[{"id":"b1"}]'; // cut short
    storage.setItem(AUTOSAVE_KEY, corrupted);
    const result = restoreAutosave(storage);
    expect(result.kind).toBe('failed');
    if (result.kind !== 'failed') return;
    expect(result.canSave).toBe(true);
    expect(result.notice.kind).toBe('error');
    expect(result.notice.text).toContain('not valid JSON');
    expect(result.notice.text).toContain(AUTOSAVE_BACKUP_KEY);
    expect(storage.getItem(AUTOSAVE_BACKUP_KEY)).toBe(corrupted);
    expect(storage.getItem(AUTOSAVE_KEY)).toBeNull();
  });

  it('names the field when the saved document is invalid', () => {
    const storage = new MemoryStorage();
    storage.setItem(
      AUTOSAVE_KEY,
      '{"version":1,"cluster":{"brokers":[{"id":"b1"}]},"topics":[{"id":"t","partitions":0}]}',
    );
    const result = restoreAutosave(storage);
    expect(result.kind === 'failed' && result.notice.text).toContain('topics[0] ("t").partitions');
  });

  it('leaves a corrupted value in place, and turns saving off, when it cannot be backed up', () => {
    const storage = new MemoryStorage(10);
    storage.items.set(AUTOSAVE_KEY, 'not json at all');
    const result = restoreAutosave(storage);
    expect(result).toMatchObject({ kind: 'failed', canSave: false });
    expect(storage.getItem(AUTOSAVE_KEY)).toBe('not json at all');
  });

  it('reports storage the browser refuses', () => {
    const refusing: KeyValueStorage = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => undefined,
      removeItem: () => undefined,
    };
    for (const storage of [undefined, refusing]) {
      const result = restoreAutosave(storage);
      expect(result).toMatchObject({ kind: 'failed', canSave: false });
      expect(result.kind === 'failed' && result.notice.text).toContain('not autosaved');
    }
  });
});

describe('startAutosave', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function harness(storage: MemoryStorage) {
    let doc = emptyDocument();
    const listeners = new Set<(d: Pipeline) => void>();
    const notices: Notice[] = [];
    const autosave = startAutosave({
      storage,
      subscribe: (fn) => {
        listeners.add(fn);
        return () => listeners.delete(fn);
      },
      getDocument: () => doc,
      report: (n) => notices.push(n),
      delayMs: 300,
    });
    const edit = (name: string) => {
      doc = { ...doc, name };
      listeners.forEach((fn) => fn(doc));
    };
    return { autosave, edit, notices, listeners };
  }

  it('writes once, 300 ms after the last of a burst of edits', () => {
    const storage = new MemoryStorage();
    const { edit } = harness(storage);
    edit('a');
    vi.advanceTimersByTime(200);
    edit('ab');
    vi.advanceTimersByTime(299);
    expect(storage.writes).toBe(0);
    vi.advanceTimersByTime(1);
    expect(storage.writes).toBe(1);
    expect(JSON.parse(storage.getItem(AUTOSAVE_KEY) ?? '{}')).toMatchObject({ name: 'ab' });
  });

  it('flush writes a pending change at once; stop flushes and stops listening', () => {
    const storage = new MemoryStorage();
    const { autosave, edit, listeners } = harness(storage);
    autosave.flush();
    expect(storage.writes).toBe(0); // nothing pending, nothing written
    edit('x');
    autosave.flush();
    expect(storage.writes).toBe(1);
    edit('y');
    autosave.stop();
    expect(JSON.parse(storage.getItem(AUTOSAVE_KEY) ?? '{}')).toMatchObject({ name: 'y' });
    expect(listeners.size).toBe(0);
  });

  it('reports a full storage once, not on every failed write', () => {
    const storage = new MemoryStorage(50);
    const { edit, notices } = harness(storage);
    for (const name of ['a', 'b', 'c']) {
      edit(name);
      vi.advanceTimersByTime(300);
    }
    expect(notices).toHaveLength(1);
    expect(notices[0]?.text).toContain('storage is full');
    expect(storage.getItem(AUTOSAVE_KEY)).toBeNull();
  });
});
