// The results pane's tabs: which exist, which is chosen (remembered across visits), and how the
// arrow keys move between them (the WAI-ARIA tabs pattern: one tab stop, arrows move, Home/End).

export type ResultsTab = 'charts' | 'cluster' | 'faults' | 'check' | 'runs' | 'sweep' | 'measured';

const STORAGE_KEY = 'streamlab.resultsTab';

export function loadTab(
  available: readonly ResultsTab[],
  storage: Pick<Storage, 'getItem'> | null,
): ResultsTab {
  let saved: string | null;
  try {
    saved = storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    saved = null; // storage blocked: start on the first tab
  }
  return (available as readonly string[]).includes(saved ?? '') ? (saved as ResultsTab) : available[0]!;
}

export function saveTab(tab: ResultsTab, storage: Pick<Storage, 'setItem'> | null): void {
  try {
    storage?.setItem(STORAGE_KEY, tab);
  } catch {
    // storage full or blocked: the choice lasts for this visit only
  }
}

/** The tab a key press moves to from `current`, or null when the key is not a tab key. */
export function tabAfterKey(
  key: string,
  current: ResultsTab,
  available: readonly ResultsTab[],
): ResultsTab | null {
  const i = available.indexOf(current);
  const n = available.length;
  if (n === 0) return null;
  switch (key) {
    case 'ArrowRight':
      return available[(i + 1) % n]!;
    case 'ArrowLeft':
      return available[(i - 1 + n) % n]!;
    case 'Home':
      return available[0]!;
    case 'End':
      return available[n - 1]!;
    default:
      return null;
  }
}
