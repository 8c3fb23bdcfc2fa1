/**
 * Numbers that look like a BSN (burgerservicenummer), wherever people type text or ids: a caller's
 * id, a case reason, a finding, a justification. A BSN is nine digits d1..d9 with
 * 9*d1 + 8*d2 + ... + 2*d8 - d9 divisible by 11 (the "11-test").
 *
 * Looks like a BSN:
 * - nine digits that pass the 11-test, written together or in groups separated by single spaces,
 *   dots, dashes, commas or slashes ("999990007", "9999.90.007", "9999 90 226", "999-990-007",
 *   "999,990,007", "999/990/007");
 * - any number of exactly eight or nine digits written together, whether or not it passes the test
 *   (a mistyped or shortened BSN is still about a person).
 * Longer digit runs (a 16-digit BAG address id, an IBAN) are not BSNs, and no group of them is.
 */

const PLAIN = /(?<!\d)\d{8,9}(?!\d)/;
const DIGIT = /\p{Nd}/u;
const NON_ASCII = /[^\x00-\x7f]/;
/** A run of separators people put between digit groups: any space, dots, any dash, underscores, commas, slashes. */
const SEPARATORS = /[\s.,/\-\u2010-\u2015\u2212_]+/gu;

/**
 * The text as the checks read it: compatibility forms folded (full-width digits, a no-break
 * space), digits of any script as ASCII digits, and every run of separators as one space, so that
 * "999\u00a0990\u00a0007", "999 – 990 – 007" and "９９９９９０００７" are read as the BSN they spell.
 */
function normalised(text: string): string {
  const ascii = NON_ASCII.test(text) ? text.normalize('NFKC').replace(/\p{Nd}/gu, asciiDigit) : text;
  return ascii.replace(SEPARATORS, (run) => (run === '.' || run === '-' ? run : ' '));
}

/** A decimal digit of any script as an ASCII digit: its place in its block of ten. */
function asciiDigit(digit: string): string {
  const code = digit.codePointAt(0)!;
  let zero = code;
  while (code - zero < 9 && DIGIT.test(String.fromCodePoint(zero - 1))) zero -= 1;
  return String((code - zero) % 10);
}
/** Digit groups joined by single separators: "9999.90.007", "12 34". */
const GROUPED = /\d+(?:[ .-]\d+)*/g;

/** Whether nine digits pass the 11-test. */
export function passesElevenTest(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || digits === '000000000') return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * Number(digits[i]);
  return (sum - Number(digits[8])) % 11 === 0;
}

/** Whether the text holds a number that looks like a BSN, in any of the spellings above. */
export function containsBsnLike(raw: string): boolean {
  const text = normalised(raw);
  if (PLAIN.test(text)) return true;
  for (const [run] of text.matchAll(GROUPED)) {
    const groups = run.split(/[ .-]/);
    for (let start = 0; start < groups.length; start++) {
      let digits = '';
      for (let end = start; end < groups.length && digits.length < 9; end++) {
        digits += groups[end];
        if (digits.length === 9 && passesElevenTest(digits)) return true;
      }
    }
  }
  return false;
}

/** A run of digits of any script or form, with separators between its groups. */
const DIGIT_GROUPS = /[\p{Nd}]+(?:[\s.\-\u2010-\u2015\u2212_]+[\p{Nd}]+)*/gu;
const DIGITS = /\p{Nd}/gu;

/**
 * The text with every run of digit groups that holds a BSN-like number, in any of the spellings
 * containsBsnLike reads, replaced by `replacement`; the rest of the text as it was.
 */
export function removeBsnLike(text: string, replacement: string): string {
  // A run of fewer than eight digits holds no BSN-like number: most runs (dates, amounts) end there.
  return text.replace(DIGIT_GROUPS, (run) => (run.match(DIGITS)!.length >= 8 && containsBsnLike(run) ? replacement : run));
}

/**
 * Whether an identifier (a caller's id) looks like a BSN: as a whole, eight or nine digits in any
 * spelling; or it holds nine digits in a row that pass the 11-test ("emp-999990007"). Stricter on
 * the whole than containsBsnLike inside, so that identity providers' UUIDs pass.
 */
export function looksLikeBsn(raw: string): boolean {
  const id = normalised(raw);
  if (/^\d{8,9}$/.test(id.trim().replace(/[ .-]/g, ''))) return true;
  return [...id.matchAll(/(?<!\d)\d{9}(?!\d)/g)].some(([digits]) => passesElevenTest(digits));
}

/**
 * Whether an identifier of hex digits or a UUID (a trace, span or request id) holds nine decimal
 * digits in a row that pass the 11-test, anywhere in a longer run of digits too: such an id would
 * carry a BSN into every log line, record and partner call it is written to. Narrower than
 * containsBsnLike, which flags about one random trace id in seven (any eight digits in a row); this
 * flags about one in 36, and one random span id in 100.
 */
export function holdsElevenTestDigits(id: string): boolean {
  for (const [run] of id.matchAll(DIGIT_RUN_OF_NINE)) {
    for (let start = 0; start + 9 <= run.length; start++) if (passesElevenTest(run.slice(start, start + 9))) return true;
  }
  return false;
}

const DIGIT_RUN_OF_NINE = /\d{9,}/g;

/** What counts as a BSN in text, for the errors that refuse one. */
export const BSN_SPELLINGS = '(nine digits that pass the 11-test, also in groups with spaces, dots, dashes, commas or slashes, or any number of 8 or 9 digits)';

/** What to write instead of a BSN, for the errors that refuse one. */
export const INSTEAD_OF_A_BSN =
  'refer to a person by their place at the address (e.g. "the main occupant", "resident 2") and keep their BSN out of the text; ' +
  'the person can be found from the address';
