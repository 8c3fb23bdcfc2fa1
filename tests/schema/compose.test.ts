import { describe, expect, it } from 'vitest';
import { assertObjectType, buildSchema } from 'graphql';
import { SchemaCheckError, composeSupergraph, formatProblems } from '../../schema/compose.ts';

const FEDERATION = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
directive @classified(tier: String!, purposes: [String!]!, minimised: String) on FIELD_DEFINITION
`;

const brp = {
  name: 'brp',
  url: 'http://127.0.0.1:4101/graphql',
  sdl: `${FEDERATION}type Query { persoon(bsn: ID!): Persoon }
type Persoon @key(fields: "bsn") {
  bsn: ID! @classified(tier: "identifying", purposes: ["uitkeringsfraude"], minimised: "masked-bsn")
  geboortedatum: String @classified(tier: "identifying", purposes: ["uitkeringsfraude"], minimised: "year")
}`,
};

const uwv = {
  name: 'uwv',
  url: 'http://127.0.0.1:4102/graphql',
  sdl: `${FEDERATION}type Persoon @key(fields: "bsn") {
  bsn: ID! @classified(tier: "identifying", purposes: ["uitkeringsfraude"], minimised: "masked-bsn")
  uitkeringsbedrag: Int @classified(tier: "financial", purposes: ["uitkeringsfraude"], minimised: "band")
}`,
};

describe('composeSupergraph', () => {
  it('composes two subgraphs into a supergraph and an API schema without federation types', () => {
    const result = composeSupergraph([brp, uwv]);
    if (!result.ok) throw new Error(formatProblems(result.problems));

    expect(result.supergraphSdl).toContain('BRP @join__graph(name: "brp", url: "http://127.0.0.1:4101/graphql")');
    expect(result.supergraphSdl).toContain('UWV @join__graph(name: "uwv", url: "http://127.0.0.1:4102/graphql")');
    const api = buildSchema(result.apiSchemaSdl);
    expect(Object.keys(api.getTypeMap()).filter((name) => !name.startsWith('__')).sort()).toEqual(['Boolean', 'ID', 'Int', 'Persoon', 'Query', 'String']);
    expect(api.getDirectives().map((directive) => directive.name).sort()).toEqual(['deprecated', 'include', 'oneOf', 'skip', 'specifiedBy']);
    expect(result.apiSchemaSdl).not.toMatch(/join__|link__|@classified/);
    expect(Object.keys(assertObjectType(api.getType('Persoon')).getFields())).toEqual(['bsn', 'geboortedatum', 'uitkeringsbedrag']);
  });

  it('returns the classifications keyed by subgraph and coordinate', () => {
    const result = composeSupergraph([brp, uwv]);
    if (!result.ok) throw new Error(formatProblems(result.problems));
    expect([...result.classifications]).toEqual([
      ['brp:Persoon.bsn', { tier: 'identifying', purposes: ['uitkeringsfraude'], minimised: 'masked-bsn' }],
      ['brp:Persoon.geboortedatum', { tier: 'identifying', purposes: ['uitkeringsfraude'], minimised: 'year' }],
      ['uwv:Persoon.bsn', { tier: 'identifying', purposes: ['uitkeringsfraude'], minimised: 'masked-bsn' }],
      ['uwv:Persoon.uitkeringsbedrag', { tier: 'financial', purposes: ['uitkeringsfraude'], minimised: 'band' }],
    ]);
  });

  it('reports a non-shareable field resolved by two subgraphs', () => {
    const clash = {
      ...uwv,
      sdl: `${FEDERATION}type Persoon @key(fields: "bsn") {
  bsn: ID! @classified(tier: "identifying", purposes: ["uitkeringsfraude"])
  geboortedatum: String @classified(tier: "identifying", purposes: ["uitkeringsfraude"])
}`,
    };
    expect(composeSupergraph([brp, clash])).toEqual({
      ok: false,
      problems: [
        {
          subgraph: 'composition',
          coordinate: 'Persoon.geboortedatum',
          line: null,
          column: null,
          message:
            'composition (INVALID_FIELD_SHARING): Non-shareable field "Persoon.geboortedatum" is resolved from multiple subgraphs: it is resolved from subgraphs "brp" and "uwv" and defined as non-shareable in all of them. Resolve the field in one subgraph only, or mark it @shareable in every subgraph that resolves it.',
        },
      ],
    });
  });

  it('fails on an unclassified field even when the subgraphs compose', () => {
    const unclassified = { ...uwv, sdl: uwv.sdl.replace(' @classified(tier: "financial", purposes: ["uitkeringsfraude"], minimised: "band")', '') };
    const result = composeSupergraph([brp, unclassified]);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : formatProblems(result.problems)).toBe(
      'uwv: Persoon.uitkeringsbedrag (line 5, column 3) has no @classified directive. Every field about a person or an address must declare its tier, the purposes it may be shared for, and (optionally) its minimised form, e.g. @classified(tier: "identifying", purposes: ["uitkeringsfraude"], minimised: "year").',
    );
  });

  it('checks purposes against the known purposes when given', () => {
    const result = composeSupergraph([brp, uwv], { knownPurposes: ['huisvesting'] });
    expect(result.ok ? [] : result.problems.map(({ subgraph, coordinate, line }) => `${subgraph}:${coordinate}:${line}`)).toEqual([
      'brp:Persoon.bsn:5',
      'brp:Persoon.geboortedatum:6',
      'uwv:Persoon.bsn:4',
      'uwv:Persoon.uitkeringsbedrag:5',
    ]);
  });

  it('reports a subgraph that is not valid on its own with its position, without composing', () => {
    const broken = { ...uwv, sdl: uwv.sdl.replace('uitkeringsbedrag: Int', 'uitkeringsbedrag: Bedrag') };
    expect(composeSupergraph([brp, broken])).toEqual({
      ok: false,
      problems: [{ subgraph: 'uwv', coordinate: '', line: 5, column: 21, message: 'uwv (line 5, column 21): Unknown type Bedrag' }],
    });
  });

  it('reports a missing @classified declaration with the line to add', () => {
    const undeclared = { ...brp, sdl: brp.sdl.replace(/^directive @classified.*\n/m, '') };
    const result = composeSupergraph([undeclared]);
    expect(result.ok ? '' : formatProblems(result.problems)).toBe(
      [
        'brp (line 4, column 12): Unknown directive "@classified". Declare the directive in the subgraph: directive @classified(tier: String!, purposes: [String!]!, minimised: String) on FIELD_DEFINITION',
        'brp (line 5, column 25): Unknown directive "@classified". Declare the directive in the subgraph: directive @classified(tier: String!, purposes: [String!]!, minimised: String) on FIELD_DEFINITION',
      ].join('\n'),
    );
  });

  it('refuses two subgraphs with one name, a badly formed name, and no subgraphs at all', () => {
    expect(composeSupergraph([brp, brp])).toEqual({
      ok: false,
      problems: [{ subgraph: 'brp', coordinate: '', line: null, column: null, message: 'brp: there are two subgraphs named "brp". Give every subgraph its own name.' }],
    });
    expect(composeSupergraph([{ ...brp, name: 'Sociale Dienst' }])).toEqual({
      ok: false,
      problems: [
        {
          subgraph: 'Sociale Dienst',
          coordinate: '',
          line: null,
          column: null,
          message: '"Sociale Dienst": a subgraph name is lower-case letters, digits and dashes, starting with a letter, e.g. "sociale-dienst".',
        },
      ],
    });
    expect(composeSupergraph([])).toEqual({
      ok: false,
      problems: [{ subgraph: 'composition', coordinate: '', line: null, column: null, message: 'composition: there are no subgraphs to compose.' }],
    });
  });

  it('carries the problems in SchemaCheckError', () => {
    const result = composeSupergraph([]);
    if (result.ok) throw new Error('expected a failure');
    const error = new SchemaCheckError(result.problems);
    expect(error.problems).toBe(result.problems);
    expect(error.message).toBe('The subgraph schemas have 1 problem(s):\ncomposition: there are no subgraphs to compose.');
  });
});
