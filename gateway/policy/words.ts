/** Plain words for reasons a person reads. */

const NUMBER_WORDS = ['none', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** 0 → "none", 2 → "two", 12 → "12". */
export function inWords(n: number): string {
  return NUMBER_WORDS[n] ?? String(n);
}

/** ["a", "b"] → '"a", "b"'; [] → "none". */
export function quotedList(items: readonly string[]): string {
  return items.length === 0 ? 'none' : items.map((item) => `"${item}"`).join(', ');
}
