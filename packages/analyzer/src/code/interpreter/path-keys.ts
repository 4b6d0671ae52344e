/** `join(a, b)` of path keys, with `.` and empty segments dropped. */
export function joinPathKeys(parts: readonly string[]): string {
  const joined = parts
    .flatMap((part) => part.split('/'))
    .filter((segment) => segment !== '' && segment !== '.')
    .join('/');
  return parts[0]?.startsWith('/') ? `/${joined}` : joined;
}
