// Open, save, examples, share link, PNG export. (placeholder)
export function DocumentMenu() {
  return null;
}
