/**
 * Canonical JSON: object keys sorted, no whitespace. The same value always gives the same text,
 * whichever order its keys were built or read back in (JSONB reorders keys).
 *
 * A value whose objects already hold their keys in sorted order (as the audit writer builds its
 * records) is written by JSON.stringify as it is; any other value by JSON.stringify with the sorted
 * list of all its keys as the replacer, which emits each object's keys in that list's order.
 */
export function canonicalJson(value: unknown): string {
  if (checkedInOrder(value)) return JSON.stringify(value);
  const keys = new Set<string>();
  collectKeys(value, keys);
  // The default sort compares UTF-16 code units, as `<` does on strings.
  return JSON.stringify(value, [...keys].sort());
}

/** Checks that the value has a canonical form (throws if not); true when its objects' keys are already sorted. */
function checkedInOrder(value: unknown): boolean {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return true;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('canonical JSON has no form for a non-finite number');
    return true;
  }
  if (Array.isArray(value)) {
    let inOrder = true;
    for (const item of value) inOrder = checkedInOrder(item) && inOrder;
    return inOrder;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    let inOrder = true;
    let previous: string | undefined;
    for (const key of Object.keys(value)) {
      if (previous !== undefined && !(previous < key)) inOrder = false;
      previous = key;
      const member = (value as Record<string, unknown>)[key];
      if (member !== undefined) inOrder = checkedInOrder(member) && inOrder;
    }
    return inOrder;
  }
  throw new Error(`canonical JSON has no form for a value of type ${typeof value}`);
}

function collectKeys(value: unknown, keys: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collectKeys(item, keys);
  } else if (typeof value === 'object' && value !== null) {
    for (const key of Object.keys(value)) {
      const member = (value as Record<string, unknown>)[key];
      if (member === undefined) continue;
      keys.add(key);
      collectKeys(member, keys);
    }
  }
}
