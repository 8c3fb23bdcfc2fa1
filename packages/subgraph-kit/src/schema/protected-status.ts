/**
 * Words that show a field reveals a protected status of a person: the BRP secrecy flag, care
 * involvement, health, criminal-law data, residence status, the other special categories of AVG
 * art. 9. Knowing only that such a status holds already tells something a caller needs a
 * selection for, so such a field is never of the lowest tier ("low"). `doelpoort-kit check` warns when a
 * field of `Persoon` or `Adres` classified "low" has one of these words at the start of a word of
 * its name (camelCase split: "heeftZorgverwijzing" has the word "zorgverwijzing") or of its
 * description. Extend the list here; each entry names the status for the warning.
 */
export interface ProtectedStatus {
  /** What the field would reveal, in the warning's words. */
  status: string;
  /** Lower-case word beginnings, Dutch and English. */
  terms: readonly string[];
}

export const PROTECTED_STATUSES: readonly ProtectedStatus[] = [
  { status: 'the BRP secrecy flag', terms: ['geheimhouding', 'secrecy'] },
  { status: 'care involvement (a special category: AVG art. 9, Wmo 2015)', terms: ['zorg', 'care', 'hulpverlening', 'wmo', 'ggz', 'schuldhulp', 'jeugdhulp'] },
  { status: 'health (a special category: AVG art. 9)', terms: ['gezondheid', 'medisch', 'ziekte', 'handicap', 'beperking', 'health', 'medical', 'disability'] },
  { status: 'criminal-law data (AVG art. 10)', terms: ['strafrecht', 'veroordeel', 'detentie', 'gedetineerd', 'verdacht', 'arrest', 'criminal', 'conviction', 'detention', 'suspect'] },
  { status: 'residence status (IND)', terms: ['verblijfsstatus', 'vreemdeling', 'asiel', 'asylum', 'immigration'] },
  { status: 'another special category (AVG art. 9)', terms: ['religie', 'geloof', 'etnisch', 'seksue', 'vakbond', 'biometr', 'genetisch', 'religio', 'ethnic', 'sexual', 'union', 'biometric', 'genetic'] },
];

/** The protected status a field's name or description reveals, if any. */
export function revealedStatus(name: string, description: string | undefined, statuses: readonly ProtectedStatus[] = PROTECTED_STATUSES): ProtectedStatus | undefined {
  const words = wordsOf(`${name.replace(/([a-z0-9])([A-Z])/g, '$1 $2')} ${description ?? ''}`);
  return statuses.find((status) => status.terms.some((term) => words.some((word) => word.startsWith(term))));
}

function wordsOf(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => word !== '');
}
