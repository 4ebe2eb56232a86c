export function SearchSection() {
  return null;
}
