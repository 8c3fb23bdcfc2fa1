/**
 * Canonical JSON: object keys sorted, no whitespace. The same value always gives the same text,
 * whichever order its keys were built or read back in (JSONB reorders keys).
 *
 * One pass checks the value and collects every object key; JSON.stringify then writes it with
 * that sorted key list as its replacer, which emits each object's keys in the list's order.
 */
export function canonicalJson(value: unknown): string {
  const keys = new Set<string>();
  check(value, keys);
  // The default sort compares UTF-16 code units, as `<` does on strings.
  return JSON.stringify(value, [...keys].sort());
}

function check(value: unknown, keys: Set<string>): void {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('canonical JSON has no form for a non-finite number');
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) check(item, keys);
    return;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const key of Object.keys(value)) {
      const member = (value as Record<string, unknown>)[key];
      if (member === undefined) continue;
      keys.add(key);
      check(member, keys);
    }
    return;
  }
  throw new Error(`canonical JSON has no form for a value of type ${typeof value}`);
}
