// Sharing a lesson (the open one, or one just written in the teacher form) copies its link to the
// clipboard; where the browser refuses (permissions, an insecure page), the link is shown in a
// field to copy by hand instead.
import { useState } from 'react';

/**
 * `copy(url)` puts the link on the clipboard and answers true, or keeps it as `link` for
 * `LinkToCopy` and answers false; `link` is null again after a copy that worked.
 */
export function useCopyLink() {
  const [link, setLink] = useState<string | null>(null);
  const copy = async (url: string): Promise<boolean> => {
    try {
      await navigator.clipboard.writeText(url);
      setLink(null);
      return true;
    } catch {
      setLink(url);
      return false;
    }
  };
  return { link, copy };
}

/** The link the browser would not copy, selected on focus. */
export function LinkToCopy({ link, testId }: { link: string; testId: string }) {
  return (
    <label className="lesson-link-field">
      The browser did not let Streamlab copy it; here it is to copy by hand:
      <input readOnly value={link} data-testid={testId} onFocus={(e) => e.currentTarget.select()} />
    </label>
  );
}
