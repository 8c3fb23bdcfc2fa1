/**
 * The response shaping (gateway/executor/shape.ts) walks the fetched tree itself and must answer
 * exactly as graphql-js `execute` does over the same tree: same data, same errors (message,
 * locations, path, extensions), same null propagation. Each row is run both ways; the rows the
 * walk cannot take must be left to graphql-js (and then answer the same, by construction).
 */
import { buildSchema, execute, GraphQLError, Kind, parse, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, test } from 'vitest';
import { partnerError } from '../../gateway/executor/errors.ts';
import { shapeByWalk, shapeResponse, type ShapeInput } from '../../gateway/executor/shape.ts';

const schema = buildSchema(`
  type Query { persoon: Persoon, personen: [Persoon!], verplicht: Persoon!, zoek: [Resultaat], node: Node, telling: Int }
  interface Node { id: ID! }
  type Persoon implements Node { id: ID!, naam: String, leeftijd: Int, status: Status, adres: Adres!, kinderen: [Persoon!]! }
  type Adres implements Node { id: ID!, straat: String! }
  union Resultaat = Persoon | Adres
  enum Status { ACTIEF INACTIEF }
`);

type Obj = Record<string, unknown>;
const denied = () => new GraphQLError('Access to Persoon.naam was denied (doelbinding): not for this purpose.', { extensions: { code: 'FIELD_DENIED', rule: 'doelbinding.owner-purpose' } });
const persoon = (id: string, extra: Obj = {}): Obj => ({ __typename: 'Persoon', id, naam: `naam-${id}`, leeftijd: 40, status: 'ACTIEF', adres: { __typename: 'Adres', id: `a-${id}`, straat: 'Dorpsstraat' }, kinderen: [], ...extra });

function inputFor(query: string, root: Obj, variableValues: Record<string, unknown> = {}): ShapeInput {
  const document: DocumentNode = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  return {
    schema,
    document,
    operation,
    operationName: undefined,
    root: { __typename: 'Query', ...root },
    variableValues,
    collect: { schema, fragments, variables: variableValues, cache: new WeakMap(), subSelectionCache: new WeakMap() },
  };
}

/** What graphql-js answers over the same tree, as JSON (errors as the client sees them). */
function graphqlJsAnswer(input: ShapeInput): unknown {
  return JSON.parse(JSON.stringify(execute({
    schema,
    document: input.document,
    rootValue: input.root,
    variableValues: input.variableValues,
    fieldResolver: (source: Obj, _a, _c, info) => source[info.path.key as string],
    typeResolver: (value: Obj) => value.__typename as string,
  })));
}

