import { describe, expect, it } from 'vitest';
import { buildPartnerSubgraph } from '@doelpoort/subgraph-kit/subgraph';
import { run } from './run.ts';

const TYPE_DEFS = /* GraphQL */ `
  type Persoon @key(fields: "bsn") {
    bsn: ID! @classified(tier: "identifying", purposes: ["hulpverlening"], minimised: "masked-bsn")
    schoenmaat: Int @classified(tier: "low", purposes: ["hulpverlening"])
  }
`;

describe('buildPartnerSubgraph', () => {
  it('adds the federation link and the @classified definition, and serves the SDL it returns', async () => {
    const subgraph = buildPartnerSubgraph({
      name: 'schoenwinkel',
      typeDefs: TYPE_DEFS,
      resolvers: { Persoon: { schoenmaat: () => 43 } },
    });
    expect(subgraph.name).toBe('schoenwinkel');
    expect(subgraph.sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@shareable"])');
    expect(subgraph.sdl).toContain('directive @classified(tier: String!, purposes: [String!]!, minimised: String) on FIELD_DEFINITION');
    expect(subgraph.sdl).toContain('schoenmaat: Int @classified(tier: "low", purposes: ["hulpverlening"])');
    const result = await run(subgraph, '{ _service { sdl } _entities(representations: [{ __typename: "Persoon", bsn: "1" }]) { ... on Persoon { schoenmaat } } }');
    expect(result).toEqual({ data: { _service: { sdl: subgraph.sdl }, _entities: [{ schoenmaat: 43 }] } });
  });

  it('refuses type definitions that declare what the kit adds', () => {
    expect(() =>
      buildPartnerSubgraph({ name: 'x', typeDefs: `extend schema @link(url: "https://specs.apollo.dev/federation/v2.6")\n${TYPE_DEFS}`, resolvers: {} }),
    ).toThrow('x: remove the "extend schema @link(...)" from the type definitions; the kit adds the federation link.');
    expect(() =>
      buildPartnerSubgraph({ name: 'x', typeDefs: `directive @classified(tier: String!) on FIELD_DEFINITION\n${TYPE_DEFS}`, resolvers: {} }),
    ).toThrow('x: remove the @classified directive definition from the type definitions; the kit adds it.');
  });

  it('refuses a name that is not a partner id', () => {
    expect(() => buildPartnerSubgraph({ name: 'Schoen Winkel', typeDefs: TYPE_DEFS, resolvers: {} })).toThrow(
      'Subgraph name "Schoen Winkel" must be lower-case letters, digits and hyphens.',
    );
  });
});
