/** Free text a person writes into a case. */
import { projectError } from './errors.ts';

export const MIN_TEXT_LENGTH = 20;
const MAX_TEXT_LENGTH = 2000;
const BSN_LIKE = /(?<!\d)\d{8,9}(?!\d)/;

/** Text a person writes into a case: long enough to explain, and about the address, never a BSN. */
export function writtenText(name: string, value: string, what: string): string {
  const text = value.trim();
  if (text.length < MIN_TEXT_LENGTH || text.length > MAX_TEXT_LENGTH) {
    throw projectError('BAD_USER_INPUT', `${name} must say ${what}, in ${MIN_TEXT_LENGTH} to ${MAX_TEXT_LENGTH} characters (it has ${text.length}).`);
  }
  if (BSN_LIKE.test(text)) throw projectError('BAD_USER_INPUT', `${name} must not contain a BSN (or any 8- or 9-digit number); the case is about the address.`);
  return text;
}

