/**
 * Executable directives every partner defines stay in the API schema although the gateway's own
 * project subgraph is composed beside them (the compatibility suite's
 * executable-directive-definition-default-arguments, with subgraphs composed at start-up).
 */
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildPartnerSubgraph } from '@doelpoort/subgraph-kit/subgraph';
import { readFileSync } from 'node:fs';
import { composeGateway } from '../../gateway/server/gateway.ts';
import { sharedExecutableDirectives, withoutForeignDirectives } from '../../gateway/project/shared-directives.ts';

const FEDERATION = `extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.1", import: ["@key", "@composeDirective"])
  @link(url: "https://myspecs.dev/access/v1.0", import: ["@access"])
  @composeDirective(name: "@access")`;

/** A subgraph with field `field` and its own definition of @access (its argument with or without a default). */
function accessSubgraph(field: string, scopeDefault: string): string {
  return `${FEDERATION}
directive @access(scope: Scope!${scopeDefault}) on FIELD
enum Scope { PUBLIC PRIVATE }
type Query { ${field}: String }`;
}

const A = accessSubgraph('a', '');
const B = accessSubgraph('b', ' = PUBLIC');
const PROJECT_SDL = buildPartnerSubgraph({ name: 'project', typeDefs: readFileSync(new URL('../../gateway/project/schema.graphql', import.meta.url), 'utf8'), resolvers: {} }).sdl;

describe('sharedExecutableDirectives', () => {
  it('gives the executable directives every partner defines, with the input types of their arguments, as the first partner wrote them', () => {
    expect(sharedExecutableDirectives([A, B], 'type Query { x: Int }')).toBe('directive @access(scope: Scope!) on FIELD\n\nenum Scope {\n  PUBLIC\n  PRIVATE\n}');
    const nested = `directive @mask(rule: Rule) on FIELD | FRAGMENT_SPREAD
input Rule { form: Form! depth: Int }
enum Form { YEAR COUNT }
type Query { a: String }`;
    expect(sharedExecutableDirectives([nested, nested], '').split('\n\n')).toEqual([
      'directive @mask(rule: Rule) on FIELD | FRAGMENT_SPREAD',
      'input Rule {\n  form: Form!\n  depth: Int\n}',
      'enum Form {\n  YEAR\n  COUNT\n}',
    ]);
  });

  it('leaves out a directive one partner lacks, one for the type system, one the own SDL defines, and one whose types it would clash with', () => {
    const onlyA = sharedExecutableDirectives([A, 'type Query { b: String }'], '');
    const typeSystem = 'directive @tag2(name: String!) on FIELD_DEFINITION | FIELD\ntype Query { a: String }';
    const clash = sharedExecutableDirectives([A, B], 'enum Scope { ALL }\ntype Query { x: Int }');
    const own = sharedExecutableDirectives([A, B], 'directive @access(scope: String) on FIELD\ntype Query { x: Int }');
    expect([onlyA, sharedExecutableDirectives([typeSystem, typeSystem], ''), clash, own, sharedExecutableDirectives([], '')]).toEqual(['', '', '', '', '']);
  });
});

describe('the project subgraph beside partners that define @access', () => {
  const partners = [
    { name: 'a', url: 'http://a.test/graphql', sdl: A },
    { name: 'b', url: 'http://b.test/graphql', sdl: B },
  ];
  const QUERY = parse('{ a @access b @access }');

  it('keeps @access in the API schema, with the default one partner gave, so clients can send it', () => {
    const shared = sharedExecutableDirectives(partners.map((p) => p.sdl), PROJECT_SDL);
    const { apiSchemaSdl } = composeGateway([...partners, { name: 'project', url: 'http://project.in-process/graphql', sdl: `${PROJECT_SDL}\n${shared}` }]);
    expect(validate(buildSchema(apiSchemaSdl), QUERY)).toEqual([]);
  });

  it('(without its share, composition drops @access: the reason for it)', () => {
    const { apiSchemaSdl } = composeGateway([...partners, { name: 'project', url: 'http://project.in-process/graphql', sdl: PROJECT_SDL }]);
    expect(validate(buildSchema(apiSchemaSdl), QUERY).map((e) => e.message)).toEqual(['Unknown directive "@access".', 'Unknown directive "@access".']);
  });

  it('reads what it is sent without the directives it does not define, keeping its own', () => {
    const schema = buildSchema('directive @own on FIELD\ntype Query { a: String b: String }');
    const document = withoutForeignDirectives(schema, parse('query Q @access { a @access(scope: PRIVATE) @own b @skip(if: false) ... @access { a } }'));
    expect(validate(schema, document)).toEqual([]);
    expect(JSON.stringify(document)).not.toContain('access');
    expect(document.definitions[0]).toMatchObject({ selectionSet: { selections: [{ directives: [{ name: { value: 'own' } }] }, { directives: [{ name: { value: 'skip' } }] }, { directives: [] }] } });
  });
});
