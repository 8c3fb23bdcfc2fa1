import { getNamedType, getNullableType, isLeafType, isListType, isNonNullType, isObjectType } from 'graphql';
import type { GraphQLField } from 'graphql';
import { describe, expect, it } from 'vitest';
import { composeSupergraph } from '../../schema/compose.ts';
import { SUBGRAPH_FACTORIES, createAllSubgraphs, serveAllSubgraphs } from '../../subgraphs/index.ts';
import { PARTNERS } from '../../subgraphs/world/index.ts';
import { GEEN_ADRES, NIEMAND, fixtureWorld } from './fixture.ts';
import { entities } from './run.ts';

const subgraphs = createAllSubgraphs(fixtureWorld);
const KEYS = { Persoon: 'bsn', Adres: 'adresId' } as const;

/** Every field of the type without arguments; object fields select only __typename. */
function fieldsOf(subgraph: (typeof subgraphs)[number], typename: 'Persoon' | 'Adres'): GraphQLField<unknown, unknown>[] {
  const type = subgraph.schema.getType(typename);
  return isObjectType(type) ? Object.values(type.getFields()).filter((field) => field.args.length === 0) : [];
}

function selectionOf(fields: GraphQLField<unknown, unknown>[]): string {
  return fields.map((field) => (isLeafType(getNamedType(field.type)) ? field.name : `${field.name} { __typename }`)).join(' ');
}

describe('all partner subgraphs', () => {
  it('are built for known partners only, each once', () => {
    const names = subgraphs.map((subgraph) => subgraph.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.every((name) => (PARTNERS as readonly string[]).includes(name))).toBe(true);
    expect(SUBGRAPH_FACTORIES.map(([id]) => id)).toEqual(names);
  });

  it('compose into one supergraph, with every subject field classified', () => {
    const result = composeSupergraph(subgraphs.map(({ name, sdl }) => ({ name, sdl, url: `http://${name}.test/graphql` })));
    expect(result.ok ? [] : result.problems.map((problem) => problem.message)).toEqual([]);
  });

  it('are served each on its own port, recording which subgraph was asked', async () => {
    const asked: string[] = [];
    const served = await serveAllSubgraphs(fixtureWorld, { onRequest: (request) => void asked.push(request.subgraph) });
    try {
      expect(served.subgraphs.map(({ name }) => name)).toEqual(subgraphs.map(({ name }) => name));
      expect(new Set(served.subgraphs.map(({ url }) => url)).size).toBe(subgraphs.length);
      for (const { url } of served.subgraphs) {
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ _service { sdl } }"}' });
        expect(response.status).toBe(200);
      }
      expect(asked).toEqual(subgraphs.map(({ name }) => name));
    } finally {
      await served.close();
    }
  });
});

/** [partner, type, subgraph, fields] for every subject type a subgraph contributes to. */
const CASES = subgraphs.flatMap((subgraph) =>
  (['Persoon', 'Adres'] as const).map((typename) => [subgraph.name, typename, subgraph, fieldsOf(subgraph, typename)] as const).filter(([, , , fields]) => fields.length > 0),
);

describe.each(CASES)('%s %s entities', (_name, typename, subgraph, fields) => {
  it('resolve an unknown key to the key, empty lists and nulls, without errors', async () => {
    const key = typename === 'Persoon' ? NIEMAND : GEEN_ADRES;
    const [entity] = (await entities(subgraph, typename, [key], selectionOf(fields))) as Record<string, unknown>[];
    for (const field of fields) {
      const value = entity?.[field.name];
      if (field.name === KEYS[typename]) expect(value, field.name).toBe(key);
      else if (isListType(getNullableType(field.type))) expect(value, field.name).toEqual([]);
      else if (!isNonNullType(field.type)) expect(value, field.name).toBeNull();
      else expect(value, field.name).toBeDefined();
    }
  });

  it('resolve every fixture record without errors', async () => {
    const keys = typename === 'Persoon' ? fixtureWorld.personen.map((p) => p.bsn) : fixtureWorld.adressen.map((a) => a.adresId);
    const found = (await entities(subgraph, typename, keys, selectionOf(fields))) as Record<string, unknown>[];
    expect(found.map((entity) => entity[KEYS[typename]])).toEqual(keys);
  });
});
