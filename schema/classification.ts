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

/** How intrusive a field is, from least to most. */
export const TIERS = ['low', 'identifying', 'financial', 'special-category', 'criminal-law'] as const;
export type Tier = (typeof TIERS)[number];

/** The minimised forms the gateway can give instead of a value. */
export const MINIMISATIONS = ['masked-bsn', 'year', 'band', 'count', 'exists'] as const;
export type Minimisation = (typeof MINIMISATIONS)[number];

export interface Classification {
  tier: Tier;
  /** Covenant purposes for which the owner allows the field to be shared. */
  purposes: string[];
  minimised?: Minimisation;
}

/** Types whose every field says something about a person or an address. */
export const SUBJECT_TYPES = { Persoon: 'person', Adres: 'address' } as const;
export type SubjectKind = (typeof SUBJECT_TYPES)[keyof typeof SUBJECT_TYPES];

export const CLASSIFIED_DIRECTIVE_SDL = /* GraphQL */ `
"""
Declared by the owning partner on every field about a person or an address.
tier: one of ${TIERS.join(', ')}.
purposes: the covenant purposes for which the owner allows sharing the field.
minimised: the form given below the required indication weight: one of ${MINIMISATIONS.join(', ')}.
"""
directive @classified(tier: String!, purposes: [String!]!, minimised: String) on FIELD_DEFINITION
`;
