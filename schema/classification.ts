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
 *
 * The tiers, the minimised forms, the directive's definition and the classification itself are
 * the kit's: partners and the gateway read one definition.
 */
export { CLASSIFIED_DIRECTIVE_SDL, MINIMISATIONS, TIERS, type Minimisation, type Tier } from '@doelpoort/subgraph-kit';
export { SUBJECT_TYPES, type Classification, type SubjectKind } from '@doelpoort/subgraph-kit/schema';
