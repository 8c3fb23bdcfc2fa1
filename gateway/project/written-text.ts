/** Free text a person writes into a case. */
import { BSN_SPELLINGS, containsBsnLike, INSTEAD_OF_A_BSN } from '../policy/bsn-like.ts';
import { projectError } from './errors.ts';

export const MIN_TEXT_LENGTH = 20;
const MAX_TEXT_LENGTH = 2000;

/** Text a person writes into a case: long enough to explain, and about the address, never a BSN. */
export function writtenText(name: string, value: string, what: string): string {
  const text = value.trim();
  if (text.length < MIN_TEXT_LENGTH || text.length > MAX_TEXT_LENGTH) {
    throw projectError('BAD_USER_INPUT', `${name} must say ${what}, in ${MIN_TEXT_LENGTH} to ${MAX_TEXT_LENGTH} characters (it has ${text.length}).`);
  }
  return withoutBsn(name, text);
}

/** Any text a person writes into a case, however short (a kind of finding too): never a BSN. */
export function withoutBsn(name: string, text: string): string {
  if (containsBsnLike(text)) throw projectError('BAD_USER_INPUT', `${name} must not contain a BSN ${BSN_SPELLINGS}: ${INSTEAD_OF_A_BSN}.`);
  return text;
}

