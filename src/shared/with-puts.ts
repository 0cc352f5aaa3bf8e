// A list of things with ids brought up to date with new versions of some and new ones: library.json with its
// journal in the core, the window's article list with the items that changed since it came.
/** `list` with each of `puts` in the place of the item with its id, or after them all when new, in order. */
export function withPuts<T extends { id: string }>(list: T[], puts: readonly T[]): T[] {
  if (puts.length === 0) return list;
  const next = list.slice();
  // One look through the list for a few changes; a map of every id when there are many (a journal read at open).
  const at = puts.length > 8 ? new Map(next.map((item, i) => [item.id, i])) : null;
  for (const item of puts) {
    const i = at ? (at.get(item.id) ?? -1) : next.findIndex((other) => other.id === item.id);
    if (i >= 0) {
      next[i] = item;
    } else {
      at?.set(item.id, next.length);
      next.push(item);
    }
  }
  return next;
}
