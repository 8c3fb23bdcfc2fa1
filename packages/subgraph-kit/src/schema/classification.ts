/**
 * The classification a partner declares on every field about a person or an address, as the
 * schema check reads it from `@classified` (../directive.ts has the directive and its values).
 */
import type { Minimisation, Tier } from '../directive.ts';

export { MINIMISATIONS, TIERS, type Minimisation, type Tier } from '../directive.ts';

export interface Classification {
  tier: Tier;
  /** Covenant purposes for which the owner allows the field to be shared. */
  purposes: string[];
  minimised?: Minimisation;
}

/** Types whose every field says something about a person or an address. */
export const SUBJECT_TYPES = { Persoon: 'person', Adres: 'address' } as const;
export type SubjectKind = (typeof SUBJECT_TYPES)[keyof typeof SUBJECT_TYPES];