const json = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('the walk answers as graphql-js does', () => {
  const rows: { name: string; query: string; root: Obj; expected: unknown }[] = [
    {
      name: 'aliases, __typename, inline and named fragments, @skip and @include',
      query: '{ p: persoon { __typename ...F ... on Persoon { leeftijd } naam @skip(if: true) status @include(if: true) } } fragment F on Persoon { id naam }',
      root: { p: persoon('1') },
      expected: { data: { p: { __typename: 'Persoon', id: '1', naam: 'naam-1', leeftijd: 40, status: 'ACTIEF' } } },
    },
    {
      name: 'a denial in a nullable field: null there, and the error at its path and location',
      query: '{ persoon { id naam } }',
      root: { persoon: persoon('1', { naam: denied() }) },
      expected: {
        errors: [{ message: 'Access to Persoon.naam was denied (doelbinding): not for this purpose.', locations: [{ line: 1, column: 16 }], path: ['persoon', 'naam'], extensions: { code: 'FIELD_DENIED', rule: 'doelbinding.owner-purpose' } }],
        data: { persoon: { id: '1', naam: null } },
      },
    },
    {
      name: "a partner's failure in a non-null field nulls the nearest nullable parent",
      query: '{ persoon { id adres { straat } } }',
      root: { persoon: persoon('1', { adres: partnerError('bag', 'timed out', 'SUBGRAPH_TIMEOUT') }) },
      expected: {
        errors: [{ message: 'bag: timed out', locations: [{ line: 1, column: 16 }], path: ['persoon', 'adres'], extensions: { code: 'SUBGRAPH_TIMEOUT', serviceName: 'bag' } }],
        data: { persoon: null },
      },
    },
    {
      name: 'a null non-null leaf: "Cannot return null", propagated up two levels',
      query: '{ persoon { adres { id straat } } }',
      root: { persoon: persoon('1', { adres: { __typename: 'Adres', id: 'a', straat: null } }) },
      expected: {
        errors: [{ message: 'Cannot return null for non-nullable field Adres.straat.', locations: [{ line: 1, column: 24 }], path: ['persoon', 'adres', 'straat'] }],
        data: { persoon: null },
      },
    },
    {
      name: 'a null item in a list of non-null items nulls the list',
      query: '{ personen { id } }',
      root: { personen: [persoon('1'), null, persoon('3')] },
      expected: {
        errors: [{ message: 'Cannot return null for non-nullable field Query.personen.', locations: [{ line: 1, column: 3 }], path: ['personen', 1] }],
        data: { personen: null },
      },
    },
    {
      name: 'an error item in a list of nullable union items: that item null, the others resolved by __typename',
      query: '{ zoek { __typename ... on Persoon { naam } ... on Adres { straat } } }',
      root: { zoek: [persoon('1'), partnerError('brp', 'refused', 'SUBGRAPH_ERROR'), { __typename: 'Adres', id: 'a', straat: 'Kerkweg' }] },
      expected: {
        errors: [{ message: 'brp: refused', locations: [{ line: 1, column: 3 }], path: ['zoek', 1], extensions: { code: 'SUBGRAPH_ERROR', serviceName: 'brp' } }],
        data: { zoek: [{ __typename: 'Persoon', naam: 'naam-1' }, null, { __typename: 'Adres', straat: 'Kerkweg' }] },
      },
    },
    {
      name: 'a non-null root field that fails: data null',
      query: '{ telling verplicht { id } }',
      root: { telling: 3, verplicht: denied() },
      expected: {
        errors: [{ message: 'Access to Persoon.naam was denied (doelbinding): not for this purpose.', locations: [{ line: 1, column: 11 }], path: ['verplicht'], extensions: { code: 'FIELD_DENIED', rule: 'doelbinding.owner-purpose' } }],
        data: null,
      },
    },
    {
      name: 'an interface field, nested lists, and a located denial kept as it is',
      query: '{ node { id ... on Persoon { kinderen { id naam } } } }',
      root: { node: persoon('1', { kinderen: [persoon('2'), persoon('3', { naam: new GraphQLError('denied here', { path: ['node', 'kinderen', 1, 'naam'], extensions: { code: 'FIELD_DENIED' } }) })] }) },
      expected: {
        errors: [{ message: 'denied here', path: ['node', 'kinderen', 1, 'naam'], extensions: { code: 'FIELD_DENIED' } }],
        data: { node: { id: '1', kinderen: [{ id: '2', naam: 'naam-2' }, { id: '3', naam: null }] } },
      },
    },
  ];

  test.each(rows)('$name', ({ query, root, expected }) => {
    const input = inputFor(query, root);
    const walked = shapeByWalk(input);
    expect(walked).toBeDefined();
    expect(json(walked)).toEqual(expected);
    expect(graphqlJsAnswer(input)).toEqual(expected);
  });
});

describe('a field no partner gave', () => {
  test('is an error at its path, never a null the client would take for the value, both ways', () => {
    // The tree has no `naam` at all: no fetch of the plan asked for it, or the partner left it out.
    const input = inputFor('{ persoon { id naam } }', { persoon: { __typename: 'Persoon', id: '1' } });
    const expected = {
      errors: [{ message: 'Persoon.naam could not be resolved: no partner gave it', locations: [{ line: 1, column: 16 }], path: ['persoon', 'naam'], extensions: { code: 'FIELD_UNRESOLVABLE', coordinate: 'Persoon.naam' } }],
      data: { persoon: { id: '1', naam: null } },
    };
    expect(json(shapeByWalk(input))).toEqual(expected);
    expect(json(shapeResponse({ ...input, schema: buildSchema(`type Query { persoon: Persoon } type Persoon { id: ID! naam: String }`) }))).toEqual(expected);
  });
});

