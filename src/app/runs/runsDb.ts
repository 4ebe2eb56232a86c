// Where kept runs live: an interface with two implementations, the browser's IndexedDB (kept across
// visits) and plain memory (tests, and the fallback when IndexedDB cannot be opened, as in some
// private windows). The IndexedDB side is a thin promise wrapper over the native API.
import type { SavedRun } from './types';

export interface RunsBackend {
  /** Every kept run, in no particular order. */
  all(): Promise<SavedRun[]>;
  put(run: SavedRun): Promise<void>;
  remove(ids: readonly string[]): Promise<void>;
  /** True when runs survive a reload. */
  readonly persistent: boolean;
}

/** A backend in memory: lost on reload. Runs are cloned in and out, as IndexedDB would. */
export function memoryBackend(): RunsBackend {
  const runs = new Map<string, SavedRun>();
  return {
    persistent: false,
    all: () => Promise.resolve([...runs.values()].map((r) => structuredClone(r))),
    put: (run) => {
      runs.set(run.id, structuredClone(run));
      return Promise.resolve();
    },
    remove: (ids) => {
      for (const id of ids) runs.delete(id);
      return Promise.resolve();
    },
  };
}

const DB_NAME = 'streamlab-runs';
const DB_VERSION = 1;
const STORE = 'runs';

/** The result of one request, as a promise. */
function settle<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

/** Resolves once a transaction has committed. */
function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

function openDb(factory: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE, { keyPath: 'id' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'));
    request.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
  });
}

/**
 * The IndexedDB backend, or null when the browser has no IndexedDB or refuses to open it (some
 * private windows do): the caller falls back to memory and says so.
 */
export async function indexedDbBackend(
  factory: IDBFactory | undefined = globalThis.indexedDB,
): Promise<RunsBackend | null> {
  if (!factory) return null;
  let db: IDBDatabase;
  try {
    db = await openDb(factory);
  } catch {
    return null;
  }
  return {
    persistent: true,
    async all() {
      const tx = db.transaction(STORE, 'readonly');
      return settle(tx.objectStore(STORE).getAll() as IDBRequest<SavedRun[]>);
    },
    async put(run) {
      const tx = db.transaction(STORE, 'readwrite');
      tx.objectStore(STORE).put(run);
      await committed(tx);
    },
    async remove(ids) {
      if (ids.length === 0) return;
      const tx = db.transaction(STORE, 'readwrite');
      const store = tx.objectStore(STORE);
      for (const id of ids) store.delete(id);
      await committed(tx);
    },
  };
}
