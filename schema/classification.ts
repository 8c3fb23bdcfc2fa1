/**
 * The classification a partner declares on every field about a person or an address.
 *
 * In a subgraph's SDL:
 *
 *   type Persoon @key(fields: "bsn") {
 *     bsn: ID! @classified(tier: "identifying", purposes: ["uitkeringsfraude"], minimised: "masked-bsn")
 *     toeslagen: [Toeslag!]! @classified(tier: "financial", purposes: ["uitkeringsfraude"], minimised: "band")
 *   }
 *
 * The directive's arguments are strings (not enums) so that a partner's subgraph adds no types to
 * the public schema; `npm run check` validates the values.
 */

// The tiers, the minimised forms and the directive's definition are the kit's: partners and the
// gateway read one definition.
import type { Minimisation, Tier } from '@doelpoort/subgraph-kit';

export { CLASSIFIED_DIRECTIVE_SDL, MINIMISATIONS, TIERS, type Minimisation, type Tier } from '@doelpoort/subgraph-kit';

export interface Classification {
  tier: Tier;
  /** Covenant purposes for which the owner allows the field to be shared. */
  purposes: string[];
  minimised?: Minimisation;
}

/** Types whose every field says something about a person or an address. */
export const SUBJECT_TYPES = { Persoon: 'person', Adres: 'address' } as const;
export type SubjectKind = (typeof SUBJECT_TYPES)[keyof typeof SUBJECT_TYPES];