describe('a leaf value that does not fit its type', () => {
  const expected = {
    errors: [
      {
        message: "The partner's value for Persoon.leeftijd is not a valid Int, so it is not shown (the value is left out of this message).",
        locations: [{ line: 1, column: 13 }],
        path: ['persoon', 'leeftijd'],
        extensions: { code: 'PARTNER_VALUE_INVALID', coordinate: 'Persoon.leeftijd' },
      },
      {
        message: "The partner's value for Persoon.status is not a valid Status, so it is not shown (the value is left out of this message).",
        locations: [{ line: 1, column: 22 }],
        path: ['persoon', 'status'],
        extensions: { code: 'PARTNER_VALUE_INVALID', coordinate: 'Persoon.status' },
      },
    ],
    data: { persoon: { leeftijd: null, status: null } },
  };
  // A BSN where a Boolean or an enum was expected must not be quoted back, as the scalar's own message would.
  const root = { persoon: persoon('1', { leeftijd: '9999 90 184', status: '999990184' }) };

  test('is an error naming the field and the type, never the value, in the walk', () => {
    expect(json(shapeByWalk(inputFor('{ persoon { leeftijd status } }', root)))).toEqual(expected);
  });

  test('and where graphql-js shapes the response', () => {
    const input = inputFor('query Q($t: Boolean = true) { persoon { leeftijd status } telling @include(if: $t) }', { ...root, telling: 1 }, { t: true });
    expect(shapeByWalk(input)).toBeUndefined();
    expect(json(shapeResponse(input))).toEqual({
      errors: expected.errors.map((e) => ({ ...e, locations: [{ line: 1, column: e.locations[0]!.column + 28 }] })),
      data: { persoon: { leeftijd: null, status: null }, telling: 1 },
    });
  });
});

describe('what the walk leaves to graphql-js, which then answers', () => {
  const rows: { name: string; query: string; root: Obj; variables?: Record<string, unknown> }[] = [
    { name: 'a __typename that is not a possible type of the union', query: '{ zoek { __typename } }', root: { zoek: [{ __typename: 'Query' }] } },
    { name: 'a list field whose value is not a list', query: '{ personen { id } }', root: { personen: { id: '1' } } },
    { name: 'introspection at the root', query: '{ __type(name: "Status") { enumValues { name } } telling }', root: { telling: 1 } },
    { name: 'variables (graphql-js coerces them)', query: 'query Q($t: Boolean!) { telling @include(if: $t) }', root: { telling: 1 }, variables: { t: 'ja' } },
  ];

  test.each(rows)('$name', ({ query, root, variables }) => {
    const input = inputFor(query, root, variables);
    expect(shapeByWalk(input)).toBeUndefined();
    const answer = json(shapeResponse(input));
    expect(answer).toEqual(graphqlJsAnswer(input));
    expect(answer.errors?.length ?? 0).toBe(query.includes('__type(') ? 0 : 1);
  });

  test('graphql-js answers introspection with the schema, and bad variables with their coercion error', () => {
    expect(json(shapeResponse(inputFor('{ __type(name: "Status") { enumValues { name } } }', {})))).toEqual({ data: { __type: { enumValues: [{ name: 'ACTIEF' }, { name: 'INACTIEF' }] } } });
    expect(json(shapeResponse(inputFor('query Q($t: Boolean!) { telling @include(if: $t) }', { telling: 1 }, { t: 'ja' })))).toEqual({
      errors: [{ message: 'Variable "$t" got invalid value "ja"; Boolean cannot represent a non boolean value: "ja"', locations: [{ line: 1, column: 9 }] }],
    });
  });
});
