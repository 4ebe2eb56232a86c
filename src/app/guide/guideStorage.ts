// Whether the guide opens by itself: only on a person's first visit. One key in localStorage
// remembers that it was finished or skipped. Browser storage can be missing or refuse (private
// modes, blocked cookies), so every access is guarded and a failure never breaks the page.
import { AUTOSAVE_KEY } from '../persist/autosave';
import { hashHasLink } from '../persist/shareLink';

/** Set once the guide has been finished or skipped; e2e/README.md explains how tests use it. */
export const GUIDE_SEEN_KEY = 'streamlab.guide.v1';

export type GuideStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** localStorage, or null when this browser will not let the page use it. */
export function guideStorage(): GuideStorage | null {
  try {
    const storage = window.localStorage;
    storage.getItem(GUIDE_SEEN_KEY); // some browsers only refuse on first use
    return storage;
  } catch {
    return null;
  }
}

/**
 * Whether to open the guide when the page loads. Not when:
 * - the page was opened from a share link (a colleague's pipeline should be shown, not a tour);
 * - storage is unavailable (the guide could not remember being skipped, and would come back on
 *   every visit; the Guide button still opens it);
 * - the guide was finished or skipped before, or there is autosaved work (not a first visit).
 */
export function shouldOpenOnStart(storage: GuideStorage | null, hash: string): boolean {
  if (hashHasLink(hash) || !storage) return false;
  try {
    return storage.getItem(GUIDE_SEEN_KEY) === null && storage.getItem(AUTOSAVE_KEY) === null;
  } catch {
    return false;
  }
}

/** Remembers that the guide was seen to its end or skipped; a refusal is ignored. */
export function markGuideSeen(storage: GuideStorage | null, how: 'finished' | 'skipped'): void {
  try {
    storage?.setItem(GUIDE_SEEN_KEY, how);
  } catch {
    // Nothing to do: the guide just may open again next time.
  }
}
