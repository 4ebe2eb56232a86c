// Loads the first document (share link, then autosave, then empty) and keeps autosave running.
// (placeholder until persistence lands)
/** Called once when the app mounts. Returns a function that stops autosave. */
export function startPersistence(): () => void {
  return () => {};
}
