// Autosave: the document goes to localStorage a moment after each change, so a reload loses nothing.
// Storage can be missing (disabled by the browser), full, or hold text that no longer parses; each
// case gets a message, and a saved text that cannot be read is moved aside, never thrown away.
import { parsePipelineText, type Pipeline } from '../../model';
import type { Notice } from '../store/documentStore';

export const AUTOSAVE_KEY = 'streamlab.autosave.v1';
/** Where an autosave that could not be read is kept, so it can still be rescued by hand. */
export const AUTOSAVE_BACKUP_KEY = 'streamlab.autosave.v1.unreadable';
export const AUTOSAVE_DELAY_MS = 300;

/** The part of the Web Storage API autosave uses (so tests can hand in a fake). */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export type RestoreResult =
  | { kind: 'empty'; canSave: boolean }
  | { kind: 'restored'; doc: Pipeline; warnings: string[]; canSave: true }
  | { kind: 'failed'; notice: Notice; canSave: boolean };

/** The browser's localStorage, or undefined when the browser refuses it (privacy settings, sandbox). */
export function browserStorage(): KeyValueStorage | undefined {
  try {
    const storage = window.localStorage;
    storage.getItem(AUTOSAVE_KEY); // some browsers only refuse on first use
    return storage;
  } catch {
    return undefined;
  }
}

export function restoreAutosave(storage: KeyValueStorage | undefined): RestoreResult {
  if (!storage) return { kind: 'failed', canSave: false, notice: UNAVAILABLE };
  let text: string | null;
  try {
    text = storage.getItem(AUTOSAVE_KEY);
  } catch {
    return { kind: 'failed', canSave: false, notice: UNAVAILABLE };
  }
  if (text === null) return { kind: 'empty', canSave: true };

  const parsed = parsePipelineText(text, { draft: true });
  if (parsed.ok)
    return {
      kind: 'restored',
      doc: parsed.doc,
      warnings: [...parsed.problems, ...parsed.warnings],
      canSave: true,
    };

  const reason = parsed.errors.slice(0, 3).join('; ');
  try {
    storage.setItem(AUTOSAVE_BACKUP_KEY, text);
    storage.removeItem(AUTOSAVE_KEY);
  } catch {
    // Could not move it aside: leave it where it is and save nothing over it this session.
    return {
      kind: 'failed',
      canSave: false,
      notice: {
        kind: 'error',
        text: `The autosaved pipeline could not be read (${reason}). It was left in browser storage untouched, so autosave is off for now: save your work to a file.`,
      },
    };
  }
  return {
    kind: 'failed',
    canSave: true,
    notice: {
      kind: 'error',
      text: `The autosaved pipeline could not be read (${reason}), so Streamlab started with an empty one. The unreadable text was kept in browser storage under "${AUTOSAVE_BACKUP_KEY}".`,
    },
  };
}

const UNAVAILABLE: Notice = {
  kind: 'error',
  text: 'This browser does not allow Streamlab to use local storage, so work is not autosaved: save it to a file before you leave.',
};

export interface AutosaveOptions {
  storage: KeyValueStorage;
  /** Calls back with each new document; returns a function that stops listening. */
  subscribe: (onDocument: (doc: Pipeline) => void) => () => void;
  getDocument: () => Pipeline;
  report: (notice: Notice) => void;
  delayMs?: number;
}

export interface Autosave {
  /** Writes a pending change now (the page is being hidden or closed). */
  flush(): void;
  stop(): void;
}

/** Saves the document `delayMs` after the last change, one write per burst of edits. */
export function startAutosave(options: AutosaveOptions): Autosave {
  const { storage, getDocument, report, delayMs = AUTOSAVE_DELAY_MS } = options;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failing = false;

  const write = () => {
    timer = undefined;
    try {
      storage.setItem(AUTOSAVE_KEY, JSON.stringify(getDocument()));
      failing = false;
    } catch (e) {
      // One message per run of failures, not one per keystroke.
      if (failing) return;
      failing = true;
      const full = e instanceof DOMException && (e.name === 'QuotaExceededError' || e.code === 22);
      report({
        kind: 'error',
        text: full
          ? 'Autosave failed: the browser storage is full. Save the pipeline to a file to keep it.'
          : 'Autosave failed: the browser refused to store the pipeline. Save it to a file to keep it.',
      });
    }
  };

  const unsubscribe = options.subscribe(() => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(write, delayMs);
  });

  const flush = () => {
    if (timer === undefined) return;
    clearTimeout(timer);
    write();
  };
  return {
    flush,
    stop() {
      unsubscribe();
      flush();
    },
  };
}
