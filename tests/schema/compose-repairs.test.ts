/**
 * The kit's composition where `@theguild/federation-composition` 0.27.0 departs from the Federation
 * spec (issue #13; the subgraphs are the shapes of the federation gateway audit's suites): what the
 * supergraph says, what is still refused, and with which message. The answers through the gateway
 * are in tests/federation/differential.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { composeSupergraph, formatProblems } from '../../schema/compose.ts';
import { interfaceObjectRequires } from '../federation/differential/fixtures/interface-object-requires.ts';
import { requiresAbstractFragments } from '../federation/differential/fixtures/requires-abstract-fragments.ts';
import { unionIntersection } from '../federation/differential/fixtures/union-intersection.ts';
import type { Fixture } from '../federation/differential/fixture.ts';

const sources = (fixture: Fixture) => fixture.subgraphs.map((s) => ({ name: s.name, url: `http://127.0.0.1/${s.name}`, sdl: s.typeDefs }));
/** The line of `field` in the definition of `type` ("interface NodeWithName", "type Entity"). */
const fieldLine = (sdl: string, type: string, field: string) => {
  const lines = sdl.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`${type} `));
  return lines.slice(start).find((line) => line.trimStart().startsWith(`${field}:`))?.trim();
};
const composed = (fixture: Fixture, order: (s: ReturnType<typeof sources>) => ReturnType<typeof sources> = (s) => s) => {
  const result = composeSupergraph(order(sources(fixture)));
  if (!result.ok) throw new Error(formatProblems(result.problems));
  return result;
};

describe('an @interfaceObject field the subgraph holds as @external', () => {
  it('is written external for that subgraph, where the library writes it resolvable everywhere', () => {
    const library = composeServices(interfaceObjectRequires.subgraphs.map((s) => ({ name: s.name, url: 'http://127.0.0.1', typeDefs: parse(s.typeDefs) })));
    expect(fieldLine(library.supergraphSdl ?? '', 'interface NodeWithName', 'name')).toBe('name: String');

    const result = composed(interfaceObjectRequires);
    expect(result.repaired).toEqual(['NodeWithName.name']);
    expect(fieldLine(result.supergraphSdl, 'interface NodeWithName', 'name')).toBe('name: String @join__field(graph: A) @join__field(graph: B, external: true)');
    expect(fieldLine(result.supergraphSdl, 'interface NodeWithName', 'username')).toBe('username: String @join__field(graph: B, requires: "name")');
  });
});

describe('a field one subgraph types by an object and another by a union it is a member of', () => {
  it('is typed by the union, each subgraph keeping its own type, in either order of the subgraphs', () => {
    for (const order of [(s: ReturnType<typeof sources>) => s, (s: ReturnType<typeof sources>) => [...s].reverse()]) {
      const result = composed(unionIntersection, order);
      expect(result.repaired).toEqual(expect.arrayContaining(['Query.book', 'Viewer.book']));
      expect(result.repaired).toHaveLength(2);
      expect(result.supergraphSdl).toContain('book: Media @join__field(graph: A, type: "Book") @join__field(graph: B, type: "Media")');
      expect(result.supergraphSdl).toContain('book: ViewerMedia @join__field(graph: A, type: "Book") @join__field(graph: B, type: "ViewerMedia")');
      expect(result.apiSchemaSdl).toContain('book: Media\n');
      expect(result.apiSchemaSdl).toContain('book: ViewerMedia\n');
    }
  });

  it('is refused when no declaration is a type all the others are subtypes of', () => {
    const [a, b] = sources(unionIntersection);
    // Book (nullable) in a, ViewerMedia! in b: a null from a is out of ViewerMedia!, a Movie from b out of Book.
    const nonNullMedia = { ...b!, sdl: b!.sdl.replace('book: ViewerMedia @shareable }', 'book: ViewerMedia! @shareable }') };
    const result = composeSupergraph([a!, nonNullMedia]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      {
        subgraph: 'composition',
        coordinate: 'Viewer.book',
        line: null,
        column: null,
        message:
          'composition: Viewer.book has type "Book" in subgraph a, "ViewerMedia!" in subgraph b, and none is a type the others are subtypes of (a union they are members of, an interface they implement), so one type cannot serve them all. Give the field the same type in every subgraph, or the union or interface the others\' types belong to in one of them.',
      },
    ]);
  });
});

describe('a @requires with a fragment on an interface inside another interface', () => {
  it('composes, the requirement written as the subgraph wrote it (the library alone refuses it)', () => {
    const library = composeServices(requiresAbstractFragments.subgraphs.map((s) => ({ name: s.name, url: 'http://127.0.0.1', typeDefs: parse(s.typeDefs) })));
    expect(library.errors?.map((e) => e.extensions['code'])).toEqual(['SATISFIABILITY_ERROR', 'SATISFIABILITY_ERROR']);

    const result = composed(requiresAbstractFragments);
    expect(result.repaired).toEqual([]);
    expect(fieldLine(result.supergraphSdl, 'type Entity', 'requirer')).toBe('requirer: String! @join__field(graph: B, requires: "data{foo ...on Bar{bar ...on Baz{baz}...on Qux{qux}}}")');
    expect(fieldLine(result.supergraphSdl, 'type Entity', 'requirer2')).toBe('requirer2: String! @join__field(graph: B, requires: "data{...on Foo{foo}}")');
  });

  it('is still refused when an object the fragment applies to cannot give the required field', () => {
    // In a, Qux does not implement Bar: a Qux's `bar` can be fetched from nowhere.
    const [a, b] = sources(requiresAbstractFragments);
    const quxWithoutBar = { ...a!, sdl: a!.sdl.replace('type Qux implements Foo & Bar @shareable { foo: String! bar: String! qux: String! }', 'type Qux implements Foo @shareable { foo: String! qux: String! }') };
    const result = composeSupergraph([quxWithoutBar, b!]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    // Two for `requirer` (from each root field), two for a Qux's `bar`.
    expect(result.problems.map((p) => p.message.split('\n')[0])).toEqual(Array(4).fill('composition (SATISFIABILITY_ERROR): The following supergraph API query:'));
    const withRequire = result.problems.filter((p) => p.message.includes('cannot satisfy @require conditions on field "Entity.requirer".'));
    expect(withRequire).toHaveLength(2);
    for (const problem of withRequire) {
      expect(problem.message.endsWith('compose the subgraphs elsewhere (e.g. `rover supergraph compose`) and start the gateway with `supergraphFile`.')).toBe(true);
    }
  });
});
