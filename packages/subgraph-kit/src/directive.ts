/**
 * The `@classified` directive a partner declares on every field about a person or an address:
 *
 *   type Persoon @key(fields: "bsn") {
 *     bsn: ID! @classified(tier: "identifying", purposes: ["uitkeringsfraude"], minimised: "masked-bsn")
 *   }
 *
 * The directive's arguments are strings (not enums) so that a partner's subgraph adds no types to
 * the public schema; `doelpoort-kit check` validates the values. Import it with the federation link
 * and keep it in the supergraph with @composeDirective (see FEDERATION_LINK_SDL), or paste
 * CLASSIFIED_DIRECTIVE_SDL into the schema.
 */

/** How intrusive a field is, from least to most. */
export const TIERS = ['low', 'identifying', 'financial', 'special-category', 'criminal-law'] as const;
export type Tier = (typeof TIERS)[number];

/** The minimised forms the gateway can give instead of a value. */
export const MINIMISATIONS = ['masked-bsn', 'year', 'band', 'count', 'exists'] as const;
export type Minimisation = (typeof MINIMISATIONS)[number];

export const CLASSIFIED_DIRECTIVE_SDL = /* GraphQL */ `
"""
Declared by the owning partner on every field about a person or an address.
tier: one of ${TIERS.join(', ')}.
purposes: the covenant purposes for which the owner allows sharing the field.
minimised: the form given below the required indication weight: one of ${MINIMISATIONS.join(', ')}.
"""
directive @classified(tier: String!, purposes: [String!]!, minimised: String) on FIELD_DEFINITION
`;

/** The identifier of the @classified specification, for a partner's @link (it names, it is not fetched). */
export const CLASSIFIED_SPEC_URL = 'https://doelpoort.eu/classified/v1.0';

/**
 * The schema extension that imports @classified and keeps it in the supergraph, for a partner's
 * SDL that declares it itself (followed by CLASSIFIED_DIRECTIVE_SDL).
 */
export const CLASSIFIED_LINK_SDL = `extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@shareable", "@composeDirective"])
  @link(url: "${CLASSIFIED_SPEC_URL}", import: ["@classified"])
  @composeDirective(name: "@classified")`;

/** The Federation v2 link of the bundled partners (the kit's buildPartnerSubgraph adds it). */
export const FEDERATION_LINK_SDL =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@shareable"])';
